"""Test helpers: users holding a shipped role on a scope."""

from resurs.common.scoping import resolve_scope

from .models import Role, RoleAssignment, User


def grant_role(user, role_code, scope_kind, scope_obj=None, **extra):
    """Give `user` the shipped role `role_code` on a scope object (or on the user itself for kind 'self')."""

    scope_id = user.pk if scope_kind == "self" else scope_obj.pk
    info = resolve_scope(scope_kind, scope_id) if scope_kind != "self" else None
    assignment = RoleAssignment.objects.create(
        user=user,
        role=Role.objects.get(code=role_code),
        scope_kind=scope_kind,
        scope_id=scope_id,
        scope_label=info.label if info else str(user),
        region_id=info.region_id if info else None,
        municipality_id=info.municipality_id if info else None,
        organization_id=info.organization_id if info else None,
        **extra,
    )
    if hasattr(user, "_resurs_grants"):
        del user._resurs_grants
    return assignment


def make_user(username, role_code=None, scope_kind=None, scope_obj=None, password="pass-12345", **fields):
    user = User.objects.create_user(username=username, password=password, **fields)
    if role_code:
        grant_role(user, role_code, scope_kind, scope_obj)
    return user
