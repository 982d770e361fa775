"""Every state change of consultations (000 § 2.2 «консультативно-методическое сопровождение», § 3.8 individual,
group and remote consultations): a teacher or an organization administrator asks; the head or organizer of the
center assigns a methodist of the center or rejects the request with a reason; the assigned methodist answers in
writing or schedules a meeting (date, place or link) and marks it held; the request is closed; the asker cancels
while nobody has answered and rates the closed request once.

Each step locks the request (`select_for_update`), checks the transition table and the actor's code on the request,
stores the change through the audit (change log and the action-log entry `consultations.consultation.<action>`) and
tells the people concerned in the application and by e-mail after the commit.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resurs.audit.services import audited_save, check_version
from resurs.audit.services import snapshot as record_snapshot
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.notifications import notify
from resurs.common.scoping import instance_in_scope
from resurs.common.uploads import validate_upload
from resurs.common.workflow import check_transition
from resurs.people.models import Teacher

from . import selectors, workflow
from .models import Consultation
from .permissions import ADD

S = Consultation.Status


def _labels():
    return dict(S.choices)


def _require(actor, consultation, code):
    if not instance_in_scope(actor, consultation, code):
        raise PermissionDeniedError(_("You may not do this with this consultation."))


def askers(consultation):
    """Who asked: the account that filed the request and the teacher it is for (once each)."""
    users = [consultation.asked_by]
    if consultation.teacher_id and consultation.teacher.user_id:
        users.append(consultation.teacher.user)
    return users


def _tell(users, consultation, subject, body=""):
    notify(users=users, subject=subject, body=body, url=consultation.get_absolute_url())


# --- asking -------------------------------------------------------------------------------------------------------


def ask(
    *,
    actor,
    center,
    kind,
    topic,
    direction,
    question,
    teacher=None,
    organization=None,
    upload=None,
):
    """A new request (000 § 2.2, 3.8). Without a teacher and an organization it is the actor's own, for their teacher
    record; an organization administrator asks for one of its teachers or for the organization itself."""
    if teacher is None and organization is None:
        teacher = Teacher.objects.filter(user=actor).select_related("organization").first() if actor else None
        if teacher is None:
            raise ServiceError(_("Your login has no teacher record."), code="no_teacher_record", field="teacher")
    if teacher is not None:
        if organization is not None and teacher.organization_id != organization.pk:
            raise ServiceError(
                _("The teacher is not of the asker's organization."), code="teacher_outside", field="teacher"
            )
        organization = teacher.organization
    consultation = Consultation(
        center=center,
        kind=kind,
        topic=(topic or "").strip(),
        direction=direction,
        question=(question or "").strip(),
        organization=organization,
        teacher=teacher,
        asked_by=actor,
    )
    if not instance_in_scope(actor, consultation, ADD):
        raise PermissionDeniedError(_("You may not ask for a consultation for this teacher or organization."))
    if center.status != center.Status.ACTIVE or center.organization.municipality_id != organization.municipality_id:
        raise ServiceError(_("Choose an active center of your municipality."), code="center_outside", field="center")
    if not consultation.topic or not consultation.question:
        raise ServiceError(
            _("Give the topic and the question."),
            code="question_required",
            field="topic" if not consultation.topic else "question",
        )
    if upload is not None:
        try:
            validate_upload(upload)
        except ValidationError as exc:
            raise ServiceError(exc.messages[0], code=exc.code or "file_type", field="attachment")
    with transaction.atomic():
        if upload is not None:
            consultation.attachment.save(upload.name, upload, save=False)
        audited_save(
            actor=actor,
            instance=consultation,
            code="consultations.consultation.asked",
            data={"center": center.name, "kind": kind},
        )
        _tell(
            selectors.center_managers(center),
            consultation,
            _("New consultation request: %(topic)s") % {"topic": consultation.topic},
            _("%(asker)s asks for a consultation (%(kind)s). Assign a methodist.")
            % {
                "asker": teacher.full_name if teacher else organization.short_name,
                "kind": consultation.get_kind_display(),
            },
        )
    return consultation


# --- the workflow -----------------------------------------------------------------------------------------------


def _step(actor, consultation, action, version=None):
    """The request locked (refused if its version moved), the transition and the actor's code checked."""
    locked = check_version(Consultation, consultation.pk, version)
    locked._audit_before = record_snapshot(locked)
    step = workflow.CONSULTATION[action]
    _require(actor, locked, step.code)
    check_transition(workflow.CONSULTATION, action, locked.status, labels=_labels())
    assigned = locked.methodist_id == getattr(actor, "pk", None) or getattr(actor, "is_superuser", False)
    if action in workflow.METHODIST_ACTIONS and not assigned:
        raise PermissionDeniedError(
            _("Only the methodist assigned to the consultation does this."), code="not_assigned_methodist"
        )
    return locked, step


