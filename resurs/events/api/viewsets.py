"""Event endpoints (SPEC §6): the pages' restricted querysets, FilterSet and services; the workflow, registration and
cancellation as POST actions. A refused rule is a 400 with the service's code, a stale `version` a 409."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from resurs.common.api import ScopedViewSetMixin
from resurs.common.scoping import instance_in_scope, restrict

from .. import selectors, services
from ..filtersets import CertificateFilterSet, EventFilterSet, FeedbackFilterSet, RegistrationFilterSet
from ..models import Certificate, Event, Feedback, Registration
from . import serializers as s


class EventViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    model = Event
    serializer_class = s.EventSerializer
    filterset_class = EventFilterSet

    def base_queryset(self):
        return selectors.events_overview().prefetch_related("subjects", "positions", "levels", "competences")

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return s.EventWriteSerializer
        return s.EventSerializer

    def respond(self, event, code=status.HTTP_200_OK):
        fresh = self.base_queryset().get(pk=event.pk)
        return Response(s.EventSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=s.EventWriteSerializer, responses={201: s.EventSerializer})
    def create(self, request, *args, **kwargs):
        data = s.EventWriteSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("version", None)
        event = services.create_event(
            actor=request.user, center=values.pop("center"), plan_item=values.pop("plan_item", None), **values
        )
        return self.respond(event, status.HTTP_201_CREATED)

    @extend_schema(request=s.EventWriteSerializer, responses={200: s.EventSerializer})
    def update(self, request, *args, **kwargs):
        event = self.get_object()
        context = {**self.get_serializer_context(), "event": event}
        data = s.EventWriteSerializer(data=request.data, partial=True, context=context)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("center", None)
        values.pop("plan_item", None)
        version = values.pop("version", None)
        if version is None:
            raise exceptions.ValidationError({"version": ["This field is required."]})
        services.update_event(actor=request.user, event=event, version=version, **values)
        return self.respond(event)

    def _transition(self, request, action_name):
        event = self.get_object()
        reason = ""
        if action_name == "cancel":
            body = s.CancelSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            reason = body.validated_data["reason"]
        services.transition(actor=request.user, event=event, action=action_name, reason=reason)
        return self.respond(event)

    @extend_schema(request=None, responses={200: s.EventSerializer})
    @action(detail=True, methods=["post"], permission_action="publish")
    def publish(self, request, pk=None):
        """Publish the event in the public calendar."""
        return self._transition(request, "publish")

    @extend_schema(request=None, responses={200: s.EventSerializer})
    @action(detail=True, methods=["post"], url_path="open", url_name="open", permission_action="publish")
    def open_registration(self, request, pk=None):
        """Open registration."""
        return self._transition(request, "open")

    @extend_schema(request=None, responses={200: s.EventSerializer})
    @action(detail=True, methods=["post"], url_path="close", url_name="close", permission_action="publish")
    def close_registration(self, request, pk=None):
        """Close registration."""
        return self._transition(request, "close")

    @extend_schema(request=None, responses={200: s.EventSerializer})
    @action(detail=True, methods=["post"], permission_action="publish")
    def draft(self, request, pk=None):
        """Back to draft (a published event without registrations)."""
        return self._transition(request, "draft")

    @extend_schema(request=None, responses={200: s.EventSerializer})
    @action(detail=True, methods=["post"], permission_action="hold")
    def hold(self, request, pk=None):
        """Mark the event held (its plan item becomes done)."""
        return self._transition(request, "hold")

    @extend_schema(request=s.CancelSerializer, responses={200: s.EventSerializer})
    @action(detail=True, methods=["post"], permission_action="cancel")
    def cancel(self, request, pk=None):
        """Cancel the event with a reason; everyone registered is told by e-mail."""
        return self._transition(request, "cancel")

    @extend_schema(request=s.AttendanceSerializer, responses={200: s.RegistrationSerializer(many=True)})
    @action(detail=True, methods=["post"], permission_action="view")
    def attendance(self, request, pk=None):
        """Mark attendance in bulk: [{registration, attendance: present|absent|excused|""}] (the service checks
        events.registration:attend); answers the changed registrations."""
        event = self.get_object()
        body = s.AttendanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        marks = {m["registration"]: m["attendance"] for m in body.validated_data["marks"]}
        changed = services.mark_attendance(actor=request.user, event=event, marks=marks)
        return Response(s.RegistrationSerializer(changed, many=True).data)

    @extend_schema(request=None, responses={201: s.CertificateSerializer(many=True)})
    @action(
        detail=True,
        methods=["post"],
        url_path="issue-certificates",
        url_name="issue-certificates",
        permission_action="view",
    )
    def issue_certificates(self, request, pk=None):
        """Issue certificates in bulk to the attendees marked present and the speakers (a held event; the service
        checks events.certificate:add)."""
        issued = services.issue_certificates(actor=request.user, event=self.get_object())
        return Response(s.CertificateSerializer(issued, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.CheckInSerializer, responses={200: s.CheckInResultSerializer})
    @action(detail=True, methods=["post"], url_path="check-in", url_name="check-in", permission_action="view")
    def check_in(self, request, pk=None):
        """Check a registration in by its code; a second check-in changes nothing and answers already=true."""
        event = self.get_object()
        body = s.CheckInSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        registration, first = services.check_in(actor=request.user, event=event, code=body.validated_data["code"])
        return Response({"registration": s.RegistrationSerializer(registration).data, "already": not first})


class RegistrationViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Registrations you may see: a center's, an organization's teachers', your own. POST registers (yourself, or a
    teacher you may register), POST …/cancel/ cancels."""

    model = Registration
    serializer_class = s.RegistrationSerializer
    filterset_class = RegistrationFilterSet
    action_permissions = {"create": "add", "cancel": "view"}

    def base_queryset(self):
        return Registration.objects.select_related("teacher").order_by("event", "queued_at", "id")

    @extend_schema(request=s.RegisterSerializer, responses={201: s.RegistrationSerializer})
    def create(self, request, *args, **kwargs):
        body = s.RegisterSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = request.user
        event = body.validated_data["event"]
        visible = restrict(Event.objects.filter(pk=event.pk), user, "events.event:view").exists()
        if not visible and not selectors.public_events().filter(pk=event.pk).exists():
            raise Http404
        teacher = body.validated_data.get("teacher") or selectors.teacher_of(user)
        if teacher is None:
            raise exceptions.ValidationError({"teacher": ["This field is required."]})
        if teacher.user_id == user.pk:
            source = Registration.Source.SELF
        elif instance_in_scope(user, Registration(event=event), "events.registration:add"):
            source = Registration.Source.CENTER
        else:
            source = Registration.Source.ORGANIZATION
        registration = services.register(actor=user, event=event, teacher=teacher, source=source)
        return Response(s.RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.FeedbackWriteSerializer, responses={201: s.FeedbackSerializer})
    @action(detail=True, methods=["post"], permission_action="view")
    def feedback(self, request, pk=None):
        """The attendee answers the survey of a held event (only their own registration, once)."""
        registration = self.get_object()
        body = s.FeedbackWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        answer = services.submit_feedback(actor=request.user, registration=registration, **body.validated_data)
        return Response(s.FeedbackSerializer(answer).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.RegistrationSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel the registration (your own until the event starts; the staff theirs); the waitlist moves up."""
        registration = services.cancel_registration(actor=request.user, registration=self.get_object())
        return Response(s.RegistrationSerializer(registration).data)


class CertificateViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Certificates you may see (a center's, your organization's teachers', your own); GET …/pdf/ is the file; POST
    …/revoke/ and …/reissue/ with a reason."""

    model = Certificate
    serializer_class = s.CertificateSerializer
    filterset_class = CertificateFilterSet

    def base_queryset(self):
        return Certificate.objects.select_related("event__center").order_by("event", "full_name", "id")

    @extend_schema(responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"], permission_action="view")
    def pdf(self, request, pk=None):
        """The certificate's PDF."""
        from ..views import certificate_response

        return certificate_response(self.get_object())

    @extend_schema(request=s.ReasonSerializer, responses={200: s.CertificateSerializer})
    @action(detail=True, methods=["post"], permission_action="change")
    def revoke(self, request, pk=None):
        """Revoke the certificate (a reason is required)."""
        body = s.ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        cert = services.revoke_certificate(
            actor=request.user, certificate=self.get_object(), reason=body.validated_data["reason"]
        )
        return Response(s.CertificateSerializer(cert).data)

    @extend_schema(request=s.ReasonSerializer, responses={201: s.CertificateSerializer})
    @action(detail=True, methods=["post"], permission_action="change")
    def reissue(self, request, pk=None):
        """Re-issue on request: the old number is revoked, the new certificate is answered."""
        body = s.ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        new = services.reissue_certificate(
            actor=request.user, certificate=self.get_object(), reason=body.validated_data["reason"]
        )
        return Response(s.CertificateSerializer(new).data, status=status.HTTP_201_CREATED)


class FeedbackViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Survey answers you may see (a center's events', your own); answer with POST event-registrations/{id}/feedback/."""

    model = Feedback
    serializer_class = s.FeedbackSerializer
    filterset_class = FeedbackFilterSet

    def base_queryset(self):
        return Feedback.objects.select_related("registration").order_by("-submitted_at", "id")
