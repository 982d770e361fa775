"""Cross-app endpoints: API token, the requester's own jobs, list exports and table imports (both run as jobs)."""

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, inline_serializer
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from resurs.audit.services import log_action
from resurs.common.access import require_code
from resurs.common.api import API_AUTHENTICATION
from resurs.common.exports import filtered_queryset, get_export, start_export
from resurs.common.models import Job
from resurs.common.permissions import code_for
from resurs.common.responses import stored_file_response

# --- token ----------------------------------------------------------------------------------------------------------


class TokenThrottle(SimpleRateThrottle):
    """Login attempts for a token per client address (API_TOKEN_RATE, default 10/min); axes also locks user names."""

    scope = "api_token"

    def get_rate(self):
        return getattr(settings, "API_TOKEN_RATE", "10/min")

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenView(ObtainAuthToken):
    """Exchange a user name and password for the user's API token (send it as `Authorization: Token <key>`)."""

    authentication_classes = []
    throttle_classes = [TokenThrottle]

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        token, created = Token.objects.get_or_create(user=user)
        log_action(actor=user, code="api.token.issued", target=user, data={"new": created})
        return Response({"token": token.key})


# --- jobs -----------------------------------------------------------------------------------------------------------


class JobSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField(help_text=_("Where the result file is downloaded, once done."))

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "title",
            "status",
            "progress",
            "message",
            "result",
            "error",
            "created_at",
            "started_at",
            "finished_at",
            "download_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_download_url(self, job):
        if not job.result_file:
            return None
        return reverse("api:job-download", args=[job.pk])


class JobViewSet(viewsets.ReadOnlyModelViewSet):
    """The requester's own background jobs (exports, imports, reports); another user's job is a 404."""

    serializer_class = JobSerializer
    authentication_classes = API_AUTHENTICATION
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Job.objects.none()
        return Job.objects.filter(user=self.request.user)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: OpenApiResponse()})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The job's result file."""
        return stored_file_response(self.get_object().result_file)


def job_response(request, job):
    job.refresh_from_db()  # an eager job may already have finished
    return Response(JobSerializer(job, context={"request": request}).data, status=status.HTTP_202_ACCEPTED)


# --- exports --------------------------------------------------------------------------------------------------------


def _filter_params(request):
    """The list's filter parameters from the query string and the body (the body wins), as a QueryDict."""
    params = request.query_params.copy()
    data = request.data
    if hasattr(data, "lists"):
        for key, values in data.lists():
            params.setlist(key, values)
    elif isinstance(data, dict):
        for key, value in data.items():
            values = value if isinstance(value, list) else [value]
            params.setlist(key, [_as_param(v) for v in values])
    elif data:
        raise exceptions.ParseError(_("Send the filter parameters as an object."))
    return params


def _as_param(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _plain(params: QueryDict):
    return {key: values[0] if len(values) == 1 else values for key, values in params.lists()}


class ExportView(APIView):
    """Start the XLSX export of a list with the list's filter parameters; personal-data exports are logged."""

    authentication_classes = API_AUTHENTICATION
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        responses={202: JobSerializer},
        description=_(
            "The body (or the query string) carries the same filter parameters as the list endpoint, for example "
            '{"organization": 5, "is_young_specialist": true}. The export runs as a job: poll /api/v1/jobs/<id>/.'
        ),
    )
    def post(self, request, name):
        try:
            entry = get_export(name)
        except KeyError:
            raise exceptions.NotFound
        require_code(request.user, code_for(entry["queryset"]().model, "export"))
        params = _filter_params(request)
        _rows, filterset = filtered_queryset(name, request.user, params)
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        job = start_export(name=name, user=request.user, params=_plain(params))
        return job_response(request, job)


# --- imports --------------------------------------------------------------------------------------------------------


class ImportView(APIView):
    """Upload an XLSX/CSV table to import; it is checked row by row in a job and written only if every row is valid."""

    authentication_classes = API_AUTHENTICATION
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer("ImportUpload", fields={"file": serializers.FileField()}),
        },
        responses={202: JobSerializer},
    )
    def post(self, request, name):
        from resurs.common.importers import start_import

        upload = request.FILES.get("file")
        if upload is None:
            raise exceptions.ValidationError({"file": [_("Attach the file to import.")]})
        try:
            job = start_import(name=name, user=request.user, upload=upload)
        except KeyError:
            raise exceptions.NotFound
        return job_response(request, job)
