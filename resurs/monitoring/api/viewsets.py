"""Monitoring endpoints: the pages' restricted querysets, FilterSets and services (SPEC §9).

A code held nowhere is a 403, an object outside what the user sees is a 404, a code held but not on this object is a
403; a refused rule is a 400 with the service's code and a stale `version` a 409.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from resurs.common import access
from resurs.common.api import ScopedViewSetMixin
from resurs.common.errors import ServiceError
from resurs.common.scoping import restrict
from resurs.territory.models import Municipality, Organization

from .. import selectors, services
from ..filtersets import (
    AssessmentResultFilterSet,
    DataRequestFilterSet,
    DataResponseFilterSet,
    IndicatorFilterSet,
    MethodologyFilterSet,
    RunFilterSet,
    RunResultFilterSet,
    SupportCaseFilterSet,
    SupportStepFilterSet,
)
from ..models import (
    AssessmentResult,
    DataRequest,
    DataResponse,
    IdentificationRun,
    Indicator,
    Methodology,
    RunResult,
    SupportCase,
    SupportStep,
)
from . import serializers as s

ERRORS = {
    400: OpenApiResponse(description="A rule refused the action (body: code, detail); nothing changed."),
    403: OpenApiResponse(description="The action is not allowed to you here."),
    404: OpenApiResponse(description="No such record in your scope."),
}


class IndicatorViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The indicator catalog (004 § 2.2.1)."""

    model = Indicator
    serializer_class = s.IndicatorSerializer
    filterset_class = IndicatorFilterSet

    def base_queryset(self):
        return Indicator.objects.all()


class DataRequestViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Data requests to organizations (000 § 7.1.1): send, see who has submitted, remind."""

    model = DataRequest
    serializer_class = s.DataRequestSerializer
    filterset_class = DataRequestFilterSet

    def base_queryset(self):
        return selectors.requests_overview().prefetch_related("indicators")

    def respond(self, request_obj, code=status.HTTP_200_OK):
        fresh = self.base_queryset().get(pk=request_obj.pk)
        return Response(s.DataRequestSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=s.DataRequestCreateSerializer, responses={201: s.DataRequestSerializer, **ERRORS})
    def create(self, request, *args, **kwargs):
        data = s.DataRequestCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        created = services.create_request(actor=request.user, **data.validated_data)
        return self.respond(created, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.DataRequestSerializer, **ERRORS})
    @action(detail=True, methods=["post"], permission_action="remind")
    def remind(self, request, pk=None):
        """Remind every organization that has not submitted (e-mail and in-app notification)."""
        obj = self.get_object()
        services.remind(actor=request.user, request=obj)
        return self.respond(obj)


class DataResponseViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Answers of organizations: fill (a draft), submit, return for correction, accept."""

    model = DataResponse
    serializer_class = s.DataResponseSerializer
    filterset_class = DataResponseFilterSet

    def base_queryset(self):
        return selectors.responses_overview()

    def respond(self, obj):
        return Response(s.DataResponseSerializer(self.base_queryset().get(pk=obj.pk)).data)

    def values_call(self, func, **kwargs):
        """Run a service taking values; `invalid_values` answers 400 with `errors` per indicator code."""
        try:
            func(**kwargs)
        except ServiceError as exc:
            if exc.code != "invalid_values":
                raise
            body = {"code": exc.code, "detail": exc.message, "errors": exc.params["errors"]}
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return self.respond(kwargs["response"])

    @extend_schema(request=s.ValuesSerializer, responses={200: s.DataResponseSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="save", permission_action="change")
    def save_values(self, request, pk=None):
        """Keep a draft of the values (types and ranges checked, blanks allowed)."""
        obj = self.get_object()
        data = s.ValuesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self.values_call(services.save_values, actor=request.user, response=obj, **data.validated_data)

    @extend_schema(request=s.SubmitSerializer, responses={200: s.DataResponseSerializer, **ERRORS})
    @action(detail=True, methods=["post"], permission_action="submit")
    def submit(self, request, pk=None):
        """Submit: every value present and valid, sums adding up (code invalid_values with params.errors)."""
        obj = self.get_object()
        data = s.SubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self.values_call(services.submit, actor=request.user, response=obj, **data.validated_data)

    @extend_schema(request=s.CommentSerializer, responses={200: s.DataResponseSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="return", url_name="return", permission_action="review")
    def return_response(self, request, pk=None):
        obj = self.get_object()
        data = s.CommentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.return_response(actor=request.user, response=obj, comment=data.validated_data["comment"])
        return self.respond(obj)

    @extend_schema(request=None, responses={200: s.DataResponseSerializer, **ERRORS})
    @action(detail=True, methods=["post"], permission_action="review")
    def accept(self, request, pk=None):
        obj = self.get_object()
        services.accept(actor=request.user, response=obj)
        return self.respond(obj)


class AssessmentResultViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Assessment aggregates with their statistics; import through POST /api/v1/imports/monitoring.results/."""

    model = AssessmentResult
    serializer_class = s.AssessmentResultSerializer
    filterset_class = AssessmentResultFilterSet

    def base_queryset(self):
        return AssessmentResult.objects.all()

    @extend_schema(
        parameters=[
            OpenApiParameter("organization", int, description="A school: its dynamics."),
            OpenApiParameter("municipality", int, description="A municipality: its schools pooled."),
        ],
        responses={200: dict, 404: ERRORS[404]},
    )
    @action(detail=False, methods=["get"], permission_action="view", filterset_class=None, pagination_class=None)
    def dynamics(self, request):
        """Measures per year (pass rate, quality, average mark, low results, objectivity) and groups per year."""
        user = request.user
        if request.query_params.get("organization"):
            org = access.find(
                restrict(Organization.objects.all(), user, "monitoring.assessmentresult:view"),
                pk=request.query_params["organization"],
            )
            data = selectors.school_dynamics(org)
            return Response(
                {
                    "organization": org.pk,
                    "years": data["years"],
                    "measures": _plain(data["measures"]),
                    "groups": {y: [str(g) for g in groups] for y, groups in data["groups"].items()},
                    "indicators": {
                        indicator.code: {y: str(v) for y, v in points.items()}
                        for indicator, points in data["indicators"]
                    },
                }
            )
        if request.query_params.get("municipality"):
            mun = access.find(
                restrict(Municipality.objects.all(), user, "monitoring.assessmentresult:view"),
                pk=request.query_params["municipality"],
            )
            data = selectors.municipality_dynamics(mun)
            return Response(
                {
                    "municipality": mun.pk,
                    "years": data["years"],
                    "measures": _plain(data["measures"]),
                    "groups": data["groups"],
                }
            )
        raise exceptions.ValidationError({"organization": ["Give organization or municipality."]})


def _plain(measures):
    return {y: {k: (None if v is None else str(v)) for k, v in m.items()} for y, m in measures.items()}


class MethodologyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Identification methodologies with their versions; a new version from edited rules."""

    model = Methodology
    serializer_class = s.MethodologySerializer
    filterset_class = MethodologyFilterSet

    def base_queryset(self):
        return Methodology.objects.prefetch_related("versions")

    @extend_schema(request=s.NewVersionSerializer, responses={201: s.VersionSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="versions", permission_action="change")
    def new_version(self, request, pk=None):
        obj = self.get_object()
        data = s.NewVersionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = services.create_version(actor=request.user, methodology=obj, **data.validated_data)
        return Response(s.VersionSerializer(version).data, status=status.HTTP_201_CREATED)


class IdentificationRunViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Runs of a methodology version for a municipality and year (a background job; poll the run or its job)."""

    model = IdentificationRun
    serializer_class = s.RunSerializer
    filterset_class = RunFilterSet

    def base_queryset(self):
        return IdentificationRun.objects.all()

    @extend_schema(request=s.RunCreateSerializer, responses={202: s.RunSerializer, **ERRORS})
    def create(self, request, *args, **kwargs):
        data = s.RunCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = data.validated_data
        run = services.start_run(
            actor=request.user,
            municipality=values["municipality"],
            version=values["methodology_version"],
            year=values["year"],
        )
        run.refresh_from_db()
        return Response(s.RunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class RunResultViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """For every school of a run: its groups and, rule by rule, why, with the numbers."""

    model = RunResult
    serializer_class = s.RunResultSerializer
    filterset_class = RunResultFilterSet

    def code(self, action=None):
        return f"monitoring.identificationrun:{action or self.action_code()}"

    def base_queryset(self):
        return RunResult.objects.select_related("organization")


class SupportCaseViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Support of identified schools (004 § 5.3–5.5): supporting centers, partner schools, the plan's steps."""

    model = SupportCase
    serializer_class = s.SupportCaseSerializer
    filterset_class = SupportCaseFilterSet

    def base_queryset(self):
        return SupportCase.objects.prefetch_related("supporting_centers", "partner_schools", "steps")

    def respond(self, obj, code=status.HTTP_200_OK):
        return Response(s.SupportCaseSerializer(self.base_queryset().get(pk=obj.pk)).data, status=code)

    @extend_schema(request=s.SupportCreateSerializer, responses={201: s.SupportCaseSerializer, **ERRORS})
    def create(self, request, *args, **kwargs):
        data = s.SupportCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        case = services.create_support(
            actor=request.user,
            centers=values.pop("supporting_centers", []),
            partners=values.pop("partner_schools", []),
            **values,
        )
        return self.respond(case, status.HTTP_201_CREATED)

    @extend_schema(request=s.SupportUpdateSerializer, responses={200: s.SupportCaseSerializer, **ERRORS})
    def update(self, request, *args, **kwargs):
        case = self.get_object()
        data = s.SupportUpdateSerializer(data=request.data, context={"case": case})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        services.update_support(
            actor=request.user,
            case=case,
            centers=values.pop("supporting_centers"),
            partners=values.pop("partner_schools"),
            **values,
        )
        return self.respond(case)

    def partial_update(self, request, *args, **kwargs):
        raise exceptions.MethodNotAllowed("PATCH")


class SupportStepViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Steps of support plans: what, who is responsible, by when, status (governed by the support's codes)."""

    model = SupportStep
    serializer_class = s.SupportStepSerializer
    filterset_class = SupportStepFilterSet
    action_permissions = {"create": "change"}

    def code(self, action=None):
        return f"monitoring.supportcase:{action or self.action_code()}"

    def base_queryset(self):
        return SupportStep.objects.all()

    @extend_schema(request=s.StepCreateSerializer, responses={201: s.SupportStepSerializer, **ERRORS})
    def create(self, request, *args, **kwargs):
        data = s.StepCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        cases = restrict(SupportCase.objects.all(), request.user, "monitoring.supportcase:view")
        case = get_object_or_404(cases, pk=values.pop("case"))
        access.check_object(request.user, case, "monitoring.supportcase:change")
        step = services.add_step(actor=request.user, case=case, **values)
        return Response(s.SupportStepSerializer(step).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.StepUpdateSerializer, responses={200: s.SupportStepSerializer, **ERRORS})
    def update(self, request, *args, **kwargs):
        step = self.get_object()
        data = s.StepUpdateSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        step = services.update_step(actor=request.user, step=step, **data.validated_data)
        return Response(s.SupportStepSerializer(step).data)
