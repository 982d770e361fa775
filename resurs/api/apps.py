"""REST API under /api/v1/: the same scoping, filters and services as the pages."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "resurs.api"
    label = "api"
    verbose_name = "API"
