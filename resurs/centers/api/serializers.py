"""Serializers of the centers API: what a row shows, and the bodies of the workflow actions.

Writes never save a model directly: the viewsets hand the validated values to `resurs.centers.services`, so the
API and the pages apply the same rules (scope, status, optimistic locking, the change and action logs). Files are
checked with `validate_upload` and are downloaded through the API's own scoped endpoints, never a media URL.
"""

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from resurs.accounts.models import User
from resurs.catalogs.models import ContentDirection, Subject
from resurs.common.api import ChoicesRelatedField, ScopedModelSerializer, ScopedRelatedField
from resurs.common.uploads import DOCUMENT_TYPES, validate_upload
from resurs.people.models import Teacher
from resurs.territory.models import Organization

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
    StaffRole,
)
from ..selectors_centers import (
    appointable_users,
    center_orders,
    ending_soon,
    municipality_organizations,
    municipality_teachers,
)

AUDIT_FIELDS = ["version", "created_at", "updated_at"]


def checked_upload(upload, allowed=DOCUMENT_TYPES):
    """The upload if its type and size are allowed; a field error in DRF's shape otherwise."""
    if upload is None:
        return upload
    try:
        validate_upload(upload, allowed)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages)
    return upload


def download_url(name, pk, field_file):
    return reverse(f"api:{name}", args=[pk]) if field_file else None


# --- center kinds and review criteria -------------------------------------------------------------------------


class KindRowSerializer(serializers.Serializer):
    """A row of a kind's checklist or rule set: a code, a name and the clause of the regulation."""

    code = serializers.SlugField(max_length=50)
    name = serializers.CharField(max_length=300)
    clause = serializers.CharField(max_length=100, required=False, allow_blank=True)


class KindRuleSerializer(KindRowSerializer):
    params = serializers.DictField(required=False, help_text=gettext_lazy('Parameters of the rule, e.g. {"min": 2}.'))


def unique_codes(rows):
    codes = [row["code"] for row in rows]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise serializers.ValidationError(
            _("The code «%(code)s» is used in two rows; codes must differ.") % {"code": duplicates[0]}
        )
    return rows


class ReportingSerializer(serializers.Serializer):
    presentations_per_year = serializers.IntegerField(min_value=0, max_value=12, required=False)
    monitoring_per_year = serializers.IntegerField(min_value=0, max_value=12, required=False)
    annual_report = serializers.BooleanField(required=False)
    reports_to_regional_operator = serializers.BooleanField(required=False)
    clause = serializers.CharField(max_length=100, required=False, allow_blank=True)


class CenterKindSerializer(ScopedModelSerializer):
    required_documents = KindRowSerializer(many=True, required=False)
    reporting = ReportingSerializer(required=False)
    rules = KindRuleSerializer(many=True, required=False)

    class Meta:
        model = CenterKind
        fields = [
            "id",
            "code",
            "name",
            "regulation",
            "planning_period",
            "required_documents",
            "reporting",
            "rules",
            "is_active",
            *AUDIT_FIELDS,
        ]

    def validate_required_documents(self, rows):
        return unique_codes(rows)

    def validate_rules(self, rows):
        return unique_codes(rows)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        # Stored as plain JSON: ordered dicts and nested serializer values become plain lists and dicts.
        for name in ("required_documents", "rules"):
            if name in attrs:
                attrs[name] = [dict(row) for row in attrs[name]]
        if "reporting" in attrs:
            attrs["reporting"] = dict(attrs["reporting"])
        return attrs


class ReviewCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewCriterion
        fields = ["id", "name", "max_score", "clause", "sort_order", "is_active"]
        read_only_fields = fields


