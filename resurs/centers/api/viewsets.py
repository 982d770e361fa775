"""Endpoints of the centers API: the pages' restricted querysets, FilterSets and services.

Who may do what is decided as on the pages: a code held nowhere is a 403, an object outside what the user sees is a
404, a code held but not on this object is a 403, and a business rule refused by `resurs.centers.services` is a 400
with the service's code (`deadline_passed`, `already_decided`, `not_eligible`, `read_only`, …). An expert council
member sees the applications of the municipality only while they are under review (the page's selector).
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from resurs.common import access
from resurs.common.api import ScopedPermission, ScopedReadOnlyViewSet, ScopedViewSetMixin
from resurs.common.responses import stored_file_response
from resurs.common.scoping import has_code, instance_in_scope
from resurs.documents.files import document_response
from resurs.people.models import Teacher

from .. import services
from ..filtersets import (
    ApplicationFilterSet,
    CenterFilterSet,
    CenterKindFilterSet,
    ReviewCriterionFilterSet,
)
from ..models import (
    Agreement,
    Application,
    ApplicationAttachment,
    Association,
    Center,
    CenterDocument,
    CenterKind,
    Order,
    Review,
    ReviewCriterion,
    StaffAssignment,
)
from ..selectors_applications import REVIEW, VIEW, application_list_queryset, order_list_queryset, visible_applications
from ..selectors_centers import center_list_queryset, document_checklist
from . import filtersets, serializers

FILE_RESPONSES = {
    (200, "application/octet-stream"): OpenApiTypes.BINARY,
    404: OpenApiResponse(description="Not found, or no file."),
}


def apply(instance, data):
    """Set the validated plain fields on the instance; to-many values are returned for the service's save_m2m."""
    many = {}
    for name, value in data.items():
        field = type(instance)._meta.get_field(name)
        if field.many_to_many:
            many[name] = value
        else:
            setattr(instance, name, value)
    return many


def m2m_saver(instance, many):
    if not many:
        return None

    def save_m2m():
        for name, value in many.items():
            getattr(instance, name).set(value)

    return save_m2m


class CentersViewSetMixin(ScopedViewSetMixin):
    """Numeric ids in the routes, and the permission action of each extra action (also per HTTP method)."""

    lookup_value_regex = "[0-9]+"

    def fresh(self, obj):
        """The object re-read as a list row shows it (after a service changed it)."""
        return self.base_queryset().get(pk=obj.pk)

    def writable_center(self, raw, code=None):
        """The center a new record is for: 404 outside the centers the user sees, 403 without the code on it."""
        try:
            pk = int(raw)
        except (TypeError, ValueError):
            raise exceptions.ValidationError({"center": [_("Choose a center.")]})
        center = access.get_object(
            Center.objects.select_related("organization__municipality", "kind"),
            self.request.user,
            "centers.center:view",
            pk=pk,
        )
        access.check_object(self.request.user, self.model(center=center), code or self.code())
        return center


# --- center kinds and review criteria -------------------------------------------------------------------------


