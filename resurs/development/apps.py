"""Teacher development: diagnostics of deficits, individual educational routes, courses, mentoring, attestation (SPEC §8)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    name = "resurs.development"
    label = "development"
    verbose_name = _("Teacher development")
