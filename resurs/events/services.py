"""Every state change of events (SPEC §6; 000 § 2.2, 3.8, 6.2.4): events, speakers, materials, the workflow, and
registration with capacity and a waitlist, the public form with e-mail confirmation and consent (152-ФЗ art. 9),
letters with an .ics attachment and the reminder the day before.

Capacity is never exceeded: every registration, cancellation and capacity change locks the event row first
(`select_for_update`) and counts the confirmed registrations inside that transaction, so concurrent requests for
one event are served one after another; past capacity a registration is waitlisted and the waitlist is served in
`queued_at, id` order.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from resurs.audit.models import ActionLog
from resurs.audit.services import audited_delete, audited_save, check_version, log_action
from resurs.audit.services import snapshot as record_snapshot
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.qr import qr_png
from resurs.common.scoping import instance_in_scope
from resurs.common.uploads import validate_upload
from resurs.common.workflow import check_transition
from resurs.people.models import Consent, Teacher
from resurs.plans import services as plan_services

from . import calendar, workflow
from .models import Certificate, Event, Feedback, Material, Registration, Speaker

S = Event.Status
R = Registration.Status

EVENT_FIELDS = (
    "form",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "format",
    "venue",
    "room",
    "online_url",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "association",
)
EVENT_M2M = ("subjects", "positions", "levels", "competences")
PUBLIC_SALT = "resurs.events.public-registration"
PUBLIC_MAX_AGE = 2 * 24 * 3600  # a confirmation link is good for two days
FEED_SALT = "resurs.events.teacher-feed"
CONSENT_PURPOSE = "Регистрация на мероприятия ресурсных центров и учёт участия в них"


def _labels():
    return dict(Event.Status.choices)


def _require(actor, obj, code, message=None):
    if not instance_in_scope(actor, obj, code):
        raise PermissionDeniedError(message or _("You may not do this with this event."))


def _lock(event, version=None):
    """The event row locked for the write (refused if its version moved), its values kept for the change log."""
    locked = check_version(Event, event.pk, version)
    locked._audit_before = record_snapshot(locked)
    return locked


def _municipality_id(event):
    return event.center.organization.municipality_id


# --- events ---------------------------------------------------------------------------------------------------


def prefill_from_plan_item(item):
    """The values of a new event taken from a plan item: form, title (its topic), date, venue or online."""
    starts = timezone.make_aware(datetime.datetime.combine(item.new_date or item.date, datetime.time(10)))
    return {
        "plan_item": item,
        "form": item.form,
        "title": item.topic,
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "venue": item.venue,
        "format": Event.Format.ONLINE if item.is_online else Event.Format.IN_PERSON,
        "association": item.plan.association,
    }


def _check_event(center, values, plan_item=None):
    """The rules of an event's values (000 § 3.8): period, seats, window, venue of the municipality, link, owner."""
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if not starts or not ends:
        raise ServiceError(_("Give the start and the end."), code="period", field="starts_at")
    if ends < starts:
        raise ServiceError(_("The event cannot end before it starts."), code="period", field="ends_at")
    if values.get("capacity") is not None and values["capacity"] < 1:
        raise ServiceError(
            _("Give at least one seat, or leave the number of seats empty."), code="capacity", field="capacity"
        )
    opens, closes = values.get("registration_opens_at"), values.get("registration_closes_at")
    if opens and closes and closes < opens:
        raise ServiceError(
            _("Registration cannot close before it opens."), code="registration_window", field="registration_closes_at"
        )
    if closes and closes > ends:
        raise ServiceError(
            _("Registration cannot close after the event ends."),
            code="registration_window",
            field="registration_closes_at",
        )
    fmt = values.get("format") or Event.Format.IN_PERSON
    venue = values.get("venue")
    if venue is not None and venue.municipality_id != center.organization.municipality_id:
        raise ServiceError(
            _("The venue must be an organization of the center's municipality."),
            code="venue_municipality",
            field="venue",
        )
    if fmt in (Event.Format.IN_PERSON, Event.Format.MIXED) and venue is None:
        raise ServiceError(_("Choose the venue of an in-person event."), code="venue_required", field="venue")
    if fmt in (Event.Format.ONLINE, Event.Format.MIXED) and not values.get("online_url"):
        raise ServiceError(
            _("Give the link of a remote event (the online room)."), code="online_url_required", field="online_url"
        )
    association = values.get("association")
    if association is not None and association.center_id != center.pk:
        raise ServiceError(
            _("The association belongs to another center."), code="association_center", field="association"
        )
    if plan_item is not None and plan_item.plan.center_id != center.pk:
        raise ServiceError(_("The plan item belongs to another center's plan."), code="plan_item_center")


