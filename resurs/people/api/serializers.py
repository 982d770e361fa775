"""Teacher serializers; the organization is limited to where the user may keep teachers, as in the form."""

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from resurs.catalogs.models import Position, QualificationCategory, Subject
from resurs.common.api import ScopedModelSerializer, ScopedRelatedField
from resurs.territory.models import Organization

from ..forms import TeacherForm
from ..models import Consent, Employment, Teacher


class ConsentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Consent
        fields = ["id", "given_on", "purpose", "withdrawn_on", "withdrawal_reason", "recorded_at"]
        read_only_fields = fields


class EmploymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Employment
        fields = ["id", "organization", "position"]
        read_only_fields = fields


class TeacherSerializer(ScopedModelSerializer):
    organization = ScopedRelatedField(queryset=Organization.objects.all())
    position = serializers.PrimaryKeyRelatedField(queryset=Position.objects.all())
    subjects = serializers.PrimaryKeyRelatedField(queryset=Subject.objects.all(), many=True, required=False)
    category = serializers.PrimaryKeyRelatedField(
        queryset=QualificationCategory.objects.all(), allow_null=True, required=False
    )
    employments = EmploymentSerializer(many=True, read_only=True, help_text=gettext_lazy("Part-time jobs."))
    consent = ConsentSerializer(
        read_only=True, allow_null=True, help_text=gettext_lazy("The consent in force, if any.")
    )

    class Meta:
        model = Teacher
        fields = [
            "id",
            *TeacherForm.Meta.fields,
            "user",
            "employments",
            "consent",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["user"]


class ConsentGiveSerializer(serializers.Serializer):
    given_on = serializers.DateField(label=gettext_lazy("Given on"))
    purpose = serializers.CharField(label=gettext_lazy("Purpose"), max_length=500)


class ConsentWithdrawSerializer(serializers.Serializer):
    withdrawn_on = serializers.DateField(label=gettext_lazy("Withdrawn on"))
    reason = serializers.CharField(label=gettext_lazy("Reason"), max_length=500, required=False, allow_blank=True)
