"""Attendance (001 § 3.1): bulk marking of confirmed registrations, QR check-in by code (twice is harmless), the
attendance callbacks of upper apps inside the transaction, the roll sheet PDF read back, the QR code in the letter,
attendance of an association's meetings per organization and date (001 appendix 2), and the same through the API."""

import io

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from resurs.audit.models import ActionLog
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.tests.matrix import db_state
from resurs.events import selectors, services
from resurs.events.models import Event, Registration
from resurs.events.tests.factories import EventFactory, RegistrationFactory, build_events_world, form, in_days
from resurs.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db
A = Registration.Attendance


@pytest.fixture
def w(world):
    w = build_events_world(world)
    w.held = EventFactory(
        center=w.center,
        title="Семинар «Смысловое чтение»",
        starts_at=in_days(-1),
        ends_at=in_days(-1, hour=17),
        registration_opens_at=None,
        registration_closes_at=None,
        status=Event.Status.CLOSED,
    )
    w.r1 = RegistrationFactory(event=w.held, teacher=w.teacher)
    w.r2 = RegistrationFactory(event=w.held, teacher=w.teacher2)
    w.waiting = RegistrationFactory(event=w.held, teacher=TeacherFactory(organization=w.org2), status="waitlisted")
    return w


def refused(expected, call, **kwargs):
    before = db_state()
    with pytest.raises(ServiceError) as info:
        call(**kwargs)
    assert info.value.code == expected, info.value.code
    assert db_state() == before
    return info.value


@pytest.fixture
def calls():
    seen = []

    def callback(*, registrations):
        assert transaction.get_connection().in_atomic_block
        seen.append(sorted(r.pk for r in registrations))

    services.on_attendance(callback)
    services.on_attendance(callback)  # registered once
    yield seen
    services._attendance_callbacks.remove(callback)


def test_bulk_marking_marks_and_calls_back_for_the_present(w, calls):
    changed = services.mark_attendance(
        actor=w.organizer, event=w.held, marks={w.r1.pk: "present", str(w.r2.pk): "excused"}
    )
    assert sorted(r.pk for r in changed) == [w.r1.pk, w.r2.pk]
    r1, r2 = Registration.objects.get(pk=w.r1.pk), Registration.objects.get(pk=w.r2.pk)
    assert (r1.attendance, r1.attendance_marked_by, r1.checked_in_at, r1.version) == ("present", w.organizer, None, 2)
    assert (r2.attendance, r2.attendance_marked_by) == ("excused", w.organizer)
    assert calls == [[w.r1.pk]]
    assert ActionLog.objects.filter(code="events.registration.attendance", actor=w.organizer).count() == 2
    # the same marks again change nothing and call nobody
    assert services.mark_attendance(actor=w.methodist, event=w.held, marks={w.r1.pk: "present"}) == []
    assert calls == [[w.r1.pk]]
    # present → absent → present calls back again
    services.mark_attendance(actor=w.methodist, event=w.held, marks={w.r1.pk: "absent", w.r2.pk: "present"})
    assert calls == [[w.r1.pk], [w.r2.pk]]
    services.mark_attendance(actor=w.methodist, event=w.held, marks={w.r1.pk: ""})
    assert Registration.objects.get(pk=w.r1.pk).attendance == ""


def test_bulk_marking_refusals_change_nothing(w, calls):
    mark = services.mark_attendance
    refused("no_marks", mark, actor=w.organizer, event=w.held, marks={})
    refused("attendance_value", mark, actor=w.organizer, event=w.held, marks={w.r1.pk: "late"})
    refused("not_of_event", mark, actor=w.organizer, event=w.held, marks={w.r1.pk: "present", 999999: "present"})
    other = RegistrationFactory(event=w.event, teacher=TeacherFactory(organization=w.org))
    refused("not_of_event", mark, actor=w.organizer, event=w.held, marks={other.pk: "present"})
    error = refused(
        "not_confirmed", mark, actor=w.organizer, event=w.held, marks={w.r1.pk: "present", w.waiting.pk: "present"}
    )
    assert w.waiting.teacher.full_name in error.message
    refused("not_started", mark, actor=w.organizer, event=w.event, marks={other.pk: "present"})
    w.draft.starts_at = in_days(-1)
    w.draft.save()
    refused("event_draft", mark, actor=w.organizer, event=w.draft, marks={w.r1.pk: "present"})
    Event.objects.filter(pk=w.held.pk).update(status="cancelled")
    refused("event_cancelled", mark, actor=w.organizer, event=w.held, marks={w.r1.pk: "present"})
    Event.objects.filter(pk=w.held.pk).update(status="held")
    for actor in (w.sibling_organizer, w.reporter, w.department, w.org_admin, w.teacher_user):
        refused("permission_denied", mark, actor=actor, event=w.held, marks={w.r1.pk: "present"})
    assert calls == []


