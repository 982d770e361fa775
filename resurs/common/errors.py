"""Coded service errors: a page shows them as form errors, the API as 400 with the code."""


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
