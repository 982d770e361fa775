"""Reference lists (справочники) of SPEC §2."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogsConfig(AppConfig):
    name = "resurs.catalogs"
    label = "catalogs"
    verbose_name = _("Reference lists")

    def ready(self):
        from resurs.common.context_processors import register_menu

        from . import permissions

        permissions.register_all()
        register_menu("catalogs:index", _("Reference lists"), "catalogs.subject:view", _("Administration"))
