"""Administration of accounts (SPEC §1): users, their roles on scopes, and the contents of roles.

Nobody grants more than they hold: an actor gives a role on a scope only when they hold the user
administration code on a scope containing it, and every code of the role on that scope as well
(superusers excepted). Changing an account (login, e-mail, activity) needs the same reach over
every role the account holds, so an e-mail change cannot be used to take over a wider account.
"""

import datetime

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from resurs.common import hooks
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.permissions import is_known
from resurs.common.scoping import (
    SCOPE_KINDS,
    ScopeInfo,
    codes_on_scope,
    covers_scope,
    delegates_on_scope,
    has_code,
    is_unrestricted,
    registered_kinds,
    resolve_scope,
    restrict,
)

from .models import Role, RoleAssignment, User

USER_VIEW = "accounts.user:view"
USER_ADD = "accounts.user:add"
USER_CHANGE = "accounts.user:change"
ROLE_CHANGE = "accounts.role:change"


# --- reads the rules below rely on ---------------------------------------------------------------------------


def not_ended(queryset, today=None):
    """Assignments in force or starting later (not yet ended)."""
    today = today or timezone.localdate()
    return queryset.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))


def in_force(queryset, today=None):
    """Assignments in force today."""
    today = today or timezone.localdate()
    return not_ended(queryset, today).filter(starts_on__lte=today)


def assignment_scope(assignment):
    """The scope of an existing assignment, from its denormalised ids (no query)."""
    return ScopeInfo(
        kind=assignment.scope_kind,
        id=assignment.scope_id,
        label=assignment.scope_label,
        region_id=assignment.region_id,
        municipality_id=assignment.municipality_id,
        organization_id=assignment.organization_id,
    )


def scope_of(kind, scope_id, *, user):
    """The ScopeInfo of a chosen scope; a 'self' scope is always the user the role is for."""
    if kind not in registered_kinds():
        raise ServiceError(_("Unknown scope kind."), code="unknown_scope_kind", field="scope")
    if kind == "self":
        scope_id = user.pk
    info = resolve_scope(kind, scope_id) if scope_id is not None else None
    if info is None:
        raise ServiceError(_("The chosen scope does not exist."), code="unknown_scope", field="scope")
    return info


def _forget_grants(user):
    if hasattr(user, "_resurs_grants"):
        del user._resurs_grants


def _reached_scopes(actor, code, info, user, reach=None):
    """Scopes containing `info` on which the actor holds `code`.

    A 'self' scope sits nowhere in the territory: the user's own territorial roles stand in for it,
    so an administrator reaches a user's own profile exactly where they reach the user. `reach`, when
    given, is the one scope that stands in for it instead (a teacher's organization for their login).
    """
    if reach is not None:
        candidates = [reach]
    elif info.kind == "self":
        candidates = [assignment_scope(a) for a in not_ended(user.assignments.all()) if a.scope_kind != "self"]
    else:
        candidates = [info]
    return [scope for scope in candidates if covers_scope(actor, code, scope)]


def _check_holds(actor, *, role, info, user, code, reach=None):
    """The actor holds `code` on a scope containing `info`, and every code of `role` there."""
    if is_unrestricted(actor):
        return
    reached = _reached_scopes(actor, code, info, user, reach)
    if not reached:
        # No label: the name of a scope outside the actor's reach is not theirs to read.
        raise PermissionDeniedError(
            _("You do not administer users on this scope."), code="scope_not_reached", field="scope"
        )
    held, delegable = set(), set()
    for scope in reached:
        held |= codes_on_scope(actor, scope)
        delegable |= delegates_on_scope(actor, scope)
    if role.code in delegable:
        return
    missing = sorted(set(role.permissions) - held)
    if missing:
        raise PermissionDeniedError(
            _("The role %(role)s carries permissions you do not hold on this scope: %(codes)s.")
            % {"role": role, "codes": ", ".join(missing)},
            code="privilege_escalation",
            field="role",
            params={"codes": missing},
        )


def check_grantable(actor, *, role, info, user, code=USER_CHANGE, reach=None):
    """May the actor give `role` on the scope `info` to `user`? Raises a coded error if not."""
    if info.kind not in role.scope_kinds:
        raise ServiceError(
            _("The role %(role)s cannot be held on a scope of this kind.") % {"role": role},
            code="scope_kind_not_allowed",
            field="scope",
        )
    _check_holds(actor, role=role, info=info, user=user, code=code, reach=reach)


