"""Permission codes of the document engine: who may replace the templates of issued documents."""

from django.utils.translation import gettext_lazy as _

from resurs.common.permissions import register

TEMPLATE_CHANGE = "documents.documenttemplate:change"

# Shipped roles' share of these codes. The documents layer sits beside accounts and may not import it, so the
# grant itself is made by the app that ships templates (resurs.centers.permissions).
SHIPPED_GRANTS = {"department": [TEMPLATE_CHANGE]}


def register_all():
    register({TEMPLATE_CHANGE: _("Document templates: view, download and upload new versions")})
