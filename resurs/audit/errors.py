"""Error codes of the audited writes: what a refusal with each code means (the API's `code`, a form error's code).

The generic `permission_denied` and `concurrent_edit` of these writes are the framework's (resurs.common.errors).
"""

from django.utils.translation import gettext_lazy as _

CODES = {
    "protected": _("The record is in use by other records and cannot be deleted."),
}