def check_user_manageable(actor, user):
    """May the actor change this account? Only if they could have granted every role it holds."""
    if is_unrestricted(actor):
        return
    if user.is_superuser:
        raise PermissionDeniedError(_("Only a superuser may change a superuser's account."), code="superuser_target")
    if not restrict(User.objects.filter(pk=user.pk), actor, USER_CHANGE).exists():
        raise PermissionDeniedError(_("You may not change this user."), code="user_not_reached")
    for assignment in not_ended(user.assignments.select_related("role")):
        try:
            _check_holds(actor, role=assignment.role, info=assignment_scope(assignment), user=user, code=USER_CHANGE)
        except PermissionDeniedError:
            raise PermissionDeniedError(
                _(
                    "The user holds the role %(role)s on %(scope)s, which is beyond your reach: only an administrator "
                    "who could grant it may change this account."
                )
                % {"role": assignment.role, "scope": assignment.scope_label},
                code="user_beyond_reach",
            )


# --- role assignments -----------------------------------------------------------------------------------------


def _create_assignment(*, actor, user, role, scope_kind, scope_id, starts_on, ends_on, code, reach=None, source=""):
    info = scope_of(scope_kind, scope_id, user=user)
    check_grantable(actor, role=role, info=info, user=user, code=code, reach=reach)
    starts_on = starts_on or timezone.localdate()
    if ends_on is not None and ends_on < starts_on:
        raise ServiceError(_("A role cannot end before it starts."), code="dates", field="ends_on")
    overlapping = RoleAssignment.objects.filter(user=user, role=role, scope_kind=info.kind, scope_id=info.id)
    overlapping = not_ended(overlapping, starts_on)
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    if overlapping.exists():
        raise ServiceError(
            _("The user already holds this role on this scope for these dates."), code="duplicate", field="role"
        )
    assignment = RoleAssignment.objects.create(
        user=user,
        role=role,
        scope_kind=info.kind,
        scope_id=info.id,
        scope_label=info.label[:500],
        region_id=info.region_id,
        municipality_id=info.municipality_id,
        organization_id=info.organization_id,
        starts_on=starts_on,
        ends_on=ends_on,
        granted_by=actor,
    )
    hooks.log_action(
        actor=actor,
        code="accounts.role.assigned",
        target=user,
        data={
            "role": role.code,
            "scope_kind": info.kind,
            "scope_id": info.id,
            "scope": assignment.scope_label,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
            **({"source": source} if source else {}),
        },
    )
    _forget_grants(user)
    return assignment


def grant_role(
    *, actor, user, role_code, scope_kind, scope_id, code, starts_on=None, ends_on=None, reach=None, source=""
):
    """A role given as part of another app's action (a center appointment, a teacher's login), inside its transaction.

    The same rules as `assign_role`: the actor holds `code` (the action's own code, e.g. the staff appointment) on a
    scope containing the role's scope — or on `reach` — and every code of the role there unless they may delegate it
    (privilege_escalation otherwise); the grant is written to the action log with `source` saying what caused it.
    """
    role = Role.objects.get(code=role_code)
    return _create_assignment(
        actor=actor,
        user=user,
        role=role,
        scope_kind=scope_kind,
        scope_id=scope_id,
        starts_on=starts_on,
        ends_on=ends_on,
        code=code,
        reach=reach,
        source=source,
    )


def end_granted_role(*, actor, assignment, ends_on, source=""):
    """End a role given by `grant_role` together with what granted it (the appointment ends, so does its role).

    Any last day is accepted (the appointment's own rules checked it); the end is written to the action log.
    """
    assignment = RoleAssignment.objects.select_for_update().select_related("role", "user").get(pk=assignment.pk)
    _close_assignment(actor, assignment, ends_on, source)
    _forget_grants(assignment.user)
    return assignment


def _close_assignment(actor, assignment, ends_on, source=""):
    """Write the last day and log the end (`source`: what ended it, e.g. an appointment)."""
    assignment.ends_on = ends_on
    assignment.save(update_fields=["ends_on"])
    hooks.log_action(
        actor=actor,
        code="accounts.role.ended",
        target=assignment.user,
        data={
            "role": assignment.role.code,
            "scope_kind": assignment.scope_kind,
            "scope_id": assignment.scope_id,
            "scope": assignment.scope_label,
            "ends_on": ends_on.isoformat(),
            **({"source": source} if source else {}),
        },
    )


