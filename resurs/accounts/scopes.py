"""Registers 'self' as a scope kind: a role held on one's own profile (a teacher's own records, SPEC §1)."""

from resurs.common.scoping import ScopeInfo, register_scope_kind


def _self(pk):
    from .models import User

    user = User.objects.filter(pk=pk).first()
    return user and ScopeInfo(kind="self", id=user.pk, label=str(user))


def register_all():
    # No choices: the scope of a 'self' assignment is always the user who holds it.
    register_scope_kind("self", _self)