def _check_center(center):
    if center.status != "active":
        raise ServiceError(_("The center is terminated; its records are read-only."), code="read_only")


def create_event(*, actor, center, plan_item=None, subjects=(), positions=(), levels=(), competences=(), **values):
    """A new event of the center (a draft), from a plan item or on its own (000 § 3.8)."""
    event = Event(center=center, plan_item=plan_item, status=S.DRAFT)
    _require(actor, event, "events.event:add")
    _check_center(center)
    _check_event(center, values, plan_item)
    for name in EVENT_FIELDS:
        if name in values:
            setattr(event, name, values[name] if values[name] is not None or name != "room" else "")
    event.online_url = event.online_url or ""
    event.room = event.room or ""

    def save_m2m():
        event.subjects.set(subjects)
        event.positions.set(positions)
        event.levels.set(levels)
        event.competences.set(competences)

    with transaction.atomic():
        audited_save(
            actor=actor,
            instance=event,
            code="events.event.created",
            data={"plan_item": plan_item.topic if plan_item else ""},
            save_m2m=save_m2m,
        )
    return event


def update_event(*, actor, event, version, **values):
    """Change an event not yet held or cancelled; fewer seats than confirmed is refused, more seats promote."""
    with transaction.atomic():
        event = _lock(event, version)
        _require(actor, event, "events.event:change")
        check_transition(workflow.EVENT, "edit", event.status, labels=_labels())
        merged = {name: getattr(event, name) for name in EVENT_FIELDS}
        merged.update({k: v for k, v in values.items() if k in EVENT_FIELDS})
        _check_event(event.center, merged)
        confirmed = event.registrations.filter(status=R.CONFIRMED).count()
        if merged["capacity"] is not None and merged["capacity"] < confirmed:
            raise ServiceError(
                _("%(count)s registrations are confirmed: give at least as many seats.") % {"count": confirmed},
                code="capacity_below_confirmed",
                field="capacity",
            )
        for name, value in merged.items():
            setattr(event, name, value if value is not None or name not in ("room", "online_url") else "")
        many = {name: values[name] for name in EVENT_M2M if name in values}

        def save_m2m():
            for name, value in many.items():
                getattr(event, name).set(value)

        audited_save(actor=actor, instance=event, before=event._audit_before, save_m2m=save_m2m if many else None)
        _promote(actor, event)
    return event


# --- speakers and materials ---------------------------------------------------------------------------------------


def _editable_event(actor, event):
    event = _lock(event)
    _require(actor, event, "events.event:change")
    check_transition(workflow.EVENT, "edit", event.status, labels=_labels())
    return event


def add_speaker(*, actor, event, full_name="", teacher=None, organization_name="", topic=""):
    """A speaker of the event: a teacher of the registry (the name is taken from the record) or a guest."""
    with transaction.atomic():
        event = _editable_event(actor, event)
        if teacher is not None:
            full_name = full_name or teacher.full_name
            organization_name = organization_name or teacher.organization.short_name
        if not full_name.strip():
            raise ServiceError(
                _("Give the speaker's name or choose a teacher."), code="speaker_name", field="full_name"
            )
        speaker = Speaker(
            event=event,
            teacher=teacher,
            full_name=full_name.strip(),
            organization_name=organization_name,
            topic=topic,
            sort_order=event.speakers.count() + 1,
        )
        audited_save(actor=actor, instance=speaker, code="events.speaker.added", target=event, data={"name": full_name})
    return speaker


def remove_speaker(*, actor, speaker):
    with transaction.atomic():
        event = _editable_event(actor, speaker.event)
        speaker = Speaker.objects.select_for_update().get(pk=speaker.pk, event=event)
        audited_delete(
            actor=actor, instance=speaker, code="events.speaker.removed", target=event, data={"name": speaker.full_name}
        )


def add_material(*, actor, event, title, upload=None, url=""):
    """A material of the event: an uploaded file (type and size checked) or a link."""
    if upload is None and not url:
        raise ServiceError(_("Attach a file or give a link."), code="material_empty", field="file")
    if upload is not None:
        try:
            validate_upload(upload)
        except ValidationError as exc:
            raise ServiceError(exc.messages[0], code=exc.code or "file_type", field="file")
    with transaction.atomic():
        event = _editable_event(actor, event)
        material = Material(
            event=event, title=title.strip() or (upload.name if upload else url), url=url, added_by=actor
        )
        if upload is not None:
            material.file.save(upload.name, upload, save=False)
        audited_save(
            actor=actor, instance=material, code="events.material.added", target=event, data={"title": material.title}
        )
    return material


