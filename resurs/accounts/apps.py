"""Users, roles (named sets of permission codes) and role assignments on scopes."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "resurs.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from resurs.common.context_processors import register_menu

        from . import permissions, roles, scopes

        permissions.register_all()
        scopes.register_all()
        post_migrate.connect(roles.sync_shipped_roles, sender=self)
        register_menu("accounts:user-list", _("Users"), "accounts.user:view", _("Administration"))
        register_menu("accounts:role-list", _("Roles"), "accounts.role:view", _("Administration"))
