"""Development endpoints: the pages' restricted querysets, FilterSets and services (SPEC §8).

A code held nowhere is a 403, a record outside what the user sees is a 404, a code held but not on this record a
403; a refused rule is a 400 with the service's code and a stale `version` a 409.
"""

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from resurs.centers.models import Association
from resurs.common import access
from resurs.common.api import ScopedViewSet, ScopedViewSetMixin
from resurs.common.importers import start_import
from resurs.common.scoping import restrict
from resurs.people.models import Teacher

from .. import recommendations, selectors, services
from ..filtersets import (
    AttestationFilterSet,
    CourseFilterSet,
    ExperienceFilterSet,
    MentoringFilterSet,
    ProcedureFilterSet,
    ResultFilterSet,
    RouteFilterSet,
    StepFilterSet,
)
from ..models import (
    Attestation,
    Course,
    DiagnosticProcedure,
    DiagnosticResult,
    ExperienceSharing,
    MentoringPair,
    Route,
    RouteStep,
)
from . import serializers as s


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class ImportMixin:
    """POST <list>/import/ with an XLSX/CSV `file`: queues the all-or-nothing import job (its page has the report)."""

    import_name = None

    def import_options(self, request):
        return None

    @extend_schema(request={"multipart/form-data": UploadSerializer}, responses={202: None})
    @action(detail=False, methods=["post"], permission_action="import", parser_classes=[MultiPartParser, FormParser])
    def import_file(self, request):
        upload = UploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        job = start_import(
            name=self.import_name,
            user=request.user,
            upload=upload.validated_data["file"],
            options=self.import_options(request),
        )
        return Response({"job": str(job.pk)}, status=status.HTTP_202_ACCEPTED)


class ProcedureViewSet(ScopedViewSet):
    model = DiagnosticProcedure
    serializer_class = s.ProcedureSerializer
    filterset_class = ProcedureFilterSet

    def base_queryset(self):
        return selectors.procedures(DiagnosticProcedure.objects.all())


class ResultViewSet(ImportMixin, ScopedViewSet):
    model = DiagnosticResult
    serializer_class = s.ResultSerializer
    filterset_class = ResultFilterSet
    import_name = "development.results"

    def base_queryset(self):
        return selectors.results(DiagnosticResult.objects.all())

    def import_options(self, request):
        procedure = request.data.get("procedure")
        found = access.find(
            restrict(DiagnosticProcedure.objects.all(), request.user, "development.diagnosticresult:import"),
            pk=procedure,
        )
        return {"procedure": found.pk}


class CourseViewSet(ImportMixin, ScopedViewSet):
    model = Course
    serializer_class = s.CourseSerializer
    filterset_class = CourseFilterSet
    import_name = "development.courses"

    def base_queryset(self):
        return Course.objects.select_related("teacher")


class ExperienceViewSet(ScopedViewSet):
    model = ExperienceSharing
    serializer_class = s.ExperienceSerializer
    filterset_class = ExperienceFilterSet


class MentoringViewSet(ScopedViewSet):
    model = MentoringPair
    serializer_class = s.MentoringSerializer
    filterset_class = MentoringFilterSet

    @extend_schema(responses=s.YoungTeacherSerializer(many=True))
    @action(detail=False, methods=["get"], permission_action="view", filterset_class=None, pagination_class=None)
    def young_without_mentor(self, request):
        """Young specialists in your scope with no mentoring pair running today (001 § 5.9)."""
        teachers = selectors.young_without_mentor(selectors.teachers_for(request.user, self.code("view")))
        return Response(s.YoungTeacherSerializer(teachers.order_by("surname", "name", "id")[:1000], many=True).data)


