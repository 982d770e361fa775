"""Fixtures of the accounts tests."""

import pytest


@pytest.fixture
def superuser(db):
    from resurs.accounts.models import User

    return User.objects.create_superuser(username="root", password="pass-12345", email="root@example.org")


@pytest.fixture
def custom_role(db):
    """Make a role with chosen codes and kinds: custom_role("code", ["municipality"], [codes])."""
    from resurs.accounts.models import Role

    def make(code, kinds, codes):
        return Role.objects.create(code=code, name=code.title(), scope_kinds=kinds, permissions=codes)

    return make


@pytest.fixture
def acc(world, custom_role):
    """Roles with fixed codes (the shipped ones grow as apps are added) and users holding them.

    staff / other_staff hold t_org on world.org / world.other_org; the department holds every code of
    t_org, t_mun and t_self on its municipality, but not those of `wide`.
    """
    from resurs.accounts.testing import make_user

    class Acc:
        pass

    a = Acc()
    a.t_org = custom_role(
        "t_org", ["organization"], ["accounts.user:view", "people.teacher:change", "people.teacher:view"]
    )
    a.t_mun = custom_role("t_mun", ["municipality"], ["people.teacher:view", "territory.organization:view"])
    a.t_self = custom_role("t_self", ["self"], ["people.teacher:view"])
    a.wide = custom_role("wide", ["municipality", "organization"], ["accounts.role:change", "people.teacher:view"])
    a.staff = make_user("staff", "t_org", "organization", world.org)
    a.other_staff = make_user("other_staff", "t_org", "organization", world.other_org)
    return a
