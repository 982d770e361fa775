"""Coded service errors: a page shows them as form errors, the API as 400 with the code.

Every app lists its codes in its own `errors.py` (`CODES`: code -> what it means); the framework layer's are below.
"""

from django.utils.translation import gettext_lazy as _

CODES = {
    "concurrent_edit": _("The record was changed by someone else since the form was opened."),
    "error": _("The action was refused."),
    "permission_denied": _("You may not do this."),
    "file_empty": _("The file is empty."),
    "file_size": _("The file is too large."),
    "file_type": _("The file type is not allowed."),
    "file_unreadable": _("The file is not an XLSX workbook."),
    "import_rejected": _("The file has errors; nothing was written."),
    "transition_not_allowed": _("The action is not allowed in the record's status."),
    "unknown_action": _("Unknown action."),
}


class ServiceError(Exception):
    """A business rule refused the action; nothing was changed."""

    code = "error"

    def __init__(self, message, *, code=None, field=None, params=None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.field = field
        self.params = params or {}

    def __str__(self):
        return str(self.message)


class PermissionDeniedError(ServiceError):
    code = "permission_denied"


class ConcurrentEditError(ServiceError):
    """The record was changed by someone else since the form was opened (optimistic locking)."""

    code = "concurrent_edit"
