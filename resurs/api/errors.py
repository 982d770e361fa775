"""Maps service errors to API responses: a coded 400, never a 500; Django's 404/403 get DRF's translated text."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from resurs.common.errors import ConcurrentEditError, PermissionDeniedError, ServiceError


def exception_handler(exc, context):
    if isinstance(exc, PermissionDeniedError):
        return Response({"code": exc.code, "detail": exc.message}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, ConcurrentEditError):
        return Response({"code": exc.code, "detail": exc.message}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ServiceError):
        body = {"code": exc.code, "detail": exc.message}
        if exc.field:
            body["field"] = exc.field
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return Response({"code": "invalid", "detail": detail}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        # get_object_or_404's "No Teacher matches the given query." is English and names the model.
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)