def assign_role(*, actor, user, role, scope_kind, scope_id=None, starts_on=None, ends_on=None):
    """Give `user` the role on a scope for a period; the actor must be able to hold it there themselves."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not is_unrestricted(actor) and not restrict(User.objects.filter(pk=user.pk), actor, USER_CHANGE).exists():
            raise PermissionDeniedError(_("You may not change this user."), code="user_not_reached")
        if not user.is_active:
            raise ServiceError(_("The account is deactivated: activate it first."), code="user_inactive")
        role = Role.objects.get(pk=role.pk)
        return _create_assignment(
            actor=actor,
            user=user,
            role=role,
            scope_kind=scope_kind,
            scope_id=scope_id,
            starts_on=starts_on,
            ends_on=ends_on,
            code=USER_CHANGE,
        )


def end_assignment(*, actor, assignment, ends_on=None):
    """End a role: on `ends_on` (its last day, today or later) or, without a date, at once."""
    today = timezone.localdate()
    with transaction.atomic():
        assignment = RoleAssignment.objects.select_for_update().select_related("role", "user").get(pk=assignment.pk)
        if assignment.ends_on is not None and assignment.ends_on < today:
            raise ServiceError(_("This role has already ended."), code="already_ended")
        _check_holds(
            actor,
            role=assignment.role,
            info=assignment_scope(assignment),
            user=assignment.user,
            code=USER_CHANGE,
        )
        if ends_on is None:
            # Ended at once: yesterday was its last day, or it never starts.
            yesterday = today - datetime.timedelta(days=1)
            ends_on = yesterday if assignment.starts_on <= yesterday else assignment.starts_on - datetime.timedelta(1)
        else:
            if ends_on < today:
                raise ServiceError(
                    _("The last day cannot be in the past; leave it empty to end the role now."),
                    code="ends_in_past",
                    field="ends_on",
                )
            if ends_on < assignment.starts_on:
                raise ServiceError(_("A role cannot end before it starts."), code="dates", field="ends_on")
        _close_assignment(actor, assignment, ends_on)
    return assignment


# --- users ----------------------------------------------------------------------------------------------------


def _as_service_error(exc, default_field=None):
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        return ServiceError(" ".join(e for err in errors for e in err.messages), code="invalid", field=field)
    return ServiceError(" ".join(exc.messages), code="invalid", field=default_field)


def create_user(
    *,
    actor,
    username,
    last_name,
    first_name,
    patronymic="",
    email="",
    position="",
    phone="",
    password=None,
    send_password_email=False,
    role,
    scope_kind,
    scope_id=None,
    starts_on=None,
    ends_on=None,
    site_url=None,
):
    """Create an account together with its first role, so that it falls into the creator's scope at once."""
    if not has_code(actor, USER_ADD):
        raise PermissionDeniedError(_("You may not create users."))
    if not password and not send_password_email:
        raise ServiceError(
            _("Set an initial password or have a set-password e-mail sent."), code="no_password", field="password"
        )
    if send_password_email and not email:
        raise ServiceError(_("An e-mail address is needed to send the letter."), code="email_required", field="email")
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise ServiceError(_("This login is already taken."), code="username_taken", field="username")
        user = User(
            username=username,
            last_name=last_name,
            first_name=first_name,
            patronymic=patronymic,
            email=email,
            position=position,
            phone=phone,
        )
        if password:
            try:
                password_validation.validate_password(password, user)
            except ValidationError as exc:
                raise ServiceError(" ".join(exc.messages), code="weak_password", field="password")
            user.set_password(password)
        else:
            user.set_unusable_password()
        try:
            user.full_clean()
        except ValidationError as exc:
            raise _as_service_error(exc)
        user.save()
        assignment = _create_assignment(
            actor=actor,
            user=user,
            role=Role.objects.get(pk=role.pk),
            scope_kind=scope_kind,
            scope_id=scope_id,
            starts_on=starts_on,
            ends_on=ends_on,
            code=USER_ADD,
        )
        hooks.log_action(
            actor=actor,
            code="accounts.user.created",
            target=user,
            data={
                "username": user.username,
                "role": assignment.role.code,
                "scope": assignment.scope_label,
                "letter": bool(send_password_email),
            },
        )
        if send_password_email:
            transaction.on_commit(lambda: send_set_password_email(user=user, site_url=site_url))
    return user


