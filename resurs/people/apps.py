"""Teacher registry and imports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "resurs.people"
    label = "people"
    verbose_name = _("People")

    def ready(self):
        from resurs.common.context_processors import register_menu
        from resurs.territory.moves import register_move_callback

        from . import exports, imports, permissions  # noqa: F401  (registers exports and imports)
        from .models import follow_territory_move

        permissions.register_all()
        register_move_callback(follow_territory_move)
        register_menu("people:teacher-list", _("Teachers"), "people.teacher:view", _("Registry"))
