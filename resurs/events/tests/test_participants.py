"""The participant registry (000 § 6.3.1): every participation (confirmed registration) the user may see, filtered
by center, period, organization, subject, form, format and attendance; counts of unique teachers and organizations;
XLSX export logged as a personal-data export; the same filters in the API; queries do not grow with the rows."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from resurs.audit.models import ActionLog
from resurs.catalogs.models import Subject
from resurs.common.models import Job
from resurs.common.testing import count_queries
from resurs.events import selectors
from resurs.events.filtersets import RegistrationFilterSet
from resurs.events.tests.factories import EventFactory, RegistrationFactory, build_events_world, form, in_days
from resurs.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    w = build_events_world(world)
    w.subject = Subject.objects.filter(is_active=True).first()
    w.seminar = EventFactory(
        center=w.center,
        title="Семинар А",
        starts_at=in_days(-40),
        ends_at=in_days(-40, 17),
        registration_opens_at=None,
        registration_closes_at=None,
        status="held",
    )
    w.seminar.subjects.set([w.subject])
    w.webinar = EventFactory(
        center=w.center,
        title="Вебинар Б",
        starts_at=in_days(-10),
        ends_at=in_days(-10, 17),
        registration_opens_at=None,
        registration_closes_at=None,
        status="held",
        format="online",
        online_url="https://meet.example.ru/b",
        venue=None,
        form=form("Заседание"),
    )
    w.t3 = TeacherFactory(organization=w.org2)
    RegistrationFactory(event=w.seminar, teacher=w.teacher, attendance="present")
    RegistrationFactory(event=w.seminar, teacher=w.teacher2, attendance="absent")
    RegistrationFactory(event=w.seminar, teacher=w.t3, attendance="present")
    RegistrationFactory(event=w.webinar, teacher=w.teacher, attendance="present")
    RegistrationFactory(event=w.webinar, teacher=w.teacher2, status="cancelled")
    RegistrationFactory(event=w.webinar, teacher=w.t3, status="waitlisted")
    RegistrationFactory(event=w.far_event, teacher=w.other_teacher)
    return w


def filtered(w, user, **params):
    qs = selectors.participations()
    from resurs.common.scoping import restrict

    fs = RegistrationFilterSet(
        {k: str(v) for k, v in params.items()}, queryset=restrict(qs, user, "events.registration:view"), user=user
    )
    assert fs.is_valid(), fs.errors
    return fs.qs


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, {"participations": 4, "teachers": 3, "organizations": 2}),
        ({"attendance": "present"}, {"participations": 3, "teachers": 2, "organizations": 2}),
        ({"attendance": "absent"}, {"participations": 1, "teachers": 1, "organizations": 1}),
        ({"attendance": "none"}, {"participations": 0, "teachers": 0, "organizations": 0}),
        ({"event_format": "online"}, {"participations": 1, "teachers": 1, "organizations": 1}),
        ({"form": "webinar_form"}, {"participations": 1, "teachers": 1, "organizations": 1}),
        ({"subject": "subject"}, {"participations": 3, "teachers": 3, "organizations": 2}),
        ({"organization": "org2"}, {"participations": 1, "teachers": 1, "organizations": 1}),
        ({"date_from": -20}, {"participations": 1, "teachers": 1, "organizations": 1}),
        ({"date_to": -20}, {"participations": 3, "teachers": 3, "organizations": 2}),
        ({"center": "center"}, {"participations": 4, "teachers": 3, "organizations": 2}),
    ],
)
def test_registry_filters_and_counts(w, params, expected):
    values = {}
    for key, value in params.items():
        if key == "form":
            value = w.webinar.form_id
        elif key in ("subject", "organization", "center"):
            value = getattr(w, value).pk
        elif key.startswith("date_"):
            value = in_days(value).date().isoformat()
        values[key] = value
    assert selectors.participation_counts(filtered(w, w.methodist, **values)) == expected


def test_registry_scope(w):
    assert selectors.participation_counts(filtered(w, w.sibling_organizer))["participations"] == 0
    assert selectors.participation_counts(filtered(w, w.org_admin)) == {
        "participations": 3,
        "teachers": 2,
        "organizations": 1,
    }
    assert selectors.participation_counts(filtered(w, w.teacher_user)) == {
        "participations": 2,
        "teachers": 1,
        "organizations": 1,
    }


def test_registry_page_and_export_logged(client, w, django_capture_on_commit_callbacks):
    client.force_login(w.methodist)
    url = reverse("events:participants")
    html = client.get(url, {"attendance": "present"}).content.decode()
    assert 'data-count="participations">3<' in html and 'data-count="teachers">2<' in html
    assert 'data-count="organizations">2<' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url, {"attendance": "present", "_export": "xlsx"})
    assert response.status_code == 302
    log = ActionLog.objects.get(code="events.registration.exported")
    assert (log.actor, log.data) == (
        w.methodist,
        {"export": "events.participants", "filter": {"attendance": "present"}},
    )
    job = Job.objects.get(user=w.methodist)
    assert job.status == "done", job.error
    sheet = load_workbook(io.BytesIO(job.result_file.read())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Surname", "First name", "Patronymic", "Organization")
    assert sorted((r[0], r[5], r[10]) for r in rows[1:]) == sorted(
        [
            (w.teacher.surname, "Семинар А", "present"),
            (w.t3.surname, "Семинар А", "present"),
            (w.teacher.surname, "Вебинар Б", "present"),
        ]
    )


def test_registry_queries_do_not_grow(client, w):
    client.force_login(w.methodist)
    url = reverse("events:participants")
    client.get(url)  # warm the session and the caches
    with count_queries() as few:
        client.get(url)
    for _ in range(10):
        RegistrationFactory(event=w.seminar, teacher=TeacherFactory(organization=w.org2))
    with count_queries() as many:
        client.get(url)
    assert many.count == few.count, [q["sql"][:150] for q in many.captured_queries]


def test_registry_filters_in_the_api(w):
    client = APIClient()
    client.force_authenticate(w.methodist)
    data = client.get("/api/v1/event-registrations/", {"attendance": "present", "event_format": "in_person"}).data
    rows = data["results"] if isinstance(data, dict) else data
    assert sorted(r["teacher"] for r in rows) == sorted([w.teacher.pk, w.t3.pk])
    assert client.get("/api/v1/event-registrations/", {"attendance": "late"}).status_code == 400