def _save(actor, consultation, action, data=None):
    audited_save(
        actor=actor,
        instance=consultation,
        before=consultation._audit_before,
        code=f"consultations.consultation.{action}",
        data=data or {},
    )
    return consultation


def assign(*, actor, consultation, methodist, version=None, now=None):
    """The head or organizer gives the request to a current methodist of the center (again, until answered)."""
    with transaction.atomic():
        consultation, step = _step(actor, consultation, "assign", version)
        if methodist is None or not selectors.center_methodists(consultation.center).filter(pk=methodist.pk).exists():
            raise ServiceError(
                _("Choose a current methodist of the center."), code="methodist_outside", field="methodist"
            )
        consultation.methodist = methodist
        consultation.assigned_at = now or timezone.now()
        consultation.status = step.target
        _save(actor, consultation, "assign", {"methodist": methodist.get_full_name() or methodist.username})
        _tell(
            [methodist],
            consultation,
            _("A consultation is assigned to you: %(topic)s") % {"topic": consultation.topic},
            consultation.question,
        )
    return consultation


def reject(*, actor, consultation, reason, version=None, now=None):
    """The center refuses the request, saying why (the asker is told)."""
    with transaction.atomic():
        consultation, step = _step(actor, consultation, "reject", version)
        reason = (reason or "").strip()
        if not reason:
            raise ServiceError(_("Give the reason for rejecting."), code="reason_required", field="reason")
        consultation.reject_reason = reason
        consultation.rejected_at = now or timezone.now()
        consultation.status = step.target
        _save(actor, consultation, "reject", {"reason": reason})
        _tell(
            askers(consultation),
            consultation,
            _("Your consultation request is rejected: %(topic)s") % {"topic": consultation.topic},
            reason,
        )
    return consultation


def answer(*, actor, consultation, text, version=None, now=None):
    """The assigned methodist answers in writing (a remote consultation, 000 § 3.8)."""
    with transaction.atomic():
        consultation, step = _step(actor, consultation, "answer", version)
        text = (text or "").strip()
        if not text:
            raise ServiceError(_("Write the answer."), code="answer_required", field="answer")
        now = now or timezone.now()
        consultation.answer = text
        consultation.answered_at = now
        consultation.responded_at = consultation.responded_at or now
        consultation.status = step.target
        _save(actor, consultation, "answer")
        _tell(
            askers(consultation),
            consultation,
            _("Your consultation request is answered: %(topic)s") % {"topic": consultation.topic},
            text,
        )
    return consultation


