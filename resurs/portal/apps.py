"""Public pages (SPEC §11, 000 § 3.8, 001 § 6.1): open without login, showing only what is public."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "resurs.portal"
    label = "portal"
    verbose_name = _("Public portal")
