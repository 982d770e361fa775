"""Plan pages: thin views over the scoped queryset and the plan services (SPEC §5).

A plan outside what the user may view is a 404; an action the user may not do on a visible plan is a 403; a
refused transition or rule is shown with its code and changes nothing.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from resurs.common import access, hooks
from resurs.common.access import AccessMixin
from resurs.common.errors import ServiceError
from resurs.common.filtersets import pk_or_none
from resurs.common.importers import get_importer, start_import, template_xlsx
from resurs.common.responses import xlsx_response
from resurs.common.scoping import has_code, instance_in_scope
from resurs.common.views import ScopedCreateView, ScopedListView, ScopedUpdateView
from resurs.common.workflow import check_transition
from resurs.documents.files import document_response
from resurs.documents.models import GeneratedDocument

from . import exports, selectors, services, workflow
from .filtersets import PlanDeadlineFilterSet, PlanFilterSet
from .forms import (
    ExecutionForm,
    PlanCreateForm,
    PlanDeadlineForm,
    PlanHeaderForm,
    PlanImportForm,
    PlanItemForm,
    ReturnForm,
    VersionForm,
)
from .models import Plan, PlanDeadline, PlanItem, PlanRevision
from .tables import STATUS_BADGES, PlanDeadlineReadTable, PlanDeadlineTable, PlanTable

VIEW = "plans.plan:view"
IMPORT_NAME = "plans.items"


def form_error(form, exc):
    """A ServiceError on the form, keeping its code (a concurrent edit names who changed the plan)."""
    error = ValidationError(exc.message, code=exc.code)
    form.add_error(exc.field if exc.field in form.fields else None, error)


class PlanAccessMixin(AccessMixin):
    """`code` is what the view needs: held nowhere → 403; the plan not visible → 404; visible, code not on it → 403."""

    code = VIEW

    def required_codes(self):
        return [self.code]

    def load_plan(self):
        self.plan = self.get_plan()

    def load_item(self):
        self.item = self.get_item()
        self.plan = self.item.plan

    def plan_queryset(self):
        return Plan.objects.select_related("center__organization__municipality", "center__kind", "association")

    def get_plan(self, pk=None):
        return access.get_object(self.plan_queryset(), self.request.user, VIEW, self.code, pk=pk or self.kwargs["pk"])

    def get_item(self, pk=None):
        queryset = PlanItem.objects.select_related(
            "plan__center__organization__municipality", "plan__center__kind", "plan__association", "section", "form"
        )
        item = access.get_object(queryset, self.request.user, VIEW, pk=pk or self.kwargs["pk"])
        if self.code != VIEW:
            access.check_object(self.request.user, item.plan, self.code)
        return item


def allowed_actions(user, plan):
    """{action: bool} of the workflow buttons and edit links this user gets on this plan in its status."""
    held = {
        code: instance_in_scope(user, plan, code)
        for code in ("plans.plan:change", "plans.plan:submit", "plans.plan:agree", "plans.plan:execute")
    }
    actions = {name: held[t.code] and plan.status in t.source for name, t in workflow.PLAN.items()}
    actions["execute"] = held["plans.plan:execute"] and plan.status in (Plan.Status.AGREED, Plan.Status.REVISING)
    actions["export"] = instance_in_scope(user, plan, "plans.plan:export")
    return actions


ITEM_LABELS = {
    "section": gettext_lazy("Plan section"),
    "form": gettext_lazy("Form of work"),
    "topic": gettext_lazy("Topic"),
    "date": gettext_lazy("Date"),
    "venue": gettext_lazy("Venue"),
    "responsible": gettext_lazy("Responsible person"),
    "audience": gettext_lazy("Audience"),
    "expected_product": gettext_lazy("Expected product"),
}


def labelled_diff(diff):
    """diff_snapshots() with field labels, for the templates: header rows and changed fields carry their label."""
    header = [(Plan._meta.get_field(f).verbose_name, f, old, new) for f, old, new in diff["header"]]
    changed = [
        (item, [(ITEM_LABELS.get(f, f), f, old, new) for f, old, new in fields]) for item, fields in diff["changed"]
    ]
    return {"header": header, "added": diff["added"], "removed": diff["removed"], "changed": changed}


# --- list and creation ----------------------------------------------------------------------------------------


class PlanListView(ScopedListView):
    """All plans in the user's scope: the center's own, the coordinator's and the department's view."""

    model = Plan
    table_class = PlanTable
    filterset_class = PlanFilterSet
    create_url_name = "plans:plan-create"
    export_name = "plans.plans"
    title = gettext_lazy("Plans")

    def base_queryset(self):
        return selectors.plans_overview(Plan.objects.all())


class PlanCreateView(PlanAccessMixin, generic.FormView):
    code = "plans.plan:add"
    form_class = PlanCreateForm
    template_name = "plans/plan_create.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            plan = services.create_plan(
                actor=self.request.user,
                center=data["center"],
                association=data["association"],
                year=data["year"],
                copy_previous=data["start"] == PlanCreateForm.START_COPY,
                methodological_theme=data["methodological_theme"],
                goal=data["goal"],
            )
        except ServiceError as exc:
            form_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The plan is created."))
        if data["start"] == PlanCreateForm.START_IMPORT:
            return redirect("plans:plan-import", pk=plan.pk)
        return redirect(plan)


# --- the plan page --------------------------------------------------------------------------------------------


class PlanDetailView(PlanAccessMixin, generic.TemplateView):
    template_name = "plans/plan_detail.html"

    def plan_queryset(self):
        # The events an item is linked to are not shown here: not decoding 300 JSON values saves time.
        items = PlanItem.objects.select_related("section", "form", "venue").defer("events")
        return (
            super()
            .plan_queryset()
            .select_related("association__head", "agreed_revision", "updated_by")
            .prefetch_related(Prefetch("items", queryset=items))
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_plan()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.object
        user = self.request.user
        items = list(plan.items.all())
        revisions = list(plan.revisions.defer("snapshot").select_related("submitted_by", "decided_by"))
        latest = revisions[0] if revisions else None
        returned = None
        if latest and latest.verdict == PlanRevision.Verdict.RETURNED and plan.status == Plan.Status.RETURNED:
            returned = latest
        comments = returned.item_comments if returned else {}
        # Per-row values computed once here: a 300-item plan renders without 900 URL reversals and translations.
        execution_labels = {value: str(label) for value, label in PlanItem.Execution.choices}
        url_patterns = {
            name: reverse(f"plans:item-{name}", args=[0]).replace("/0/", "/%s/")
            for name in ("update", "delete", "execution")
        }
        for item in items:
            item.comment = comments.get(str(item.uid), "")
            item.execution_label = execution_labels[item.execution]
            item.urls = {name: pattern % item.pk for name, pattern in url_patterns.items()}
        section = self.request.GET.get("section", "")
        responsible = self.request.GET.get("responsible", "")
        today = timezone.localdate()
        deadline = services.deadline_for(plan)
        first = revisions[-1] if revisions else None
        context.update(
            {
                "plan": plan,
                "object": plan,
                "groups": selectors.items_by_section(items),
                "item_count": len(items),
                "actions": allowed_actions(user, plan),
                "revisions": revisions,
                "latest": latest,
                "returned": returned,
                "changes": self.changes_since_previous(plan, revisions),
                "summary": selectors.execution_summary(
                    plan, today, items=items, section=section, responsible=responsible
                ),
                "sections": sorted({i.section for i in items}, key=lambda s: (s.sort_order, s.name)),
                "responsibles": sorted({i.responsible for i in items}),
                "section_filter": section,
                "responsible_filter": responsible,
                "deadline": deadline,
                "is_late": bool(first.is_late) if first else bool(deadline and deadline < today),
                "today": today,
                "documents": GeneratedDocument.objects.filter(
                    content_type=ContentType.objects.get_for_model(Plan), object_id=str(plan.pk)
                ).select_related("generated_by")[:10],
                "history": hooks.history(plan) if hooks.history else [],
                "badge": STATUS_BADGES.get(plan.status, "secondary"),
            }
        )
        return context

    @staticmethod
    def changes_since_previous(plan, revisions):
        """The coordinator's view: what the latest submission changed against the one before it."""
        if len(revisions) < 2:
            return None
        latest, previous = revisions[0], revisions[1]
        snapshots = dict(PlanRevision.objects.filter(pk__in=[latest.pk, previous.pk]).values_list("number", "snapshot"))
        diff = services.diff_snapshots(snapshots[previous.number], snapshots[latest.number])
        return {"a": previous, "b": latest, "diff": labelled_diff(diff), "empty": not any(diff.values())}