def schedule(*, actor, consultation, meeting_at, place="", url="", version=None, now=None):
    """The assigned methodist sets (or moves) the meeting: date and time, a place or a link; the asker is told."""
    with transaction.atomic():
        consultation, step = _step(actor, consultation, "schedule", version)
        now = now or timezone.now()
        if meeting_at is None or meeting_at <= now:
            raise ServiceError(_("The meeting cannot be in the past."), code="meeting_in_past", field="meeting_at")
        place, url = (place or "").strip(), (url or "").strip()
        if not place and not url:
            raise ServiceError(
                _("Give the place of the meeting or the link to the online room."),
                code="place_required",
                field="meeting_place",
            )
        moved = consultation.status == S.SCHEDULED
        consultation.meeting_at = meeting_at
        consultation.meeting_place = place
        consultation.meeting_url = url
        consultation.responded_at = consultation.responded_at or now
        consultation.status = step.target
        when = timezone.localtime(meeting_at).strftime("%d.%m.%Y %H:%M")
        _save(actor, consultation, "schedule", {"meeting_at": when, "place": place or url})
        subject = (
            _("The consultation meeting is moved: %(topic)s") if moved else _("A consultation meeting: %(topic)s")
        ) % {"topic": consultation.topic}
        _tell(
            askers(consultation),
            consultation,
            subject,
            _("When: %(when)s. Where: %(where)s.") % {"when": when, "where": place or url},
        )
    return consultation


def hold(*, actor, consultation, notes="", version=None, now=None):
    """The assigned methodist marks the meeting held, once its time has come (with optional notes)."""
    with transaction.atomic():
        consultation, step = _step(actor, consultation, "hold", version)
        now = now or timezone.now()
        if consultation.meeting_at > now:
            raise ServiceError(_("The meeting has not taken place yet."), code="meeting_not_started")
        notes = (notes or "").strip()
        if notes:
            consultation.answer = notes
        consultation.held_at = now
        consultation.status = step.target
        _save(actor, consultation, "hold")
    return consultation


def close(*, actor, consultation, version=None, now=None):
    """The assigned methodist closes the answered or held request; the asker is asked to rate it."""
    with transaction.atomic():
        consultation, step = _step(actor, consultation, "close", version)
        consultation.closed_at = now or timezone.now()
        consultation.status = step.target
        _save(actor, consultation, "close")
        _tell(
            askers(consultation),
            consultation,
            _("The consultation is closed: %(topic)s") % {"topic": consultation.topic},
            _("Please rate the consultation (1 to 5)."),
        )
    return consultation


def cancel(*, actor, consultation, version=None, now=None):
    """The asker withdraws the request while nobody has answered it yet."""
    with transaction.atomic():
        consultation, step = _step(actor, consultation, "cancel", version)
        consultation.cancelled_at = now or timezone.now()
        consultation.status = step.target
        _save(actor, consultation, "cancel")
        if consultation.methodist_id:
            _tell(
                [consultation.methodist],
                consultation,
                _("The consultation request is cancelled: %(topic)s") % {"topic": consultation.topic},
            )
    return consultation


def rate(*, actor, consultation, rating, comment="", version=None, now=None):
    """The asker rates the closed consultation once: 1 to 5, with a comment."""
    with transaction.atomic():
        consultation, _step_ = _step(actor, consultation, "rate", version)
        if consultation.rating is not None:
            raise ServiceError(_("The consultation is already rated."), code="already_rated")
        if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
            raise ServiceError(_("The rating is a whole number from 1 to 5."), code="rating_range", field="rating")
        consultation.rating = rating
        consultation.rating_comment = (comment or "").strip()
        consultation.rated_at = now or timezone.now()
        _save(actor, consultation, "rate", {"rating": rating})
    return consultation


ACTIONS = {
    "assign": assign,
    "reject": reject,
    "answer": answer,
    "schedule": schedule,
    "hold": hold,
    "close": close,
    "cancel": cancel,
    "rate": rate,
}


def perform(*, actor, consultation, action, **values):
    """One workflow action by name (the pages' and the API's POST actions)."""
    if action not in ACTIONS:
        check_transition(workflow.CONSULTATION, action, consultation.status)  # coded unknown_action
    return ACTIONS[action](actor=actor, consultation=consultation, **values)