class AttestationViewSet(ScopedViewSet):
    model = Attestation
    serializer_class = s.AttestationSerializer
    filterset_class = AttestationFilterSet

    def base_queryset(self):
        return Attestation.objects.select_related("teacher", "category")

    @extend_schema(
        parameters=[OpenApiParameter("months", int, description="Months ahead (1–60), 6 when not given.")],
        responses=s.DueTeacherSerializer(many=True),
    )
    @action(detail=False, methods=["get"], permission_action="view", filterset_class=None, pagination_class=None)
    def due(self, request):
        """Teachers in your scope whose category ends within the next `months` months."""
        months = _months(request.query_params.get("months"))
        teachers = services.due_for_attestation(
            selectors.teachers_for(request.user, self.code("view")).select_related("category"), months=months
        )
        return Response(s.DueTeacherSerializer(teachers.order_by("category_expires_on", "id")[:1000], many=True).data)


def _months(value):
    if value in (None, ""):
        return 6
    try:
        months = int(value)
    except ValueError:
        raise serializers.ValidationError({"months": "1–60"})
    if not 1 <= months <= 60:
        raise serializers.ValidationError({"months": "1–60"})
    return months


class RouteViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Routes (ИОМ) with their steps; POST agree/start/complete/close run the workflow, accept adds a proposal."""

    model = Route
    serializer_class = s.RouteSerializer
    filterset_class = RouteFilterSet
    action_permissions = {
        "agree": "agree",
        "start": "change",
        "complete": "change",
        "close": "change",
        "accept": "change",
    }
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def base_queryset(self):
        return selectors.routes(Route.objects.all()).prefetch_related(
            "deficits", Prefetch("steps", queryset=RouteStep.objects.order_by("deadline", "sort_order", "id"))
        )

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return s.RouteWriteSerializer
        return s.RouteSerializer

    def respond(self, route, code=status.HTTP_200_OK):
        fresh = self.base_queryset().get(pk=route.pk)
        return Response(s.RouteSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=s.RouteWriteSerializer, responses={201: s.RouteSerializer})
    def create(self, request, *args, **kwargs):
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("version", None)
        for name in ("teacher", "period_start", "period_end"):
            if name not in values:
                raise serializers.ValidationError({name: [serializers.Field.default_error_messages["required"]]})
        route = services.create_route(actor=request.user, **values)
        return self.respond(route, status.HTTP_201_CREATED)

    @extend_schema(request=s.RouteWriteSerializer, responses={200: s.RouteSerializer})
    def update(self, request, *args, **kwargs):
        route = self.get_object()
        data = self.get_serializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("teacher", None)  # a route stays the teacher's
        version = values.pop("version", None)
        route = services.update_route(actor=request.user, route=route, version=version, **values)
        return self.respond(route)

    def _transition(self, request, name):
        route = self.get_object()
        body = s.TransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = body.validated_data
        route = services.transition(
            actor=request.user,
            route=route,
            action=name,
            reason=values["reason"],
            reflection=values["reflection"],
            rediagnosis=values["rediagnosis"],
            version=values.get("version"),
        )
        return self.respond(route)

    @extend_schema(request=s.TransitionSerializer, responses=s.RouteSerializer)
    @action(detail=True, methods=["post"])
    def agree(self, request, pk=None):
        """The tutor agrees the draft route."""
        return self._transition(request, "agree")

    @extend_schema(request=s.TransitionSerializer, responses=s.RouteSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._transition(request, "start")

    @extend_schema(request=s.TransitionSerializer, responses=s.RouteSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        """Complete with the reflection (required) and, optionally, the re-diagnosis."""
        return self._transition(request, "complete")

    @extend_schema(request=s.TransitionSerializer, responses=s.RouteSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close with the reason (required)."""
        return self._transition(request, "close")

    @extend_schema(request=s.AcceptSerializer, responses={201: s.StepSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Add a current proposal (an event or a product for one of the teacher's deficits) as a step."""
        route = self.get_object()
        body = s.AcceptSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        step = services.accept_proposal(
            actor=request.user,
            route=route,
            kind=body.validated_data["kind"],
            object_id=body.validated_data["id"],
            competence_id=body.validated_data["competence"],
        )
        return Response(s.StepSerializer(step, context=self.get_serializer_context()).data, status=201)


class StepViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Steps of routes, governed by the route's codes; POST complete (with evidence) and cancel."""

    model = RouteStep
    serializer_class = s.StepSerializer
    filterset_class = StepFilterSet
    action_permissions = {"create": "change", "complete": "change", "cancel": "change"}
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def code(self, action=None):
        return f"development.route:{action or self.action_code()}"

    def base_queryset(self):
        return RouteStep.objects.select_related("route")

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        route = values.pop("route")
        version = values.pop("route_version", None)
        serializer.instance = services.save_step(actor=self.request.user, route=route, version=version, **values)

    def perform_update(self, serializer):
        values = dict(serializer.validated_data)
        values.pop("route", None)
        version = values.pop("route_version", None)
        step = serializer.instance
        serializer.instance = services.save_step(
            actor=self.request.user, route=step.route, version=version, step=step, **values
        )

    @extend_schema(request=s.StepCompleteSerializer, responses=s.StepSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        step = self.get_object()
        body = s.StepCompleteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        step = services.complete_step(actor=request.user, step=step, **body.validated_data)
        return Response(s.StepSerializer(step, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=s.StepSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        step = services.cancel_step(actor=request.user, step=self.get_object())
        return Response(s.StepSerializer(step, context=self.get_serializer_context()).data)


class RecommendationViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    """GET ?teacher=<id>: the current proposals for a teacher you reach; POST refresh: the job for your scope."""

    model = Teacher
    serializer_class = s.ProposalSerializer
    action_permissions = {"list": "view", "refresh": "refresh"}
    filter_backends = []
    pagination_class = None

    def code(self, action=None):
        return f"development.recommendationset:{action or self.action_code()}"

    def base_queryset(self):
        return Teacher.objects.all()

    def get_queryset(self):
        return selectors.teachers_for(self.request.user, self.code("view"))

    @extend_schema(
        parameters=[OpenApiParameter("teacher", int, required=True)], responses=s.ProposalSerializer(many=True)
    )
    def list(self, request):
        teacher = access.find(self.get_queryset(), pk=request.query_params.get("teacher"))
        proposals = recommendations.for_teacher(teacher)
        return Response(s.ProposalSerializer(proposals, many=True).data)

    @extend_schema(request=None, responses={202: None})
    @action(detail=False, methods=["post"])
    def refresh(self, request):
        job = services.start_recommendations(actor=request.user)
        return Response({"job": str(job.pk)}, status=status.HTTP_202_ACCEPTED)


class AnalysisViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    """GET ?association=<id>&year=<yyyy>: the figures of the association analysis (001 appendix 2)."""

    model = Association
    filter_backends = []
    pagination_class = None
    action_permissions = {"list": "view"}

    def code(self, action=None):
        return "development.analysis:view"

    def base_queryset(self):
        return Association.objects.all()

    @extend_schema(
        parameters=[OpenApiParameter("association", int, required=True), OpenApiParameter("year", int)],
        responses={200: None},
    )
    def list(self, request):
        association = access.find(self.get_queryset(), pk=request.query_params.get("association"))
        year = _year(request.query_params.get("year"))
        data = selectors.appendix2(association.members.values_list("pk", flat=True), year)
        data["period"] = [d.isoformat() for d in data["period"]]
        data["association"] = association.pk
        return Response(data)


def _year(value):
    if value in (None, ""):
        today = timezone.localdate()
        return today.year if today.month >= 9 else today.year - 1
    try:
        year = int(value)
    except ValueError:
        raise serializers.ValidationError({"year": "2000–2100"})
    if not 2000 <= year <= 2100:
        raise serializers.ValidationError({"year": "2000–2100"})
    return year
