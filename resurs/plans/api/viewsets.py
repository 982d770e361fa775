"""Plan endpoints: the pages' restricted querysets, FilterSet and services (SPEC §5).

As on the pages: a code held nowhere is a 403, a plan outside what the user sees is a 404, a code held but not on
this plan is a 403; a refused transition or rule is a 400 with the service's code (`transition_not_allowed`,
`empty_plan`, `comment_required`, `date_outside_period`, `not_agreed`, …) and a stale `version` a 409.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from resurs.common.api import ScopedViewSetMixin
from resurs.common.filtersets import pk_or_none
from resurs.common.importers import start_import
from resurs.common.responses import DOCX_TYPE, XLSX_TYPE, xlsx_response
from resurs.common.workflow import check_transition
from resurs.documents.files import document_response

from .. import exports, selectors, services, workflow
from ..filtersets import PlanFilterSet, PlanItemFilterSet
from ..models import Plan, PlanItem
from . import serializers as s

ERRORS = {
    400: OpenApiResponse(description="A rule refused the action (body: code, detail); nothing changed."),
    403: OpenApiResponse(description="The action is not allowed to you on this plan."),
    404: OpenApiResponse(description="No such plan in your scope."),
}
CONFLICT = {409: OpenApiResponse(description="The plan changed since you read it (code concurrent_edit).")}


class PlanCodesMixin(ScopedViewSetMixin):
    """Every endpoint here is governed by the plan's codes (`plans.plan:<action>`)."""

    model = Plan

    def code(self, action=None):
        return f"plans.plan:{action or self.action_code()}"