# --- applications ---------------------------------------------------------------------------------------------


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=gettext_lazy("Where the file is downloaded."))

    class Meta:
        model = ApplicationAttachment
        fields = ["id", "title", "uploaded_at", "url"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_url(self, attachment):
        return reverse("api:centers-application-attachment", args=[attachment.application_id, attachment.pk])


class ApplicationSerializer(ScopedModelSerializer):
    """A draft is written by the organization; the status fields move only through the workflow actions."""

    organization = ScopedRelatedField(
        queryset=Organization.objects.all(),
        scope_code="centers.application:add",
        help_text=gettext_lazy("The organization applying; fixed once the draft exists."),
    )
    kind = serializers.PrimaryKeyRelatedField(queryset=CenterKind.objects.all())
    directions = serializers.PrimaryKeyRelatedField(queryset=ContentDirection.objects.all(), many=True, required=False)
    signed_file = serializers.FileField(
        write_only=True,
        required=False,
        help_text=gettext_lazy("The application signed by the director: PDF, DOCX, XLSX, ODT, JPEG or PNG."),
    )
    signed_file_url = serializers.SerializerMethodField(
        help_text=gettext_lazy("Where the signed application is downloaded; null while none is attached.")
    )
    attachments = AttachmentSerializer(many=True, read_only=True)
    center = serializers.SerializerMethodField(help_text=gettext_lazy("The center created by the approval."))

    class Meta:
        model = Application
        fields = [
            "id",
            "organization",
            "kind",
            "title",
            "directions",
            "staff_resources",
            "methodological_resources",
            "material_resources",
            "information_resources",
            "signed_file",
            "signed_file_url",
            "attachments",
            "status",
            "submitted_at",
            "submitted_by",
            "decided_at",
            "decided_by",
            "decision_reason",
            "term_start",
            "term_end",
            "center",
            *AUDIT_FIELDS,
        ]
        read_only_fields = [
            "status",
            "submitted_at",
            "submitted_by",
            "decided_at",
            "decided_by",
            "decision_reason",
            "term_start",
            "term_end",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_signed_file_url(self, application):
        return download_url("centers-application-file", application.pk, application.signed_file)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_center(self, application):
        center = getattr(application, "center", None)
        return center.pk if center else None

    def validate_signed_file(self, upload):
        return checked_upload(upload)

    def validate_kind(self, kind):
        keeps = self.instance is not None and self.instance.kind_id == kind.pk
        if not kind.is_active and not keeps:
            raise serializers.ValidationError(_("This center kind is no longer in use."))
        return kind

    def validate_directions(self, directions):
        kept = set(self.instance.directions.values_list("pk", flat=True)) if self.instance else set()
        if any(not d.is_active and d.pk not in kept for d in directions):
            raise serializers.ValidationError(_("This content direction is no longer in use."))
        return directions

    def validate(self, attrs):
        attrs = super().validate(attrs)
        organization = attrs.get("organization")
        if self.instance is not None and organization is not None and organization.pk != self.instance.organization_id:
            raise serializers.ValidationError({"organization": [_("The organization of an application is fixed.")]})
        return attrs


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=gettext_lazy("PDF, DOCX, XLSX, ODT, JPEG or PNG."))
    title = serializers.CharField(max_length=300, required=False, allow_blank=True)

    def validate_file(self, upload):
        return checked_upload(upload)


class ReviewSerializer(serializers.ModelSerializer):
    total = serializers.IntegerField(read_only=True)

    class Meta:
        model = Review
        fields = ["id", "application", "expert", "scores", "total", "comment", "recommendation", "submitted_at"]
        read_only_fields = fields


class ReviewInputSerializer(serializers.Serializer):
    """One expert's review (002 § 4.3; 003 § 1.2): a score for every criterion in use, by its id."""

    scores = serializers.DictField(
        child=serializers.IntegerField(),
        help_text=gettext_lazy(
            'Scores by criterion id, e.g. {"1": 5, "2": 4}: every criterion in use, 0 to its maximum.'
        ),
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    recommendation = serializers.ChoiceField(choices=Review.Recommendation.choices)


class DecisionSerializer(serializers.Serializer):
    """The council's decision recorded by the department: approval for a term with the creation order, or
    rejection with reasons (002 § 4.3; 000 § 3.1)."""

    approve = serializers.BooleanField(
        help_text=gettext_lazy("true: approve for the term with the creation order; false: reject with the reasons.")
    )
    term_start = serializers.DateField(required=False, allow_null=True)
    term_end = serializers.DateField(required=False, allow_null=True)
    order_number = serializers.CharField(
        max_length=30,
        required=False,
        allow_blank=True,
        help_text=gettext_lazy("Number of the creation order; left empty: the next free number."),
    )
    order_date = serializers.DateField(
        required=False, allow_null=True, help_text=gettext_lazy("Date of the creation order; today when left empty.")
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=gettext_lazy("Required for a rejection.")
    )


# --- centers --------------------------------------------------------------------------------------------------


class CenterSerializer(ScopedModelSerializer):
    """The registry row and the center's own fields; name, kind, term and status come from the orders."""

    directions = serializers.PrimaryKeyRelatedField(queryset=ContentDirection.objects.all(), many=True, required=False)
    website = serializers.URLField(required=False, allow_blank=True, max_length=200)
    ending_soon = serializers.SerializerMethodField(help_text=gettext_lazy("Active and its term ends within 60 days."))

    class Meta:
        model = Center
        fields = [
            "id",
            "name",
            "organization",
            "kind",
            "directions",
            "description",
            "email",
            "phone",
            "website",
            "status",
            "term_start",
            "term_end",
            "ending_soon",
            "application",
            "terminated_on",
            "termination_reason",
            "termination_text",
            *AUDIT_FIELDS,
        ]
        read_only_fields = [
            "name",
            "organization",
            "kind",
            "status",
            "term_start",
            "term_end",
            "application",
            "terminated_on",
            "termination_reason",
            "termination_text",
        ]

    @extend_schema_field(serializers.BooleanField())
    def get_ending_soon(self, center):
        return ending_soon(center, self.context.get("today"))

    def validate_directions(self, directions):
        kept = set(self.instance.directions.values_list("pk", flat=True)) if self.instance else set()
        if any(not d.is_active and d.pk not in kept for d in directions):
            raise serializers.ValidationError(_("This content direction is no longer in use."))
        return directions


class TerminationSerializer(serializers.Serializer):
    """Termination by order of the department (000 § 3.11; 003 § 3.2; 004 § 9.2)."""

    reason = serializers.ChoiceField(
        choices=[(v, label) for v, label in Center.TerminationReason.choices if v != Center.TerminationReason.EXPIRED]
    )
    text = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=gettext_lazy("Required when the reason is «other».")
    )
    order_number = serializers.CharField(
        max_length=30,
        required=False,
        allow_blank=True,
        help_text=gettext_lazy("Left empty: the next free number."),
    )
    order_date = serializers.DateField(
        required=False, allow_null=True, help_text=gettext_lazy("Today when left empty.")
    )


# --- the center's records: staff, associations, agreements, documents ---------------------------------------------


class CenterChoicesMixin:
    """Choices that depend on the center (its municipality's teachers, users and organizations, its orders); the
    viewset puts the center in the context. Anything else is "does not exist", as an id that does not exist."""

    def center(self):
        return self.context["center"]

    def limit_choices(self, name, queryset):
        if "center" not in self.context:  # no center (the schema, a read): nothing to choose
            return queryset.none()
        choices = {
            Teacher: municipality_teachers,
            Order: center_orders,
            User: appointable_users,
            Organization: municipality_organizations,
        }.get(queryset.model)
        if choices is not None:
            return queryset.filter(pk__in=choices(self.center()).values("pk"))
        raise ImproperlyConfigured(f"{type(self).__name__} offers no choices of {queryset.model.__name__}")


class StaffSerializer(serializers.ModelSerializer):
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = StaffAssignment
        fields = [
            "id",
            "center",
            "role",
            "teacher",
            "user",
            "full_name",
            "position",
            "contract",
            "starts_on",
            "ends_on",
            "order",
            "override_reason",
            "is_current",
        ]
        read_only_fields = fields


class StaffAssignSerializer(CenterChoicesMixin, serializers.Serializer):
    """An appointment (000 § 6.1–6.3; 001 § 5.7; 004 § 3.4): a teacher of the municipality, a user or a name.

    The choices are the center's municipality's teachers and users and the center's orders, as on the page; anything
    else "does not exist" (an id outside the reach tells nothing). The service checks the same rules again
    (teacher_outside, user_outside, order_other_center) for every other caller."""

    center = serializers.IntegerField(help_text=gettext_lazy("The center the person is appointed to."))
    role = serializers.ChoiceField(choices=StaffRole.choices)
    teacher = ChoicesRelatedField(
        queryset=Teacher.objects.select_related("organization", "category", "position", "user"),
        required=False,
        allow_null=True,
    )
    user = ChoicesRelatedField(queryset=User.objects.filter(is_active=True), required=False, allow_null=True)
    full_name = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    position = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    contract = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        default="",
        help_text=gettext_lazy("Required for an external specialist."),
    )
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)
    order = ChoicesRelatedField(queryset=Order.objects.all(), required=False, allow_null=True)
    override_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=gettext_lazy(
            "Why a methodist without the first or highest category or three years in the specialty is appointed "
            "anyway (001 § 5.7); without it such an appointment is refused with code not_eligible."
        ),
    )


