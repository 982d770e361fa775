"""Center registry and the center page with its tabs; thin views over restrict(), the forms and services.py.

A center outside the user's view scope is a 404; a code the user cannot use on this center is a 403; once the
center is terminated every write control is hidden and every write is refused by the service (000 § 3.11).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
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
from resurs.common.views import ScopedListView, ScopedUpdateView
from resurs.documents.files import document_response

from . import services
from .filtersets import AgreementFilterSet, AssociationFilterSet, CenterFilterSet
from .forms_centers import (
    AgreementForm,
    AssociationForm,
    CenterDocumentForm,
    CenterForm,
    StaffAssignForm,
    StaffEndForm,
    TerminateForm,
)
from .models import Agreement, Association, Center, CenterDocument, Order, StaffAssignment
from .selectors_centers import center_list_queryset, document_checklist, ending_soon
from .tables import CenterTable

READ_ONLY_MESSAGE = gettext_lazy("The center is terminated; its records are read-only.")

# tab key -> (label, url name, permission code on the tab's records)
TABS = (
    ("overview", gettext_lazy("Overview"), "centers:center-detail", "centers.center:view"),
    ("staff", gettext_lazy("Staff"), "centers:center-staff", "centers.staffassignment:view"),
    (
        "associations",
        gettext_lazy("Associations and groups"),
        "centers:center-associations",
        "centers.association:view",
    ),
    ("agreements", gettext_lazy("Agreements"), "centers:center-agreements", "centers.agreement:view"),
    ("documents", gettext_lazy("Documents"), "centers:center-documents", "centers.centerdocument:view"),
    ("history", gettext_lazy("History"), "centers:center-history", "centers.center:view"),
)

# model of the records a code is about, to ask whether the user holds it on this center
CODE_MODELS = {
    "center": Center,
    "staffassignment": StaffAssignment,
    "association": Association,
    "agreement": Agreement,
    "centerdocument": CenterDocument,
}


def center_queryset():
    return Center.objects.select_related("organization__municipality", "kind", "application")


def holds_on_center(user, center, code):
    """Does the user hold `code` on this center (on the center itself or on a scope above it)?"""
    model = CODE_MODELS[code.split(".")[1].split(":")[0]]
    probe = center if model is Center else model(center=center)
    return instance_in_scope(user, probe, code)


def write_flags(user, center):
    """What write controls the page shows: none once the center is terminated."""
    codes = {
        "can_change": "centers.center:change",
        "can_terminate": "centers.center:terminate",
        "can_add_staff": "centers.staffassignment:add",
        "can_change_staff": "centers.staffassignment:change",
        "can_add_association": "centers.association:add",
        "can_change_association": "centers.association:change",
        "can_add_agreement": "centers.agreement:add",
        "can_change_agreement": "centers.agreement:change",
        "can_add_document": "centers.centerdocument:add",
    }
    read_only = center.is_read_only
    return {flag: not read_only and holds_on_center(user, center, code) for flag, code in codes.items()}


class CenterRegistryView(ScopedListView):
    model = Center
    table_class = CenterTable
    filterset_class = CenterFilterSet
    export_name = "centers.centers"
    title = gettext_lazy("Resource centers")

    def base_queryset(self):
        return center_list_queryset()


class CenterPageMixin(AccessMixin):
    """Resolves the center (404 outside what the user views) and checks this page's code on it (403)."""

    code = "centers.center:view"
    tab = None
    write = False  # a write page: refused on a terminated center
    center_kwarg = "pk"

    def required_codes(self):
        return [self.code]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        access.require_code(request.user, self.code)
        self.center = self.get_center()
        if not self.allowed_here():
            raise PermissionDenied
        if self.write and self.center.is_read_only and request.method == "GET":
            messages.error(request, READ_ONLY_MESSAGE)
            return redirect(self.center)
        return super().dispatch(request, *args, **kwargs)

    def get_center(self):
        return access.get_object(
            center_queryset(), self.request.user, "centers.center:view", pk=self.kwargs[self.center_kwarg]
        )

    def allowed_here(self):
        return holds_on_center(self.request.user, self.center, self.code)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        center = self.center
        context["center"] = center
        context["tab"] = self.tab
        context["tabs"] = [
            {"key": key, "label": label, "url": reverse(url_name, args=[center.pk])}
            for key, label, url_name, code in TABS
            if holds_on_center(user, center, code)
        ]
        context["ending_soon"] = ending_soon(center)
        context["read_only_message"] = READ_ONLY_MESSAGE
        context.update(write_flags(user, center))
        return context


class CenterDetailView(CenterPageMixin, generic.TemplateView):
    template_name = "centers/center_detail.html"
    tab = "overview"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["directions"] = list(self.center.directions.all())
        context["orders"] = restrict(
            Order.objects.filter(center=self.center).select_related("document"), self.request.user, "centers.order:view"
        ).order_by("-date", "-id")
        context["can_view_orders"] = has_code(self.request.user, "centers.order:view")
        return context


