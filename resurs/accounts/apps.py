"""Users, roles (named sets of permission codes) and role assignments on scopes."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "resurs.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):

        from . import permissions, roles

        permissions.register_all()
        post_migrate.connect(roles.sync_shipped_roles, sender=self)
