"""Product endpoints (SPEC §7): the pages' restricted querysets, FilterSets and services; the review workflow as POST
actions (submit, assign, review, approve, revise, reject, publish, unpublish, propose), files as multipart uploads;
publications, presentation programmes (with their completeness) and review criteria. A refused rule is a 400 with
the service's code, a stale `version` a 409."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from resurs.common.api import ScopedViewSet, ScopedViewSetMixin

from .. import selectors, services
from ..filtersets import PresentationFilterSet, ProductFilterSet, PublicationFilterSet
from ..models import Criterion, Presentation, Product, Publication, Review
from . import serializers as s


def _values(data):
    values = dict(data.validated_data)
    values.pop("version", None)
    return values


class ProductViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    model = Product
    serializer_class = s.ProductSerializer
    filterset_class = ProductFilterSet
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    action_permissions = {"files": "change", "remove_file": "change"}

    def base_queryset(self):
        return selectors.products_overview().prefetch_related("subjects", "levels", "competences")

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return s.ProductWriteSerializer
        if self.action == "retrieve":
            return s.ProductDetailSerializer
        return s.ProductSerializer

    def respond(self, product, code=status.HTTP_200_OK):
        fresh = self.base_queryset().prefetch_related("files", "reviews").get(pk=product.pk)
        return Response(s.ProductDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=s.ProductWriteSerializer, responses={201: s.ProductDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = s.ProductWriteSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = _values(data)
        center = values.pop("center")
        product = services.create_product(actor=request.user, center=center, **values)
        return self.respond(product, status.HTTP_201_CREATED)

    @extend_schema(request=s.ProductWriteSerializer, responses={200: s.ProductDetailSerializer})
    def update(self, request, *args, **kwargs):
        product = self.get_object()
        context = {**self.get_serializer_context(), "product": product}
        data = s.ProductWriteSerializer(data=request.data, partial=True, context=context)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("center", None)
        version = values.pop("version", None)
        if version is None:
            raise exceptions.ValidationError({"version": ["This field is required."]})
        services.update_product(actor=request.user, product=product, version=version, **values)
        return self.respond(product)

    def perform_destroy(self, instance):
        services.delete_product(actor=self.request.user, product=instance)

    def _transition(self, request, name):
        product = self.get_object()
        body = s.ProductDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.transition(actor=request.user, product=product, action=name, comment=body.validated_data["comment"])
        return self.respond(product)

    @extend_schema(request=None, responses={200: s.ProductDetailSerializer})
    @action(detail=True, methods=["post"], permission_action="submit")
    def submit(self, request, pk=None):
        """Send the product to expert review (it needs an author)."""
        return self._transition(request, "submit")

    @extend_schema(request=s.ProductDecisionSerializer, responses={200: s.ProductDetailSerializer})
    @action(detail=True, methods=["post"], permission_action="decide")
    def approve(self, request, pk=None):
        """Approve after the expert review (a submitted review is needed)."""
        return self._transition(request, "approve")

    @extend_schema(request=s.ProductDecisionSerializer, responses={200: s.ProductDetailSerializer})
    @action(detail=True, methods=["post"], permission_action="decide")
    def revise(self, request, pk=None):
        """Return for revision, with comments."""
        return self._transition(request, "revise")

    @extend_schema(request=s.ProductDecisionSerializer, responses={200: s.ProductDetailSerializer})
    @action(detail=True, methods=["post"], permission_action="decide")
    def reject(self, request, pk=None):
        """Reject, with comments."""
        return self._transition(request, "reject")

    @extend_schema(request=None, responses={200: s.ProductDetailSerializer})
    @action(detail=True, methods=["post"], permission_action="publish")
    def publish(self, request, pk=None):
        """Publish an approved product in the public bank of best practices."""
        return self._transition(request, "publish")

    @extend_schema(request=None, responses={200: s.ProductDetailSerializer})
    @action(detail=True, methods=["post"], permission_action="publish")
    def unpublish(self, request, pk=None):
        """Withdraw the product from the public bank."""
        return self._transition(request, "unpublish")

    @extend_schema(request=s.ProposeSerializer, responses={200: s.ProductDetailSerializer})
    @action(detail=True, methods=["post"], permission_action="propose")
    def propose(self, request, pk=None):
        """Propose the product to the department for replication (`proposed: false` withdraws it)."""
        product = self.get_object()
        body = s.ProposeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.propose(actor=request.user, product=product, proposed=body.validated_data["proposed"])
        return self.respond(product)

    @extend_schema(request=s.ProductAssignSerializer, responses={201: s.ProductReviewSerializer})
    @action(detail=True, methods=["post"], permission_action="assign")
    def assign(self, request, pk=None):
        """Assign an expert council member to review the product (never one of its authors)."""
        product = self.get_object()
        body = s.ProductAssignSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        review = services.assign_reviewer(actor=request.user, product=product, reviewer=body.validated_data["reviewer"])
        return Response(s.ProductReviewSerializer(review).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ScoreSerializer, responses={200: s.ProductReviewSerializer})
    @action(detail=True, methods=["post"], permission_action="review")
    def review(self, request, pk=None):
        """The assigned expert's scores (every criterion in use), comment and recommendation."""
        product = self.get_object()
        review = Review.objects.filter(product=product, reviewer=request.user).first()
        if review is None:
            raise Http404
        body = s.ScoreSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        review = services.submit_review(actor=request.user, review=review, **body.validated_data)
        return Response(s.ProductReviewSerializer(review).data)

    @extend_schema(request=s.FileUploadSerializer, responses={201: s.FileSerializer})
    @action(detail=True, methods=["post"])
    def files(self, request, pk=None):
        """Add a file (multipart `file`; type checked by extension and content, size limited) or a link (`url`)."""
        product = self.get_object()
        body = s.FileUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        item = services.add_file(
            actor=request.user, product=product, title=data["title"], upload=data.get("file"), url=data["url"]
        )
        return Response(s.FileSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"files/(?P<file_id>\d+)", url_name="remove-file")
    def remove_file(self, request, pk=None, file_id=None):
        """Remove a file or link of the product."""
        product = self.get_object()
        item = product.files.filter(pk=file_id).first()
        if item is None:
            raise Http404
        services.remove_file(actor=request.user, item=item)
        return Response(status=status.HTTP_204_NO_CONTENT)


