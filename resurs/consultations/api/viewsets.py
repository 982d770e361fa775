"""Consultation endpoints (000 § 2.2, 3.8): the page's restricted queryset, FilterSet and services; asking is POST on
the list, each workflow step a POST action on the request. A refused rule is a 400 with the service's code, an
action on a visible request the user may not take a 403, a request outside the user's reach a 404."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from resurs.common.api import ScopedViewSetMixin

from .. import selectors, services
from ..filtersets import ConsultationFilterSet
from ..models import Consultation
from . import serializers as s


class ConsultationViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    model = Consultation
    serializer_class = s.ConsultationSerializer
    filterset_class = ConsultationFilterSet
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def base_queryset(self):
        return selectors.consultations_overview()

    def respond(self, consultation, code=status.HTTP_200_OK):
        fresh = self.base_queryset().get(pk=consultation.pk)
        return Response(s.ConsultationSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=s.AskSerializer, responses={201: s.ConsultationSerializer})
    def create(self, request, *args, **kwargs):
        """Ask for a consultation: a teacher for themselves, an organization administrator for its teacher or its
        organization (multipart for an attachment)."""
        body = s.AskSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        values = dict(body.validated_data)
        values["upload"] = values.pop("attachment", None)
        consultation = services.ask(actor=request.user, **values)
        return self.respond(consultation, status.HTTP_201_CREATED)

    def _step(self, request, name, serializer_class):
        consultation = self.get_object()
        body = serializer_class(data=request.data)
        body.is_valid(raise_exception=True)
        services.perform(actor=request.user, consultation=consultation, action=name, **body.validated_data)
        return self.respond(consultation)

    @extend_schema(request=s.AssignSerializer, responses={200: s.ConsultationSerializer})
    @action(detail=True, methods=["post"], permission_action="assign")
    def assign(self, request, pk=None):
        """Assign a current methodist of the center (the head or the organizer)."""
        return self._step(request, "assign", s.AssignSerializer)

    @extend_schema(request=s.RejectSerializer, responses={200: s.ConsultationSerializer})
    @action(detail=True, methods=["post"], permission_action="assign")
    def reject(self, request, pk=None):
        """Reject the request with a reason (the head or the organizer)."""
        return self._step(request, "reject", s.RejectSerializer)

    @extend_schema(request=s.AnswerSerializer, responses={200: s.ConsultationSerializer})
    @action(detail=True, methods=["post"], permission_action="answer")
    def answer(self, request, pk=None):
        """Answer in writing (the assigned methodist)."""
        return self._step(request, "answer", s.AnswerSerializer)

    @extend_schema(request=s.ScheduleSerializer, responses={200: s.ConsultationSerializer})
    @action(detail=True, methods=["post"], permission_action="answer")
    def schedule(self, request, pk=None):
        """Schedule or move the meeting: date and time, a place or a link (the assigned methodist)."""
        return self._step(request, "schedule", s.ScheduleSerializer)

    @extend_schema(request=s.HoldSerializer, responses={200: s.ConsultationSerializer})
    @action(detail=True, methods=["post"], permission_action="answer")
    def hold(self, request, pk=None):
        """Mark the meeting held (the assigned methodist)."""
        return self._step(request, "hold", s.HoldSerializer)

    @extend_schema(request=None, responses={200: s.ConsultationSerializer})
    @action(detail=True, methods=["post"], permission_action="answer")
    def close(self, request, pk=None):
        """Close the answered or held request (the assigned methodist)."""
        return self._step(request, "close", s.EmptySerializer)

    @extend_schema(request=None, responses={200: s.ConsultationSerializer})
    @action(detail=True, methods=["post"], permission_action="cancel")
    def cancel(self, request, pk=None):
        """Cancel one's own request while nobody has answered it."""
        return self._step(request, "cancel", s.EmptySerializer)

    @extend_schema(request=s.RateSerializer, responses={200: s.ConsultationSerializer})
    @action(detail=True, methods=["post"], permission_action="rate")
    def rate(self, request, pk=None):
        """Rate one's own closed request once: 1 to 5, with a comment."""
        return self._step(request, "rate", s.RateSerializer)