def test_check_in_by_code_twice_is_harmless(w, calls):
    registration, first = services.check_in(actor=w.organizer, event=w.held, code=f" {w.r1.code.lower()} ")
    assert (registration.pk, first) == (w.r1.pk, True)
    stored = Registration.objects.get(pk=w.r1.pk)
    assert (stored.attendance, stored.attendance_marked_by) == ("present", w.organizer)
    assert stored.checked_in_at is not None
    assert calls == [[w.r1.pk]]
    before = db_state()
    registration, first = services.check_in(actor=w.methodist, event=w.held, code=w.r1.code)
    assert (registration.pk, first, registration.checked_in_at) == (w.r1.pk, False, stored.checked_in_at)
    assert db_state() == before
    assert calls == [[w.r1.pk]]
    assert ActionLog.objects.filter(code="events.registration.checked_in").count() == 1


def test_check_in_refusals(w, calls):
    check = services.check_in
    refused("code_required", check, actor=w.organizer, event=w.held, code=" - ")
    refused("code_unknown", check, actor=w.organizer, event=w.held, code="ZZZZZZZZ")
    other = RegistrationFactory(event=w.event, teacher=TeacherFactory(organization=w.org))
    refused("code_unknown", check, actor=w.organizer, event=w.held, code=other.code)  # another event's code
    refused("not_confirmed", check, actor=w.organizer, event=w.held, code=w.waiting.code)
    refused("check_in_not_open", check, actor=w.organizer, event=w.event, code=other.code)
    refused("permission_denied", check, actor=w.sibling_organizer, event=w.held, code=w.r1.code)
    refused("permission_denied", check, actor=w.teacher_user, event=w.held, code=w.r1.code)
    with pytest.raises(PermissionDeniedError):
        check(actor=w.org_admin, event=w.held, code=w.r1.code)
    assert calls == []


def test_confirmation_letter_carries_the_qr_code(w, django_capture_on_commit_callbacks):
    teacher = TeacherFactory(organization=w.org, email="new@school.ru")
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(actor=w.organizer, event=w.event, teacher=teacher, source="center")
    letter = mail.outbox[-1]
    names = [a[0] for a in letter.attachments]
    assert names == ["event.ics", f"check-in-{registration.code}.png"]
    png = letter.attachments[1][1]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert registration.code in letter.body


def test_roll_sheet_pdf_lists_the_confirmed(client, w):
    services.mark_attendance(actor=w.organizer, event=w.held, marks={w.r1.pk: "present"})
    client.force_login(w.organizer)
    response = client.get(reverse("events:roll-sheet", args=[w.held.pk]))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Roll sheet" in text
    assert "Смысловое чтение" in text
    for r in (w.r1, w.r2):
        assert r.teacher.surname in text
        assert r.code in text
    assert w.waiting.teacher.surname not in text
    assert "Total registered: 2" in text


