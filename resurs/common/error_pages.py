"""Error pages: Russian pages for people, JSON with a Russian `detail` under /api/ (whose own errors DRF answers).

404 and 403 pages use the site layout; 400 and 500 are standalone pages rendered without a context, so they still
show when the database or a context processor is what failed.
"""

from django.http import JsonResponse
from django.views import defaults
from rest_framework import exceptions

API_PREFIX = "/api/"


def _api(request, exc_class):
    if not request.path.startswith(API_PREFIX):
        return None
    return JsonResponse({"detail": str(exc_class.default_detail)}, status=exc_class.status_code)


def bad_request(request, exception):
    return _api(request, exceptions.ParseError) or defaults.bad_request(request, exception)


def permission_denied(request, exception):
    return _api(request, exceptions.PermissionDenied) or defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    return _api(request, exceptions.NotFound) or defaults.page_not_found(request, exception)


def server_error(request):
    return _api(request, exceptions.APIException) or defaults.server_error(request)
