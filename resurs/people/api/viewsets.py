"""Teacher endpoints: the list page's queryset and FilterSet; consent through `resurs.people.services`."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from resurs.common.api import ScopedNoDeleteViewSet

from .. import services
from ..filtersets import TeacherFilterSet
from ..models import Consent, Employment, Teacher
from ..selectors import teacher_list_queryset
from . import serializers


class TeacherViewSet(ScopedNoDeleteViewSet):
    """Teachers of the registry (personal data: access by role and scope, exports logged)."""

    # No DELETE: erasing personal data on request (152-FZ) is its own process, and a generic delete would copy
    # every field into the change log.

    model = Teacher
    serializer_class = serializers.TeacherSerializer
    filterset_class = TeacherFilterSet

    def base_queryset(self):
        return teacher_list_queryset().prefetch_related(
            "subjects",
            Prefetch("employments", queryset=Employment.objects.order_by("pk")),
            Prefetch("consents", queryset=Consent.objects.all()),
        )

    @extend_schema(request=serializers.ConsentGiveSerializer, responses={201: serializers.ConsentSerializer})
    @action(detail=True, methods=["post"], url_path="consent-give", permission_action="change")
    def consent_give(self, request, pk=None):
        """Record the teacher's consent to personal data processing (152-FZ art. 9)."""
        teacher = self.get_object()
        data = serializers.ConsentGiveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        consent = services.record_consent(actor=request.user, teacher=teacher, **data.validated_data)
        return Response(serializers.ConsentSerializer(consent).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=serializers.ConsentWithdrawSerializer, responses={200: serializers.ConsentSerializer})
    @action(detail=True, methods=["post"], url_path="consent-withdraw", permission_action="change")
    def consent_withdraw(self, request, pk=None):
        """Withdraw the consent in force."""
        teacher = self.get_object()
        data = serializers.ConsentWithdrawSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        consent = services.withdraw_consent(
            actor=request.user,
            teacher=teacher,
            withdrawn_on=data.validated_data["withdrawn_on"],
            reason=data.validated_data.get("reason", ""),
        )
        return Response(serializers.ConsentSerializer(consent).data)
