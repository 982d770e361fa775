"""Pages of the application workflow (002 § 4.3): center kinds, review criteria, deadlines, applications with the
expert review and the decision, and the orders registry. Thin views: restrict() for what is seen, services.py for
every change; an object outside the user's scope is a 404, an action the user holds nowhere (or not on this
object) a 403, a refused business rule a form error."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from resurs.audit.services import history
from resurs.common import access
from resurs.common.access import AccessMixin
from resurs.common.errors import ServiceError
from resurs.common.forms import add_service_error
from resurs.common.responses import stored_file_response
from resurs.common.scoping import has_code, instance_in_scope, restrict
from resurs.common.views import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedMixin, ScopedUpdateView
from resurs.documents.files import document_response
from resurs.documents.models import GeneratedDocument
from resurs.territory.models import Municipality

from . import services
from .documents import document_context
from .filtersets import (
    ApplicationDeadlineFilterSet,
    ApplicationFilterSet,
    CenterKindFilterSet,
    OrderFilterSet,
    ReviewCriterionFilterSet,
)
from .forms_applications import (
    ApplicationDeadlineForm,
    ApplicationForm,
    ApproveForm,
    CenterKindForm,
    OrderIssueForm,
    OrderScanForm,
    RejectForm,
    ReviewCriterionForm,
    ReviewForm,
)
from .models import Application, ApplicationDeadline, CenterKind, Order, Review, ReviewCriterion
from .selectors_applications import (
    REVIEW,
    VIEW,
    application_detail_queryset,
    application_list_queryset,
    order_list_queryset,
    score_table,
    visible_applications,
)
from .tables import (
    ApplicationDeadlineTable,
    ApplicationTable,
    CenterKindTable,
    DeadlineReadTable,
    OrderTable,
    ReviewCriterionReadTable,
    ReviewCriterionTable,
)


def _form_error(form, exc):
    add_service_error(form, exc)


# --- center kinds -----------------------------------------------------------------------------------------------


class KindListView(ScopedListView):
    model = CenterKind
    table_class = CenterKindTable
    filterset_class = CenterKindFilterSet
    create_url_name = "centers:kind-create"
    title = gettext_lazy("Center kinds")


class KindDetailView(ScopedDetailView):
    model = CenterKind
    template_name = "centers/kind_detail.html"


class KindFormMixin:
    model = CenterKind
    form_class = CenterKindForm
    template_name = "centers/kind_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["formsets"] = [
            (form.documents_formset, _("Required documents"), False),
            (form.rules_formset, _("Rules checked by the compliance view"), True),
        ]
        return context


class KindCreateView(KindFormMixin, ScopedCreateView):
    pass


class KindUpdateView(KindFormMixin, ScopedUpdateView):
    pass


# --- review criteria and deadlines --------------------------------------------------------------------------------


class CriterionListView(ScopedListView):
    model = ReviewCriterion
    table_class = ReviewCriterionTable
    filterset_class = ReviewCriterionFilterSet
    create_url_name = "centers:criterion-create"
    title = gettext_lazy("Review criteria")

    def get_table_class(self):
        # The name links to the edit page only for those who may edit.
        return ReviewCriterionTable if has_code(self.request.user, self.code("change")) else ReviewCriterionReadTable


class CriterionCreateView(ScopedCreateView):
    model = ReviewCriterion
    form_class = ReviewCriterionForm

    success_url_name = "centers:criterion-list"


class CriterionUpdateView(ScopedUpdateView):
    model = ReviewCriterion
    form_class = ReviewCriterionForm

    success_url_name = "centers:criterion-list"


class DeadlineListView(ScopedListView):
    model = ApplicationDeadline
    table_class = ApplicationDeadlineTable
    filterset_class = ApplicationDeadlineFilterSet
    create_url_name = "centers:deadline-create"
    title = gettext_lazy("Application deadlines")
    template_name = "centers/application_deadlines.html"

    def get_table_class(self):
        return ApplicationDeadlineTable if has_code(self.request.user, self.code("change")) else DeadlineReadTable

    def base_queryset(self):
        return ApplicationDeadline.objects.select_related("municipality").order_by("-year", "municipality__name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = timezone.localdate().year
        municipalities = restrict(Municipality.objects.all(), self.request.user, self.code())[:50]
        context["year"] = year
        context["effective"] = [(m, services.deadline_for(m, year)) for m in municipalities]
        return context


class DeadlineCreateView(ScopedCreateView):
    model = ApplicationDeadline
    form_class = ApplicationDeadlineForm

    success_url_name = "centers:deadline-list"


class DeadlineUpdateView(ScopedUpdateView):
    model = ApplicationDeadline
    form_class = ApplicationDeadlineForm

    success_url_name = "centers:deadline-list"


# --- applications -----------------------------------------------------------------------------------------------


class ApplicationAccessMixin(AccessMixin):
    """Applications are seen by holders of :view (organization, department, region) and, while under review, by
    the expert council (:review). Actions additionally need their own code on the application."""

    action_code = None  # the code this page's action needs (None: only seeing the application)

    def required_codes(self):
        return [self.action_code] if self.action_code else [VIEW, REVIEW]

    def get_application(self):
        queryset = visible_applications(self.request.user, application_detail_queryset())
        application = access.find(queryset, pk=self.kwargs["pk"])
        if self.action_code:
            access.check_object(self.request.user, application, self.action_code)
        return application


class ApplicationListView(ScopedListView):
    model = Application
    table_class = ApplicationTable
    filterset_class = ApplicationFilterSet
    create_url_name = "centers:application-create"
    title = gettext_lazy("Applications for center status")

    def required_codes(self):
        return [VIEW, REVIEW]  # an expert holds :review, not :view

    def get_queryset(self):
        return visible_applications(self.request.user, application_list_queryset())


class ApplicationDetailView(ApplicationAccessMixin, generic.TemplateView):
    template_name = "centers/application_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        application = self.get_application()
        status = application.status
        draft = status == Application.Status.DRAFT
        under_review = status == Application.Status.UNDER_REVIEW
        decided = status in (Application.Status.APPROVED, Application.Status.REJECTED)
        may_decide = instance_in_scope(user, application, "centers.application:decide")
        may_view = instance_in_scope(user, application, VIEW)
        reviews = Review.objects.filter(application=application).select_related("expert").order_by("submitted_at")
        if not (may_decide or (decided and may_view)):
            # The council's scores are the deciders' working material; an expert sees his own.
            reviews = reviews.filter(expert=user)
        context.update(
            {
                "object": application,
                "application": application,
                "title": str(application),
                "can_edit": draft and instance_in_scope(user, application, "centers.application:change"),
                "can_submit": draft and instance_in_scope(user, application, "centers.application:submit"),
                "can_review": under_review and instance_in_scope(user, application, REVIEW),
                "can_decide": under_review and may_decide,
                "reviews": list(reviews),
                "criteria": {str(c.pk): c for c in ReviewCriterion.objects.all()},
                "deadline": services.deadline_for(application.organization.municipality, timezone.localdate().year),
                # Only the orders this user may open (an organization sees no link to the department's order page).
                "orders": restrict(Order.objects.filter(application=application), user, "centers.order:view").order_by(
                    "-date"
                )
                if may_view
                else [],
                "center": getattr(application, "center", None) if decided else None,
                "history": history(application),
            }
        )
        return context


class ApplicationCreateView(ScopedCreateView):
    model = Application
    form_class = ApplicationForm
    template_name = "centers/application_form.html"
    success_message = gettext_lazy("The draft is saved. Submit it when it is complete.")

    def save(self, form):
        return services.save_application_draft(
            actor=self.request.user,
            application=form.save(commit=False),
            save_m2m=form.save_m2m,
            attachments=form.attachment_pairs(),
        )


class ApplicationUpdateView(ScopedUpdateView):
    model = Application
    form_class = ApplicationForm
    template_name = "centers/application_form.html"

    def get_object(self, queryset=None):
        application = super().get_object(queryset)
        if application.status != Application.Status.DRAFT:
            raise _NotDraft(application)
        return application

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except _NotDraft as exc:
            messages.error(request, _("Only a draft can be edited; this application is already submitted."))
            return redirect(exc.application)

    def save(self, form):
        return services.save_application_draft(
            actor=self.request.user,
            application=form.save(commit=False),
            version=form.cleaned_data.get("version_seen"),
            save_m2m=form.save_m2m,
            attachments=form.attachment_pairs(),
            remove_attachments=form.cleaned_data.get("remove_attachments") or [],
        )


class _NotDraft(Exception):
    def __init__(self, application):
        self.application = application


class ApplicationSubmitView(ApplicationAccessMixin, generic.View):
    """POST: file the draft with the expert council; a late one is refused with the municipality's deadline."""

    action_code = "centers.application:submit"

    def post(self, request, pk):
        application = self.get_application()
        try:
            services.submit_application(actor=request.user, application=application)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The application is submitted to the expert council."))
        return redirect(application)


