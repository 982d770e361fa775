"""Pages of products (SPEC §7): the registry with filters and XLSX export, a product's page with its authors, files,
expert reviews and the workflow buttons, the expert's scoring form, the best practices proposed for replication,
review criteria, publications and presentation programmes with their completeness check.

Thin views over the scoped querysets and the services: an object outside what the user may view is a 404, an action
not held on it a 403, a refused rule is shown with its code (400) and changes nothing.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from resurs.common import access, hooks
from resurs.common.access import AccessMixin
from resurs.common.errors import ServiceError
from resurs.common.forms import VersionedModelForm, add_service_error
from resurs.common.responses import stored_file_response
from resurs.common.scoping import instance_in_scope, restrict
from resurs.common.views import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView

from . import selectors, services, uploads, workflow
from .filtersets import CriterionFilterSet, PresentationFilterSet, ProductFilterSet, PublicationFilterSet
from .forms import (
    AssignForm,
    DecisionForm,
    FileForm,
    ItemForm,
    PresentationForm,
    ProductForm,
    PublicationForm,
    ReviewForm,
)
from .models import Criterion, Presentation, PresentationItem, Product, ProductFile, Publication, Review
from .tables import STATUS_BADGES, PresentationTable, ProductTable, PublicationTable

VIEW = "products.product:view"


class ProductAccessMixin(AccessMixin):
    """`code` is what the view needs: held nowhere → 403; the product not visible → 404; not held on it → 403."""

    code = VIEW

    def required_codes(self):
        return [self.code]

    def get_product(self, pk=None):
        queryset = Product.objects.select_related("center__organization", "direction", "created_by", "decided_by")
        return access.get_object(
            queryset, self.request.user, VIEW, self.code, pk=pk if pk is not None else self.kwargs["pk"]
        )

    def load(self):
        self.product = self.get_product()


def allowed_actions(user, product):
    """{action: bool} of the workflow buttons this user gets on this product in its status."""
    held = {}
    result = {}
    for name, step in workflow.PRODUCT.items():
        if step.code not in held:
            held[step.code] = instance_in_scope(user, product, step.code)
        result[name] = held[step.code] and product.status in step.source
    return result


# --- registry -----------------------------------------------------------------------------------------------------


class ProductListView(ScopedListView):
    model = Product
    table_class = ProductTable
    filterset_class = ProductFilterSet
    create_url_name = "products:product-create"
    export_name = "products.product"
    title = gettext_lazy("Methodological products")

    def base_queryset(self):
        return selectors.products_overview()


class ProductFormMixin:
    template_name = "products/form.html"
    form_class = ProductForm

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "user": self.request.user}
        if getattr(self, "product", None) is not None:
            kwargs["instance"] = self.product
        return kwargs


class ProductCreateView(ProductFormMixin, ProductAccessMixin, generic.FormView):
    code = "products.product:add"
    product = None

    def load(self):
        pass

    def get_initial(self):
        from django.utils import timezone

        return {"year": timezone.localdate().year}

    def get_context_data(self, **kwargs):
        back = reverse("products:product-list")
        return {**super().get_context_data(**kwargs), "title": _("New methodological product"), "back_url": back}

    def form_valid(self, form):
        values = form.service_values()
        try:
            product = services.create_product(actor=self.request.user, center=form.cleaned_data["center"], **values)
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The product is recorded as a draft."))
        return redirect(product)


class ProductUpdateView(ProductFormMixin, ProductAccessMixin, generic.FormView):
    code = "products.product:change"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {
            **context,
            "title": _("Edit the product"),
            "object": self.product,
            "back_url": self.product.get_absolute_url(),
        }

    def form_valid(self, form):
        try:
            services.update_product(
                actor=self.request.user,
                product=self.product,
                version=form.cleaned_data["version_seen"],
                **form.service_values(),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(self.product)


class ProductDetailView(ProductAccessMixin, generic.TemplateView):
    template_name = "products/product_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.product
        user = self.request.user
        actions = allowed_actions(user, product)
        reviews = selectors.reviews_of(product)
        criteria = services.active_criteria()
        mine = next((r for r in reviews if r.reviewer_id == user.pk), None)
        count, average = selectors.review_summary(product)
        context.update(
            {
                "product": product,
                "object": product,
                "badge": STATUS_BADGES.get(product.status, "secondary"),
                "actions": actions,
                "authors": list(product.authors.select_related("teacher", "organization")),
                "files": list(product.files.all()),
                "reviews": reviews,
                "criteria": criteria,
                "my_review": mine if mine is not None and actions["review"] else None,
                "review_count": count,
                "review_average": average,
                "can_change": actions["edit"],
                "can_delete": actions["delete"],
                "can_propose": actions["propose"],
                "file_form": FileForm(),
                "decision_form": DecisionForm(),
                "assign_form": AssignForm(product=product) if actions["assign"] else None,
                "history": hooks.history(product) if hooks.history else [],
                "public_url": product.get_public_url() if product.status == Product.Status.PUBLISHED else "",
            }
        )
        context.update(kwargs)
        return context


class ProductPostView(ProductDetailView):
    """A POST on the product page: done → back to the product, refused → the page with the coded error (400)."""

    http_method_names = ["post"]
    success_message = ""

    def perform(self):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            message = self.perform()
        except ServiceError as exc:
            self.product = self.get_product(self.product.pk)
            return self.render_to_response(self.get_context_data(action_error=exc), status=400)
        messages.success(request, message or self.success_message)
        return redirect(self.product)


class ProductActionView(ProductPostView):
    """A workflow button: submit, approve / revise / reject (with comments), publish, unpublish."""

    def required_codes(self):
        if self.kwargs["action"] not in workflow.ACTIONS:
            raise Http404
        return [workflow.PRODUCT[self.kwargs["action"]].code]

    @property
    def code(self):
        return workflow.PRODUCT[self.kwargs["action"]].code

    def perform(self):
        form = DecisionForm(self.request.POST)
        comment = form.data.get("comment", "") if form.is_bound else ""
        product = services.transition(
            actor=self.request.user, product=self.product, action=self.kwargs["action"], comment=comment
        )
        return _("Done: %(status)s.") % {"status": product.get_status_display()}


class ProductProposeView(ProductPostView):
    code = "products.product:propose"

    def perform(self):
        proposed = self.request.POST.get("proposed", "1") == "1"
        services.propose(actor=self.request.user, product=self.product, proposed=proposed)
        return _("Proposed for replication.") if proposed else _("The proposal is withdrawn.")


class ProductDeleteView(ProductPostView):
    code = "products.product:delete"

    def post(self, request, *args, **kwargs):
        try:
            services.delete_product(actor=request.user, product=self.product)
        except ServiceError as exc:
            return self.render_to_response(self.get_context_data(action_error=exc), status=400)
        messages.success(request, _("Deleted."))
        return redirect("products:product-list")


class FileAddView(ProductPostView):
    code = "products.product:change"
    success_message = gettext_lazy("The file or link is added.")

    def perform(self):
        form = FileForm(self.request.POST, self.request.FILES)
        if not form.is_valid():
            raise ServiceError(_("A link starts with https:// or http://."), code="url_scheme", field="url")
        services.add_file(
            actor=self.request.user,
            product=self.product,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            url=form.cleaned_data["url"] or "",
        )


class FileDeleteView(ProductPostView):
    code = "products.product:change"
    success_message = gettext_lazy("The file or link is removed.")

    def load(self):
        self.item = access.get_object(ProductFile.objects.all(), self.request.user, VIEW, pk=self.kwargs["pk"])
        self.product = self.get_product(self.item.product_id)

    def perform(self):
        services.remove_file(actor=self.request.user, item=self.item)


class FileDownloadView(ProductAccessMixin, generic.View):
    """A product's file for those who may see the product: always an attachment with its safe content type."""

    def load(self):
        self.item = access.get_object(ProductFile.objects.all(), self.request.user, VIEW, pk=self.kwargs["pk"])

    def get(self, request, pk):
        return file_download(self.item)