class PlanActionView(PlanDetailView):
    """A workflow button (POST): done → back to the plan; refused → the plan page with the coded error (400)."""

    http_method_names = ["post"]
    success_message = ""

    def perform(self, plan):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        self.object = self.get_plan()
        try:
            self.perform(self.object)
        except ServiceError as exc:
            self.object = self.get_plan()
            return self.render_to_response(self.get_context_data(action_error=exc), status=400)
        messages.success(request, self.success_message)
        return redirect(self.object)


class SubmitView(PlanActionView):
    code = "plans.plan:submit"
    success_message = gettext_lazy("The plan is submitted to the coordinator.")

    def perform(self, plan):
        services.submit(actor=self.request.user, plan=plan)


class AgreeView(PlanActionView):
    code = "plans.plan:agree"
    success_message = gettext_lazy("The plan is agreed.")

    def perform(self, plan):
        services.agree(actor=self.request.user, plan=plan)


class ReviseView(PlanActionView):
    code = "plans.plan:change"
    success_message = gettext_lazy("A new revision is started: change the plan and submit it again.")

    def perform(self, plan):
        services.start_revision(actor=self.request.user, plan=plan)


class ReturnView(PlanAccessMixin, generic.FormView):
    """The coordinator returns the plan with an overall comment and comments on items."""

    code = "plans.plan:agree"
    form_class = ReturnForm
    template_name = "plans/plan_return.html"

    def load(self):
        self.load_plan()

    def get_form_kwargs(self):
        items = self.plan.items.select_related("section", "form").order_by("section__sort_order", "date", "id")
        return {**super().get_form_kwargs(), "items": items}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "plan": self.plan}

    def form_valid(self, form):
        try:
            services.return_plan(
                actor=self.request.user,
                plan=self.plan,
                comment=form.cleaned_data["comment"],
                item_comments=form.item_comments(),
            )
        except ServiceError as exc:
            form_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The plan is returned for revision."))
        return redirect(self.plan)


