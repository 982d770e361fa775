"""Product serializers: products with their authors, files and reviews; the body of a product for create/update;
decisions, scores, assignments, files; publications, programmes with their completeness, review criteria."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from resurs.accounts.models import User
from resurs.catalogs.models import Competence, ContentDirection, EducationLevel, Subject
from resurs.centers.models import Center
from resurs.common.api import ChoicesRelatedField, ScopedModelSerializer, ScopedRelatedField
from resurs.events.models import Event
from resurs.people.models import Teacher

from .. import selectors
from ..models import Criterion, Presentation, PresentationItem, Product, ProductAuthor, ProductFile, Publication, Review


class AuthorSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="teacher.full_name", read_only=True)
    organization_name = serializers.CharField(source="organization.short_name", read_only=True)

    class Meta:
        model = ProductAuthor
        fields = ["teacher", "full_name", "organization", "organization_name"]
        read_only_fields = fields


class FileSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProductFile
        fields = ["id", "title", "file_type", "size", "url", "downloads", "added_at"]
        read_only_fields = fields


class ProductReviewSerializer(serializers.ModelSerializer):
    recommendation = serializers.CharField(read_only=True, help_text=_("approve, revise or reject; empty until scored"))

    class Meta:
        model = Review
        fields = [
            "id",
            "reviewer",
            "assigned_by",
            "assigned_at",
            "scores",
            "total",
            "comment",
            "recommendation",
            "submitted_at",
        ]
        read_only_fields = fields


class ProductSerializer(serializers.ModelSerializer):
    authors = AuthorSerializer(many=True, read_only=True)

    class Meta:
        model = Product
        fields = [
            "id",
            "center",
            "kind",
            "title",
            "direction",
            "subjects",
            "levels",
            "competences",
            "annotation",
            "keywords",
            "year",
            "authors",
            "status",
            "submitted_at",
            "decided_at",
            "decision_comment",
            "published_at",
            "proposed_for_replication",
            "proposed_at",
            "download_count",
            "version",
        ]
        read_only_fields = fields


class ProductDetailSerializer(ProductSerializer):
    files = FileSerializer(many=True, read_only=True)
    reviews = ProductReviewSerializer(many=True, read_only=True)

    class Meta(ProductSerializer.Meta):
        fields = [*ProductSerializer.Meta.fields, "files", "reviews"]
        read_only_fields = fields


class ProductWriteSerializer(serializers.Serializer):
    center = ChoicesRelatedField(
        queryset=Center.objects.filter(status="active"), help_text=_("A center where you may record products.")
    )
    kind = serializers.ChoiceField(choices=Product.Kind.choices)
    title = serializers.CharField(max_length=500)
    direction = serializers.PrimaryKeyRelatedField(
        queryset=ContentDirection.objects.filter(is_active=True), required=False, allow_null=True
    )
    subjects = serializers.PrimaryKeyRelatedField(queryset=Subject.objects.all(), many=True, required=False)
    levels = serializers.PrimaryKeyRelatedField(queryset=EducationLevel.objects.all(), many=True, required=False)
    competences = serializers.PrimaryKeyRelatedField(queryset=Competence.objects.all(), many=True, required=False)
    annotation = serializers.CharField(required=False, allow_blank=True, default="")
    keywords = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    authors = ChoicesRelatedField(
        queryset=Teacher.objects.all(), many=True, required=False, help_text=_("Teachers of the center's municipality.")
    )
    version = serializers.IntegerField(min_value=1, required=False)

    def limit_choices(self, name, queryset):
        """The center: one where the user may record (forms.centers_for); authors: teachers of the product's
        municipality (of the product, or of the center sent)."""
        if name == "center":
            from ..forms import centers_for

            request = self.context.get("request")
            return queryset.filter(pk__in=centers_for(request.user if request else None, "products.product:add"))
        instance = self.context.get("product")
        if instance is not None:
            municipality = instance.center.organization.municipality_id
        else:
            from resurs.common.filtersets import pk_or_none

            center = (
                Center.objects.filter(pk=pk_or_none(self.initial_data.get("center")))
                .select_related("organization")
                .first()
            )
            if center is None:
                return queryset.none()
            municipality = center.organization.municipality_id
        return queryset.filter(municipality_id=municipality)


class ProductDecisionSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ProposeSerializer(serializers.Serializer):
    proposed = serializers.BooleanField(default=True)


class ProductAssignSerializer(serializers.Serializer):
    reviewer = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))


class ScoreSerializer(serializers.Serializer):
    scores = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("A score per criterion in use: {criterion id: score}.")
    )
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    recommendation = serializers.ChoiceField(choices=Review.Recommendation.choices)


class FileUploadSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    file = serializers.FileField(required=False, allow_null=True)
    url = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class PublicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publication
        fields = ["id", "center", "channel", "title", "date", "url", "product", "version"]
        read_only_fields = fields


class PublicationWriteSerializer(serializers.Serializer):
    center = ScopedRelatedField(queryset=Center.objects.filter(status="active"), scope_code="products.publication:add")
    channel = serializers.ChoiceField(choices=Publication.Channel.choices)
    title = serializers.CharField(max_length=500)
    date = serializers.DateField()
    url = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    product = ScopedRelatedField(
        queryset=Product.objects.all(), scope_code="products.product:view", required=False, allow_null=True
    )
    version = serializers.IntegerField(min_value=1, required=False)


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = PresentationItem
        fields = ["id", "kind", "event", "publication", "on_theme", "note"]
        read_only_fields = fields


class PresentationSerializer(serializers.ModelSerializer):
    items = ItemSerializer(many=True, read_only=True)
    missing = serializers.SerializerMethodField(help_text=_("What the programme lacks (000 § 3.10): codes."))

    class Meta:
        model = Presentation
        fields = ["id", "center", "title", "date", "description", "items", "missing", "version"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_missing(self, obj):
        return [code for code, _text in selectors.completeness(obj, list(obj.items.all()))]


class PresentationWriteSerializer(serializers.Serializer):
    center = ScopedRelatedField(queryset=Center.objects.filter(status="active"), scope_code="products.presentation:add")
    title = serializers.CharField(max_length=500)
    date = serializers.DateField()
    description = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(min_value=1, required=False)


class ItemWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PresentationItem.Kind.choices)
    event = ScopedRelatedField(
        queryset=Event.objects.all(), scope_code="events.event:view", required=False, allow_null=True
    )
    publication = ScopedRelatedField(
        queryset=Publication.objects.all(), scope_code="products.publication:view", required=False, allow_null=True
    )
    on_theme = serializers.BooleanField(default=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ItemRemoveSerializer(serializers.Serializer):
    item = serializers.IntegerField()


class CriterionSerializer(ScopedModelSerializer):
    version = None  # a criterion is reference data without a version

    class Meta:
        model = Criterion
        fields = ["id", "name", "description", "max_score", "sort_order", "is_active"]
