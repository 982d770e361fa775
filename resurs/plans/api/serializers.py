"""Plan serializers: plans with their execution counts, header updates with the version, items, workflow bodies,
revisions and diffs."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from resurs.catalogs.models import PlanSection, WorkForm
from resurs.centers.models import Association, Center
from resurs.common.api import ChoicesRelatedField, ScopedRelatedField
from resurs.territory.models import Organization

from .. import selectors
from ..models import Plan, PlanItem, PlanRevision
from ..services import HEADER_FIELDS

VERSION_HELP = _(
    "The plan's version you read. If the plan has changed since, the request is refused with 409 and code "
    "concurrent_edit, naming who changed it."
)


class PlanSerializer(serializers.ModelSerializer):
    owner = serializers.SerializerMethodField(help_text=_("The association's name, or the center's."))
    period = serializers.CharField(source="period_label", read_only=True)
    agreed_revision = serializers.IntegerField(source="agreed_revision.number", read_only=True, allow_null=True)
    agreed_at = serializers.DateTimeField(source="agreed_revision.decided_at", read_only=True, allow_null=True)
    last_submitted_at = serializers.DateTimeField(read_only=True, allow_null=True)
    is_late = serializers.SerializerMethodField(
        help_text=_("Submitted after the deadline the first time, or not submitted and the deadline has passed.")
    )
    deadline = serializers.DateField(read_only=True, allow_null=True)
    items_total = serializers.IntegerField(read_only=True)
    items_done = serializers.IntegerField(read_only=True)
    items_overdue = serializers.IntegerField(read_only=True)
    share_done = serializers.SerializerMethodField(help_text=_("Done items, percent of all items."))

    class Meta:
        model = Plan
        fields = [
            "id",
            "center",
            "association",
            "owner",
            "period_start",
            "period_end",
            "period",
            *HEADER_FIELDS,
            "status",
            "agreed_revision",
            "agreed_at",
            "last_submitted_at",
            "is_late",
            "deadline",
            "items_total",
            "items_done",
            "items_overdue",
            "share_done",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_owner(self, plan) -> str:
        return (plan.association or plan.center).name

    def get_is_late(self, plan) -> bool:
        return selectors.is_late(plan)

    def get_share_done(self, plan) -> int:
        return round(plan.items_done * 100 / plan.items_total) if plan.items_total else 0


class PlanCreateSerializer(serializers.Serializer):
    center = ScopedRelatedField(queryset=Center.objects.filter(status="active"), scope_code="plans.plan:add")
    association = ScopedRelatedField(
        queryset=Association.objects.filter(is_active=True),
        scope_code="plans.plan:add",
        required=False,
        allow_null=True,
        help_text=_("For the plan of an association of the center; empty for the center's own plan."),
    )
    year = serializers.IntegerField(
        min_value=2000,
        max_value=2100,
        help_text=_("The year the period starts: a calendar year, or the academic year from 1 September."),
    )
    copy_previous = serializers.BooleanField(
        default=False, help_text=_("Copy the header and items of the previous period's plan, dates moved by a year.")
    )
    methodological_theme = serializers.CharField(required=False, allow_blank=True, default="")
    goal = serializers.CharField(required=False, allow_blank=True, default="")
    tasks = serializers.CharField(required=False, allow_blank=True, default="")
    expected_result = serializers.CharField(required=False, allow_blank=True, default="")
    organizational_forms = serializers.CharField(required=False, allow_blank=True, default="")


class PlanHeaderSerializer(serializers.Serializer):
    methodological_theme = serializers.CharField(required=False, allow_blank=True)
    goal = serializers.CharField(required=False, allow_blank=True)
    tasks = serializers.CharField(required=False, allow_blank=True)
    expected_result = serializers.CharField(required=False, allow_blank=True)
    organizational_forms = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)


class ReturnSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    item_comments = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        default=dict,
        help_text=_("Comments on items: {item uid: text}."),
    )


class PlanItemSerializer(serializers.ModelSerializer):
    plan = ScopedRelatedField(queryset=Plan.objects.all(), scope_code="plans.plan:change")
    section = serializers.PrimaryKeyRelatedField(queryset=PlanSection.objects.filter(is_active=True))
    form = serializers.PrimaryKeyRelatedField(queryset=WorkForm.objects.filter(is_active=True))
    venue = ChoicesRelatedField(
        queryset=Organization.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("An organization of the plan's municipality; null for an online item."),
    )
    plan_version = serializers.IntegerField(min_value=1, write_only=True, help_text=VERSION_HELP)
    date_display = serializers.CharField(read_only=True)
    venue_display = serializers.CharField(read_only=True)

    class Meta:
        model = PlanItem
        fields = [
            "id",
            "plan",
            "uid",
            "section",
            "form",
            "topic",
            "date",
            "date_precision",
            "date_display",
            "venue",
            "is_online",
            "venue_display",
            "responsible",
            "audience",
            "expected_product",
            "sort_order",
            "execution",
            "new_date",
            "execution_reason",
            "done_on",
            "events",
            "plan_version",
        ]
        read_only_fields = ["uid", "sort_order", "execution", "new_date", "execution_reason", "done_on", "events"]

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list):
            fields["plan"].read_only = True  # an item stays in its plan
        return fields

    def limit_choices(self, name, queryset):
        """The venue is an organization of the plan's municipality; without a plan the user may change, none."""
        plan = self.instance.plan if isinstance(self.instance, PlanItem) else self._plan_from_data()
        if plan is None:
            return queryset.none()
        return queryset.filter(municipality_id=plan.center.organization.municipality_id)

    def _plan_from_data(self):
        try:
            pk = self.initial_data.get("plan")
            return self.fields["plan"].get_queryset().select_related("center__organization").get(pk=pk)
        except (AttributeError, Plan.DoesNotExist, TypeError, ValueError):
            return None