class CenterStaffView(CenterPageMixin, generic.TemplateView):
    template_name = "centers/center_staff.html"
    tab = "staff"
    code = "centers.staffassignment:view"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = restrict(
            StaffAssignment.objects.filter(center=self.center).select_related("order"), self.request.user, self.code
        ).order_by("role", "-starts_on", "full_name")
        context["current"] = [s for s in staff if s.is_current]
        context["past"] = [s for s in staff if not s.is_current]
        context["end_form"] = StaffEndForm()
        return context


class CenterAssociationsView(CenterPageMixin, generic.TemplateView):
    template_name = "centers/center_associations.html"
    tab = "associations"
    code = "centers.association:view"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        base = restrict(
            Association.objects.filter(center=self.center).select_related("subject", "head", "order"),
            self.request.user,
            self.code,
        )
        context["filter"] = AssociationFilterSet(self.request.GET or None, queryset=base, user=self.request.user)
        context["associations"] = context["filter"].qs.prefetch_related("members")
        return context


class CenterAgreementsView(CenterPageMixin, generic.TemplateView):
    template_name = "centers/center_agreements.html"
    tab = "agreements"
    code = "centers.agreement:view"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        base = restrict(
            Agreement.objects.filter(center=self.center).select_related("party_organization"),
            self.request.user,
            self.code,
        )
        context["filter"] = AgreementFilterSet(self.request.GET or None, queryset=base, user=self.request.user)
        context["agreements"] = context["filter"].qs
        return context


class CenterDocumentsView(CenterPageMixin, generic.TemplateView):
    template_name = "centers/center_documents.html"
    tab = "documents"
    code = "centers.centerdocument:view"
    failed = None  # (requirement code, bound form) after a refused upload

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        checklist = document_checklist(self.center, self.request.user)
        for item in checklist:
            if self.failed and self.failed[0] == item["code"]:
                item["form"] = self.failed[1]
            else:
                item["form"] = CenterDocumentForm(prefix=item["code"])
        context["checklist"] = checklist
        context["upload_errors"] = self.failed[1].non_field_errors() if self.failed else []
        context["missing"] = sum(1 for item in checklist if not item["present"])
        context["can_view_orders"] = has_code(self.request.user, "centers.order:view")
        return context


class CenterHistoryView(CenterPageMixin, generic.TemplateView):
    template_name = "centers/center_history.html"
    tab = "history"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = history(self.center)
        return context


# --- writes ---------------------------------------------------------------------------------------


class CenterUpdateView(ScopedUpdateView):
    """The generic edit page of the center's own fields; the save goes through services.update_center."""

    model = Center
    form_class = CenterForm
    template_name = "centers/center_form.html"

    def base_queryset(self):
        return center_queryset()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_read_only:
            messages.error(request, READ_ONLY_MESSAGE)
            return redirect(self.object)
        return super().get(request, *args, **kwargs)

    def save(self, form):
        center = form.save(commit=False)
        return services.update_center(
            actor=self.request.user,
            center=center,
            version=form.cleaned_data.get("version_seen"),
            save_m2m=form.save_m2m,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["center"] = self.object
        return context


class CenterFormView(CenterPageMixin, generic.FormView):
    """A write page of the center: the form's data go to one service; a ServiceError becomes a form error."""

    write = True

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["center"] = self.center
        return kwargs

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except ServiceError as exc:
            self.service_error(form, exc)
            return self.form_invalid(form)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.success_url_for(result))

    def service_error(self, form, exc):
        add_service_error(form, exc)

    success_message = gettext_lazy("Saved.")

    def success_url_for(self, result):
        return self.center.get_absolute_url()


