"""State changes of the teacher registry: consent to personal-data processing (152-ФЗ art. 9)."""

from django.db import transaction
from django.utils.translation import gettext as _

from resurs.audit.services import log_action
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.scoping import instance_in_scope

from .models import Consent, Teacher


def record_consent(*, actor, teacher, given_on, purpose):
    """Record a consent; a teacher has at most one consent in force."""
    with transaction.atomic():
        teacher = Teacher.objects.select_for_update().get(pk=teacher.pk)
        if not instance_in_scope(actor, teacher, "people.teacher:change"):
            raise PermissionDeniedError(_("You may not change this teacher's record."))
        if teacher.consents.filter(withdrawn_on__isnull=True).exists():
            raise ServiceError(_("A consent is already in force; withdraw it first."), code="consent_in_force")
        consent = Consent.objects.create(teacher=teacher, given_on=given_on, purpose=purpose, recorded_by=actor)
        log_action(
            actor=actor,
            code="people.consent.given",
            target=teacher,
            data={"given_on": str(given_on), "purpose": purpose},
        )
    return consent


def withdraw_consent(*, actor, teacher, withdrawn_on, reason=""):
    with transaction.atomic():
        teacher = Teacher.objects.select_for_update().get(pk=teacher.pk)
        if not instance_in_scope(actor, teacher, "people.teacher:change"):
            raise PermissionDeniedError(_("You may not change this teacher's record."))
        consent = teacher.consents.filter(withdrawn_on__isnull=True).first()
        if consent is None:
            raise ServiceError(_("There is no consent in force to withdraw."), code="no_consent")
        if withdrawn_on < consent.given_on:
            raise ServiceError(
                _("A consent cannot be withdrawn before it was given."), code="withdrawal_date", field="withdrawn_on"
            )
        consent.withdrawn_on = withdrawn_on
        consent.withdrawal_reason = reason
        consent.save(update_fields=["withdrawn_on", "withdrawal_reason"])
        log_action(
            actor=actor,
            code="people.consent.withdrawn",
            target=teacher,
            data={"withdrawn_on": str(withdrawn_on), "reason": reason},
        )
    return consent
