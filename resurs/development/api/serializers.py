"""Serializers of the development endpoints: diagnostics, routes and steps, courses, presentations, mentoring,
attestation, proposals and the association analysis."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from resurs.catalogs.models import Competence, QualificationCategory
from resurs.centers.models import Center
from resurs.common.api import ChoicesRelatedField, ScopedModelSerializer, ScopedRelatedField
from resurs.events.models import Event
from resurs.people.models import Teacher
from resurs.products.selectors import published_products
from resurs.territory.models import Municipality, Organization

from .. import selectors, services
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

VERSION_HELP = _(
    "The route's version you read. If the route has changed since, the request is refused with 409 and code "
    "concurrent_edit."
)


def _django_errors(exc):
    return serializers.ValidationError(serializers.as_serializer_error(exc))


class TeacherChoicesMixin:
    """`teacher`-like fields offer the teachers the user may make records for (their scope or supported teachers)."""

    def limit_choices(self, name, queryset):
        request, view = self.context.get("request"), self.context.get("view")
        if request is None or view is None:
            return queryset.none()
        allowed = selectors.teachers_for(request.user, view.code())
        instance = getattr(self, "instance", None)
        if instance is not None and getattr(instance, "pk", None):
            current = getattr(instance, f"{name}_id", None)
            if current:
                return queryset.filter(pk__in=[*allowed.values_list("pk", flat=True), current])
        return queryset.filter(pk__in=allowed.values("pk"))


class ProcedureSerializer(ScopedModelSerializer):
    municipality = ScopedRelatedField(
        queryset=Municipality.objects.all(),
        required=False,
        help_text=_("Taken from the center or the organization when not given."),
    )
    organization = ScopedRelatedField(
        queryset=Organization.objects.all(), required=False, allow_null=True, scope_code="territory.organization:view"
    )
    center = ScopedRelatedField(queryset=Center.objects.all(), required=False, allow_null=True)
    result_count = serializers.IntegerField(read_only=True)
    deficit_count = serializers.IntegerField(read_only=True)
    teacher_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = DiagnosticProcedure
        fields = [
            "id",
            "title",
            "level",
            "held_on",
            "instrument",
            "threshold",
            "municipality",
            "organization",
            "center",
            "result_count",
            "deficit_count",
            "teacher_count",
            "version",
        ]

    def validate(self, attrs):
        if not attrs.get("municipality") and not (self.instance and self.instance.municipality_id):
            source = attrs.get("center") or attrs.get("organization")
            if source is None:
                raise serializers.ValidationError(
                    {"municipality": _("Give the municipality, the center or the school.")}
                )
            attrs["municipality"] = (
                source.organization.municipality if isinstance(source, Center) else source.municipality
            )
        return attrs

    def _save(self, instance, validated_data):
        version = validated_data.pop("version", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        try:
            return services.save_procedure(
                actor=self.context["request"].user, procedure=instance, version=version if instance.pk else None
            )
        except DjangoValidationError as exc:
            raise _django_errors(exc)


class ResultSerializer(TeacherChoicesMixin, ScopedModelSerializer):
    procedure = ScopedRelatedField(
        queryset=DiagnosticProcedure.objects.all(), scope_code="development.diagnosticprocedure:view"
    )
    teacher = ChoicesRelatedField(queryset=Teacher.objects.all())
    competence = serializers.PrimaryKeyRelatedField(queryset=Competence.objects.filter(is_active=True))
    percent = serializers.DecimalField(max_digits=5, decimal_places=1, read_only=True)
    teacher_name = serializers.CharField(source="teacher.full_name", read_only=True)

    class Meta:
        model = DiagnosticResult
        fields = [
            "id",
            "procedure",
            "teacher",
            "teacher_name",
            "competence",
            "score",
            "max_score",
            "percent",
            "level",
            "is_deficit",
            "version",
        ]
        read_only_fields = ["is_deficit"]

    def _save(self, instance, validated_data):
        version = validated_data.pop("version", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        try:
            return services.save_result(
                actor=self.context["request"].user, result=instance, version=version if instance.pk else None
            )
        except DjangoValidationError as exc:
            raise _django_errors(exc)


class StepSerializer(serializers.ModelSerializer):
    route = ScopedRelatedField(queryset=Route.objects.all(), scope_code="development.route:change")
    competence = serializers.PrimaryKeyRelatedField(
        queryset=Competence.objects.filter(is_active=True), required=False, allow_null=True
    )
    event = serializers.PrimaryKeyRelatedField(
        queryset=Event.objects.filter(status__in=("published", "open", "closed", "held")),
        required=False,
        allow_null=True,
    )
    product = serializers.PrimaryKeyRelatedField(
        queryset=published_products(), required=False, allow_null=True, help_text=_("A published product.")
    )
    route_version = serializers.IntegerField(min_value=1, write_only=True, required=False, help_text=VERSION_HELP)

    class Meta:
        model = RouteStep
        fields = [
            "id",
            "route",
            "kind",
            "title",
            "competence",
            "event",
            "product",
            "deadline",
            "status",
            "evidence_file",
            "evidence_url",
            "evidence_note",
            "completed_on",
            "by_attendance",
            "sort_order",
            "route_version",
        ]
        read_only_fields = [
            "status",
            "evidence_file",
            "evidence_url",
            "evidence_note",
            "completed_on",
            "by_attendance",
        ]


class StepCompleteSerializer(serializers.Serializer):
    evidence_file = serializers.FileField(required=False, allow_null=True)
    evidence_url = serializers.URLField(required=False, allow_blank=True, default="")
    evidence_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class RouteSerializer(TeacherChoicesMixin, serializers.ModelSerializer):
    teacher = ChoicesRelatedField(queryset=Teacher.objects.all())
    teacher_name = serializers.CharField(source="teacher.full_name", read_only=True)
    center = serializers.PrimaryKeyRelatedField(
        queryset=Center.objects.filter(status="active"), required=False, allow_null=True
    )
    tutor = serializers.PrimaryKeyRelatedField(read_only=True)
    deficits = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    steps = StepSerializer(many=True, read_only=True)
    steps_total = serializers.IntegerField(read_only=True)
    steps_done = serializers.IntegerField(read_only=True)

    class Meta:
        model = Route
        fields = [
            "id",
            "teacher",
            "teacher_name",
            "period_start",
            "period_end",
            "basis",
            "center",
            "tutor",
            "deficits",
            "goals",
            "status",
            "agreed_at",
            "reflection",
            "close_reason",
            "rediagnosis",
            "steps",
            "steps_total",
            "steps_done",
            "version",
        ]
        read_only_fields = ["status", "agreed_at", "reflection", "close_reason", "rediagnosis", "version"]


class RouteWriteSerializer(TeacherChoicesMixin, serializers.Serializer):
    """Create (teacher and period required) or change the passport of a route; deficits are result ids."""

    teacher = ChoicesRelatedField(queryset=Teacher.objects.all(), required=False)
    period_start = serializers.DateField(required=False)
    period_end = serializers.DateField(required=False)
    basis = serializers.ChoiceField(choices=Route.Basis.choices, required=False)
    center = serializers.PrimaryKeyRelatedField(
        queryset=Center.objects.filter(status="active"), required=False, allow_null=True
    )
    tutor = serializers.PrimaryKeyRelatedField(
        queryset=Teacher._meta.get_field("user").related_model.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text=_("A user who may agree routes of this teacher (a methodist of the supporting center)."),
    )
    goals = serializers.CharField(required=False, allow_blank=True)
    deficits = serializers.PrimaryKeyRelatedField(
        queryset=DiagnosticResult.objects.filter(is_deficit=True), many=True, required=False
    )
    version = serializers.IntegerField(min_value=1, required=False, help_text=VERSION_HELP)


class TransitionSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    reflection = serializers.CharField(required=False, allow_blank=True, allow_null=True, default=None)
    rediagnosis = serializers.PrimaryKeyRelatedField(
        queryset=DiagnosticProcedure.objects.all(), required=False, allow_null=True, default=None
    )
    version = serializers.IntegerField(min_value=1, required=False)


class AcceptSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[("event", "event"), ("product", "product")])
    id = serializers.IntegerField(min_value=1)
    competence = serializers.IntegerField(min_value=1)


class CourseSerializer(TeacherChoicesMixin, ScopedModelSerializer):
    teacher = ChoicesRelatedField(queryset=Teacher.objects.all())
    teacher_name = serializers.CharField(source="teacher.full_name", read_only=True)

    class Meta:
        model = Course
        fields = [
            "id",
            "teacher",
            "teacher_name",
            "provider",
            "program",
            "hours",
            "starts_on",
            "ends_on",
            "study_form",
            "direction",
            "document_number",
            "version",
        ]


class ExperienceSerializer(TeacherChoicesMixin, ScopedModelSerializer):
    teacher = ChoicesRelatedField(queryset=Teacher.objects.all())

    class Meta:
        model = ExperienceSharing
        fields = ["id", "teacher", "venue", "held_on", "topic", "version"]


class MentoringSerializer(TeacherChoicesMixin, ScopedModelSerializer):
    mentor = ChoicesRelatedField(queryset=Teacher.objects.all())
    mentee = ChoicesRelatedField(queryset=Teacher.objects.all())

    class Meta:
        model = MentoringPair
        fields = ["id", "mentor", "mentee", "starts_on", "ends_on", "plan", "result", "version"]


class AttestationSerializer(TeacherChoicesMixin, ScopedModelSerializer):
    teacher = ChoicesRelatedField(queryset=Teacher.objects.all())
    category = serializers.PrimaryKeyRelatedField(queryset=QualificationCategory.objects.filter(is_active=True))

    class Meta:
        model = Attestation
        fields = ["id", "teacher", "category", "decided_on", "order_number", "order_date", "expires_on", "version"]

    def _save(self, instance, validated_data):
        version = validated_data.pop("version", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        try:
            return services.save_attestation(
                actor=self.context["request"].user, attestation=instance, version=version if instance.pk else None
            )
        except DjangoValidationError as exc:
            raise _django_errors(exc)


class DueTeacherSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)
    category = serializers.StringRelatedField()

    class Meta:
        model = Teacher
        fields = ["id", "full_name", "organization", "category", "category_assigned_on", "category_expires_on"]


class YoungTeacherSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Teacher
        fields = ["id", "full_name", "organization", "experience_specialty"]


class ProposalSerializer(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.IntegerField()
    title = serializers.SerializerMethodField()
    competence = serializers.IntegerField()
    competence_code = serializers.SerializerMethodField()
    deficit = serializers.IntegerField()
    fit = serializers.IntegerField(help_text=_("How many of the teacher's open deficits the proposal addresses."))
    date = serializers.DateTimeField(allow_null=True)

    def get_title(self, p) -> str:
        return str(p["object"]) if p.get("object") is not None else ""

    def get_competence_code(self, p) -> str:
        return p["competence_obj"].code if p.get("competence_obj") is not None else ""
