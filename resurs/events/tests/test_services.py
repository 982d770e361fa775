"""Event services: creation and its rules, the workflow with its action-log entries, registration with capacity and
the waitlist, cancellation and promotion in order, bulk registration, the public form, reminders, letters with .ics."""

import datetime

import icalendar
import pytest
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile

from resurs.audit.models import ActionLog
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.tests.matrix import db_state
from resurs.events import services
from resurs.events.models import Event, Registration
from resurs.events.tests.factories import EventFactory, build_events_world, form, in_days
from resurs.people.models import Consent, Teacher
from resurs.people.tests.factories import TeacherFactory
from resurs.plans.models import PlanItem

pytestmark = pytest.mark.django_db
R = Registration.Status


@pytest.fixture
def w(world):
    return build_events_world(world)


def refused(code, call, *args, **kwargs):
    """The call is refused with `code` and changes nothing in the database."""
    before = db_state()
    with pytest.raises(ServiceError) as info:
        call(*args, **kwargs)
    assert info.value.code == code, info.value.code
    assert db_state() == before
    return info.value


def values(w, **changes):
    base = {
        "form": form(),
        "title": "Семинар «Читательская грамотность»",
        "description": "Для учителей начальных классов",
        "starts_at": in_days(20),
        "ends_at": in_days(20, hour=17),
        "format": Event.Format.IN_PERSON,
        "venue": w.org,
        "room": "Кабинет 12",
        "capacity": 25,
        "registration_opens_at": in_days(-1),
        "registration_closes_at": in_days(19),
    }
    return {**base, **changes}


def teachers(w, count):
    return [TeacherFactory(organization=w.org, email=f"t{i}@school.ru") for i in range(count)]


def test_create_event_and_its_rules(w, django_capture_on_commit_callbacks):
    event = services.create_event(actor=w.organizer, center=w.center, subjects=[], **values(w))
    assert (event.status, event.center, event.updated_by) == ("draft", w.center, w.organizer)
    assert ActionLog.objects.filter(code="events.event.created", object_id=str(event.pk)).count() == 1
    create = services.create_event
    refused("period", create, actor=w.organizer, center=w.center, **values(w, ends_at=in_days(19)))
    refused("capacity", create, actor=w.organizer, center=w.center, **values(w, capacity=0))
    refused(
        "registration_window",
        create,
        actor=w.organizer,
        center=w.center,
        **values(w, registration_opens_at=in_days(5), registration_closes_at=in_days(2)),
    )
    refused("venue_municipality", create, actor=w.organizer, center=w.center, **values(w, venue=w.other_org))
    refused("venue_required", create, actor=w.organizer, center=w.center, **values(w, venue=None))
    refused("online_url_required", create, actor=w.organizer, center=w.center, **values(w, format="online", venue=None))
    online = create(
        actor=w.organizer,
        center=w.center,
        **values(w, format="online", venue=None, room="", online_url="https://meet.example.ru/room"),
    )
    assert online.online_url == "https://meet.example.ru/room"
    refused(
        "association_center",
        create,
        actor=w.sibling_organizer,
        center=w.sibling_center,
        **values(w, venue=w.org2, association=w.association),
    )
    with pytest.raises(PermissionDeniedError):
        create(actor=w.sibling_organizer, center=w.center, **values(w))
    w.center.status = "terminated"
    w.center.save()
    refused("read_only", create, actor=w.organizer, center=w.center, **values(w))