class ExecutionSerializer(serializers.Serializer):
    execution = serializers.ChoiceField(choices=PlanItem.Execution.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    new_date = serializers.DateField(required=False, allow_null=True, default=None)
    done_on = serializers.DateField(required=False, allow_null=True, default=None)


class RevisionSerializer(serializers.ModelSerializer):
    submitted_by = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField()

    class Meta:
        model = PlanRevision
        fields = [
            "number",
            "submitted_at",
            "submitted_by",
            "is_late",
            "verdict",
            "comment",
            "item_comments",
            "decided_at",
            "decided_by",
        ]
        read_only_fields = fields


@extend_schema_field(OpenApiTypes.OBJECT)
class SnapshotField(serializers.JSONField):
    """{header: {field: text}, items: [{uid, section, form, topic, date, venue, responsible, audience, ...}]}"""


class RevisionDetailSerializer(RevisionSerializer):
    snapshot = SnapshotField(read_only=True)

    class Meta(RevisionSerializer.Meta):
        fields = [*RevisionSerializer.Meta.fields, "snapshot"]
        read_only_fields = fields


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.CharField(allow_null=True)
    new = serializers.CharField(allow_null=True)


class ItemChangeSerializer(serializers.Serializer):
    item = SnapshotField()
    fields = FieldChangeSerializer(many=True)


class DiffSerializer(serializers.Serializer):
    a = serializers.CharField(help_text=_("Revision number, or 'current' for the plan as it is now."))
    b = serializers.CharField(help_text=_("Revision number, or 'current' for the plan as it is now."))
    header = FieldChangeSerializer(many=True)
    added = serializers.ListField(child=SnapshotField())
    removed = serializers.ListField(child=SnapshotField())
    changed = ItemChangeSerializer(many=True)


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("XLSX or CSV with the columns of the import template."))
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)


class ImportJobSerializer(serializers.Serializer):
    job = serializers.UUIDField()
    status = serializers.CharField()
    url = serializers.CharField(help_text=_("Poll the job here; its result is the row-by-row report."))