def remove_material(*, actor, material):
    with transaction.atomic():
        event = _editable_event(actor, material.event)
        material = Material.objects.select_for_update().get(pk=material.pk, event=event)
        title = material.title
        audited_delete(
            actor=actor, instance=material, code="events.material.removed", target=event, data={"title": title}
        )


# --- workflow -------------------------------------------------------------------------------------------------


def transition(*, actor, event, action, reason="", now=None):
    """One workflow action of the table in workflow.py, with its action-log entry `events.event.<action>`."""
    if action not in workflow.ACTIONS:
        check_transition(workflow.EVENT, action, event.status)  # an unknown action: coded unknown_action
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(event)
        _require(actor, event, workflow.EVENT[action].code)
        step = check_transition(workflow.EVENT, action, event.status, labels=_labels())
        data = {}
        if action == "open" and event.starts_at <= now:
            raise ServiceError(_("The event has already started."), code="event_started")
        if action == "draft" and event.registrations.filter(status__in=[R.CONFIRMED, R.WAITLISTED]).exists():
            raise ServiceError(
                _("Teachers are registered for the event: it cannot go back to draft."), code="has_registrations"
            )
        if action == "hold":
            if event.starts_at > now:
                raise ServiceError(_("The event has not started yet."), code="not_started")
            event.held_at = now
        if action == "cancel":
            if not reason.strip():
                raise ServiceError(_("Give the reason for cancelling."), code="reason_required", field="reason")
            event.cancel_reason = reason.strip()
            data["reason"] = event.cancel_reason
        event.status = step.target
        audited_save(actor=actor, instance=event, before=event._audit_before, code=f"events.event.{action}", data=data)
        if action == "hold" and event.plan_item_id:
            plan_services.record_event_held(
                item=event.plan_item, event_id=event.pk, held_on=timezone.localdate(event.starts_at)
            )
        if action == "cancel":
            for registration in _active(event).select_related("teacher"):
                _letter(registration, "event_cancelled")
    return event


def _active(event):
    return event.registrations.filter(status__in=[R.CONFIRMED, R.WAITLISTED])


# --- registration ---------------------------------------------------------------------------------------------


def check_open(event, now=None):
    """Refuse (coded) unless the event takes registrations now: open, inside the window, not started."""
    now = now or timezone.now()
    if event.status == S.CANCELLED:
        raise ServiceError(_("The event is cancelled."), code="event_cancelled")
    if event.status == S.HELD:
        raise ServiceError(_("The event has already been held."), code="event_held")
    if event.status == S.CLOSED:
        raise ServiceError(_("Registration for the event is closed."), code="registration_closed")
    if event.status != S.OPEN:
        raise ServiceError(_("Registration for the event is not open."), code="registration_not_open")
    if event.registration_opens_at and now < event.registration_opens_at:
        raise ServiceError(
            _("Registration opens on %(when)s.") % {"when": _when(event.registration_opens_at)},
            code="registration_not_started",
        )
    if (event.registration_closes_at and now > event.registration_closes_at) or now >= event.starts_at:
        raise ServiceError(_("Registration for the event has ended."), code="registration_ended")


def _when(moment):
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


def _may_register(actor, event, teacher, source):
    if source == Registration.Source.SELF:
        if actor is None or not actor.is_authenticated or teacher.user_id != actor.pk:
            raise PermissionDeniedError(_("You may register only yourself."))
        return
    if source == Registration.Source.PUBLIC:
        return  # the e-mail confirmation link is the authority (confirm_public_registration)
    probe = Registration(event=event, teacher=teacher)
    _require(actor, probe, "events.registration:add", _("You may not register this teacher."))
    if teacher.municipality_id != _municipality_id(event):
        raise ServiceError(
            _("Only teachers of the center's municipality are registered for its events."), code="teacher_municipality"
        )


def _register_locked(actor, event, teacher, source, now):
    """Register one teacher for an event already locked by the caller: confirmed within capacity, else waitlisted."""
    _may_register(actor, event, teacher, source)
    check_open(event, now)
    if not teacher.is_active:
        raise ServiceError(_("The teacher's record is archived."), code="teacher_inactive")
    if _active(event).filter(teacher=teacher).exists():
        raise ServiceError(_("The teacher is already registered for this event."), code="already_registered")
    confirmed = event.registrations.filter(status=R.CONFIRMED).count()
    full = event.capacity is not None and confirmed >= event.capacity
    registration = Registration(
        event=event,
        teacher=teacher,
        status=R.WAITLISTED if full else R.CONFIRMED,
        source=source,
        registered_by=actor if actor is not None and actor.is_authenticated else None,
        registered_at=now,
        queued_at=now,
    )
    try:
        with transaction.atomic():  # a savepoint: the unique active registration may have been taken meanwhile
            audited_save(
                actor=actor,
                instance=registration,
                code="events.registration.created",
                target=event,
                data={"teacher": teacher.full_name, "status": registration.status, "source": source},
            )
    except IntegrityError:
        raise ServiceError(_("The teacher is already registered for this event."), code="already_registered")
    registration.event = event
    registration.teacher = teacher
    _letter(registration, registration.status)
    return registration


