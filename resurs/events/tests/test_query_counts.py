"""Queries do not grow with the rows: the events list, the event page with its registrations and waitlist, the
teacher's registrations, the public calendar and event page — each measured at two sizes."""

import pytest
from django.test import Client
from django.urls import reverse

from resurs.catalogs.models import Subject
from resurs.common.testing import count_queries
from resurs.events.models import Registration
from resurs.events.tests.factories import EventFactory, RegistrationFactory, build_events_world
from resurs.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return build_events_world(world)


def queries(client, url):
    with count_queries() as counted:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return counted.count


def grow(w, events, registrations):
    for _ in range(events):
        event = EventFactory(center=w.center, capacity=5)
        event.subjects.add(*Subject.objects.all()[:2])
        Registration.objects.create(event=event, teacher=w.teacher, status="confirmed")
    for i in range(registrations):
        RegistrationFactory(
            event=w.event, teacher=TeacherFactory(organization=w.org), status="confirmed" if i < 10 else "waitlisted"
        )


@pytest.mark.parametrize("actor", ["organizer", "department"])
def test_staff_pages(w, actor):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(getattr(w, actor))
    urls = [reverse("events:event-list"), reverse("events:event-detail", args=[w.event.pk])]
    grow(w, 2, 3)
    [queries(client, u) for u in urls]  # warm the caches
    few = [queries(client, u) for u in urls]
    grow(w, 30, 40)
    assert [queries(client, u) for u in urls] == few


def test_teacher_and_public_pages(w):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(w.teacher_user)
    urls = [
        reverse("events:my-registrations"),
        reverse("portal:event-list"),
        reverse("portal:event-detail", args=[w.event.pk]),
    ]
    grow(w, 2, 3)
    [queries(client, u) for u in urls]
    few = [queries(client, u) for u in urls]
    grow(w, 25, 30)
    assert [queries(client, u) for u in urls] == few