@extend_schema_view(
    list=extend_schema(summary="Plans in your scope, with execution counts"),
    retrieve=extend_schema(summary="A plan"),
)
class PlanViewSet(
    PlanCodesMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.PlanSerializer
    filterset_class = PlanFilterSet

    def base_queryset(self):
        return selectors.plans_overview(Plan.objects.all())

    def get_serializer_class(self):
        if self.action == "create":
            return s.PlanCreateSerializer
        if self.action in ("update", "partial_update"):
            return s.PlanHeaderSerializer
        return s.PlanSerializer

    def respond(self, plan, code=status.HTTP_200_OK):
        fresh = self.base_queryset().get(pk=plan.pk)
        return Response(s.PlanSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=s.PlanCreateSerializer, responses={201: s.PlanSerializer, **ERRORS})
    def create(self, request, *args, **kwargs):
        """Create a plan for the period of the center's kind: empty, or a copy of the previous period's plan."""
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        plan = services.create_plan(
            actor=request.user,
            center=values.pop("center"),
            association=values.pop("association", None),
            year=values.pop("year"),
            copy_previous=values.pop("copy_previous"),
            **values,
        )
        return self.respond(plan, status.HTTP_201_CREATED)

    @extend_schema(request=s.PlanHeaderSerializer, responses={200: s.PlanSerializer, **ERRORS, **CONFLICT})
    def update(self, request, *args, **kwargs):
        """Change the header (send the version you read: 409 if the plan has changed since)."""
        plan = self.get_object()
        data = self.get_serializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "version" not in values:
            raise exceptions.ValidationError({"version": [serializers.Field.default_error_messages["required"]]})
        services.update_header(actor=request.user, plan=plan, version=values.pop("version"), **values)
        return self.respond(plan)

    @extend_schema(request=None, responses={200: s.PlanSerializer, **ERRORS})
    @action(detail=True, methods=["post"], permission_action="submit")
    def submit(self, request, pk=None):
        """Submit the plan to the center's coordinator (a new revision; marked late after the deadline)."""
        plan = self.get_object()
        services.submit(actor=request.user, plan=plan)
        return self.respond(plan)

    @extend_schema(request=s.ReturnSerializer, responses={200: s.PlanSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="return", url_name="return", permission_action="agree")
    def return_plan(self, request, pk=None):
        """Return the submitted plan with an overall comment and/or comments on items."""
        plan = self.get_object()
        data = s.ReturnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.return_plan(actor=request.user, plan=plan, **data.validated_data)
        return self.respond(plan)

    @extend_schema(request=None, responses={200: s.PlanSerializer, **ERRORS})
    @action(detail=True, methods=["post"], permission_action="agree")
    def agree(self, request, pk=None):
        """Agree the submitted plan."""
        plan = self.get_object()
        services.agree(actor=request.user, plan=plan)
        return self.respond(plan)

    @extend_schema(request=None, responses={200: s.PlanSerializer, **ERRORS})
    @action(detail=True, methods=["post"], permission_action="change")
    def revise(self, request, pk=None):
        """Start a new revision of an agreed plan; it is submitted and agreed again."""
        plan = self.get_object()
        services.start_revision(actor=request.user, plan=plan)
        return self.respond(plan)

    @extend_schema(responses={200: s.RevisionSerializer(many=True), 404: ERRORS[404]})
    @action(detail=True, methods=["get"], permission_action="view", pagination_class=None)
    def revisions(self, request, pk=None):
        """Every submitted revision, newest first, with the coordinator's verdict and comments."""
        plan = self.get_object()
        rows = plan.revisions.defer("snapshot").select_related("submitted_by", "decided_by")
        return Response(s.RevisionSerializer(rows, many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("number", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={200: s.RevisionDetailSerializer, 404: ERRORS[404]},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"revisions/(?P<number>[0-9]+)",
        url_name="revision",
        permission_action="view",
    )
    def revision(self, request, pk=None, number=None):
        """One revision with its full contents (header and items)."""
        plan = self.get_object()
        revision = get_object_or_404(plan.revisions.select_related("submitted_by", "decided_by"), number=number)
        return Response(s.RevisionDetailSerializer(revision).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("a", str, description="Revision number or 'current' (default: the one before b)."),
            OpenApiParameter("b", str, description="Revision number or 'current' (default: the latest)."),
        ],
        responses={200: s.DiffSerializer, 404: ERRORS[404]},
    )
    @action(detail=True, methods=["get"], permission_action="view")
    def diff(self, request, pk=None):
        """What changed from revision a to revision b: header fields, added, removed and changed items."""
        plan = self.get_object()
        snapshots = dict(plan.revisions.values_list("number", "snapshot"))
        numbers = sorted(snapshots)
        if not numbers:
            raise exceptions.NotFound
        b = self._pick(request.query_params.get("b"), numbers[-1], snapshots)
        a = self._pick(request.query_params.get("a"), numbers[-2] if len(numbers) > 1 else numbers[-1], snapshots)
        if "current" in (a, b):
            snapshots["current"] = services.snapshot(plan)
        diff = services.diff_snapshots(snapshots[a], snapshots[b])
        body = {
            "a": str(a),
            "b": str(b),
            "header": [{"field": f, "old": old, "new": new} for f, old, new in diff["header"]],
            "added": diff["added"],
            "removed": diff["removed"],
            "changed": [
                {"item": item, "fields": [{"field": f, "old": old, "new": new} for f, old, new in fields]}
                for item, fields in diff["changed"]
            ],
        }
        return Response(s.DiffSerializer(body).data)

    @staticmethod
    def _pick(value, default, snapshots):
        if value in (None, ""):
            return default
        if value == "current":
            return value
        number = pk_or_none(value)
        if number not in snapshots:
            raise exceptions.NotFound
        return number

    @extend_schema(
        request={"multipart/form-data": s.ImportSerializer},
        responses={202: s.ImportJobSerializer, **ERRORS},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="import",
        url_name="import",
        permission_action="change",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_items(self, request, pk=None):
        """Add items from an XLSX/CSV file, all or nothing, as a background job with a row-by-row report."""
        plan = self.get_object()
        data = s.ImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        check_transition(workflow.PLAN, "edit", plan.status, labels=dict(Plan.Status.choices))
        job = start_import(
            name="plans.items",
            user=request.user,
            upload=data.validated_data["file"],
            options={"plan": plan.pk, "version": data.validated_data["version"]},
        )
        job.refresh_from_db()
        body = {"job": job.pk, "status": job.status, "url": reverse("api:job-detail", args=[job.pk])}
        return Response(s.ImportJobSerializer(body).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={(200, DOCX_TYPE): OpenApiTypes.BINARY, **ERRORS})
    @action(detail=True, methods=["post"], permission_action="export")
    def docx(self, request, pk=None):
        """The plan as DOCX in the layout of 001 appendix 1; every issued document is recorded."""
        plan = selectors.plan_with_items(self.get_object().pk)
        document = services.issue_document(actor=request.user, plan=plan)
        return document_response(document)

    @extend_schema(responses={(200, XLSX_TYPE): OpenApiTypes.BINARY, 403: ERRORS[403], 404: ERRORS[404]})
    @action(detail=True, methods=["get"], permission_action="export")
    def xlsx(self, request, pk=None):
        """The plan's items as XLSX (section, form, topic, date, venue, responsible, audience, product, execution)."""
        items = PlanItem.objects.select_related("section", "form", "venue")
        plan = Plan.objects.prefetch_related(Prefetch("items", queryset=items)).get(pk=self.get_object().pk)
        name, content = exports.plan_items_xlsx(plan)
        return xlsx_response(content, name)


@extend_schema_view(
    list=extend_schema(summary="Items of the plans in your scope"),
    retrieve=extend_schema(summary="A plan item"),
    create=extend_schema(responses={201: s.PlanItemSerializer, **ERRORS, **CONFLICT}),
    update=extend_schema(responses={200: s.PlanItemSerializer, **ERRORS, **CONFLICT}),
    partial_update=extend_schema(responses={200: s.PlanItemSerializer, **ERRORS, **CONFLICT}),
    destroy=extend_schema(
        parameters=[OpenApiParameter("plan_version", int, required=True, description=str(s.VERSION_HELP))],
        responses={204: None, **ERRORS, **CONFLICT},
    ),
)
class PlanItemViewSet(PlanCodesMixin, viewsets.ModelViewSet):
    """Items of editable plans: added, changed and deleted with the plan's version; execution once agreed."""

    model = PlanItem
    serializer_class = s.PlanItemSerializer
    filterset_class = PlanItemFilterSet

    # An item is part of its plan: adding, changing and deleting items is changing the plan.
    action_permissions = {"create": "change", "destroy": "change", None: "change"}

    def base_queryset(self):
        return PlanItem.objects.select_related("section", "form", "venue", "plan__center__organization")

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        plan, version = values.pop("plan"), values.pop("plan_version")
        serializer.instance = services.save_item(actor=self.request.user, plan=plan, version=version, **values)

    def perform_update(self, serializer):
        item = serializer.instance
        values = {name: getattr(item, name) for name in services.ITEM_FIELDS}
        values.update(serializer.validated_data)
        version = values.pop("plan_version", None)
        if version is None:
            raise exceptions.ValidationError({"plan_version": [serializers.Field.default_error_messages["required"]]})
        serializer.instance = services.save_item(
            actor=self.request.user, plan=item.plan, version=version, item=item, **values
        )

    def perform_destroy(self, instance):
        version = pk_or_none(self.request.query_params.get("plan_version", ""))
        if version is None:
            raise exceptions.ValidationError({"plan_version": [str(s.VERSION_HELP)]})
        services.delete_item(actor=self.request.user, plan=instance.plan, version=version, item=instance)

    @extend_schema(request=s.ExecutionSerializer, responses={200: s.PlanItemSerializer, **ERRORS})
    @action(detail=True, methods=["post"], permission_action="execute")
    def execution(self, request, pk=None):
        """Mark the item done, rescheduled (new date and reason), cancelled (reason) or planned again."""
        item = self.get_object()
        data = s.ExecutionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.set_execution(actor=request.user, item=item, **data.validated_data)
        return Response(s.PlanItemSerializer(item, context=self.get_serializer_context()).data)