def register(*, actor, event, teacher, source=Registration.Source.SELF, now=None):
    """Register a teacher (000 § 6.2.4): by themselves, by the center, by their organization's administrator.

    Refused (coded, nothing changed) outside the window, for a cancelled, held or closed event, or twice."""
    teacher = Teacher.objects.select_related("organization").get(pk=teacher.pk)
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("center__organization").get(pk=event.pk)
        # The time is read once the lock is held: the queue's order is the order the lock served the requests.
        now = now or timezone.now()
        return _register_locked(actor, event, teacher, source, now)


def bulk_register(*, actor, event, teachers, source=Registration.Source.CENTER, now=None):
    """Register many teachers at once (the center: any of the municipality; an organization: its own). Teachers
    already registered are skipped and reported; any other refusal refuses the whole list (nothing changed)."""
    report = {"confirmed": [], "waitlisted": [], "skipped": []}
    if not teachers:
        raise ServiceError(_("Choose at least one teacher."), code="no_teachers", field="teachers")
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("center__organization").get(pk=event.pk)
        now = now or timezone.now()
        for teacher in Teacher.objects.select_related("organization").filter(pk__in=[t.pk for t in teachers]):
            try:
                registration = _register_locked(actor, event, teacher, source, now)
            except ServiceError as exc:
                if exc.code != "already_registered":
                    exc.message = f"{teacher.full_name}: {exc.message}"
                    raise
                report["skipped"].append(teacher)
                continue
            report[registration.status].append(teacher)
    return report


