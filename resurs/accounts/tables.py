"""User and role list tables."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Role, User
from .selectors import scope_kind_label


class UserTable(tables.Table):
    name = tables.Column(
        verbose_name=_("Full name"),
        accessor="pk",
        linkify=lambda record: record.get_absolute_url(),
        order_by=("last_name", "first_name", "patronymic", "username"),
    )
    username = tables.Column(verbose_name=_("Login"))
    email = tables.Column(verbose_name=_("E-mail"))
    position = tables.Column(verbose_name=_("Position"))
    roles = tables.Column(verbose_name=_("Roles"), accessor="pk", orderable=False)
    is_active = tables.BooleanColumn(verbose_name=_("Active"), yesno="✓,✗")

    class Meta:
        model = User
        fields = ("name", "username", "email", "position", "roles", "is_active")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("Nothing found.")

    def render_name(self, record):
        return str(record)

    def render_roles(self, record):
        names = []
        for assignment in record.current_assignments:
            name = str(assignment.role)
            if name not in names:
                names.append(name)
        return ", ".join(names) or "—"


class RoleTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"), linkify=True)
    code = tables.Column(verbose_name=_("Code"))
    scope_kinds = tables.Column(verbose_name=_("Held on"), orderable=False)
    permissions = tables.Column(verbose_name=_("Permissions"), orderable=False)

    class Meta:
        model = Role
        fields = ("name", "code", "scope_kinds", "permissions")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("Nothing found.")

    def render_name(self, record):
        return str(record)

    def render_scope_kinds(self, value):
        return ", ".join(str(scope_kind_label(kind)) for kind in value)

    def render_permissions(self, value):
        return len(value)