# --- header and items -----------------------------------------------------------------------------------------


class PlanHeaderUpdateView(PlanAccessMixin, generic.FormView):
    code = "plans.plan:change"
    form_class = PlanHeaderForm
    template_name = "plans/plan_form.html"

    def load(self):
        self.load_plan()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.plan}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "plan": self.plan, "title": _("Plan header")}

    def form_valid(self, form):
        values = {name: form.cleaned_data[name] for name in services.HEADER_FIELDS}
        try:
            services.update_header(
                actor=self.request.user, plan=self.plan, version=form.cleaned_data["version_seen"], **values
            )
        except ServiceError as exc:
            form_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(self.plan)


class ItemFormMixin(PlanAccessMixin):
    code = "plans.plan:change"
    form_class = PlanItemForm
    template_name = "plans/item_form.html"
    item = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.plan, "instance": self.item}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "plan": self.plan, "item": self.item}

    def form_valid(self, form):
        try:
            services.save_item(
                actor=self.request.user,
                plan=self.plan,
                version=form.cleaned_data["version"],
                item=self.item,
                **form.service_values(),
            )
        except ServiceError as exc:
            form_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(self.plan)


class ItemCreateView(ItemFormMixin, generic.FormView):
    def load(self):
        self.load_plan()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance")
        return kwargs


class ItemUpdateView(ItemFormMixin, generic.FormView):
    def load(self):
        self.load_item()


class ItemDeleteView(PlanAccessMixin, generic.FormView):
    code = "plans.plan:change"
    form_class = VersionForm
    template_name = "plans/item_delete.html"

    def load(self):
        self.load_item()

    def get_initial(self):
        return {"version": self.plan.version}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "plan": self.plan, "item": self.item}

    def form_valid(self, form):
        try:
            services.delete_item(
                actor=self.request.user, plan=self.plan, version=form.cleaned_data["version"], item=self.item
            )
        except ServiceError as exc:
            form_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The item is deleted."))
        return redirect(self.plan)


class ExecutionView(PlanAccessMixin, generic.FormView):
    """Mark an item done, rescheduled (new date, reason) or cancelled (reason) — 000 § 3.8."""

    code = "plans.plan:execute"
    form_class = ExecutionForm
    template_name = "plans/item_execution.html"

    def load(self):
        self.load_item()

    def get_initial(self):
        item = self.item
        return {
            "execution": item.execution,
            "done_on": item.done_on,
            "new_date": item.new_date,
            "reason": item.execution_reason,
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "plan": self.plan, "item": self.item}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.set_execution(
                actor=self.request.user,
                item=self.item,
                execution=data["execution"],
                reason=data["reason"],
                new_date=data["new_date"],
                done_on=data["done_on"],
            )
        except ServiceError as exc:
            form_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Execution is recorded."))
        return redirect(self.plan)


# --- revisions ------------------------------------------------------------------------------------------------


class RevisionDetailView(PlanAccessMixin, generic.TemplateView):
    template_name = "plans/revision_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.get_plan()
        revision = get_object_or_404(
            plan.revisions.select_related("submitted_by", "decided_by"), number=self.kwargs["number"]
        )
        items = revision.snapshot.get("items", [])
        groups = {}
        for item in items:
            groups.setdefault(item["section"], []).append({**item, "comment": revision.item_comments.get(item["uid"])})
        header = revision.snapshot.get("header", {})
        context.update(
            {
                "plan": plan,
                "revision": revision,
                "header": [(Plan._meta.get_field(f).verbose_name, header.get(f, "")) for f in services.HEADER_FIELDS],
                "groups": list(groups.items()),
                "numbers": list(plan.revisions.values_list("number", flat=True)),
            }
        )
        return context


