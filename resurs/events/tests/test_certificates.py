"""Certificates (SPEC §6): issued in bulk to attendees marked present and to speakers of a held event, each with a
unique number and a QR code opening the public verification page (valid / revoked / not found); re-issued on request
(the old number revoked, a new one issued); revocable; the teacher sees and downloads their own. Feedback: the short
survey only for attendees, once; results per event and per center. Pages, API, refusals change nothing."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from resurs.audit.models import ActionLog
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.tests.matrix import db_state
from resurs.events import selectors, services
from resurs.events.models import Certificate, Event, Feedback, Registration, Speaker
from resurs.events.tests.factories import EventFactory, RegistrationFactory, build_events_world, in_days
from resurs.people.tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    w = build_events_world(world)
    w.held = EventFactory(
        center=w.center,
        title="Семинар «Смысловое чтение»",
        starts_at=in_days(-2),
        ends_at=in_days(-2, hour=17),
        registration_opens_at=None,
        registration_closes_at=None,
        status=Event.Status.HELD,
    )
    w.r1 = RegistrationFactory(event=w.held, teacher=w.teacher, attendance="present")
    w.r2 = RegistrationFactory(event=w.held, teacher=w.teacher2, attendance="present")
    w.absent = RegistrationFactory(event=w.held, teacher=TeacherFactory(organization=w.org2), attendance="absent")
    w.guest = Speaker.objects.create(
        event=w.held, full_name="Петрова Анна Сергеевна", organization_name="ИРО", topic="Стратегии чтения"
    )
    return w


def refused(expected, call, **kwargs):
    before = db_state()
    with pytest.raises(ServiceError) as info:
        call(**kwargs)
    assert info.value.code == expected, info.value.code
    assert db_state() == before
    return info.value


def pdf_text(content):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_issue_in_bulk_to_attendees_and_speakers(w):
    issued = services.issue_certificates(actor=w.organizer, event=w.held)
    assert sorted((c.role, c.full_name) for c in issued) == sorted(
        [
            ("participant", w.teacher.full_name),
            ("participant", w.teacher2.full_name),
            ("speaker", "Петрова Анна Сергеевна"),
        ]
    )
    numbers = {c.number for c in issued}
    assert len(numbers) == 3
    guest = Certificate.objects.get(speaker=w.guest)
    assert (guest.organization_name, guest.topic, guest.event_title, guest.event_date, guest.teacher) == (
        "ИРО",
        "Стратегии чтения",
        "Семинар «Смысловое чтение»",
        in_days(-2).date(),
        None,
    )
    assert ActionLog.objects.filter(code="events.certificate.issued", actor=w.organizer).count() == 3
    # again: everyone has one
    refused("nothing_to_issue", services.issue_certificates, actor=w.organizer, event=w.held)
    # a late attendance mark: only the new attendee gets one
    Registration.objects.filter(pk=w.absent.pk).update(attendance="present")
    assert [c.registration_id for c in services.issue_certificates(actor=w.methodist, event=w.held)] == [w.absent.pk]


def test_issue_refusals(w):
    refused("event_not_held", services.issue_certificates, actor=w.organizer, event=w.event)
    for actor in (w.sibling_organizer, w.reporter, w.department, w.org_admin, w.teacher_user):
        refused("permission_denied", services.issue_certificates, actor=actor, event=w.held)


def test_one_valid_certificate_per_registration(w):
    services.issue_certificates(actor=w.organizer, event=w.held)
    twin = Certificate(
        event=w.held,
        role="participant",
        registration=w.r1,
        full_name="x",
        event_title="x",
        event_date=in_days(-2).date(),
    )
    with pytest.raises(ValidationError) as info:
        twin.validate_constraints()
    assert info.value.error_dict["__all__"][0].code == "already_issued"


def test_revoke_reissue_and_verify(client, w):
    cert = Certificate.objects.get(pk=services.issue_certificates(actor=w.organizer, event=w.held)[0].pk)
    refused("reason_required", services.revoke_certificate, actor=w.organizer, certificate=cert, reason=" ")
    refused("permission_denied", services.revoke_certificate, actor=w.sibling_organizer, certificate=cert, reason="x")
    refused("permission_denied", services.reissue_certificate, actor=w.teacher_user, certificate=cert)
    # verification: valid, with name, event and date
    page = client.get(reverse("portal:certificate-verify", args=[cert.number]))
    html = page.content.decode()
    assert (page.status_code, 'data-result="valid"' in html) == (200, True)
    assert cert.full_name in html and "Смысловое чтение" in html and cert.event_date.strftime("%d.%m.%Y") in html
    # re-issue: the holder's new surname, a new number, the old one revoked and pointing to it
    w.teacher.surname = "Новикова"
    w.teacher.save()
    holder = Registration.objects.get(pk=cert.registration_id).teacher
    new = services.reissue_certificate(actor=w.methodist, certificate=cert, reason="Смена фамилии")
    old = Certificate.objects.get(pk=cert.pk)
    assert (old.status, old.revoke_reason, old.revoked_by) == ("revoked", "Смена фамилии", w.methodist)
    assert (new.status, new.replaces_id, new.full_name) == ("valid", old.pk, holder.full_name)
    assert new.number != old.number
    html = client.get(reverse("portal:certificate-verify", args=[old.number])).content.decode()
    assert 'data-result="revoked"' in html and new.number in html
    refused("certificate_revoked", services.reissue_certificate, actor=w.organizer, certificate=old)
    refused("certificate_revoked", services.revoke_certificate, actor=w.organizer, certificate=old, reason="x")
    services.revoke_certificate(actor=w.organizer, certificate=new, reason="Выдан ошибочно")
    html = client.get(reverse("portal:certificate-verify", args=[new.number])).content.decode()
    assert 'data-result="revoked"' in html and "Выдан ошибочно" not in html
    # unknown number, and the search form
    page = client.get(reverse("portal:certificate-verify", args=["2026-NOPE2345"]))
    assert (page.status_code, 'data-result="unknown"' in page.content.decode()) == (404, True)
    page = client.get(reverse("portal:certificate-search"), {"number": f" {old.number.lower()} "})
    assert 'data-result="revoked"' in page.content.decode()
    assert client.get(reverse("portal:certificate-search")).status_code == 200


def test_certificate_pdf_has_number_name_and_qr(client, w):
    cert = [c for c in services.issue_certificates(actor=w.organizer, event=w.held) if c.role == "speaker"][0]
    client.force_login(w.organizer)
    response = client.get(reverse("events:certificate-download", args=[cert.pk]))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    reader = PdfReader(io.BytesIO(response.content))
    text = pdf_text(response.content)
    assert "CERTIFICATE" in text and cert.number in text and "Петрова Анна Сергеевна" in text
    assert "Стратегии чтения" in text
    assert f"/public/certificates/{cert.number}/" in text
    images = reader.pages[0].images
    assert len(images) == 1  # the QR code


def test_teacher_sees_and_downloads_own_only(client, w):
    issued = services.issue_certificates(actor=w.organizer, event=w.held)
    mine = next(c for c in issued if c.registration_id == w.r1.pk)
    other = next(c for c in issued if c.registration_id == w.r2.pk)
    client.force_login(w.teacher_user)
    html = client.get(reverse("events:my-registrations")).content.decode()
    assert f'data-certificate="{mine.pk}"' in html and f'data-certificate="{other.pk}"' not in html
    assert client.get(reverse("events:certificate-download", args=[mine.pk])).status_code == 200
    assert client.get(reverse("events:certificate-download", args=[other.pk])).status_code == 404


def test_certificates_page_issue_and_revoke(client, w):
    client.force_login(w.organizer)
    url = reverse("events:certificates", args=[w.held.pk])
    assert client.post(url).status_code == 302
    assert Certificate.objects.filter(event=w.held).count() == 3
    response = client.post(url)
    assert (response.status_code, 'data-error-code="nothing_to_issue"' in response.content.decode()) == (400, True)
    cert = Certificate.objects.filter(event=w.held).first()
    client.post(reverse("events:certificate-revoke", args=[cert.pk]), {"reason": "Ошибка"})
    assert Certificate.objects.get(pk=cert.pk).status == "revoked"
    before = db_state()
    client.post(reverse("events:certificate-revoke", args=[cert.pk]), {"reason": "Ошибка"})
    assert db_state() == before


def test_certificates_through_the_api(w):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(w.organizer)
    response = client.post(f"/api/v1/events/{w.held.pk}/issue-certificates/")
    assert (response.status_code, len(response.data)) == (201, 3)
    before = db_state()
    response = client.post(f"/api/v1/events/{w.held.pk}/issue-certificates/")
    assert (response.status_code, response.data["code"]) == (400, "nothing_to_issue")
    assert db_state() == before
    pk = response_pk = Certificate.objects.get(registration=w.r1).pk
    response = client.post(f"/api/v1/event-certificates/{pk}/reissue/", {"reason": ""}, format="json")
    assert (response.status_code, response.data["replaces"]) == (201, response_pk)
    new = response.data["id"]
    response = client.post(f"/api/v1/event-certificates/{new}/revoke/", {"reason": ""}, format="json")
    assert (response.status_code, response.data["code"]) == (400, "reason_required")
    response = client.post(f"/api/v1/event-certificates/{new}/revoke/", {"reason": "Ошибка"}, format="json")
    assert (response.status_code, response.data["status"]) == (200, "revoked")
    assert client.get(f"/api/v1/event-certificates/{new}/pdf/").status_code == 200
    teacher = APIClient()
    teacher.force_authenticate(w.teacher_user)
    listed = teacher.get("/api/v1/event-certificates/").data
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert {r["teacher"] for r in rows} == {w.teacher.pk}
    before = db_state()
    guest = Certificate.objects.get(speaker=w.guest).pk
    assert teacher.post(f"/api/v1/event-certificates/{guest}/revoke/", {"reason": "x"}).status_code == 403
    own = new
    assert teacher.post(f"/api/v1/event-certificates/{own}/revoke/", {"reason": "x"}).status_code == 403
    other = APIClient()
    other.force_authenticate(w.sibling_organizer)
    assert other.post(f"/api/v1/events/{w.held.pk}/issue-certificates/").status_code == 404
    assert APIClient().get("/api/v1/event-certificates/").status_code == 401
    assert db_state() == before


# --- feedback ---------------------------------------------------------------------------------------------------


def test_feedback_only_attendees_once(w):
    answer = services.submit_feedback(
        actor=w.teacher_user, registration=w.r1, satisfaction=5, usefulness=4, comment=" Полезно "
    )
    assert (answer.satisfaction, answer.usefulness, answer.comment) == (5, 4, "Полезно")
    refused(
        "feedback_given",
        services.submit_feedback,
        actor=w.teacher_user,
        registration=w.r1,
        satisfaction=3,
        usefulness=3,
    )
    with pytest.raises(PermissionDeniedError):
        services.submit_feedback(actor=w.organizer, registration=w.r2, satisfaction=3, usefulness=3)
    refused(
        "permission_denied",
        services.submit_feedback,
        actor=w.teacher_user,
        registration=w.r2,
        satisfaction=3,
        usefulness=3,
    )
    w.absent.teacher.user = w.teacher_user  # the same login, an absent registration
    w.teacher.user = None
    w.teacher.save()
    w.absent.teacher.save()
    refused(
        "not_attended",
        services.submit_feedback,
        actor=w.teacher_user,
        registration=w.absent,
        satisfaction=3,
        usefulness=3,
    )
    w.absent.teacher.user = None
    w.absent.teacher.save()
    w.teacher.user = w.teacher_user
    w.teacher.save()
    future = RegistrationFactory(event=w.event, teacher=w.teacher, attendance="")
    refused(
        "event_not_held",
        services.submit_feedback,
        actor=w.teacher_user,
        registration=future,
        satisfaction=3,
        usefulness=3,
    )
    w.teacher2.user = w.teacher_user
    w.teacher.user = None
    w.teacher.save()
    w.teacher2.save()
    refused(
        "rating_range", services.submit_feedback, actor=w.teacher_user, registration=w.r2, satisfaction=6, usefulness=3
    )
    refused(
        "rating_range", services.submit_feedback, actor=w.teacher_user, registration=w.r2, satisfaction=3, usefulness=0
    )


def test_feedback_pages_and_results(client, w):
    client.force_login(w.teacher_user)
    html = client.get(reverse("events:my-registrations")).content.decode()
    url = reverse("events:feedback", args=[w.r1.pk])
    assert url in html
    assert client.get(reverse("events:feedback", args=[w.r2.pk])).status_code == 404  # another's
    before = db_state()
    response = client.post(url, {"satisfaction": "9", "usefulness": "4"})
    assert response.status_code == 200 and db_state() == before  # the form refuses it
    assert client.post(url, {"satisfaction": "4", "usefulness": "5", "comment": "Спасибо"}).status_code == 302
    assert 'id="feedback-given"' in client.get(url).content.decode()
    assert url not in client.get(reverse("events:my-registrations")).content.decode()
    Feedback.objects.create(registration=w.r2, satisfaction=2, usefulness=3)
    summary = selectors.feedback_summary(w.held)
    assert (summary["stats"]["count"], summary["attendees"], summary["comments"]) == (2, 2, ["Спасибо"])
    assert summary["stats"]["satisfaction"] == 3.0 and summary["stats"]["usefulness"] == 4.0
    assert summary["spread"] == {"satisfaction": [0, 1, 0, 1, 0], "usefulness": [0, 0, 1, 0, 1]}
    client.force_login(w.methodist)
    html = client.get(reverse("events:event-feedback", args=[w.held.pk])).content.decode()
    assert 'data-count="2"' in html and "Спасибо" in html
    centers, events = selectors.feedback_by_center(w.methodist)
    assert [(c["registration__event__center_id"], c["count"]) for c in centers] == [(w.center.pk, 2)]
    assert selectors.feedback_by_center(w.sibling_organizer) == ([], [])
    html = client.get(reverse("events:feedback-centers")).content.decode()
    assert f'data-center="{w.center.pk}"' in html


def test_feedback_through_the_api(w):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(w.teacher_user)
    url = f"/api/v1/event-registrations/{w.r1.pk}/feedback/"
    before = db_state()
    response = client.post(url, {"satisfaction": 7, "usefulness": 4}, format="json")
    assert (response.status_code, response.data["code"]) == (400, "rating_range")
    assert db_state() == before
    response = client.post(url, {"satisfaction": 5, "usefulness": 4, "comment": "Да"}, format="json")
    assert (response.status_code, response.data["event"]) == (201, w.held.pk)
    response = client.post(url, {"satisfaction": 5, "usefulness": 4}, format="json")
    assert (response.status_code, response.data["code"]) == (400, "feedback_given")
    assert (
        client.post(
            f"/api/v1/event-registrations/{w.r2.pk}/feedback/", {"satisfaction": 5, "usefulness": 4}
        ).status_code
        == 404
    )
    staff = APIClient()
    staff.force_authenticate(w.organizer)
    assert staff.post(url, {"satisfaction": 5, "usefulness": 4}, format="json").status_code == 403
    listed = staff.get("/api/v1/event-feedback/", {"event": w.held.pk}).data
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [(r["registration"], r["satisfaction"]) for r in rows] == [(w.r1.pk, 5)]