def cancel_registration(*, actor, registration, now=None):
    """Cancel a registration: the teacher their own until the event starts, the center's staff or the organization's
    administrator at any time before the event is held; a freed seat goes to the first of the waitlist."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("center__organization").get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().select_related("teacher").get(pk=registration.pk)
        own = actor.is_authenticated and registration.teacher.user_id == actor.pk
        staff = instance_in_scope(actor, registration, "events.registration:change")
        if not own and not staff:
            raise PermissionDeniedError(_("You may not cancel this registration."))
        if registration.status == R.CANCELLED:
            raise ServiceError(_("The registration is already cancelled."), code="already_cancelled")
        if event.status in (S.HELD, S.CANCELLED):
            raise ServiceError(
                _("The event is %(status)s: its registrations are final.") % {"status": event.get_status_display()},
                code="event_final",
            )
        if not staff and now >= event.starts_at:
            raise ServiceError(_("The event has already started."), code="event_started")
        before = record_snapshot(registration)
        was = registration.status
        registration.status = R.CANCELLED
        registration.cancelled_at = now
        registration.cancelled_by = actor
        audited_save(
            actor=actor,
            instance=registration,
            before=before,
            code="events.registration.cancelled",
            target=event,
            data={"teacher": registration.teacher.full_name, "was": was},
        )
        if was == R.CONFIRMED:
            _promote(actor, event, now)
    return registration


def _promote(actor, event, now=None):
    """Fill free seats from the waitlist in `queued_at, id` order (the event row is locked by the caller)."""
    now = now or timezone.now()
    if event.capacity is None:
        free = None
    else:
        free = event.capacity - event.registrations.filter(status=R.CONFIRMED).count()
        if free <= 0:
            return []
    waiting = event.registrations.filter(status=R.WAITLISTED).select_related("teacher").order_by("queued_at", "id")
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        before = record_snapshot(registration)
        registration.status = R.CONFIRMED
        registration.promoted_at = now
        audited_save(
            actor=actor,
            instance=registration,
            before=before,
            code="events.registration.promoted",
            target=event,
            data={"teacher": registration.teacher.full_name},
        )
        registration.event = event
        _letter(registration, "promoted")
    return promoted


# --- the public form ------------------------------------------------------------------------------------------


def request_public_registration(*, event, surname, name, patronymic="", email, organization, position, consent):
    """The public form (no login): checks, then e-mails a time-limited signed link that confirms the address."""
    if not consent:
        raise ServiceError(
            _("Registration needs your consent to the processing of personal data."),
            code="consent_required",
            field="consent",
        )
    check_open(event)
    if organization.municipality_id != _municipality_id(event):
        raise ServiceError(
            _("Choose an organization of the center's municipality."),
            code="organization_municipality",
            field="organization",
        )
    payload = {
        "event": event.pk,
        "surname": surname.strip(),
        "name": name.strip(),
        "patronymic": patronymic.strip(),
        "email": email.strip().lower(),
        "organization": organization.pk,
        "position": position.pk,
        "consent": timezone.localdate().isoformat(),
    }
    token = signing.dumps(payload, salt=PUBLIC_SALT, compress=True)
    link = settings.SITE_URL.rstrip("/") + reverse("portal:event-confirm", args=[token])
    body = _(
        "You asked to register for «%(event)s» (%(when)s).\n\nConfirm your e-mail address and the registration by "
        "opening this link within two days:\n%(link)s\n\nIf you did not ask for it, ignore this letter."
    ) % {"event": event.title, "when": _when(event.starts_at), "link": link}
    message = EmailMessage(_("Confirm the registration: %(event)s") % {"event": event.title}, body, None, [email])
    transaction.on_commit(lambda: message.send(fail_silently=True))
    return token


def read_public_token(token):
    try:
        return signing.loads(token, salt=PUBLIC_SALT, max_age=PUBLIC_MAX_AGE)
    except signing.SignatureExpired:
        raise ServiceError(_("The confirmation link has expired: fill in the form again."), code="link_expired")
    except signing.BadSignature:
        raise ServiceError(_("The confirmation link is not valid."), code="link_invalid")


def match_teacher(*, municipality_id, email, surname, name, organization):
    """The teacher of the registry the public form is about: by e-mail in the municipality, else by surname, name
    and organization; None when there is none."""
    found = Teacher.objects.filter(municipality_id=municipality_id, email__iexact=email, is_active=True)
    teacher = found.order_by("-organization_id", "pk").filter(organization=organization).first() or found.first()
    if teacher is None:
        teacher = (
            Teacher.objects.filter(
                organization=organization, surname__iexact=surname, name__iexact=name, is_active=True
            )
            .order_by("pk")
            .first()
        )
    return teacher


def confirm_public_registration(*, token, now=None):
    """The confirmation link opened: match or create the teacher, record the consent, register (source public)."""
    from resurs.catalogs.models import Position
    from resurs.territory.models import Organization

    data = read_public_token(token)
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("center__organization").get(pk=data["event"])
        organization = Organization.objects.get(pk=data["organization"])
        teacher = match_teacher(
            municipality_id=_municipality_id(event),
            email=data["email"],
            surname=data["surname"],
            name=data["name"],
            organization=organization,
        )
        check_open(event, now)
        if teacher is not None and _active(event).filter(teacher=teacher).exists():
            raise ServiceError(_("The teacher is already registered for this event."), code="already_registered")
        if teacher is None:
            teacher = Teacher(
                surname=data["surname"],
                name=data["name"],
                patronymic=data["patronymic"],
                email=data["email"],
                organization=organization,
                position=Position.objects.get(pk=data["position"]),
            )
            audited_save(
                actor=None, instance=teacher, code="events.teacher.created_public", data={"event": event.title}
            )
        elif not teacher.email:
            Teacher.objects.filter(pk=teacher.pk).update(email=data["email"])
            teacher.email = data["email"]
        if not teacher.consents.filter(withdrawn_on__isnull=True).exists():
            given = datetime.date.fromisoformat(data["consent"])
            Consent.objects.create(teacher=teacher, given_on=given, purpose=CONSENT_PURPOSE)
            log_action(
                actor=None,
                code="people.consent.given",
                target=teacher,
                data={"given_on": str(given), "purpose": CONSENT_PURPOSE},
            )
        registration = _register_locked(None, event, teacher, Registration.Source.PUBLIC, now or timezone.now())
    return registration


# --- attendance and check-in (001 § 3.1 «учёт посещения заседаний») -------------------------------------------

_attendance_callbacks = []
A = Registration.Attendance
# Check-in at the door opens this long before the start (the event's day in practice).
CHECK_IN_OPENS = datetime.timedelta(hours=3)


def on_attendance(callback):
    """Register `callback(registrations=[...])`, called inside the transaction every time registrations become
    present (bulk marking, check-in). Upper apps (development) register theirs at start-up, like
    `territory.moves.register_move_callback`: events cannot import them."""
    if callback not in _attendance_callbacks:
        _attendance_callbacks.append(callback)


def _attended(registrations):
    if registrations:
        for callback in list(_attendance_callbacks):
            callback(registrations=list(registrations))


def _attendance_event(actor, event, now):
    """The event locked for marking attendance: the actor marks it; not a draft or cancelled; started."""
    event = Event.objects.select_for_update().select_related("center__organization").get(pk=event.pk)
    _require(actor, Registration(event=event), "events.registration:attend", _("You may not mark attendance here."))
    if event.status == S.CANCELLED:
        raise ServiceError(_("The event is cancelled."), code="event_cancelled")
    if event.status == S.DRAFT:
        raise ServiceError(_("The event is a draft: nobody attends it."), code="event_draft")
    return event


def _set_attendance(actor, registration, value, now, checked_in=False):
    before = record_snapshot(registration)
    registration.attendance = value
    registration.attendance_marked_at = now
    registration.attendance_marked_by = actor
    if checked_in:
        registration.checked_in_at = now
    audited_save(
        actor=actor,
        instance=registration,
        before=before,
        code="events.registration.checked_in" if checked_in else "events.registration.attendance",
        target=registration.event,
        data={"teacher": registration.teacher.full_name, "attendance": value},
    )


def mark_attendance(*, actor, event, marks, now=None):
    """Mark attendance in bulk: `marks` is {registration id: "present" | "absent" | "excused" | ""} for confirmed
    registrations of the event, once it has started. Unchanged marks are skipped. Returns the changed registrations;
    those that became present go to the attendance callbacks inside the transaction."""
    now = now or timezone.now()
    if not marks:
        raise ServiceError(_("Mark at least one registration."), code="no_marks")
    values = {str(v) for v in A.values}
    marks = {int(pk): (value or "") for pk, value in marks.items()}
    if any(value not in values for value in marks.values()):
        raise ServiceError(_("Unknown attendance mark."), code="attendance_value")
    with transaction.atomic():
        event = _attendance_event(actor, event, now)
        if event.starts_at - CHECK_IN_OPENS > now:
            raise ServiceError(_("The event has not started yet."), code="not_started")
        rows = {
            r.pk: r
            for r in event.registrations.select_for_update(of=("self",))
            .select_related("teacher")
            .filter(pk__in=list(marks))
        }
        missing = set(marks) - set(rows)
        if missing:
            raise ServiceError(_("A registration is not of this event."), code="not_of_event")
        changed, present = [], []
        for pk in sorted(marks):
            registration = rows[pk]
            if registration.status != R.CONFIRMED:
                raise ServiceError(
                    _("%(teacher)s: only confirmed registrations are marked.")
                    % {"teacher": registration.teacher.full_name},
                    code="not_confirmed",
                )
            if registration.attendance == marks[pk]:
                continue
            registration.event = event
            _set_attendance(actor, registration, marks[pk], now)
            changed.append(registration)
            if marks[pk] == A.PRESENT:
                present.append(registration)
        _attended(present)
    return changed


def normalize_code(code):
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def check_in(*, actor, event, code, now=None):
    """Check a registration in by its code (typed or scanned): marks it present. Checking in twice is harmless:
    returns (registration, False) and changes nothing; the first time (registration, True)."""
    now = now or timezone.now()
    code = normalize_code(code)
    if not code:
        raise ServiceError(_("Type or scan the check-in code."), code="code_required", field="code")
    with transaction.atomic():
        event = _attendance_event(actor, event, now)
        if event.starts_at - CHECK_IN_OPENS > now:
            raise ServiceError(
                _("Check-in opens %(hours)s hours before the start.") % {"hours": 3}, code="check_in_not_open"
            )
        registration = (
            event.registrations.select_for_update(of=("self",)).select_related("teacher").filter(code=code).first()
        )
        if registration is None:
            raise ServiceError(
                _("No registration of this event has the code %(code)s.") % {"code": code},
                code="code_unknown",
                field="code",
            )
        if registration.status != R.CONFIRMED:
            raise ServiceError(
                _("%(teacher)s: the registration is %(status)s, not confirmed.")
                % {"teacher": registration.teacher.full_name, "status": registration.get_status_display()},
                code="not_confirmed",
                field="code",
            )
        registration.event = event
        if registration.attendance == A.PRESENT:
            return registration, False
        _set_attendance(actor, registration, A.PRESENT, now, checked_in=True)
        _attended([registration])
    return registration, True


# --- certificates -----------------------------------------------------------------------------------------------


def _certificate_values(event, *, registration=None, speaker=None):
    if registration is not None:
        teacher = registration.teacher
        return {
            "role": Certificate.Role.PARTICIPANT,
            "registration": registration,
            "teacher": teacher,
            "full_name": teacher.full_name,
            "organization_name": teacher.organization.short_name,
            "topic": "",
        }
    teacher = speaker.teacher
    return {
        "role": Certificate.Role.SPEAKER,
        "speaker": speaker,
        "teacher": teacher,
        "full_name": teacher.full_name if teacher else speaker.full_name,
        "organization_name": speaker.organization_name or (teacher.organization.short_name if teacher else ""),
        "topic": speaker.topic,
    }


def _new_certificate(actor, event, now, values, replaces=None):
    certificate = Certificate(
        event=event,
        event_title=event.title,
        event_date=timezone.localdate(event.starts_at),
        issued_at=now,
        issued_by=actor,
        replaces=replaces,
        **values,
    )
    audited_save(
        actor=actor,
        instance=certificate,
        code="events.certificate.reissued" if replaces else "events.certificate.issued",
        target=event,
        data={"number": certificate.number, "name": certificate.full_name},
    )
    return certificate


def issue_certificates(*, actor, event, now=None):
    """Issue certificates for a held event in bulk: to every confirmed registration marked present and to every
    speaker that has no valid certificate yet. Returns the new certificates (none when everyone has one)."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("center__organization").get(pk=event.pk)
        _require(actor, Certificate(event=event), "events.certificate:add", _("You may not issue certificates here."))
        if event.status != S.HELD:
            raise ServiceError(_("Certificates are issued once the event is marked held."), code="event_not_held")
        issued = []
        attendees = (
            event.registrations.filter(status=R.CONFIRMED, attendance=Registration.Attendance.PRESENT)
            .exclude(certificates__status=Certificate.Status.VALID)
            .select_related("teacher__organization")
            .order_by("teacher__surname", "teacher__name", "id")
        )
        for registration in attendees:
            issued.append(_new_certificate(actor, event, now, _certificate_values(event, registration=registration)))
        speakers = event.speakers.exclude(certificates__status=Certificate.Status.VALID).select_related(
            "teacher__organization"
        )
        for speaker in speakers:
            issued.append(_new_certificate(actor, event, now, _certificate_values(event, speaker=speaker)))
        if not issued:
            raise ServiceError(
                _("Nobody to issue a certificate to: every attendee and speaker has one (mark attendance first)."),
                code="nothing_to_issue",
            )
    return issued


