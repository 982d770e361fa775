"""Consultation serializers: the request as shown (with the response time), the request body, the workflow steps."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from resurs.catalogs.models import ContentDirection
from resurs.centers.models import Center
from resurs.common.api import ScopedRelatedField
from resurs.people.models import Teacher
from resurs.territory.models import Organization

from ..models import Consultation
from ..permissions import ADD


class ConsultationSerializer(serializers.ModelSerializer):
    response_seconds = serializers.SerializerMethodField()
    teacher_name = serializers.SerializerMethodField()
    has_attachment = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = [
            "id",
            "center",
            "kind",
            "topic",
            "direction",
            "question",
            "has_attachment",
            "organization",
            "teacher",
            "teacher_name",
            "asked_by",
            "asked_at",
            "status",
            "methodist",
            "assigned_at",
            "answer",
            "answered_at",
            "meeting_at",
            "meeting_place",
            "meeting_url",
            "held_at",
            "responded_at",
            "response_seconds",
            "closed_at",
            "cancelled_at",
            "reject_reason",
            "rejected_at",
            "rating",
            "rating_comment",
            "rated_at",
            "version",
        ]
        read_only_fields = fields

    def get_response_seconds(self, obj) -> int | None:
        value = getattr(obj, "response_duration", None) or obj.response_time
        return int(value.total_seconds()) if value is not None else None

    def get_teacher_name(self, obj) -> str:
        return obj.teacher.full_name if obj.teacher_id else ""

    def get_has_attachment(self, obj) -> bool:
        return bool(obj.attachment)


class AskSerializer(serializers.Serializer):
    center = serializers.PrimaryKeyRelatedField(queryset=Center.objects.filter(status=Center.Status.ACTIVE))
    kind = serializers.ChoiceField(choices=Consultation.Kind.choices)
    topic = serializers.CharField(max_length=500)
    direction = serializers.PrimaryKeyRelatedField(queryset=ContentDirection.objects.filter(is_active=True))
    question = serializers.CharField()
    organization = ScopedRelatedField(
        queryset=Organization.objects.all(),
        scope_code=ADD,
        required=False,
        allow_null=True,
        help_text=_("An organization administrator: one of its organizations. Empty: your own teacher record."),
    )
    teacher = ScopedRelatedField(
        queryset=Teacher.objects.all(),
        scope_code="people.teacher:view",
        required=False,
        allow_null=True,
        help_text=_("An organization administrator: one of its teachers. Empty: yourself."),
    )
    attachment = serializers.FileField(required=False, allow_null=True)


class AssignSerializer(serializers.Serializer):
    methodist = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.filter(is_active=True))


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class AnswerSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="")


class ScheduleSerializer(serializers.Serializer):
    meeting_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")


class HoldSerializer(serializers.Serializer):
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class RateSerializer(serializers.Serializer):
    rating = serializers.IntegerField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class EmptySerializer(serializers.Serializer):
    pass
