"""Framework layer: scoped querysets, generic views, exporters, jobs, service errors; no domain models."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "resurs.common"
    label = "common"
    verbose_name = _("Common")

    def ready(self):
        from . import sqlite

        sqlite.register()