def _locked_certificate(actor, certificate):
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("event__center", "registration__teacher__organization", "speaker__teacher__organization")
        .get(pk=certificate.pk)
    )
    _require(actor, certificate, "events.certificate:change", _("You may not change this certificate."))
    if certificate.status == Certificate.Status.REVOKED:
        raise ServiceError(_("The certificate is already revoked."), code="certificate_revoked")
    return certificate


def _revoke(actor, certificate, reason, now):
    before = record_snapshot(certificate)
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_at = now
    certificate.revoked_by = actor
    certificate.revoke_reason = reason
    audited_save(
        actor=actor,
        instance=certificate,
        before=before,
        code="events.certificate.revoked",
        target=certificate.event,
        data={"number": certificate.number, "reason": reason},
    )


def revoke_certificate(*, actor, certificate, reason, now=None):
    """Revoke a certificate (issued in error): the verification page says it is revoked, with the date."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Give the reason for revoking."), code="reason_required", field="reason")
    with transaction.atomic():
        certificate = _locked_certificate(actor, certificate)
        _revoke(actor, certificate, reason, now)
    return certificate


def reissue_certificate(*, actor, certificate, reason="", now=None):
    """Re-issue on request (a changed surname, a lost file): the old number is revoked, a new one is issued with
    the holder's current name and organization."""
    now = now or timezone.now()
    with transaction.atomic():
        certificate = _locked_certificate(actor, certificate)
        event = Event.objects.select_related("center").get(pk=certificate.event_id)
        _revoke(actor, certificate, (reason or "").strip() or _("Re-issued"), now)
        if certificate.registration_id:
            values = _certificate_values(event, registration=certificate.registration)
        else:
            values = _certificate_values(event, speaker=certificate.speaker)
        return _new_certificate(actor, event, now, values, replaces=certificate)


