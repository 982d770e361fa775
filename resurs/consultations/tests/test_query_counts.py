"""Queries do not grow with the rows: the consultations list, a request's page, "My consultations" and the counts
page — each measured at two sizes."""

import pytest
from django.test import Client
from django.urls import reverse

from resurs.common.testing import count_queries
from resurs.consultations.tests.factories import ConsultationFactory, build_consultations_world
from resurs.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return build_consultations_world(world)


def queries(client, url):
    with count_queries() as counted:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return counted.count


def grow(w, n):
    for i in range(n):
        teacher = w.teacher if i % 2 else TeacherFactory(organization=w.org)
        ConsultationFactory(
            center=w.center, teacher=teacher, asked_by=w.teacher_user, methodist=w.methodist, status="assigned"
        )


@pytest.mark.parametrize("actor", ["head", "department", "teacher_user"])
def test_pages(w, actor):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(getattr(w, actor))
    urls = [reverse("consultations:consultation-list"), reverse("consultations:my-consultations")]
    if actor != "teacher_user":
        urls.append(reverse("consultations:consultation-stats"))
    urls.append(reverse("consultations:consultation-detail", args=[w.assigned.pk]))
    grow(w, 2)
    [queries(client, u) for u in urls]  # warm the caches
    few = [queries(client, u) for u in urls]
    grow(w, 30)
    assert [queries(client, u) for u in urls] == few
