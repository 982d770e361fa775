"""Queries do not grow with the rows: every development list page and API list, the route page (steps and
proposals), the cabinet and the analysis, measured with a few records and with many more."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from resurs.common.testing import count_queries
from resurs.people.tests.factories import TeacherFactory

from .. import services
from ..models import Course, ExperienceSharing, MentoringPair
from .factories import build_records, build_world, event, result

TODAY = timezone.localdate()

PAGES = [
    "/development/",
    "/development/diagnostics/",
    "/development/results/",
    "/development/routes/",
    "/development/courses/",
    "/development/experience/",
    "/development/mentoring/",
    "/development/mentoring/young/",
    "/development/attestation/",
    "/development/attestation/due/",
]
APIS = [
    "/api/v1/development-procedures/",
    "/api/v1/development-results/",
    "/api/v1/development-routes/",
    "/api/v1/development-steps/",
    "/api/v1/development-courses/",
    "/api/v1/development-experience/",
    "/api/v1/development-mentoring/",
    "/api/v1/development-attestations/",
]


@pytest.fixture
def w(world):
    w = build_records(build_world(world))
    event(w.center, ["М2"], days=3)  # the route page draws its proposals from the start
    return w


def grow(w, n):
    """n more of everything around the world's teacher (in the association, so the methodist sees them too)."""
    for i in range(n):
        teacher = TeacherFactory(organization=w.org, is_young_specialist=True)
        w.association.members.add(teacher)
        result(w.diagnostic, teacher, "М2", 2)
        route = services.create_route(
            actor=w.methodist,
            teacher=teacher,
            period_start=TODAY,
            period_end=TODAY + datetime.timedelta(days=90),
            center=w.center,
        )
        services.save_step(
            actor=w.methodist, route=route, version=None, kind="self_education", title=f"Шаг {i}", deadline=TODAY
        )
        common = {"provider": "ИРО", "hours": 36, "study_form": "distance", "direction": f"Направление {i}"}
        Course.objects.create(teacher=teacher, program=f"Программа {i}", starts_on=TODAY, ends_on=TODAY, **common)
        ExperienceSharing.objects.create(teacher=teacher, venue="city_association", held_on=TODAY, topic=f"Тема {i}")
        MentoringPair.objects.create(mentor=w.teacher2, mentee=teacher, starts_on=TODAY)
    route = w.route
    for i in range(n):
        services.save_step(
            actor=w.teacher_user, route=route, version=None, kind="open_lesson", title=f"Урок {i}", deadline=TODAY
        )
        event(w.center, ["М2", "Ц1"], days=5 + i)


def measure(w, actor, urls, api=False):
    actor = type(actor).objects.get(pk=actor.pk)  # no grants cached from an earlier pass
    client = APIClient() if api else Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(actor) if not api else client.force_authenticate(actor)
    counts = {}
    for url in urls:
        with count_queries() as counted:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[url] = counted.count
    return counts


@pytest.mark.parametrize("actor", ["methodist", "department", "teacher_user"])
def test_pages_and_apis_do_not_grow(w, actor):
    user = getattr(w, actor)
    extra = [f"/development/routes/{w.route.pk}/"]
    analysis = f"/development/analysis/?association={w.association.pk}&year={TODAY.year}"
    pages = [p for p in PAGES if actor != "teacher_user" or p in ("/development/", "/development/results/")]
    if actor == "teacher_user":
        pages += ["/development/routes/", "/development/courses/", "/development/attestation/"]
    elif actor == "methodist":
        extra.append(analysis)
        pages = [p for p in pages if "attestation" not in p] + ["/development/mentoring/young/"]
    apis = APIS if actor != "teacher_user" else [a for a in APIS if "procedures" not in a]
    if actor == "methodist":
        apis = [a for a in apis if "attestations" not in a]
    before = measure(w, user, pages + extra) | measure(w, user, apis, api=True)
    grow(w, 6)
    after = measure(w, user, pages + extra) | measure(w, user, apis, api=True)
    assert after == before