def verify_certificate(number):
    """The certificate with this number (any case, spaces ignored), or None."""
    number = "".join((number or "").split()).upper()
    return Certificate.objects.filter(number=number).select_related("event__center", "replaced_by").first()


# --- feedback (the survey after a held event) -------------------------------------------------------------------


def feedback_open(registration):
    """May the survey be answered for this registration: the event is held and the teacher was present."""
    return (
        registration.event.status == S.HELD
        and registration.status == R.CONFIRMED
        and registration.attendance == Registration.Attendance.PRESENT
    )


def submit_feedback(*, actor, registration, satisfaction, usefulness, comment="", now=None):
    """The attendee's own answer (only they, only once): satisfaction and usefulness 1–5 and a comment."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event", "teacher")
            .get(pk=registration.pk)
        )
        if actor is None or not actor.is_authenticated or registration.teacher.user_id != actor.pk:
            raise PermissionDeniedError(_("Only the attendee answers the survey."))
        if registration.event.status != S.HELD:
            raise ServiceError(_("The survey opens once the event is held."), code="event_not_held")
        if registration.status != R.CONFIRMED or registration.attendance != Registration.Attendance.PRESENT:
            raise ServiceError(_("The survey is for those who attended the event."), code="not_attended")
        if Feedback.objects.filter(registration=registration).exists():
            raise ServiceError(_("You have already answered the survey."), code="feedback_given")
        ratings = {"satisfaction": satisfaction, "usefulness": usefulness}
        for name, value in ratings.items():
            if not isinstance(value, int) or not 1 <= value <= 5:
                raise ServiceError(_("Ratings are from 1 to 5."), code="rating_range", field=name)
        feedback = Feedback(registration=registration, comment=(comment or "").strip(), submitted_at=now, **ratings)
        audited_save(
            actor=actor,
            instance=feedback,
            code="events.feedback.given",
            target=registration.event,
            data={"satisfaction": satisfaction, "usefulness": usefulness},
        )
    return feedback


# --- feeds and reminders --------------------------------------------------------------------------------------


def teacher_feed_token(teacher):
    """The unguessable part of a teacher's personal calendar feed (signed id; no expiry)."""
    return signing.Signer(salt=FEED_SALT).sign(str(teacher.pk)).replace(":", "-", 1)


