"""Every figure of the association analysis (001 appendix 2) against values computed by hand for a fixed year."""

import datetime

import pytest
from django.urls import reverse

from resurs.people.tests.factories import TeacherFactory

from .. import selectors
from ..models import Course, ExperienceSharing, Route
from .factories import build_world, procedure, result

D = datetime.date


@pytest.fixture
def w(world):
    w = build_world(world)
    # Four members of the association; T5 is outside it (its records never count).
    w.t1, w.t2, w.t3, w.t4 = w.teacher, TeacherFactory(organization=w.org), TeacherFactory(organization=w.org2), None
    w.t4 = TeacherFactory(organization=w.org)
    w.t5 = TeacherFactory(organization=w.org)
    w.association.members.add(w.t2, w.t3, w.t4)

    def course(teacher, direction, fmt, ends, program="Программа"):
        Course.objects.create(
            teacher=teacher,
            provider="ИРО",
            program=f"{program} {direction} {fmt} {ends}",
            hours=36,
            starts_on=ends - datetime.timedelta(days=10),
            ends_on=ends,
            study_form=fmt,
            direction=direction,
        )

    course(w.t1, "ФГОС", "in_person", D(2025, 10, 1))
    course(w.t1, "ФГОС", "distance", D(2026, 3, 1))  # the same direction again: T1 counted once
    course(w.t2, "ИКТ", "distance", D(2025, 9, 1))  # the first day of the year
    course(w.t3, "ФГОС", "in_person", D(2026, 8, 31))  # the last day of the year
    course(w.t4, "ИКТ", "distance", D(2025, 8, 31))  # the year before: not counted
    course(w.t5, "ФГОС", "distance", D(2025, 12, 1))  # not a member

    def shared(teacher, venue, day):
        ExperienceSharing.objects.create(teacher=teacher, venue=venue, held_on=day, topic="Опыт")

    shared(w.t1, "school_association", D(2025, 11, 1))
    shared(w.t1, "city_association", D(2026, 2, 1))
    shared(w.t2, "pedagogical_council", D(2026, 1, 15))
    shared(w.t3, "school_association", D(2026, 4, 1))
    shared(w.t4, "city_association", D(2026, 9, 1))  # the next year: T4 did not present in this one
    shared(w.t5, "city_association", D(2026, 1, 1))

    federal = procedure(w.mun, level="federal", held_on=D(2025, 10, 20), title="ФИОКО")
    regional = procedure(w.mun, level="regional", held_on=D(2026, 2, 10), title="ИРО")
    municipal = procedure(w.mun, level="municipal", held_on=D(2026, 5, 5), title="Муниципальная")
    result(federal, w.t2, "П1", 3)  # a deficit
    result(federal, w.t2, "П2", 9)
    result(federal, w.t3, "П1", 7)
    result(regional, w.t2, "М1", 8)
    result(municipal, w.t1, "М1", 2)  # a deficit
    result(federal, w.t5, "П1", 1)  # not a member

    def route(teacher, basis, status="draft"):
        Route.objects.create(
            teacher=teacher, period_start=D(2025, 9, 1), period_end=D(2026, 6, 30), basis=basis, status=status
        )

    route(w.t1, "cnppm")
    route(w.t2, "organization", "completed")
    route(w.t3, "organization", "closed")  # closed: not a route "developed and implemented"
    route(w.t5, "cnppm")
    return w


EXPECTED = {
    "year": 2025,
    "period": (D(2025, 9, 1), D(2026, 8, 31)),
    "members": 4,
    # Directions: ФГОС — T1, T3 (2 of 4 = 50 %); ИКТ — T2 (25 %).
    "course_directions": [
        {"direction": "ФГОС", "teachers": 2, "share": 50.0},
        {"direction": "ИКТ", "teachers": 1, "share": 25.0},
    ],
    # Formats count courses: in person — T1 (Oct), T3; distance — T1 (Mar), T2.
    "course_formats": {"in_person": 2, "distance": 2},
    "sharing": {
        "school_association": {"teachers": 2, "share": 50.0},  # T1, T3
        "pedagogical_council": {"teachers": 1, "share": 25.0},  # T2
        "city_association": {"teachers": 1, "share": 25.0},  # T1
        "none": {"teachers": 1, "share": 25.0},  # T4
    },
    "diagnostics": {"federal": 2, "regional": 1, "municipal": 1, "school": 0},  # T2, T3 | T2 | T1
    "routes": {"cnppm": 1, "organization": 1},  # T1 | T2 (T3's closed)
    "deficits_analysed": True,
    "deficit_teachers": 2,  # T2 (П1), T1 (М1)
}


def test_every_figure_matches_the_hand_count(w):
    members = w.association.members.values_list("pk", flat=True)
    assert selectors.appendix2(members, 2025) == EXPECTED


def test_an_empty_year_is_all_zeros(w):
    members = w.association.members.values_list("pk", flat=True)
    figures = selectors.appendix2(members, 2030)
    assert figures["course_directions"] == []
    assert figures["sharing"]["none"] == {"teachers": 4, "share": 100.0}
    assert (figures["deficits_analysed"], figures["deficit_teachers"]) == (False, 0)


def test_the_api_and_the_page_show_the_same_figures(w, client, russian):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(w.methodist)
    answer = api.get("/api/v1/development-analysis/", {"association": w.association.pk, "year": 2025})
    assert answer.status_code == 200
    data = answer.json()
    assert data["sharing"] == EXPECTED["sharing"]
    assert data["course_directions"] == EXPECTED["course_directions"]
    assert data["diagnostics"] == EXPECTED["diagnostics"]
    assert data["period"] == ["2025-09-01", "2026-08-31"]
    api.force_authenticate(w.far_methodist)
    assert api.get("/api/v1/development-analysis/", {"association": w.association.pk}).status_code == 404
    api.force_authenticate(w.teacher_user)
    assert api.get("/api/v1/development-analysis/", {"association": w.association.pk}).status_code == 403
    client.force_login(w.methodist)
    page = client.get(reverse("development:analysis"), {"association": w.association.pk, "year": 2025})
    assert page.status_code == 200
    text = page.content.decode()
    for figure in ("ФГОС", "50,0", "25,0"):
        assert figure in text
