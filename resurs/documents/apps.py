"""The document engine: DOCX rendering from editable templates, the template registry, the issued-document registry."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "resurs.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from resurs.common.context_processors import register_menu

        from . import permissions

        permissions.register_all()
        register_menu(
            "documents:template-list", _("Document templates"), permissions.TEMPLATE_CHANGE, _("Administration")
        )