class _CenterRecordViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """A center's record written through its service (save_publication / save_presentation)."""

    write_serializer = None
    read_serializer = None

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return self.write_serializer
        return self.read_serializer

    def save(self, **kwargs):
        raise NotImplementedError

    def respond(self, obj, code=status.HTTP_200_OK):
        fresh = self.base_queryset().get(pk=obj.pk)
        return Response(self.read_serializer(fresh, context=self.get_serializer_context()).data, status=code)

    def create(self, request, *args, **kwargs):
        data = self.write_serializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = _values(data)
        return self.respond(self.save(center=values.pop("center"), **values), status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        obj = self.get_object()
        data = self.write_serializer(data=request.data, partial=True, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("center", None)
        version = values.pop("version", None)
        if version is None:
            raise exceptions.ValidationError({"version": ["This field is required."]})
        return self.respond(self.save(record=obj, version=version, **values))


class PublicationViewSet(_CenterRecordViewSet):
    model = Publication
    filterset_class = PublicationFilterSet
    read_serializer = s.PublicationSerializer
    write_serializer = s.PublicationWriteSerializer

    def base_queryset(self):
        return selectors.publications_overview().order_by("-date", "-id")

    def save(self, record=None, **values):
        return services.save_publication(actor=self.request.user, publication=record, **values)

    def perform_destroy(self, instance):
        services.delete_publication(actor=self.request.user, publication=instance)


class PresentationViewSet(_CenterRecordViewSet):
    model = Presentation
    filterset_class = PresentationFilterSet
    read_serializer = s.PresentationSerializer
    write_serializer = s.PresentationWriteSerializer
    action_permissions = {"add_item": "change", "remove_item": "change"}

    def base_queryset(self):
        return Presentation.objects.prefetch_related("items__publication").order_by("-date", "-id")

    def save(self, record=None, **values):
        return services.save_presentation(actor=self.request.user, presentation=record, **values)

    def perform_destroy(self, instance):
        services.delete_presentation(actor=self.request.user, presentation=instance)

    @extend_schema(request=s.ItemWriteSerializer, responses={201: s.PresentationSerializer})
    @action(detail=True, methods=["post"], url_path="items", url_name="add-item")
    def add_item(self, request, pk=None):
        """Add an event or a publication of the center to the programme."""
        presentation = self.get_object()
        body = s.ItemWriteSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        services.add_item(actor=request.user, presentation=presentation, **body.validated_data)
        return self.respond(presentation, status.HTTP_201_CREATED)

    @extend_schema(request=s.ItemRemoveSerializer, responses={200: s.PresentationSerializer})
    @action(detail=True, methods=["post"], url_path="remove-item", url_name="remove-item")
    def remove_item(self, request, pk=None):
        """Remove an item of the programme."""
        presentation = self.get_object()
        body = s.ItemRemoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        item = presentation.items.filter(pk=body.validated_data["item"]).first()
        if item is None:
            raise Http404
        services.remove_item(actor=request.user, item=item)
        return self.respond(presentation)


class CriterionViewSet(ScopedViewSet):
    model = Criterion
    serializer_class = s.CriterionSerializer

    def base_queryset(self):
        return Criterion.objects.order_by("sort_order", "name")

    def perform_destroy(self, instance):
        raise exceptions.MethodNotAllowed("DELETE")