class StaffAssignView(CenterFormView):
    template_name = "centers/staff_form.html"
    form_class = StaffAssignForm
    code = "centers.staffassignment:add"
    tab = "staff"
    success_message = gettext_lazy("The appointment is recorded.")

    def perform(self, form):
        data = form.cleaned_data
        return services.assign_staff(
            actor=self.request.user,
            center=self.center,
            role=data["role"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            teacher=data["teacher"],
            user=data["user"],
            full_name=data["full_name"],
            position=data["position"],
            contract=data["contract"],
            order=data["order"],
            override_reason=data["override_reason"],
        )

    def service_error(self, form, exc):
        if exc.code == "not_eligible":
            form.add_error("override_reason", ValidationError(_("To appoint anyway, give the reason."), code=exc.code))
            return
        super().service_error(form, exc)

    def success_url_for(self, result):
        return reverse("centers:center-staff", args=[self.center.pk])


class StaffEndView(CenterPageMixin, generic.FormView):
    """POST: end an appointment (and the role it granted on the center)."""

    form_class = StaffEndForm
    code = "centers.staffassignment:change"
    template_name = "centers/staff_end_form.html"
    tab = "staff"
    http_method_names = ["post"]

    def get_center(self):
        self.staff = access.get_object(
            StaffAssignment.objects.select_related("center__organization__municipality", "center__kind"),
            self.request.user,
            "centers.staffassignment:view",
            pk=self.kwargs["pk"],
        )
        return self.staff.center

    def form_valid(self, form):
        try:
            services.end_staff(actor=self.request.user, staff=self.staff, ends_on=form.cleaned_data["ends_on"])
        except ServiceError as exc:
            form.add_error("ends_on" if exc.field == "ends_on" else None, exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The appointment is ended."))
        return redirect("centers:center-staff", self.center.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["staff"] = self.staff
        return context


class AssociationDetailView(CenterPageMixin, generic.TemplateView):
    template_name = "centers/association_detail.html"
    tab = "associations"
    code = "centers.association:view"

    def get_center(self):
        self.association = access.get_object(
            Association.objects.select_related(
                "center__organization__municipality", "center__kind", "subject", "head__organization", "order"
            ),
            self.request.user,
            self.code,
            pk=self.kwargs["pk"],
        )
        return self.association.center

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["association"] = self.association
        context["members"] = self.association.members.select_related("organization", "category")
        context["history"] = history(self.association)
        return context


class AssociationFormView(CenterFormView):
    template_name = "centers/association_form.html"
    form_class = AssociationForm
    tab = "associations"
    association = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.association
        kwargs["user"] = self.request.user
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        return services.save_association(
            actor=self.request.user,
            association=form.save(commit=False),
            members=list(data["members"]),
            version=data.get("version_seen"),
            order_number=data["new_order_number"],
            order_date=data["new_order_date"],
        )

    def success_url_for(self, result):
        return result.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["association"] = self.association
        return context


class AssociationCreateView(AssociationFormView):
    code = "centers.association:add"


class AssociationUpdateView(AssociationFormView):
    code = "centers.association:change"

    def get_center(self):
        self.association = access.get_object(
            Association.objects.select_related("center__organization__municipality", "center__kind"),
            self.request.user,
            "centers.association:view",
            pk=self.kwargs["pk"],
        )
        return self.association.center


class AgreementFormView(CenterFormView):
    template_name = "centers/agreement_form.html"
    form_class = AgreementForm
    tab = "agreements"
    agreement = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.agreement
        kwargs["user"] = self.request.user
        return kwargs

    def perform(self, form):
        return services.save_agreement(
            actor=self.request.user, agreement=form.save(commit=False), version=form.cleaned_data.get("version_seen")
        )

    def success_url_for(self, result):
        return reverse("centers:center-agreements", args=[self.center.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agreement"] = self.agreement
        return context


class AgreementCreateView(AgreementFormView):
    code = "centers.agreement:add"


class AgreementUpdateView(AgreementFormView):
    code = "centers.agreement:change"

    def get_center(self):
        self.agreement = access.get_object(
            Agreement.objects.select_related("center__organization__municipality", "center__kind"),
            self.request.user,
            "centers.agreement:view",
            pk=self.kwargs["pk"],
        )
        return self.agreement.center


class DocumentUploadView(CenterDocumentsView):
    """POST: file a document against one checklist item; a refusal shows the documents tab with the error."""

    code = "centers.centerdocument:add"
    http_method_names = ["post"]

    def post(self, request, pk, requirement):
        form = CenterDocumentForm(request.POST, request.FILES, prefix=requirement)
        if form.is_valid():
            try:
                services.add_center_document(
                    actor=request.user,
                    center=self.center,
                    requirement=requirement,
                    file=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                )
            except ServiceError as exc:
                form.add_error("file" if exc.field == "file" else None, exc.message)
            else:
                messages.success(request, _("The document is added."))
                return redirect("centers:center-documents", self.center.pk)
        self.failed = (requirement, form)
        return self.render_to_response(self.get_context_data())


class TerminateView(CenterFormView):
    template_name = "centers/terminate_form.html"
    form_class = TerminateForm
    code = "centers.center:terminate"
    success_message = gettext_lazy("The center is terminated; its records are kept read-only.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("center")
        return kwargs

    def perform(self, form):
        data = form.cleaned_data
        return services.terminate_center(
            actor=self.request.user,
            center=self.center,
            reason=data["reason"],
            text=data["text"],
            order_number=data["order_number"],
            order_date=data["order_date"],
        )


# --- files ----------------------------------------------------------------------------------------


class AgreementFileView(AccessMixin, generic.View):
    code = "centers.agreement:view"

    def required_codes(self):
        return [self.code]

    def get(self, request, pk):
        agreement = access.get_object(Agreement.objects.all(), request.user, self.code, pk=pk)
        return stored_file_response(agreement.file)


class DocumentFileView(AccessMixin, generic.View):
    code = "centers.centerdocument:view"

    def required_codes(self):
        return [self.code]

    def get(self, request, pk):
        document = access.get_object(CenterDocument.objects.select_related("generated"), request.user, self.code, pk=pk)
        return stored_file_response(document.file or (document.generated.file if document.generated else None))


class OrderDocumentView(CenterPageMixin, generic.View):
    """The generated DOCX of an order that concerns the center."""

    code = "centers.order:view"

    def allowed_here(self):
        return True  # an order's scope is its issuer: the restricted query below answers 404

    def get(self, request, pk, order_pk):
        order = access.get_object(
            Order.objects.filter(center=self.center).select_related("document"), request.user, self.code, pk=order_pk
        )
        return document_response(order.document)
