"""Error codes of the territory app: what a refusal with each code means (the API's `code`, a form error's code)."""

from django.utils.translation import gettext_lazy as _

CODES = {
    "duplicate": _("Such a record already exists."),
}
