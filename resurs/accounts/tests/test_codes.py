"""Accounts error codes not covered elsewhere."""

import pytest

from resurs.accounts import services
from resurs.accounts.models import Role, User
from resurs.common.errors import ServiceError
from resurs.common.tests.matrix import db_state

pytestmark = pytest.mark.django_db


def test_unknown_delegable_role_is_refused():
    admin = User.objects.create_superuser("root", password="pass-12345")
    role = Role.objects.get(code="department")
    before = db_state()
    with pytest.raises(ServiceError) as exc:
        services.update_role(
            actor=admin,
            role=role,
            name=role.name,
            description=role.description,
            scope_kinds=role.scope_kinds,
            permissions=role.permissions,
            version=role.version,
            delegable_roles=["teacher", "no_such_role"],
        )
    assert (exc.value.code, exc.value.field, exc.value.message) == (
        "unknown_role",
        "delegable_roles",
        "Unknown roles: no_such_role.",
    )
    assert db_state() == before
