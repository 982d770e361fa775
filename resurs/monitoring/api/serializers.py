"""Monitoring serializers: the catalog, requests and answers, results with their statistics, runs and their
explanations, support plans. Writes go through the services (coded errors: a 400 with `code`)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from resurs.centers.models import Center
from resurs.common.api import ChoicesRelatedField, ScopedModelSerializer, ScopedRelatedField
from resurs.territory.models import Municipality, Organization, OrganizationType

from .. import formulas
from ..forms import request_scope
from ..models import (
    GROUP_CHOICES,
    AssessmentResult,
    DataRequest,
    DataResponse,
    IdentificationRun,
    Indicator,
    Methodology,
    MethodologyVersion,
    RunResult,
    SupportCase,
    SupportStep,
)


class IndicatorSerializer(ScopedModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "unit",
            "level",
            "block",
            "value_type",
            "direction",
            "period",
            "formula",
            "source",
            "min_value",
            "max_value",
            "part_of",
            "sort_order",
            "is_active",
            "version",
        ]


class DataRequestSerializer(serializers.ModelSerializer):
    answers = serializers.IntegerField(read_only=True)
    submitted = serializers.IntegerField(read_only=True)

    class Meta:
        model = DataRequest
        fields = [
            "id",
            "municipality",
            "center",
            "title",
            "year",
            "deadline",
            "note",
            "indicators",
            "answers",
            "submitted",
            "version",
            "created_at",
        ]
        read_only_fields = fields


class DataRequestCreateSerializer(serializers.Serializer):
    municipality = ChoicesRelatedField(queryset=Municipality.objects.all())
    center = ChoicesRelatedField(queryset=Center.objects.filter(status="active"), required=False, allow_null=True)
    title = serializers.CharField(max_length=300)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    deadline = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    indicators = serializers.PrimaryKeyRelatedField(many=True, queryset=Indicator.objects.filter(is_active=True))
    organizations = ChoicesRelatedField(many=True, queryset=Organization.objects.all())

    def limit_choices(self, name, queryset):
        """Where the user may send requests: a department's municipality, a center's own center and municipality."""
        municipalities, centers = request_scope(self.context["request"].user)
        if name == "municipality":
            return queryset.filter(pk__in=municipalities.values("pk"))
        if name == "center":
            return queryset.filter(pk__in=centers.values("pk"))
        return queryset.filter(municipality__in=municipalities.values("pk"))


class DataResponseSerializer(serializers.ModelSerializer):
    request_title = serializers.CharField(source="request.title", read_only=True)
    deadline = serializers.DateField(source="request.deadline", read_only=True)

    class Meta:
        model = DataResponse
        fields = [
            "id",
            "request",
            "request_title",
            "deadline",
            "organization",
            "status",
            "values",
            "submitted_at",
            "return_comment",
            "reminders",
            "last_reminded_at",
            "version",
        ]
        read_only_fields = fields


class ValuesSerializer(serializers.Serializer):
    values = serializers.DictField(
        child=serializers.CharField(allow_blank=True), help_text=_("{indicator code: value}")
    )
    version = serializers.IntegerField(required=False, min_value=1)


class SubmitSerializer(serializers.Serializer):
    values = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text=_("{indicator code: value}; without it the saved draft is submitted."),
    )
    version = serializers.IntegerField(required=False, min_value=1)


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(allow_blank=True)


class AssessmentResultSerializer(serializers.ModelSerializer):
    measures = serializers.SerializerMethodField(
        help_text=_("pass_rate, quality, average_mark, low_share, objectivity, mismatch (percent or mark)")
    )

    class Meta:
        model = AssessmentResult
        fields = [
            "id",
            "organization",
            "year",
            "procedure",
            "subject",
            "grade",
            "participants",
            "mark2",
            "mark3",
            "mark4",
            "mark5",
            "average_score",
            "below_minimum",
            "marks_confirmed",
            "marks_lowered",
            "marks_raised",
            "measures",
        ]
        read_only_fields = fields

    def get_measures(self, result) -> dict:
        return {k: (None if v is None else str(v)) for k, v in formulas.result_measures(result).items()}


class VersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = MethodologyVersion
        fields = ["id", "number", "rules", "note", "created_at", "created_by"]
        read_only_fields = fields


class MethodologySerializer(serializers.ModelSerializer):
    versions = VersionSerializer(many=True, read_only=True)

    class Meta:
        model = Methodology
        fields = ["id", "code", "name", "description", "is_active", "versions"]
        read_only_fields = fields


class NewVersionSerializer(serializers.Serializer):
    rules = serializers.JSONField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class RunSerializer(serializers.ModelSerializer):
    class Meta:
        model = IdentificationRun
        fields = [
            "id",
            "municipality",
            "methodology_version",
            "year",
            "parameters",
            "status",
            "job",
            "created_at",
            "finished_at",
            "school_count",
            "group_counts",
        ]
        read_only_fields = fields


class RunCreateSerializer(serializers.Serializer):
    municipality = ScopedRelatedField(
        queryset=Municipality.objects.all(), scope_code="monitoring.identificationrun:add"
    )
    methodology_version = serializers.PrimaryKeyRelatedField(queryset=MethodologyVersion.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class RunResultSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.short_name", read_only=True)

    class Meta:
        model = RunResult
        fields = ["id", "run", "organization", "organization_name", "groups", "explanation"]
        read_only_fields = fields


class SupportStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupportStep
        fields = ["id", "case", "title", "responsible", "deadline", "status", "result", "version"]
        read_only_fields = ["id", "version"]


class SupportCaseSerializer(serializers.ModelSerializer):
    steps = SupportStepSerializer(many=True, read_only=True)

    class Meta:
        model = SupportCase
        fields = [
            "id",
            "organization",
            "year",
            "group",
            "run",
            "supporting_centers",
            "partner_schools",
            "goal",
            "status",
            "steps",
            "version",
        ]
        read_only_fields = fields


class SupportCreateSerializer(serializers.Serializer):
    organization = ScopedRelatedField(
        queryset=Organization.objects.filter(kind=OrganizationType.SCHOOL), scope_code="monitoring.supportcase:add"
    )
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    group = serializers.ChoiceField(choices=GROUP_CHOICES)
    run = ScopedRelatedField(
        queryset=IdentificationRun.objects.all(),
        scope_code="monitoring.identificationrun:view",
        required=False,
        allow_null=True,
    )
    supporting_centers = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Center.objects.filter(status="active"), required=False
    )
    partner_schools = ScopedRelatedField(
        many=True, queryset=Organization.objects.all(), scope_code="monitoring.supportcase:add", required=False
    )
    goal = serializers.CharField(required=False, allow_blank=True, default="")


class SupportUpdateSerializer(serializers.Serializer):
    """The case's choices as on its page: active centers of the school's region, other schools of its municipality."""

    supporting_centers = ChoicesRelatedField(many=True, queryset=Center.objects.filter(status="active"))
    partner_schools = ChoicesRelatedField(many=True, queryset=Organization.objects.filter(kind=OrganizationType.SCHOOL))
    goal = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=SupportCase.Status.choices)
    version = serializers.IntegerField(min_value=1)

    def limit_choices(self, name, queryset):
        school = self.context["case"].organization
        if name == "supporting_centers":
            return queryset.filter(organization__municipality__region_id=school.municipality.region_id)
        return queryset.filter(municipality_id=school.municipality_id).exclude(pk=school.pk)


class StepCreateSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    title = serializers.CharField(max_length=500)
    responsible = serializers.CharField(max_length=300)
    deadline = serializers.DateField()


class StepUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500, required=False)
    responsible = serializers.CharField(max_length=300, required=False)
    deadline = serializers.DateField(required=False)
    status = serializers.ChoiceField(choices=SupportStep.Status.choices, required=False)
    result = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField(required=False, min_value=1)
