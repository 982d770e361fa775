"""Permission codes of the accounts app."""

from django.utils.translation import gettext_lazy as _

from resurs.common.permissions import model_codes, register

from .roles import grant


def register_all():
    register(model_codes("accounts", "user", _("Users")))
    register(model_codes("accounts", "role", _("Roles"), ("view", "change")))
    grant("regional", ["accounts.user:view", "accounts.role:view"])
    grant("department", ["accounts.user:view", "accounts.user:add", "accounts.user:change", "accounts.role:view"])
    grant("org_admin", ["accounts.user:view"])