def test_attendance_page_marks_in_bulk(client, w):
    client.force_login(w.methodist)
    url = reverse("events:attendance", args=[w.held.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'name="mark-{w.r1.pk}"' in html and f'name="mark-{w.waiting.pk}"' not in html
    response = client.post(url, {f"mark-{w.r1.pk}": "present", f"mark-{w.r2.pk}": "absent"})
    assert response.status_code == 302
    assert dict(Registration.objects.filter(event=w.held).values_list("pk", "attendance")) == {
        w.r1.pk: "present",
        w.r2.pk: "absent",
        w.waiting.pk: "",
    }
    before = db_state()
    response = client.post(url, {f"mark-{w.r1.pk}": "late"})
    assert response.status_code == 400
    assert 'data-error-code="attendance_value"' in response.content.decode()
    assert db_state() == before


def test_check_in_page_says_when_already_checked_in(client, w):
    client.force_login(w.organizer)
    url = reverse("events:check-in", args=[w.held.pk])
    assert "BarcodeDetector" in client.get(url).content.decode()
    response = client.post(url, {"code": w.r1.code}, follow=True)
    assert f"Checked in: {w.teacher.full_name}." in response.content.decode()
    response = client.post(url, {"code": w.r1.code}, follow=True)
    assert f"{w.teacher.full_name} is already checked in (" in response.content.decode()
    assert "nothing changed." in response.content.decode()
    before = db_state()
    response = client.post(url, {"code": "NOPE2345"})
    assert response.status_code == 400
    assert 'data-error-code="code_unknown"' in response.content.decode()
    assert db_state() == before


def test_association_attendance_per_organization_and_date(client, w):
    meetings = []
    for days in (-60, -30):
        meeting = EventFactory(
            center=w.center,
            association=w.association,
            form=form("Заседание"),
            starts_at=in_days(days),
            ends_at=in_days(days, hour=17),
            registration_opens_at=None,
            registration_closes_at=None,
            status=Event.Status.HELD,
        )
        meetings.append(meeting)
    t3 = TeacherFactory(organization=w.org2)
    RegistrationFactory(event=meetings[0], teacher=w.teacher, attendance="present")
    RegistrationFactory(event=meetings[0], teacher=w.teacher2, attendance="present")
    RegistrationFactory(event=meetings[0], teacher=t3, attendance="absent")
    RegistrationFactory(event=meetings[1], teacher=t3, attendance="present")
    RegistrationFactory(event=meetings[1], teacher=w.teacher, attendance="excused")
    EventFactory(center=w.center, association=w.association, status=Event.Status.CANCELLED, starts_at=in_days(-10))
    found, rows, totals = selectors.association_attendance(w.association)
    assert [m.pk for m in found] == [meetings[0].pk, meetings[1].pk, w.meeting.pk]
    assert {o.pk: (counts, total) for o, counts, total in rows} == {w.org.pk: ([2, 0, 0], 2), w.org2.pk: ([0, 1, 0], 1)}
    assert totals == [2, 1, 0]
    client.force_login(w.methodist)
    start = meetings[0].starts_at
    year = start.year if start.month >= 9 else start.year - 1
    response = client.get(reverse("events:association-attendance", args=[w.association.pk]), {"year": year})
    assert response.status_code == 200
    assert f'data-organization="{w.org.pk}"' in response.content.decode()


def test_attendance_and_check_in_through_the_api(w, calls):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(w.organizer)
    url = f"/api/v1/events/{w.held.pk}/"
    response = client.post(
        url + "attendance/",
        {
            "marks": [
                {"registration": w.r1.pk, "attendance": "absent"},
                {"registration": w.r2.pk, "attendance": "present"},
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.data
    assert sorted((r["id"], r["attendance"]) for r in response.data) == [(w.r1.pk, "absent"), (w.r2.pk, "present")]
    response = client.post(url + "check-in/", {"code": w.r1.code}, format="json")
    assert (response.status_code, response.data["already"], response.data["registration"]["attendance"]) == (
        200,
        False,
        "present",
    )
    response = client.post(url + "check-in/", {"code": w.r1.code}, format="json")
    assert (response.status_code, response.data["already"]) == (200, True)
    assert calls == [[w.r2.pk], [w.r1.pk]]
    for method_url, data, status, code in (
        (url + "check-in/", {"code": "ZZZZ2222"}, 400, "code_unknown"),
        (url + "attendance/", {"marks": [{"registration": w.r1.pk, "attendance": "late"}]}, 400, "attendance_value"),
        (url + "attendance/", {"marks": []}, 400, "no_marks"),
    ):
        before = db_state()
        response = client.post(method_url, data, format="json")
        assert (response.status_code, response.data["code"]) == (status, code)
        assert db_state() == before
    for actor, status in ((w.sibling_organizer, 404), (w.reporter, 403), (w.department, 403), (w.teacher_user, 403)):
        other = APIClient()
        other.force_authenticate(actor)
        before = db_state()
        assert other.post(url + "check-in/", {"code": w.r2.code}, format="json").status_code == status
        assert db_state() == before
    assert APIClient().post(url + "check-in/", {"code": w.r2.code}, format="json").status_code == 401