class ApplicationFileView(ApplicationAccessMixin, generic.View):
    """The signed application or an attachment, to whoever sees the application (never a public media URL)."""

    def get(self, request, pk, attachment_pk=None):
        application = self.get_application()
        if attachment_pk is None:
            return stored_file_response(application.signed_file)
        attachment = get_object_or_404(application.attachments.all(), pk=attachment_pk)
        return stored_file_response(attachment.file)


class ReviewView(ApplicationAccessMixin, generic.View):
    """An expert council member scores the application; one review per expert, editable until the decision."""

    action_code = REVIEW
    template_name = "centers/review_form.html"

    def form(self, application, data=None):
        review = Review.objects.filter(application=application, expert=self.request.user).first()
        criteria = ReviewCriterion.objects.filter(is_active=True)
        return ReviewForm(data, criteria=criteria, review=review)

    def render(self, application, form, status=200):
        context = {"application": application, "object": application, "form": form, "title": str(application)}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        application = self.get_application()
        if application.status != Application.Status.UNDER_REVIEW:
            messages.error(request, _("The application is not under review."))
            return redirect(application)
        return self.render(application, self.form(application))

    def post(self, request, pk):
        application = self.get_application()
        form = self.form(application, request.POST)
        if form.is_valid():
            try:
                services.save_review(
                    actor=request.user,
                    application=application,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                    recommendation=form.cleaned_data["recommendation"],
                )
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Your review is saved. You may change it until the decision."))
                return redirect(application)
        return self.render(application, form)