def send_set_password_email(*, user, site_url=None):
    """A letter with a one-time link to set a password (the same token as the password reset).

    The link is built on SITE_URL, not on the request's Host header, so a forged header cannot redirect it.
    """
    site_url = site_url or settings.SITE_URL
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = site_url.rstrip("/") + reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    context = {"user": user, "link": link}
    subject = " ".join(render_to_string("accounts/emails/set_password_subject.txt", context).split())
    body = render_to_string("accounts/emails/set_password.txt", context)
    send_mail(subject, body, None, [user.email])


def send_password_link(*, actor, user, site_url=None):
    """Send the user a new set-password letter (the old password keeps working until a new one is set)."""
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        check_user_manageable(actor, current)
        if not current.is_active:
            raise ServiceError(_("The account is deactivated: activate it first."), code="user_inactive")
        if not current.email:
            raise ServiceError(_("The user has no e-mail address."), code="email_required")
        hooks.log_action(actor=actor, code="accounts.user.password_email_sent", target=current)
        transaction.on_commit(lambda: send_set_password_email(user=current, site_url=site_url))


def update_user(*, actor, user, version):
    """Save the edited account fields of `user` (an instance changed by a form), logging the field diff."""
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        check_user_manageable(actor, current)
        return hooks.save_object(actor=actor, instance=user, version=version, code=USER_CHANGE)


def set_active(*, actor, user, active):
    """Deactivate an account (it can no longer log in; its history and roles stay) or activate it again."""
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        if not active and current.pk == actor.pk:
            raise ServiceError(_("You cannot deactivate your own account."), code="own_account")
        check_user_manageable(actor, current)
        if current.is_active == active:
            raise ServiceError(
                _("The account is already active.") if active else _("The account is already deactivated."),
                code="unchanged",
            )
        current.is_active = active
        saved = hooks.save_object(actor=actor, instance=current, version=current.version, code=USER_CHANGE)
        hooks.log_action(
            actor=actor, code="accounts.user.activated" if active else "accounts.user.deactivated", target=saved
        )
    return saved


# --- roles ----------------------------------------------------------------------------------------------------


def update_role(*, actor, role, name, description, scope_kinds, permissions, version, delegable_roles=None):
    """Change a role's name, description, scope kinds and permission codes; unknown codes are refused."""
    with transaction.atomic():
        current = Role.objects.select_for_update().get(pk=role.pk)
        if not has_code(actor, ROLE_CHANGE):
            raise PermissionDeniedError(_("You may not change roles."))
        unknown = sorted(code for code in set(permissions) if not is_known(code))
        if unknown:
            raise ServiceError(
                _("Unknown permission codes: %(codes)s.") % {"codes": ", ".join(unknown)},
                code="unknown_code",
                field="permissions",
                params={"codes": unknown},
            )
        bad_kinds = sorted(kind for kind in set(scope_kinds) if kind not in SCOPE_KINDS)
        if bad_kinds:
            raise ServiceError(
                _("Unknown scope kinds: %(kinds)s.") % {"kinds": ", ".join(bad_kinds)},
                code="unknown_scope_kind",
                field="scope_kinds",
            )
        if not scope_kinds:
            raise ServiceError(
                _("Choose at least one kind of scope the role is held on."), code="no_scope_kinds", field="scope_kinds"
            )
        dropped = set(current.scope_kinds) - set(scope_kinds)
        if dropped and not_ended(current.assignments.filter(scope_kind__in=dropped)).exists():
            raise ServiceError(
                _("The role is held on scopes of a kind you removed; end those assignments first."),
                code="scope_kind_in_use",
                field="scope_kinds",
            )
        if not is_unrestricted(actor):
            not_held = sorted(code for code in set(permissions) - set(current.permissions) if not has_code(actor, code))
            if not_held:
                raise PermissionDeniedError(
                    _("You cannot add permissions you do not hold: %(codes)s.") % {"codes": ", ".join(not_held)},
                    code="privilege_escalation",
                    field="permissions",
                    params={"codes": not_held},
                )
        role.name = name
        role.description = description
        role.scope_kinds = [kind for kind in SCOPE_KINDS if kind in set(scope_kinds)]
        role.permissions = sorted(set(permissions))
        if delegable_roles is not None:
            unknown_roles = sorted(set(delegable_roles) - set(Role.objects.values_list("code", flat=True)))
            if unknown_roles:
                raise ServiceError(
                    _("Unknown roles: %(codes)s.") % {"codes": ", ".join(unknown_roles)},
                    code="unknown_role",
                    field="delegable_roles",
                )
            role.delegable_roles = sorted(set(delegable_roles))
        return hooks.save_object(actor=actor, instance=role, version=version, code=ROLE_CHANGE)
