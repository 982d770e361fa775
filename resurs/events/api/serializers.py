"""Event serializers: events with their seat counts, the event body for create/update, transitions, registrations."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from resurs.catalogs.models import Competence, EducationLevel, Position, Subject, WorkForm
from resurs.centers.models import Association, Center
from resurs.common.api import ChoicesRelatedField, ScopedRelatedField
from resurs.people.models import Teacher
from resurs.plans.models import PlanItem
from resurs.territory.models import Organization

from ..models import Certificate, Event, Feedback, Registration


class EventSerializer(serializers.ModelSerializer):
    confirmed_count = serializers.IntegerField(read_only=True)
    waitlisted_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "center",
            "association",
            "plan_item",
            "form",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "format",
            "venue",
            "room",
            "online_url",
            "subjects",
            "positions",
            "levels",
            "competences",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "status",
            "cancel_reason",
            "held_at",
            "confirmed_count",
            "waitlisted_count",
            "version",
        ]
        read_only_fields = fields


class EventWriteSerializer(serializers.Serializer):
    center = ScopedRelatedField(queryset=Center.objects.filter(status="active"), scope_code="events.event:add")
    plan_item = ScopedRelatedField(
        queryset=PlanItem.objects.all(), scope_code="plans.plan:view", required=False, allow_null=True
    )
    association = serializers.PrimaryKeyRelatedField(
        queryset=Association.objects.filter(is_active=True), required=False, allow_null=True
    )
    form = serializers.PrimaryKeyRelatedField(queryset=WorkForm.objects.filter(is_active=True))
    title = serializers.CharField(max_length=500)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    format = serializers.ChoiceField(choices=Event.Format.choices, default=Event.Format.IN_PERSON)
    venue = ChoicesRelatedField(
        queryset=Organization.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("An organization of the center's municipality."),
    )
    room = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    online_url = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    subjects = serializers.PrimaryKeyRelatedField(queryset=Subject.objects.all(), many=True, required=False)
    positions = serializers.PrimaryKeyRelatedField(queryset=Position.objects.all(), many=True, required=False)
    levels = serializers.PrimaryKeyRelatedField(queryset=EducationLevel.objects.all(), many=True, required=False)
    competences = serializers.PrimaryKeyRelatedField(queryset=Competence.objects.all(), many=True, required=False)
    capacity = serializers.IntegerField(min_value=1, max_value=100000, required=False, allow_null=True)
    registration_opens_at = serializers.DateTimeField(required=False, allow_null=True)
    registration_closes_at = serializers.DateTimeField(required=False, allow_null=True)
    version = serializers.IntegerField(min_value=1, required=False)

    def limit_choices(self, name, queryset):
        """The venue is an organization of the center's municipality (of the event, or of the center sent)."""
        instance = self.context.get("event")
        if instance is not None:
            municipality = instance.center.organization.municipality_id
        else:
            center = self.fields["center"].get_queryset().filter(pk=_pk(self.initial_data.get("center"))).first()
            if center is None:
                return queryset.none()
            municipality = center.organization.municipality_id
        return queryset.filter(municipality_id=municipality)


def _pk(value):
    from resurs.common.filtersets import pk_or_none

    return pk_or_none(value)


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class RegistrationSerializer(serializers.ModelSerializer):
    teacher_name = serializers.CharField(source="teacher.full_name", read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "teacher",
            "teacher_name",
            "status",
            "source",
            "registered_at",
            "queued_at",
            "promoted_at",
            "cancelled_at",
            "code",
            "attendance",
            "version",
        ]
        read_only_fields = fields


class RegisterSerializer(serializers.Serializer):
    event = serializers.PrimaryKeyRelatedField(queryset=Event.objects.all())
    teacher = serializers.PrimaryKeyRelatedField(
        queryset=Teacher.objects.all(), required=False, help_text=_("Empty: yourself (your own teacher record).")
    )


class MarkSerializer(serializers.Serializer):
    registration = serializers.IntegerField()
    attendance = serializers.CharField(allow_blank=True)


class AttendanceSerializer(serializers.Serializer):
    marks = MarkSerializer(many=True)


class CheckInSerializer(serializers.Serializer):
    code = serializers.CharField(allow_blank=True)


class CheckInResultSerializer(serializers.Serializer):
    registration = RegistrationSerializer()
    already = serializers.BooleanField(help_text=_("Checked in before: nothing changed."))


class CertificateSerializer(serializers.ModelSerializer):
    role = serializers.CharField(read_only=True, help_text=_("participant or speaker"))
    verification_url = serializers.CharField(source="verification_path", read_only=True)

    class Meta:
        model = Certificate
        fields = [
            "id",
            "number",
            "event",
            "role",
            "registration",
            "speaker",
            "teacher",
            "full_name",
            "organization_name",
            "event_title",
            "event_date",
            "topic",
            "status",
            "issued_at",
            "revoked_at",
            "revoke_reason",
            "replaces",
            "verification_url",
        ]
        read_only_fields = fields


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class FeedbackSerializer(serializers.ModelSerializer):
    event = serializers.IntegerField(source="registration.event_id", read_only=True)

    class Meta:
        model = Feedback
        fields = ["id", "registration", "event", "satisfaction", "usefulness", "comment", "submitted_at"]
        read_only_fields = fields


class FeedbackWriteSerializer(serializers.Serializer):
    satisfaction = serializers.IntegerField()
    usefulness = serializers.IntegerField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")