def test_event_from_a_plan_item_and_held_marks_it_done(w):
    from resurs.catalogs.models import PlanSection
    from resurs.plans.models import Plan

    plan = Plan.objects.create(
        center=w.center,
        period_start=datetime.date(in_days(0).year, 1, 1),
        period_end=datetime.date(in_days(0).year, 12, 31),
        status="agreed",
    )
    item = PlanItem.objects.create(
        plan=plan,
        section=PlanSection.objects.first(),
        form=form("Мастер-класс"),
        topic="Мастер-класс «Смысловое чтение»",
        date=in_days(-2).date(),
        venue=w.org2,
        responsible="Иванова И. И.",
    )
    prefill = services.prefill_from_plan_item(item)
    assert (prefill["title"], prefill["form"], prefill["venue"]) == (item.topic, item.form, w.org2)
    event = services.create_event(actor=w.organizer, center=w.center, **prefill)
    assert event.plan_item == item
    services.transition(actor=w.organizer, event=event, action="publish")
    services.transition(actor=w.head, event=event, action="hold")
    assert ActionLog.objects.filter(code="events.event.hold", object_id=str(event.pk), actor=w.head).count() == 1
    assert Event.objects.get(pk=event.pk).held_at is not None
    item.refresh_from_db()
    assert (item.execution, item.events, item.done_on) == ("done", [event.pk], item.date)
    other_plan = Plan.objects.create(
        center=w.sibling_center, period_start=plan.period_start, period_end=plan.period_end, status="agreed"
    )
    other = PlanItem.objects.create(
        plan=other_plan, section=item.section, form=item.form, topic="Чужой", date=item.date, responsible="—"
    )
    refused(
        "plan_item_center",
        services.create_event,
        actor=w.organizer,
        center=w.center,
        **{**values(w), "plan_item": other},
    )


def test_workflow_with_action_log(w, django_capture_on_commit_callbacks):
    event = services.create_event(actor=w.organizer, center=w.center, **values(w))
    steps = [("publish", "published"), ("draft", "draft"), ("open", "open"), ("close", "closed"), ("open", "open")]
    for action, status in steps:
        event = services.transition(actor=w.organizer, event=event, action=action)
        assert event.status == status
        assert ActionLog.objects.filter(code=f"events.event.{action}", object_id=str(event.pk), actor=w.organizer)
    refused("transition_not_allowed", services.transition, actor=w.organizer, event=event, action="publish")
    refused("unknown_action", services.transition, actor=w.organizer, event=event, action="explode")
    refused("not_started", services.transition, actor=w.organizer, event=event, action="hold")
    refused("reason_required", services.transition, actor=w.organizer, event=event, action="cancel", reason=" ")
    services.register(actor=w.teacher_user, event=event, teacher=w.teacher)
    event.refresh_from_db()
    with pytest.raises(PermissionDeniedError):
        services.transition(actor=w.sibling_organizer, event=event, action="close")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(actor=w.organizer, event=event, action="cancel", reason="Карантин")
    event.refresh_from_db()
    assert (event.status, event.cancel_reason) == ("cancelled", "Карантин")
    assert [m.to for m in mail.outbox] == [["teacher@school.ru"]]
    assert "Карантин" in mail.outbox[0].body
    cal = icalendar.Calendar.from_ical(mail.outbox[0].attachments[0][1])
    assert [str(c["status"]) for c in cal.walk("VEVENT")] == ["CANCELLED"]
    entry = ActionLog.objects.get(code="events.event.cancel", object_id=str(event.pk))
    assert entry.data == {"reason": "Карантин"}


def test_back_to_draft_refused_with_registrations_and_open_refused_after_start(w):
    event = EventFactory(center=w.center, status="published")
    Registration.objects.create(event=event, teacher=w.teacher, status=R.CONFIRMED)
    refused("has_registrations", services.transition, actor=w.organizer, event=event, action="draft")
    past = EventFactory(center=w.center, status="closed", starts_at=in_days(-1), ends_at=in_days(-1, 18))
    refused("event_started", services.transition, actor=w.organizer, event=past, action="open")