class RevisionDiffView(PlanAccessMixin, generic.TemplateView):
    """A diff between any two revisions (A and B), or between a revision and the plan as it is now."""

    template_name = "plans/revision_diff.html"
    CURRENT = "current"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.get_plan()
        snapshots = dict(plan.revisions.values_list("number", "snapshot"))
        numbers = sorted(snapshots)
        if not numbers:
            raise Http404
        default_b = numbers[-1]
        default_a = numbers[-2] if len(numbers) > 1 else numbers[-1]
        a = self.pick(self.request.GET.get("a"), default_a, snapshots)
        b = self.pick(self.request.GET.get("b"), default_b, snapshots)
        if self.CURRENT in (a, b):
            snapshots[self.CURRENT] = services.snapshot(plan)
        diff = services.diff_snapshots(snapshots[a], snapshots[b])
        context.update(
            {
                "plan": plan,
                "a": a,
                "b": b,
                "numbers": numbers,
                "diff": labelled_diff(diff),
                "empty": not any(diff.values()),
            }
        )
        return context

    def pick(self, value, default, snapshots):
        if value in (None, ""):
            return default
        if value == self.CURRENT:
            return value
        number = pk_or_none(value)
        if number not in snapshots:
            raise Http404
        return number


# --- import and export ----------------------------------------------------------------------------------------


class PlanImportView(PlanAccessMixin, generic.FormView):
    code = "plans.plan:change"
    form_class = PlanImportForm
    template_name = "plans/plan_import.html"

    def load(self):
        self.load_plan()

    def get_initial(self):
        return {"version": self.plan.version}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"
        return form

    def get_context_data(self, **kwargs):
        importer = get_importer(IMPORT_NAME)
        return {**super().get_context_data(**kwargs), "plan": self.plan, "columns": importer.columns}

    def form_valid(self, form):
        try:
            check_transition(workflow.PLAN, "edit", self.plan.status, labels=dict(Plan.Status.choices))
            job = start_import(
                name=IMPORT_NAME,
                user=self.request.user,
                upload=form.cleaned_data["file"],
                options={"plan": self.plan.pk, "version": form.cleaned_data["version"]},
            )
        except ServiceError as exc:
            form_error(form, exc)
            return self.form_invalid(form)
        return redirect("job-detail", pk=job.pk)


class ImportTemplateView(PlanAccessMixin, generic.View):
    code = "plans.plan:change"

    def get(self, request):
        name, content = template_xlsx(IMPORT_NAME)
        return xlsx_response(content, name)


class ExportDocxView(PlanAccessMixin, generic.View):
    """Issue the DOCX (001 appendix 1), record it, and send the user to its download."""

    code = "plans.plan:export"

    def post(self, request, pk):
        plan = self.get_plan()
        plan = selectors.plan_with_items(plan.pk)
        document = services.issue_document(actor=request.user, plan=plan)
        return redirect("plans:document-download", pk=plan.pk, document_pk=document.pk)


class DocumentDownloadView(PlanAccessMixin, generic.View):
    """A DOCX issued for this plan, to those who may export the plan."""

    code = "plans.plan:export"

    def get(self, request, pk, document_pk):
        plan = self.get_plan()
        document = get_object_or_404(
            GeneratedDocument,
            pk=document_pk,
            content_type=ContentType.objects.get_for_model(Plan),
            object_id=str(plan.pk),
        )
        return document_response(document)


class ExportXlsxView(PlanAccessMixin, generic.View):
    code = "plans.plan:export"

    def get(self, request, pk):
        plan = self.get_plan()
        items = PlanItem.objects.select_related("section", "form", "venue")
        plan = Plan.objects.prefetch_related(Prefetch("items", queryset=items)).get(pk=plan.pk)
        name, content = exports.plan_items_xlsx(plan)
        return xlsx_response(content, name)


# --- deadlines ------------------------------------------------------------------------------------------------


class DeadlineListView(ScopedListView):
    model = PlanDeadline
    table_class = PlanDeadlineTable
    filterset_class = PlanDeadlineFilterSet
    create_url_name = "plans:deadline-create"
    title = gettext_lazy("Plan submission deadlines")

    def get_table_class(self):
        return PlanDeadlineTable if has_code(self.request.user, self.code("change")) else PlanDeadlineReadTable

    def base_queryset(self):
        return PlanDeadline.objects.select_related("municipality").order_by("-period_start", "municipality__name")


class DeadlineCreateView(ScopedCreateView):
    model = PlanDeadline
    form_class = PlanDeadlineForm

    success_url_name = "plans:deadline-list"


class DeadlineUpdateView(ScopedUpdateView):
    model = PlanDeadline
    form_class = PlanDeadlineForm

    success_url_name = "plans:deadline-list"