class StaffEndSerializer(serializers.Serializer):
    ends_on = serializers.DateField()


class AssociationSerializer(CenterChoicesMixin, ScopedModelSerializer):
    """A creative group or ГМО (001 § 5.4–5.5, 5.9); a new order number or date issues the base organization's
    order approving the composition. Head and members of the municipality, an order of the center: checked by the
    service (member_outside, order_other_center)."""

    center = serializers.PrimaryKeyRelatedField(read_only=True)
    subject = serializers.PrimaryKeyRelatedField(queryset=Subject.objects.all(), required=False, allow_null=True)
    head = ChoicesRelatedField(queryset=Teacher.objects.select_related("organization"), required=False, allow_null=True)
    members = ChoicesRelatedField(queryset=Teacher.objects.select_related("organization"), many=True, required=False)
    order = ChoicesRelatedField(queryset=Order.objects.all(), required=False, allow_null=True)
    new_order_number = serializers.CharField(
        max_length=30,
        required=False,
        allow_blank=True,
        write_only=True,
        help_text=gettext_lazy("Number of a new order approving the composition (001 § 5.5)."),
    )
    new_order_date = serializers.DateField(
        required=False, allow_null=True, write_only=True, help_text=gettext_lazy("Date of the new order.")
    )

    class Meta:
        model = Association
        fields = [
            "id",
            "center",
            "kind",
            "name",
            "topic",
            "subject",
            "head",
            "members",
            "order",
            "is_active",
            "new_order_number",
            "new_order_date",
            *AUDIT_FIELDS,
        ]