def teacher_from_feed_token(token):
    try:
        pk = signing.Signer(salt=FEED_SALT).unsign(token.replace("-", ":", 1))
    except signing.BadSignature:
        return None
    return Teacher.objects.filter(pk=pk).first()


def send_reminders(*, now=None):
    """The letter the day before (with the .ics and the check-in code) to every confirmed registration of the events
    starting tomorrow; an event reminded for that day is not reminded again. Returns the number of letters."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    events = Event.objects.filter(
        status__in=[S.PUBLISHED, S.OPEN, S.CLOSED],
        starts_at__gte=start,
        starts_at__lt=start + datetime.timedelta(days=1),
    ).select_related("venue")
    done = set(
        ActionLog.objects.filter(code="events.event.reminded", data__day=tomorrow.isoformat()).values_list(
            "object_id", flat=True
        )
    )
    sent = 0
    for event in events:
        if str(event.pk) in done:
            continue
        with transaction.atomic():
            registrations = event.registrations.filter(status=R.CONFIRMED).select_related("teacher")
            count = 0
            for registration in registrations:
                registration.event = event
                count += _letter(registration, "reminder")
            log_action(
                actor=None,
                code="events.event.reminded",
                target=event,
                data={"day": tomorrow.isoformat(), "count": count},
            )
        sent += count
    return sent


# --- letters --------------------------------------------------------------------------------------------------


def _letter(registration, kind):
    """One letter to the registered teacher after commit, the event as an .ics attached; 0 without an address."""
    email = registration.teacher.email
    if not email:
        return 0
    event = registration.event
    when = _when(event.starts_at)
    values = {"event": event.title, "when": when, "code": registration.code, "reason": event.cancel_reason}
    subjects = {
        R.CONFIRMED: _("Registration confirmed: %(event)s"),
        R.WAITLISTED: _("You are on the waitlist: %(event)s"),
        "promoted": _("A seat is yours: %(event)s"),
        "reminder": _("Tomorrow: %(event)s"),
        "event_cancelled": _("The event is cancelled: %(event)s"),
    }
    bodies = {
        R.CONFIRMED: _(
            "You are registered for «%(event)s», %(when)s.\nYour check-in code: %(code)s (show it at the entrance)."
        ),
        R.WAITLISTED: _(
            "All seats of «%(event)s» (%(when)s) are taken: you are on the waitlist. If a seat frees up, it is "
            "yours and we will tell you."
        ),
        "promoted": _("A seat of «%(event)s» (%(when)s) has freed up and is now yours.\nYour check-in code: %(code)s."),
        "reminder": _("«%(event)s» is tomorrow, %(when)s.\nYour check-in code: %(code)s."),
        "event_cancelled": _("«%(event)s» (%(when)s) is cancelled. Reason: %(reason)s"),
    }
    body = bodies[kind] % values
    where = calendar.location(event)
    if where:
        body += "\n" + _("Where: %(where)s") % {"where": where}
    body += "\n" + calendar.event_url(event)
    message = EmailMessage(subjects[kind] % values, body, None, [email])
    message.attach("event.ics", calendar.registration_ics(registration), "text/calendar")
    if kind in (R.CONFIRMED, "promoted", "reminder"):
        message.attach(f"check-in-{registration.code}.png", qr_png(registration.code), "image/png")
    transaction.on_commit(lambda: message.send(fail_silently=True))
    return 1
