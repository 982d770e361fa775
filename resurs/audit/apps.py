"""Change log (field diff of every record that matters) and action log (domain events)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "resurs.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self):
        from resurs.common import hooks

        from . import services

        hooks.save_object = services.save_object
        hooks.delete_object = services.delete_object
        hooks.history = services.history
        hooks.log_action = services.log_action