class DecisionView(ApplicationAccessMixin, generic.View):
    """The experts' scores side by side, then approval for a term with the creation order, or rejection."""

    action_code = "centers.application:decide"
    template_name = "centers/application_decide.html"

    def render(self, application, approve_form=None, reject_form=None):
        context = {
            "application": application,
            "object": application,
            "title": str(application),
            "scores": score_table(application),
            "approve_form": approve_form or ApproveForm(application=application),
            "reject_form": reject_form or RejectForm(),
        }
        return render(self.request, self.template_name, context)

    def get(self, request, pk):
        application = self.get_application()
        if application.status != Application.Status.UNDER_REVIEW:
            messages.info(request, _("The application is not under review."))
            return redirect(application)
        return self.render(application)

    def post(self, request, pk):
        application = self.get_application()
        approve = request.POST.get("decision") == "approve"
        form = ApproveForm(request.POST, application=application) if approve else RejectForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if approve:
                    center = services.decide_application(
                        actor=request.user,
                        application=application,
                        approve=True,
                        term_start=data["term_start"],
                        term_end=data["term_end"],
                        order_number=data["order_number"],
                        order_date=data["order_date"],
                    )
                else:
                    services.decide_application(
                        actor=request.user, application=application, approve=False, reason=data["reason"]
                    )
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                if approve:
                    messages.success(request, _("The application is approved; the center and its order are created."))
                    return redirect(center)
                messages.success(request, _("The application is rejected."))
                return redirect(application)
        if approve:
            return self.render(application, approve_form=form)
        return self.render(application, reject_form=form)


# --- orders -----------------------------------------------------------------------------------------------------


class OrderListView(ScopedListView):
    model = Order
    table_class = OrderTable
    filterset_class = OrderFilterSet
    create_url_name = "centers:order-create"
    title = gettext_lazy("Orders")

    def base_queryset(self):
        return order_list_queryset()


class OrderDetailView(ScopedDetailView):
    model = Order
    template_name = "centers/order_detail.html"

    def base_queryset(self):
        return order_list_queryset().select_related("document__generated_by", "center__organization")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = self.object
        context["points"] = document_context(order)["points"]
        context["documents"] = GeneratedDocument.objects.filter(
            content_type__app_label="centers", content_type__model="order", object_id=str(order.pk)
        ).select_related("generated_by")
        context["scan_form"] = OrderScanForm()
        return context


class OrderObjectMixin(AccessMixin):
    """An order the user sees (404 otherwise); for a change, one the user may change (403 otherwise)."""

    action_code = "centers.order:view"

    def required_codes(self):
        return [self.action_code]

    def get_order(self):
        return access.get_object(
            Order.objects.select_related("document"),
            self.request.user,
            "centers.order:view",
            self.action_code,
            pk=self.kwargs["pk"],
        )


class OrderDocumentView(OrderObjectMixin, generic.View):
    def get(self, request, pk):
        order = self.get_order()
        return document_response(order.document)


class OrderScanView(OrderObjectMixin, generic.View):
    def get(self, request, pk):
        return stored_file_response(self.get_order().signed_scan)


class OrderScanUploadView(OrderObjectMixin, generic.View):
    action_code = "centers.order:change"

    def post(self, request, pk):
        order = self.get_order()
        form = OrderScanForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.attach_order_scan(actor=request.user, order=order, upload=form.cleaned_data["file"])
            except ServiceError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The signed scan is attached."))
                return redirect(order)
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(order)


class OrderRegenerateView(OrderObjectMixin, generic.View):
    action_code = "centers.order:change"

    def post(self, request, pk):
        order = self.get_order()
        try:
            document = services.regenerate_order(actor=request.user, order=order)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("The document is generated again from the template version %(version)s.")
                % {"version": document.template_version},
            )
        return redirect(order)


class OrderCreateView(ScopedMixin, generic.FormView):
    """An order issued by hand for an issuer the user may issue for; the DOCX is generated at once."""

    model = Order
    action = "add"
    form_class = OrderIssueForm
    template_name = "centers/order_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        contents = {"points": data["points"]}
        if data["preamble"]:
            contents["preamble"] = data["preamble"]
        try:
            order = services.issue_order(
                actor=self.request.user,
                issuer=data["issuer_object"],
                kind=data["kind"],
                date=data["date"],
                number=data["number"],
                center=data["center"],
                title=data["title"] or None,
                data=contents,
            )
        except ServiceError as exc:
            _form_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The order is registered and its document generated."))
        return HttpResponseRedirect(order.get_absolute_url())