class AgreementSerializer(CenterChoicesMixin, ScopedModelSerializer):
    """An agreement; the party's municipality and its default name (the organization's) are the service's
    (party_outside, party_missing)."""

    center = serializers.PrimaryKeyRelatedField(read_only=True)
    party = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        help_text=gettext_lazy("Filled from the organization when left empty."),
    )
    party_organization = ChoicesRelatedField(queryset=Organization.objects.all(), required=False, allow_null=True)
    file = serializers.FileField(
        write_only=True, required=False, help_text=gettext_lazy("PDF, DOCX, XLSX, ODT, JPEG or PNG.")
    )
    file_url = serializers.SerializerMethodField(help_text=gettext_lazy("Where the file is downloaded."))

    class Meta:
        model = Agreement
        fields = [
            "id",
            "center",
            "party_kind",
            "party",
            "party_organization",
            "number",
            "date",
            "starts_on",
            "ends_on",
            "subject",
            "file",
            "file_url",
            *AUDIT_FIELDS,
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_file_url(self, agreement):
        return download_url("centers-agreement-file", agreement.pk, agreement.file)

    def validate_file(self, upload):
        return checked_upload(upload)


class CenterDocumentSerializer(serializers.ModelSerializer):
    file_url = serializers.SerializerMethodField(help_text=gettext_lazy("Where the file is downloaded."))

    class Meta:
        model = CenterDocument
        fields = ["id", "center", "requirement", "title", "generated", "uploaded_by", "uploaded_at", "file_url"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_file_url(self, document):
        present = document.file or document.generated_id
        return download_url("centers-document-file", document.pk, present)


class CenterDocumentUploadSerializer(serializers.Serializer):
    """A document filed against one item of the kind's checklist (000 § 5.1; 001 § 6.2; 003 § 6)."""

    center = serializers.IntegerField()
    requirement = serializers.CharField(max_length=50, help_text=gettext_lazy("The code of the checklist item."))
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    file = serializers.FileField(help_text=gettext_lazy("PDF, DOCX, XLSX, ODT, JPEG or PNG."))

    def validate_file(self, upload):
        return checked_upload(upload)


class ChecklistOrderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    date = serializers.DateField()
    title = serializers.CharField()


class ChecklistItemSerializer(serializers.Serializer):
    """One item of the center's checklist and what fulfils it: uploaded files, generated orders."""

    code = serializers.CharField()
    name = serializers.CharField()
    clause = serializers.CharField()
    present = serializers.BooleanField()
    documents = CenterDocumentSerializer(many=True)
    orders = ChecklistOrderSerializer(many=True)


# --- orders ---------------------------------------------------------------------------------------------------


class OrderSerializer(serializers.ModelSerializer):
    issuer = serializers.SerializerMethodField(help_text=gettext_lazy("The department or organization issuing it."))
    docx_url = serializers.SerializerMethodField(help_text=gettext_lazy("Where the generated DOCX is downloaded."))
    has_signed_scan = serializers.SerializerMethodField()
    template_version = serializers.SerializerMethodField(
        help_text=gettext_lazy("Version of the template the document was generated from (0: the shipped one).")
    )

    class Meta:
        model = Order
        fields = [
            "id",
            "issuer",
            "issuer_municipality",
            "issuer_organization",
            "number",
            "year",
            "date",
            "kind",
            "title",
            "center",
            "application",
            "data",
            "document",
            "template_version",
            "docx_url",
            "has_signed_scan",
            *AUDIT_FIELDS,
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_issuer(self, order):
        return str(order.issuer)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_docx_url(self, order):
        return download_url("centers-order-docx", order.pk, order.document_id)

    @extend_schema_field(serializers.BooleanField())
    def get_has_signed_scan(self, order):
        return bool(order.signed_scan)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_template_version(self, order):
        return order.document.template_version if order.document_id else None
