"""Test helpers shared by every app: users holding a role on a scope, query counting, workbook reading."""

import io

import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .scoping import resolve_scope


def grant_role(user, role_code, scope_kind, scope_obj=None, **extra):
    """Give `user` the shipped role `role_code` on a scope object (or on the user itself for kind 'self')."""
    from resurs.accounts.models import Role, RoleAssignment

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
    from resurs.accounts.models import User

    user = User.objects.create_user(username=username, password=password, **fields)
    if role_code:
        grant_role(user, role_code, scope_kind, scope_obj)
    return user


class count_queries(CaptureQueriesContext):
    """with count_queries() as q: ...; q.count"""

    def __init__(self):
        super().__init__(connection)

    @property
    def count(self):
        return len(self.captured_queries)


def read_xlsx(content):
    """Rows of the first sheet of an .xlsx (bytes or file), as lists of cell values."""
    if hasattr(content, "read"):
        content = content.read()
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
