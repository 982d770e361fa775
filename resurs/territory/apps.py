"""Territory: region, municipality, organization, educational district."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "resurs.territory"
    label = "territory"
    verbose_name = _("Territory")

    def ready(self):
        from resurs.common.context_processors import register_menu

        from . import exports, imports, permissions, scopes  # noqa: F401

        permissions.register_all()
        scopes.register_all()
        register_menu("territory:organization-list", _("Organizations"), "territory.organization:view", _("Territory"))
        register_menu("territory:municipality-list", _("Municipalities"), "territory.municipality:view", _("Territory"))
        register_menu(
            "territory:district-list", _("Educational districts"), "territory.educationaldistrict:view", _("Territory")
        )
        register_menu("territory:region-list", _("Regions"), "territory.region:view", _("Territory"))
