"""Error codes of the document engine: what a refusal with each code means (the API's `code`, a form error's code)."""

from django.utils.translation import gettext_lazy as _

CODES = {
    "concurrent_upload": _("Another version of this template was uploaded at the same moment. Try again."),
    "duplicate": _("Such a record already exists."),
    "file_type": _("The file is not a valid Word document (.docx)."),
    "template_syntax": _("The template has an error in its fields."),
    "unknown_template": _("There is no such template."),
}
