"""The public calendar (no login): published events only, filters, the event page and its registration form with
the e-mail confirmation and consent, the center's and the teacher's iCalendar feeds (parsed back)."""

import re

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from resurs.catalogs.models import Position, Subject
from resurs.common.tests.matrix import db_state
from resurs.events import services
from resurs.events.models import Registration
from resurs.events.tests.factories import EventFactory, build_events_world, form, in_days
from resurs.people.models import Consent, Teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world, client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return build_events_world(world)


def detail(event):
    return reverse("portal:event-detail", args=[event.pk])


def test_calendar_shows_public_events_with_filters(client, w):
    cancelled = EventFactory(center=w.center, status="cancelled")
    subject = Subject.objects.first()
    w.event.subjects.add(subject)
    url = reverse("portal:event-list")
    before = db_state()
    content = client.get(url).content.decode()
    assert db_state() == before
    for event in (w.event, w.sibling_event, w.far_event):
        assert f'href="{detail(event)}"' in content
    for event in (w.draft, cancelled, w.meeting):  # the held meeting is in the past: shown with a date range
        assert f'href="{detail(event)}"' not in content
    content = client.get(url, {"municipality": w.mun.pk, "subject": subject.pk}).content.decode()
    assert f'href="{detail(w.event)}"' in content and f'href="{detail(w.sibling_event)}"' not in content
    content = client.get(url, {"center": w.far_center.pk}).content.decode()
    assert f'href="{detail(w.far_event)}"' in content and f'href="{detail(w.event)}"' not in content
    content = client.get(url, {"date_from": in_days(-5).date().isoformat(), "form": form("Заседание").pk}).content
    assert f'href="{detail(w.meeting)}"'.encode() in content and f'href="{detail(w.event)}"'.encode() not in content
    assert client.get(url, {"format": "online"}).context["events"].count() == 0
    for bad in ({"center": "²"}, {"date_from": "2026-13-45"}, {"page": "x"}, {"subject": "9" * 30}):
        assert client.get(url, bad).status_code in (200, 404)
    assert client.get(detail(w.draft)).status_code == 404
    assert client.get(detail(cancelled)).status_code == 404


def test_public_form_confirmation_and_consent(client, w, django_capture_on_commit_callbacks):
    position = Position.objects.first()
    data = {
        "surname": "Кузнецова",
        "name": "Анна",
        "email": "anna@mail.ru",
        "organization": w.org2.pk,
        "position": position.pk,
    }
    before = db_state()
    response = client.post(detail(w.event), data)  # no consent
    assert response.status_code == 200
    assert response.context["form"].errors["consent"][0].startswith("Registration needs")
    assert db_state() == before and mail.outbox == []
    response = client.post(detail(w.event), {**data, "organization": w.other_org.pk, "consent": "on"})
    assert "organization" in response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail(w.event), {**data, "consent": "on"})
    assert response.status_code == 302
    (letter,) = mail.outbox
    link = re.search(r"http://\S+/public/events/confirm/(\S+)/", letter.body)
    token = link.group(1)
    confirm = reverse("portal:event-confirm", args=[token])
    assert client.get(confirm).status_code == 200
    assert not Teacher.objects.filter(surname="Кузнецова").exists()  # a GET registers no one
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm)
    registration = response.context["registration"]
    assert (registration.status, registration.source, registration.teacher.organization) == (
        "confirmed",
        "public",
        w.org2,
    )
    assert Consent.objects.filter(teacher=registration.teacher).count() == 1
    assert registration.code in response.content.decode()
    response = client.post(confirm)
    assert (response.status_code, response.context["error"].code) == (400, "already_registered")
    assert client.post(reverse("portal:event-confirm", args=["garbage"])).status_code == 400


def test_feeds(client, w):
    response = client.get(reverse("portal:center-feed", args=[w.center.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    summaries = {str(e["summary"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}
    assert summaries == {w.event.title, w.meeting.title}  # not the draft
    registration = services.register(actor=w.teacher_user, event=w.event, teacher=w.teacher)
    token = services.teacher_feed_token(w.teacher)
    response = client.get(reverse("portal:teacher-feed", args=[token]))
    (entry,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(entry["summary"]) == w.event.title and registration.code in str(entry["description"])
    assert client.get(reverse("portal:teacher-feed", args=[f"{w.teacher.pk}-forged"])).status_code == 404


def test_logged_in_teacher_registers_with_one_button(client, w):
    client.force_login(w.teacher_user)
    page = client.get(detail(w.event)).content.decode()
    assert reverse("events:register-self", args=[w.event.pk]) in page
    response = client.post(reverse("events:register-self", args=[w.event.pk]))
    assert response["Location"] == reverse("events:my-registrations")
    registration = Registration.objects.get(event=w.event, teacher=w.teacher)
    page = client.get(reverse("events:my-registrations")).content.decode()
    assert registration.code in page and "<svg" in page
    response = client.post(reverse("events:register-self", args=[w.event.pk]), follow=True)
    assert "already registered" in response.content.decode()
    assert Registration.objects.filter(event=w.event, teacher=w.teacher).count() == 1


def test_the_page_says_why_registration_is_closed(client, w):
    early = EventFactory(center=w.center, registration_opens_at=in_days(3))
    content = client.get(detail(early)).content.decode()
    assert "Registration opens on" in content
    assert (
        "Registration for the event is closed."
        in client.get(detail(EventFactory(center=w.center, status="closed"))).content.decode()
    )


def test_public_form_is_rate_limited_per_email_and_per_address(client, w, django_capture_on_commit_callbacks):
    from resurs.events import services

    position = Position.objects.first()
    data = {
        "surname": "Кузнецова",
        "name": "Анна",
        "email": "flood@mail.ru",
        "organization": w.org2.pk,
        "position": position.pk,
        "consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(services.PUBLIC_LIMIT_PER_EMAIL):
            assert client.post(detail(w.event), data).status_code == 302
    assert len(mail.outbox) == services.PUBLIC_LIMIT_PER_EMAIL
    before = db_state()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail(w.event), {**data, "email": "FLOOD@mail.ru"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Too many registration requests: try again in an hour."]
    assert db_state() == before and len(mail.outbox) == services.PUBLIC_LIMIT_PER_EMAIL
    # other e-mails from the same client go on until the per-address limit (the refused request counted too)
    asked = services.PUBLIC_LIMIT_PER_EMAIL + 1
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(services.PUBLIC_LIMIT_PER_ADDRESS - asked):
            assert client.post(detail(w.event), {**data, "email": f"a{n}@mail.ru"}).status_code == 302
        response = client.post(detail(w.event), {**data, "email": "last@mail.ru"})
    assert response.status_code == 200
    assert len(mail.outbox) == services.PUBLIC_LIMIT_PER_ADDRESS - 1
    # another client address is not limited by this one
    with django_capture_on_commit_callbacks(execute=True):
        other = client.post(detail(w.event), {**data, "email": "last@mail.ru"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
    error = None
    try:
        for _ in range(services.PUBLIC_LIMIT_PER_EMAIL + 1):
            services.request_public_registration(
                event=w.event,
                surname="Иванова",
                name="Ирина",
                email="svc@mail.ru",
                organization=w.org2,
                position=position,
                consent=True,
                client="10.1.1.1",
            )
    except Exception as exc:  # noqa: BLE001
        error = exc
    assert getattr(error, "code", None) == "too_many_requests"