class CenterKindViewSet(
    CentersViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The center kinds (four shipped): planning period, required documents, reporting, compliance rules; a kind
    in use by centers is retired (is_active false), never deleted."""

    model = CenterKind
    serializer_class = serializers.CenterKindSerializer
    filterset_class = CenterKindFilterSet


class ReviewCriterionViewSet(CentersViewSetMixin, ScopedReadOnlyViewSet):
    """The criteria the expert council scores applications by (003 § 1.2)."""

    model = ReviewCriterion
    serializer_class = serializers.ReviewCriterionSerializer
    filterset_class = ReviewCriterionFilterSet


# --- applications ---------------------------------------------------------------------------------------------


class ApplicationPermission(ScopedPermission):
    """Reading needs :view or, for an expert council member, :review; every other action its own code."""

    def has_permission(self, request, view):
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if view.action_code() == "view":
            return has_code(user, VIEW) or has_code(user, REVIEW)
        return has_code(user, view.code())


@extend_schema_view(
    create=extend_schema(description=_("Save a new draft application (multipart for the signed file).")),
    update=extend_schema(description=_("Edit the draft; a submitted application is refused (transition_not_allowed).")),
    partial_update=extend_schema(
        description=_("Edit the draft; a submitted application is refused (transition_not_allowed).")
    ),
)
class ApplicationViewSet(
    CentersViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Applications for center status (002 § 4.2–4.3): the organization's drafts, submission, expert review and the
    department's decision."""

    model = Application
    serializer_class = serializers.ApplicationSerializer
    filterset_class = ApplicationFilterSet
    permission_classes = [ApplicationPermission]
    action_permissions = {
        "submit": "submit",
        "review": "review",
        "decide": "decide",
        "reviews": "view",
        "file": "view",
        "attachment": "view",
        "add_attachment": "change",
        "remove_attachment": "change",
    }

    def base_queryset(self):
        return (
            application_list_queryset()
            .select_related("center")
            .prefetch_related("directions", Prefetch("attachments", ApplicationAttachment.objects.order_by("pk")))
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Application.objects.none()
        return visible_applications(self.request.user, self.base_queryset())

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        application = Application()
        many = apply(application, data)
        application = services.save_application_draft(
            actor=self.request.user, application=application, save_m2m=m2m_saver(application, many)
        )
        serializer.instance = self.fresh(application)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        application = serializer.instance
        many = apply(application, data)
        services.save_application_draft(
            actor=self.request.user,
            application=application,
            version=version,
            save_m2m=m2m_saver(application, many),
        )
        serializer.instance = self.fresh(application)

    def respond(self, application, code=status.HTTP_200_OK):
        data = serializers.ApplicationSerializer(self.fresh(application), context=self.get_serializer_context()).data
        return Response(data, status=code)

    @extend_schema(request=None, responses={200: serializers.ApplicationSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """File the draft with the expert council; refused after the municipality's deadline (deadline_passed),
        without the signed application (signed_file_missing) or without a direction (directions_missing)."""
        application = self.get_object()
        services.submit_application(actor=request.user, application=application)
        return self.respond(application)

    @extend_schema(request=serializers.ReviewInputSerializer, responses={200: serializers.ReviewSerializer})
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """An expert council member's scores, comment and recommendation; sent again, it replaces the expert's own
        review until the decision (score_missing, score_range, transition_not_allowed)."""
        application = self.get_object()
        body = serializers.ReviewInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        review = services.save_review(actor=request.user, application=application, **body.validated_data)
        return Response(serializers.ReviewSerializer(review).data)

    @extend_schema(
        responses={200: serializers.ReviewSerializer(many=True)},
        description=_(
            "The council's reviews, side by side for the department; an expert council member sees only their own "
            "until the decision, an organization sees them once the application is decided."
        ),
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def reviews(self, request, pk=None):
        application = self.get_object()
        user = request.user
        decided = application.status in (Application.Status.APPROVED, Application.Status.REJECTED)
        reviews = Review.objects.filter(application=application).order_by("submitted_at", "pk")
        may_decide = instance_in_scope(user, application, "centers.application:decide")
        if not (may_decide or (decided and instance_in_scope(user, application, VIEW))):
            reviews = reviews.filter(expert=user)
        return Response(serializers.ReviewSerializer(reviews, many=True).data)

    @extend_schema(request=serializers.DecisionSerializer, responses={200: serializers.ApplicationSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """The council's decision: approval for a term creates the center, its head and the creation order with
        its DOCX; rejection needs the reasons (already_decided, no_reviews, invalid_term, reason_required,
        duplicate_number)."""
        application = self.get_object()
        body = serializers.DecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        services.decide_application(
            actor=request.user,
            application=application,
            approve=data["approve"],
            reason=data.get("reason", ""),
            term_start=data.get("term_start"),
            term_end=data.get("term_end"),
            order_number=data.get("order_number") or None,
            order_date=data.get("order_date"),
        )
        return self.respond(application)

    @extend_schema(responses=FILE_RESPONSES)
    @action(detail=True, methods=["get"], filter_backends=[])
    def file(self, request, pk=None):
        """The signed application."""
        return stored_file_response(self.get_object().signed_file)

    @extend_schema(
        request={"multipart/form-data": serializers.AttachmentUploadSerializer},
        responses={201: serializers.ApplicationSerializer},
    )
    @action(detail=True, methods=["post"], url_path="attachments")
    def add_attachment(self, request, pk=None):
        """Attach a file to the draft."""
        application = self.get_object()
        body = serializers.AttachmentUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        title = (body.validated_data.get("title") or "").strip() or upload.name
        services.save_application_draft(actor=request.user, application=application, attachments=[(title, upload)])
        return self.respond(application, status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("attachment_id", int, OpenApiParameter.PATH)],
        responses=FILE_RESPONSES,
    )
    @action(detail=True, methods=["get"], url_path=r"attachments/(?P<attachment_id>[0-9]+)", filter_backends=[])
    def attachment(self, request, pk=None, attachment_id=None):
        """An attachment's file."""
        application = self.get_object()
        return stored_file_response(get_object_or_404(application.attachments.all(), pk=attachment_id).file)

    @extend_schema(
        parameters=[OpenApiParameter("attachment_id", int, OpenApiParameter.PATH)],
        request=None,
        responses={204: None},
    )
    @attachment.mapping.delete
    def remove_attachment(self, request, pk=None, attachment_id=None):
        """Remove an attachment from the draft."""
        application = self.get_object()
        attachment = get_object_or_404(application.attachments.all(), pk=attachment_id)
        services.save_application_draft(actor=request.user, application=application, remove_attachments=[attachment])
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- centers --------------------------------------------------------------------------------------------------


class CenterViewSet(
    CentersViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The registry of centers (the page's FilterSet) and the center's own fields; centers are created by the
    approval of an application and end by termination or at the end of their term."""

    model = Center
    serializer_class = serializers.CenterSerializer
    filterset_class = CenterFilterSet
    action_permissions = {"terminate": "terminate"}

    def base_queryset(self):
        return center_list_queryset()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        center = serializer.instance
        many = apply(center, data)
        services.update_center(
            actor=self.request.user, center=center, version=version, save_m2m=m2m_saver(center, many)
        )
        serializer.instance = self.fresh(center)

    @extend_schema(request=serializers.TerminationSerializer, responses={200: serializers.CenterSerializer})
    @action(detail=True, methods=["post"])
    def terminate(self, request, pk=None):
        """End the center's status by order of the department; it becomes read-only and leaves the public catalog
        (reason_required, transition_not_allowed, duplicate_number)."""
        center = self.get_object()
        body = serializers.TerminationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        services.terminate_center(
            actor=request.user,
            center=center,
            reason=data["reason"],
            text=data.get("text", ""),
            order_number=data.get("order_number") or None,
            order_date=data.get("order_date"),
        )
        return Response(self.get_serializer(self.fresh(center)).data)


# --- the center's records -------------------------------------------------------------------------------------


class StaffViewSet(
    CentersViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Staff of the centers (filter by `center`); an appointment grants the matching role on the center while it
    lasts, ending it withdraws the role."""

    model = StaffAssignment
    serializer_class = serializers.StaffSerializer
    filterset_class = filtersets.StaffFilterSet
    action_permissions = {"end": "change"}

    def base_queryset(self):
        return StaffAssignment.objects.order_by("center_id", "role", "-starts_on", "full_name", "pk")

    @extend_schema(request=serializers.StaffAssignSerializer, responses={201: serializers.StaffSerializer})
    def create(self, request, *args, **kwargs):
        """Appoint a person (not_eligible without an override reason for an ineligible methodist, read_only on a
        terminated center, invalid_dates, person_missing, contract_missing)."""
        center = self.writable_center(request.data.get("center"))
        body = serializers.StaffAssignSerializer(
            data=request.data, context={**self.get_serializer_context(), "center": center}
        )
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data.pop("center")
        staff = services.assign_staff(actor=request.user, center=center, **data)
        return Response(self.get_serializer(staff).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=serializers.StaffEndSerializer, responses={200: serializers.StaffSerializer})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """End the appointment on a date; the role it granted ends the same day."""
        staff = self.get_object()
        body = serializers.StaffEndSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        staff = services.end_staff(actor=request.user, staff=staff, ends_on=body.validated_data["ends_on"])
        return Response(self.get_serializer(staff).data)


class CenterRecordViewSet(
    CentersViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """A record of one center: created with `center` in the body, edited through the service."""

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "center", None) is not None:
            context["center"] = self.center
        return context

    def create(self, request, *args, **kwargs):
        self.center = self.writable_center(request.data.get("center"))
        return super().create(request, *args, **kwargs)

    def get_object(self):
        obj = super().get_object()
        self.center = obj.center
        return obj

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = self.fresh(self.save(self.model(center=self.center), data, version=None))

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        serializer.instance = self.fresh(self.save(serializer.instance, data, version=version))


class AssociationViewSet(CenterRecordViewSet):
    """Creative groups and city methodological associations (001 § 5.4–5.5, 5.9): head and members from the
    municipality's organizations; a new order number or date issues the order approving the composition."""

    model = Association
    serializer_class = serializers.AssociationSerializer
    filterset_class = filtersets.CenterAssociationFilterSet

    def base_queryset(self):
        return Association.objects.prefetch_related(Prefetch("members", queryset=Teacher.objects.order_by("pk")))

    def save(self, association, data, version):
        members = data.pop("members", None)
        order_number = data.pop("new_order_number", "")
        order_date = data.pop("new_order_date", None)
        apply(association, data)
        if members is None:
            members = list(association.members.all()) if association.pk else []
        return services.save_association(
            actor=self.request.user,
            association=association,
            members=members,
            version=version,
            order_number=order_number,
            order_date=order_date,
        )


class AgreementViewSet(CenterRecordViewSet):
    """Agreements of the center (003 § 3.3, 6; 004 § 1.5) with the file, sent as multipart."""

    model = Agreement
    serializer_class = serializers.AgreementSerializer
    filterset_class = filtersets.CenterAgreementFilterSet
    action_permissions = {"file": "view"}

    def base_queryset(self):
        return Agreement.objects.order_by("-date", "-pk")

    def save(self, agreement, data, version):
        apply(agreement, data)
        return services.save_agreement(actor=self.request.user, agreement=agreement, version=version)

    @extend_schema(responses=FILE_RESPONSES)
    @action(detail=True, methods=["get"], filter_backends=[])
    def file(self, request, pk=None):
        """The agreement's file."""
        return stored_file_response(self.get_object().file)


class CenterDocumentViewSet(
    CentersViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Documents of the centers' file nomenclature (000 § 5.1; 001 § 6.2; 003 § 6) and each center's checklist."""

    model = CenterDocument
    serializer_class = serializers.CenterDocumentSerializer
    filterset_class = filtersets.CenterDocumentFilterSet
    action_permissions = {"file": "view", "checklist": "view"}

    def base_queryset(self):
        return CenterDocument.objects.order_by("center_id", "requirement", "-uploaded_at", "-pk")

    @extend_schema(
        request={"multipart/form-data": serializers.CenterDocumentUploadSerializer},
        responses={201: serializers.CenterDocumentSerializer},
    )
    def create(self, request, *args, **kwargs):
        """File a document against an item of the checklist (unknown_requirement, read_only)."""
        center = self.writable_center(request.data.get("center"))
        body = serializers.CenterDocumentUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        document = services.add_center_document(
            actor=request.user,
            center=center,
            requirement=data["requirement"],
            file=data["file"],
            title=data.get("title", ""),
        )
        return Response(self.get_serializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=FILE_RESPONSES)
    @action(detail=True, methods=["get"], filter_backends=[])
    def file(self, request, pk=None):
        """The document's file (uploaded, or the generated document it refers to)."""
        document = self.get_object()
        return stored_file_response(document.file or (document.generated.file if document.generated_id else None))

    @extend_schema(
        parameters=[OpenApiParameter("center", int, required=True, description=_("The center."))],
        responses={200: serializers.ChecklistItemSerializer(many=True)},
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def checklist(self, request):
        """The center's checklist from its kind: each item present (uploaded files, generated orders) or missing."""
        try:
            pk = int(request.query_params.get("center", ""))
        except ValueError:
            raise exceptions.ValidationError({"center": [_("Choose a center.")]})
        center = access.get_object(Center.objects.select_related("kind"), request.user, self.code(), pk=pk)
        return Response(serializers.ChecklistItemSerializer(document_checklist(center, request.user), many=True).data)


# --- orders ---------------------------------------------------------------------------------------------------


class OrderViewSet(CentersViewSetMixin, ScopedReadOnlyViewSet):
    """The orders of the departments and organizations (creation, term, responsible persons, coordinator, group
    membership, termination), each with its generated DOCX."""

    model = Order
    serializer_class = serializers.OrderSerializer
    filterset_class = filtersets.CenterOrderFilterSet
    action_permissions = {"docx": "view"}

    def base_queryset(self):
        return order_list_queryset()

    @extend_schema(responses=FILE_RESPONSES)
    @action(detail=True, methods=["get"], filter_backends=[])
    def docx(self, request, pk=None):
        """The generated DOCX of the order."""
        order = self.get_object()
        return document_response(order.document)
