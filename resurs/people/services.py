"""State changes of the teacher registry: consent to personal-data processing (152-ФЗ art. 9)."""

from django.db import transaction
from django.utils.translation import gettext as _

from resurs.accounts.models import User
from resurs.accounts.services import grant_role, send_set_password_email
from resurs.audit.services import log_action
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.scoping import instance_in_scope, resolve_scope

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


def create_login(*, actor, teacher, username):
    """Give a teacher a login (SPEC §3 «optional login»): the teacher role on their own profile, a set-password letter.

    Whoever may edit the teacher's record may do it; the account reaches only the teacher's own data.
    """
    with transaction.atomic():
        teacher = Teacher.objects.select_for_update().get(pk=teacher.pk)
        if not instance_in_scope(actor, teacher, "people.teacher:change"):
            raise PermissionDeniedError(_("You may not change this teacher's record."))
        if teacher.user_id:
            raise ServiceError(_("The teacher already has a login."), code="login_exists")
        if not teacher.email:
            raise ServiceError(
                _("Enter the teacher's e-mail first: the letter to set a password goes there."), code="email_required"
            )
        username = (username or "").strip()
        if not username:
            raise ServiceError(_("Enter the login."), code="username_required", field="username")
        if User.objects.filter(username__iexact=username).exists():
            raise ServiceError(_("This login is taken."), code="username_taken", field="username")
        user = User(
            username=username,
            email=teacher.email,
            last_name=teacher.surname,
            first_name=teacher.name,
            patronymic=teacher.patronymic,
        )
        user.set_unusable_password()
        user.save()
        # Through the accounts service: the actor must be able to give the teacher role where the teacher works
        # (their organization stands in for the new account's own scope), and the grant is logged.
        grant_role(
            actor=actor,
            user=user,
            role_code="teacher",
            scope_kind="self",
            scope_id=user.pk,
            code="people.teacher:change",
            reach=resolve_scope("organization", teacher.organization_id),
            source="people.teacher.login_created",
        )
        teacher.user = user
        teacher.save(update_fields=["user"])
        log_action(actor=actor, code="people.teacher.login_created", target=teacher, data={"username": username})
        transaction.on_commit(lambda: send_set_password_email(user=user))
    return user