def test_register_confirmation_letter_with_ics(w, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(actor=w.teacher_user, event=w.event, teacher=w.teacher)
    assert (registration.status, registration.source, registration.registered_by) == (
        "confirmed",
        "self",
        w.teacher_user,
    )
    assert ActionLog.objects.filter(code="events.registration.created", object_id=str(w.event.pk)).count() == 1
    (letter,) = mail.outbox
    assert letter.to == ["teacher@school.ru"]
    assert registration.code in letter.body
    name, content, mimetype = letter.attachments[0]
    assert (name, mimetype) == ("event.ics", "text/calendar")
    (vevent,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["summary"]) == w.event.title
    assert vevent.decoded("dtstart") == w.event.starts_at
    assert registration.code in str(vevent["description"])


def test_register_refusals(w):
    teacher = w.teacher
    reg = services.register
    refused("registration_not_open", reg, actor=w.organizer, event=w.draft, teacher=teacher, source="center")
    refused("event_held", reg, actor=w.organizer, event=w.meeting, teacher=teacher, source="center")
    cancelled = EventFactory(center=w.center, status="cancelled")
    refused("event_cancelled", reg, actor=w.teacher_user, event=cancelled, teacher=teacher)
    closed = EventFactory(center=w.center, status="closed")
    refused("registration_closed", reg, actor=w.teacher_user, event=closed, teacher=teacher)
    early = EventFactory(center=w.center, registration_opens_at=in_days(2))
    refused("registration_not_started", reg, actor=w.teacher_user, event=early, teacher=teacher)
    late = EventFactory(center=w.center, registration_opens_at=in_days(-5), registration_closes_at=in_days(-1))
    refused("registration_ended", reg, actor=w.teacher_user, event=late, teacher=teacher)
    services.register(actor=w.teacher_user, event=w.event, teacher=teacher)
    refused("already_registered", reg, actor=w.teacher_user, event=w.event, teacher=teacher)
    refused("already_registered", reg, actor=w.organizer, event=w.event, teacher=teacher, source="center")
    refused("teacher_municipality", reg, actor=w.organizer, event=w.event, teacher=w.other_teacher, source="center")
    archived = TeacherFactory(organization=w.org, is_active=False)
    refused("teacher_inactive", reg, actor=w.organizer, event=w.event, teacher=archived, source="center")
    with pytest.raises(PermissionDeniedError):
        reg(actor=w.teacher_user, event=w.event, teacher=w.teacher2)  # another teacher
    with pytest.raises(PermissionDeniedError):
        reg(actor=w.org_admin, event=w.event, teacher=w.other_teacher, source="organization")
    with pytest.raises(PermissionDeniedError):
        reg(actor=w.far_organizer, event=w.event, teacher=w.teacher2, source="center")


def test_capacity_waitlist_and_promotion_in_order(w, django_capture_on_commit_callbacks):
    event = EventFactory(center=w.center, capacity=2)
    people = teachers(w, 5)
    with django_capture_on_commit_callbacks(execute=True):
        regs = [services.register(actor=w.organizer, event=event, teacher=t, source="center") for t in people]
    assert [r.status for r in regs] == ["confirmed", "confirmed", "waitlisted", "waitlisted", "waitlisted"]
    assert "waitlist" in mail.outbox[2].subject
    # The waitlist is served in queued_at, id order, whatever the ids.
    Registration.objects.filter(pk=regs[4].pk).update(queued_at=regs[2].queued_at - datetime.timedelta(minutes=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(actor=w.organizer, registration=regs[0])
    assert Registration.objects.get(pk=regs[4].pk).status == "confirmed"
    assert Registration.objects.get(pk=regs[4].pk).promoted_at is not None
    assert Registration.objects.get(pk=regs[2].pk).status == "waitlisted"
    subjects = [(m.to, m.subject) for m in mail.outbox]
    assert subjects == [([people[4].email], f"A seat is yours: {event.title}")]
    assert icalendar.Calendar.from_ical(mail.outbox[0].attachments[0][1]).walk("VEVENT")
    assert ActionLog.objects.filter(code="events.registration.promoted").count() == 1
    # A waitlisted registration cancelled frees no seat; more seats promote the next in order.
    services.cancel_registration(actor=w.organizer, registration=regs[3])
    event = services.update_event(
        actor=w.organizer, event=event, version=Event.objects.get(pk=event.pk).version, capacity=3
    )
    assert Registration.objects.get(pk=regs[2].pk).status == "confirmed"
    refused(
        "capacity_below_confirmed",
        services.update_event,
        actor=w.organizer,
        event=event,
        version=Event.objects.get(pk=event.pk).version,
        capacity=1,
    )
    assert event.registrations.filter(status="confirmed").count() == 3


def test_cancel_rules(w):
    reg = services.register(actor=w.teacher_user, event=w.event, teacher=w.teacher)
    with pytest.raises(PermissionDeniedError):
        services.cancel_registration(actor=w.sibling_organizer, registration=reg)
    other = services.register(actor=w.organizer, event=w.event, teacher=w.teacher2, source="center")
    with pytest.raises(PermissionDeniedError):
        services.cancel_registration(actor=w.teacher_user, registration=other)
    later = datetime.timedelta(days=15)
    refused(
        "event_started",
        services.cancel_registration,
        actor=w.teacher_user,
        registration=reg,
        now=w.event.starts_at + datetime.timedelta(minutes=1) - later + later,
    )
    services.cancel_registration(actor=w.teacher_user, registration=reg)
    assert Registration.objects.get(pk=reg.pk).cancelled_by == w.teacher_user
    refused("already_cancelled", services.cancel_registration, actor=w.teacher_user, registration=reg)
    # The teacher may register again once cancelled: a new place in the queue.
    again = services.register(actor=w.teacher_user, event=w.event, teacher=w.teacher)
    assert again.pk != reg.pk
    held = Registration.objects.create(event=w.meeting, teacher=w.teacher2, status=R.CONFIRMED)
    refused("event_final", services.cancel_registration, actor=w.organizer, registration=held)
    # The organization administrator cancels its own teachers' registrations.
    services.cancel_registration(actor=w.org_admin, registration=other)


def test_bulk_registration(w):
    event = EventFactory(center=w.center, capacity=3)
    people = teachers(w, 4)
    services.register(actor=w.teacher_user, event=event, teacher=w.teacher)
    report = services.bulk_register(actor=w.organizer, event=event, teachers=[w.teacher, *people])
    assert (len(report["confirmed"]), len(report["waitlisted"]), report["skipped"]) == (2, 2, [w.teacher])
    refused("no_teachers", services.bulk_register, actor=w.organizer, event=event, teachers=[])
    # One teacher from elsewhere refuses the whole list.
    fresh = teachers(w, 2)
    refused(
        "teacher_municipality",
        services.bulk_register,
        actor=w.organizer,
        event=event,
        teachers=[*fresh, w.other_teacher],
    )
    # The organization administrator: its own teachers only.
    other_event = EventFactory(center=w.sibling_center, capacity=None)
    report = services.bulk_register(actor=w.org_admin, event=other_event, teachers=fresh, source="organization")
    assert len(report["confirmed"]) == 2
    assert {r.source for r in other_event.registrations.all()} == {"organization"}
    outsider = TeacherFactory(organization=w.org2)
    with pytest.raises(PermissionDeniedError):
        services.bulk_register(actor=w.org_admin, event=other_event, teachers=[outsider], source="organization")


def test_speakers_and_materials(w):
    speaker = services.add_speaker(actor=w.methodist, event=w.event, teacher=w.teacher, topic="Опыт работы")
    assert (speaker.full_name, speaker.organization_name) == (w.teacher.full_name, w.org.short_name)
    refused("speaker_name", services.add_speaker, actor=w.methodist, event=w.event, full_name=" ")
    guest = services.add_speaker(actor=w.methodist, event=w.event, full_name="Петров Пётр", topic="Гость")
    services.remove_speaker(actor=w.methodist, speaker=guest)
    assert list(w.event.speakers.all()) == [speaker]
    pdf = SimpleUploadedFile("program.pdf", b"%PDF-1.4 program", content_type="application/pdf")
    material = services.add_material(actor=w.methodist, event=w.event, title="Программа", upload=pdf)
    assert material.file.read().startswith(b"%PDF")
    link = services.add_material(actor=w.methodist, event=w.event, title="Запись", url="https://video.example.ru/1")
    refused("material_empty", services.add_material, actor=w.methodist, event=w.event, title="Пусто")
    fake = SimpleUploadedFile("program.pdf", b"MZ not a pdf")
    refused("file_type", services.add_material, actor=w.methodist, event=w.event, title="x", upload=fake)
    services.remove_material(actor=w.methodist, material=link)
    assert ActionLog.objects.filter(code="events.material.removed").count() == 1
    refused("transition_not_allowed", services.add_speaker, actor=w.methodist, event=w.meeting, full_name="Поздно")


def public_data(w, **changes):
    from resurs.catalogs.models import Position

    data = {
        "surname": "Смирнова",
        "name": "Ольга",
        "patronymic": "Петровна",
        "email": "Smirnova@School.ru",
        "organization": w.org2,
        "position": Position.objects.first(),
        "consent": True,
    }
    return {**data, **changes}


def test_public_registration_creates_the_teacher_and_the_consent(w, django_capture_on_commit_callbacks):
    refused("consent_required", services.request_public_registration, event=w.event, **public_data(w, consent=False))
    refused(
        "organization_municipality",
        services.request_public_registration,
        event=w.event,
        **public_data(w, organization=w.other_org),
    )
    refused("registration_not_open", services.request_public_registration, event=w.draft, **public_data(w))
    with django_capture_on_commit_callbacks(execute=True):
        token = services.request_public_registration(event=w.event, **public_data(w))
    (letter,) = mail.outbox
    assert letter.to == ["Smirnova@School.ru"]
    assert f"/public/events/confirm/{token}/" in letter.body
    assert not Teacher.objects.filter(surname="Смирнова").exists()
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.confirm_public_registration(token=token)
    teacher = Teacher.objects.get(surname="Смирнова")
    assert (teacher.email, teacher.organization, registration.source) == ("smirnova@school.ru", w.org2, "public")
    assert Consent.objects.get(teacher=teacher).purpose == services.CONSENT_PURPOSE
    assert mail.outbox[-1].subject == f"Registration confirmed: {w.event.title}"
    refused("already_registered", services.confirm_public_registration, token=token)
    refused("link_invalid", services.confirm_public_registration, token=token + "x")


def test_public_registration_matches_an_existing_teacher(w, monkeypatch):
    token = services.request_public_registration(event=w.event, **public_data(w, email="TEACHER@school.ru"))
    registration = services.confirm_public_registration(token=token)
    assert registration.teacher == w.teacher
    assert Teacher.objects.filter(email__iexact="teacher@school.ru").count() == 1
    # By surname, name and organization when the e-mail is new.
    token = services.request_public_registration(
        event=w.sibling_event,
        **public_data(w, surname=w.teacher2.surname, name=w.teacher2.name, email="new@mail.ru", organization=w.org),
    )
    assert services.confirm_public_registration(token=token).teacher == w.teacher2
    # An old link is refused.
    monkeypatch.setattr(services, "PUBLIC_MAX_AGE", -1)
    refused("link_expired", services.confirm_public_registration, token=token)


def test_reminders_the_day_before(w, django_capture_on_commit_callbacks):
    tomorrow = EventFactory(
        center=w.center, starts_at=in_days(1), ends_at=in_days(1, 17), registration_closes_at=in_days(1, 9)
    )
    services.register(actor=w.teacher_user, event=tomorrow, teacher=w.teacher)
    services.register(actor=w.teacher_user, event=w.event, teacher=w.teacher)  # in two weeks: no reminder
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        from resurs.events.tasks import remind

        assert remind() == 1
    (letter,) = mail.outbox
    assert letter.subject == f"Tomorrow: {tomorrow.title}"
    assert icalendar.Calendar.from_ical(letter.attachments[0][1]).walk("VEVENT")[0]["summary"] == tomorrow.title
    assert services.send_reminders() == 0  # once per event and day


def test_teacher_feed_token(w):
    token = services.teacher_feed_token(w.teacher)
    assert services.teacher_from_feed_token(token) == w.teacher
    assert services.teacher_from_feed_token(str(w.teacher.pk)) is None
    assert services.teacher_from_feed_token(signing.Signer().sign(str(w.teacher.pk))) is None


def test_an_event_is_tagged_with_the_competences_it_develops(w):
    from resurs.catalogs.models import Competence

    digital, lesson = Competence.objects.get(code="Ц1"), Competence.objects.get(code="М1")
    event = services.create_event(actor=w.organizer, center=w.center, competences=[digital], **values(w))
    assert list(event.competences.values_list("code", flat=True)) == ["Ц1"]
    services.update_event(actor=w.organizer, event=event, version=event.version, competences=[lesson, digital])
    assert sorted(Event.objects.get(pk=event.pk).competences.values_list("code", flat=True)) == ["М1", "Ц1"]