def file_download(item):
    """The stored file as an attachment (never shown inline) with the type of its checked extension."""
    if not item.file:
        raise Http404
    response = stored_file_response(item.file, _download_name(item))
    response["Content-Type"] = uploads.content_type("." + item.file_type if item.file_type else "")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _download_name(item):
    import os

    ext = os.path.splitext(item.file.name)[1]
    stem = item.title if not item.title.lower().endswith(ext.lower()) else item.title[: -len(ext)]
    return f"{stem[:150]}{ext}"


# --- expert review ------------------------------------------------------------------------------------------------


class AssignView(ProductPostView):
    code = "products.product:assign"
    success_message = gettext_lazy("The expert is assigned.")

    def perform(self):
        form = AssignForm(self.request.POST, product=self.product)
        if not form.is_valid():
            raise ServiceError(
                _("Choose an expert who may review products of this center."), code="reviewer_not_expert"
            )
        services.assign_reviewer(actor=self.request.user, product=self.product, reviewer=form.cleaned_data["reviewer"])


class ReviewView(ProductAccessMixin, generic.FormView):
    """The assigned expert's scoring form; another user's review is not found (404)."""

    code = "products.product:review"
    template_name = "products/review_form.html"
    form_class = ReviewForm

    def load(self):
        super().load()
        review = Review.objects.filter(product=self.product, reviewer=self.request.user).first()
        if review is None:
            raise Http404
        self.review = review
        self.criteria = services.active_criteria()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "criteria": self.criteria, "review": self.review}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "product": self.product, "review": self.review, "title": _("Expert review")}

    def form_valid(self, form):
        try:
            services.submit_review(
                actor=self.request.user,
                review=self.review,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                recommendation=form.cleaned_data["recommendation"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The review is submitted."))
        return redirect(self.product)


class MyReviewsView(AccessMixin, generic.TemplateView):
    """The products assigned to the expert for review, the open ones first."""

    template_name = "products/my_reviews.html"

    def required_codes(self):
        return ["products.product:review"]

    def get_context_data(self, **kwargs):
        reviews = selectors.my_reviews(self.request.user)
        visible = restrict(Product.objects.all(), self.request.user, VIEW).values("pk")
        return {**super().get_context_data(**kwargs), "reviews": reviews.filter(product__in=visible)}


class ReplicationListView(AccessMixin, generic.TemplateView):
    """Best practices the centers propose for replication (000 § 6.3.4), for the department."""

    template_name = "products/replication_list.html"

    def required_codes(self):
        return [VIEW]

    def get_context_data(self, **kwargs):
        products = selectors.proposed_for_replication(restrict(Product.objects.all(), self.request.user, VIEW))
        return {**super().get_context_data(**kwargs), "products": products}


# --- review criteria ------------------------------------------------------------------------------------------------


class CriterionForm(VersionedModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "description", "max_score", "sort_order", "is_active"]


class CriterionListView(ScopedListView):
    model = Criterion
    filterset_class = CriterionFilterSet
    create_url_name = "products:criterion-create"
    title = gettext_lazy("Review criteria of products")

    def get_table_class(self):
        import django_tables2 as tables

        class CriterionTable(tables.Table):
            name = tables.Column(
                verbose_name=gettext_lazy("Criterion"),
                linkify=lambda record: reverse("products:criterion-update", args=[record.pk]),
            )

            class Meta:
                model = Criterion
                fields = ("name", "max_score", "sort_order", "is_active")
                attrs = {"class": "table table-sm", "id": "criterion-list"}

        return CriterionTable


class CriterionCreateView(ScopedCreateView):
    model = Criterion
    form_class = CriterionForm
    success_url_name = "products:criterion-list"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("user", None)
        return kwargs


class CriterionUpdateView(ScopedUpdateView):
    model = Criterion
    form_class = CriterionForm
    success_url_name = "products:criterion-list"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("user", None)
        return kwargs


# --- publications ---------------------------------------------------------------------------------------------------


class PublicationListView(ScopedListView):
    model = Publication
    table_class = PublicationTable
    filterset_class = PublicationFilterSet
    create_url_name = "products:publication-create"
    export_name = "products.publication"
    title = gettext_lazy("Publications and media coverage")

    def base_queryset(self):
        return selectors.publications_overview()


class PublicationDetailView(ScopedDetailView):
    model = Publication
    fields = ("center", "channel", "title", "date", "url", "product")

    def base_queryset(self):
        return selectors.publications_overview()


class RecordFormView(AccessMixin, generic.FormView):
    """Create (no pk) or change a center's publication or programme through its service."""

    template_name = "products/form.html"
    model = None
    service = None
    code_prefix = ""
    instance = None

    def required_codes(self):
        return [f"{self.code_prefix}:{'change' if 'pk' in self.kwargs else 'add'}"]

    def load(self):
        if "pk" in self.kwargs:
            self.instance = access.get_object(
                self.model.objects.all(),
                self.request.user,
                f"{self.code_prefix}:view",
                f"{self.code_prefix}:change",
                pk=self.kwargs["pk"],
            )

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "user": self.request.user}
        if self.instance is not None:
            kwargs["instance"] = self.instance
        return kwargs

    def get_context_data(self, **kwargs):
        title = self.model._meta.verbose_name
        context = super().get_context_data(**kwargs)
        return {**context, "title": str(title).capitalize(), "object": self.instance}

    def form_valid(self, form):
        values = {k: v for k, v in form.cleaned_data.items() if k not in ("version_seen", "center")}
        try:
            if self.instance is None:
                record = self.service(actor=self.request.user, center=form.cleaned_data["center"], **values)
            else:
                record = self.service(
                    actor=self.request.user,
                    version=form.cleaned_data["version_seen"],
                    **{self.model._meta.model_name: self.instance},
                    **values,
                )
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(record)


class PublicationFormView(RecordFormView):
    model = Publication
    form_class = PublicationForm
    code_prefix = "products.publication"
    service = staticmethod(services.save_publication)


class PublicationDeleteView(AccessMixin, generic.View):
    http_method_names = ["post"]

    def required_codes(self):
        return ["products.publication:delete"]

    def post(self, request, pk):
        item = access.get_object(
            Publication.objects.all(), request.user, "products.publication:view", "products.publication:delete", pk=pk
        )
        try:
            services.delete_publication(actor=request.user, publication=item)
        except ServiceError as exc:
            messages.error(request, exc.message)
            return redirect(item)
        messages.success(request, _("Deleted."))
        return redirect("products:publication-list")


# --- presentation programmes ----------------------------------------------------------------------------------------


class PresentationListView(ScopedListView):
    model = Presentation
    table_class = PresentationTable
    filterset_class = PresentationFilterSet
    create_url_name = "products:presentation-create"
    title = gettext_lazy("Presentation programmes")
    template_name = "products/presentation_list.html"

    def base_queryset(self):
        return Presentation.objects.select_related("center")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = restrict(Presentation.objects.all(), self.request.user, "products.presentation:view")
        context["per_year"] = selectors.programmes_per_year(visible)
        context["minimum"] = selectors.MIN_PRESENTATIONS_PER_YEAR
        return context


class PresentationFormView(RecordFormView):
    model = Presentation
    form_class = PresentationForm
    code_prefix = "products.presentation"
    service = staticmethod(services.save_presentation)


class PresentationDetailView(AccessMixin, generic.TemplateView):
    template_name = "products/presentation_detail.html"
    code = "products.presentation:view"

    def required_codes(self):
        return [self.code]

    def load(self):
        self.presentation = access.get_object(
            Presentation.objects.select_related("center"),
            self.request.user,
            "products.presentation:view",
            self.code,
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        presentation = self.presentation
        items = selectors.presentation_items(presentation)
        can_change = instance_in_scope(self.request.user, presentation, "products.presentation:change")
        context.update(
            {
                "presentation": presentation,
                "object": presentation,
                "items": items,
                "missing": selectors.completeness(presentation, items),
                "can_change": can_change,
                "can_delete": instance_in_scope(self.request.user, presentation, "products.presentation:delete"),
                "item_form": ItemForm(presentation=presentation) if can_change else None,
                "history": hooks.history(presentation) if hooks.history else [],
            }
        )
        context.update(kwargs)
        return context


class PresentationPostView(PresentationDetailView):
    http_method_names = ["post"]
    code = "products.presentation:change"

    def post(self, request, *args, **kwargs):
        try:
            message = self.perform()
        except ServiceError as exc:
            return self.render_to_response(self.get_context_data(action_error=exc), status=400)
        messages.success(request, message)
        return redirect(self.presentation)


class ItemAddView(PresentationPostView):
    def perform(self):
        form = ItemForm(self.request.POST, presentation=self.presentation)
        if not form.is_valid():
            raise ServiceError(_("A programme item is either an event or a publication."), code="item_source")
        services.add_item(actor=self.request.user, presentation=self.presentation, **form.cleaned_data)
        return _("The item is added.")


class ItemDeleteView(PresentationPostView):
    def load(self):
        self.item = access.get_object(
            PresentationItem.objects.all(), self.request.user, "products.presentation:view", pk=self.kwargs["pk"]
        )
        self.kwargs["pk"] = self.item.presentation_id
        super().load()

    def perform(self):
        services.remove_item(actor=self.request.user, item=self.item)
        return _("The item is removed.")


class PresentationDeleteView(PresentationPostView):
    code = "products.presentation:delete"

    def post(self, request, *args, **kwargs):
        services.delete_presentation(actor=request.user, presentation=self.presentation)
        messages.success(request, _("Deleted."))
        return redirect("products:presentation-list")
