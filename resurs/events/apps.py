"""Events: calendar, registration with capacity and waitlist, attendance, feedback, certificates (SPEC §6)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "resurs.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from . import permissions

        permissions.register_all()
