"""REST API under /api/v1/: the same scoping, filters and services as the pages."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "resurs.api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        from resurs.audit.events import register_events

        register_events({"api.token.issued": _("API token issued")})
