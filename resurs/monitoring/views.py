"""Monitoring pages: thin views over the scoped querysets and the services (SPEC §9).

An object outside what the user may view is a 404; an action the user may not do on a visible object is a 403; a
refused rule is shown with its code and changes nothing.
"""

import json

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from resurs.common import access
from resurs.common.access import AccessMixin
from resurs.common.errors import ServiceError
from resurs.common.forms import add_service_error
from resurs.common.scoping import has_code, instance_in_scope, restrict
from resurs.common.views import ScopedCreateView, ScopedListView, ScopedUpdateView
from resurs.common.views_imports import ImportTemplateView, ImportView
from resurs.territory.models import Municipality, Organization

from . import charts, selectors, services
from .filtersets import (
    AssessmentResultFilterSet,
    DataRequestFilterSet,
    DataResponseFilterSet,
    IndicatorFilterSet,
    MethodologyFilterSet,
    RunFilterSet,
    SupportCaseFilterSet,
)
from .forms import (
    DataRequestForm,
    IndicatorForm,
    ResponseForm,
    ReturnForm,
    RunForm,
    StepEditForm,
    StepForm,
    SupportCreateForm,
    SupportEditForm,
    VersionForm,
)
from .imports import NAME as IMPORT_NAME
from .models import (
    GROUPS,
    AssessmentResult,
    DataRequest,
    DataResponse,
    IdentificationRun,
    Indicator,
    Methodology,
    RunResult,
    SupportCase,
    SupportStep,
)
from .tables import (
    AssessmentResultTable,
    DataRequestTable,
    DataResponseTable,
    IndicatorTable,
    MethodologyTable,
    RunTable,
    SupportTable,
)


class ObjectMixin(AccessMixin):
    """`code` is what the view needs; the object comes from what the user may view (`view_code`), 404 outside."""

    code = None
    view_code = None
    model = None

    def required_codes(self):
        return [self.code]

    def queryset(self):
        return self.model._default_manager.all()

    def load(self):
        self.object = access.get_object(
            self.queryset(), self.request.user, self.view_code, self.code, pk=self.kwargs["pk"]
        )


# --- indicators ---------------------------------------------------------------------------------------------------


class IndicatorListView(ScopedListView):
    model = Indicator
    table_class = IndicatorTable
    filterset_class = IndicatorFilterSet
    create_url_name = "monitoring:indicator-create"
    title = gettext_lazy("Indicators")

    def base_queryset(self):
        return Indicator.objects.all()


class IndicatorCreateView(ScopedCreateView):
    model = Indicator
    form_class = IndicatorForm
    success_url_name = "monitoring:indicator-list"


class IndicatorUpdateView(ScopedUpdateView):
    model = Indicator
    form_class = IndicatorForm
    success_url_name = "monitoring:indicator-list"


# --- data requests ------------------------------------------------------------------------------------------------


class RequestListView(ScopedListView):
    model = DataRequest
    table_class = DataRequestTable
    filterset_class = DataRequestFilterSet
    create_url_name = "monitoring:request-create"
    title = gettext_lazy("Data requests")

    def base_queryset(self):
        return selectors.requests_overview()


class RequestCreateView(AccessMixin, generic.FormView):
    """Compose a form of indicators and send it to chosen organizations with a deadline (000 § 7.1.1)."""

    form_class = DataRequestForm
    template_name = "monitoring/request_form.html"

    def required_codes(self):
        return ["monitoring.datarequest:add"]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            request = services.create_request(
                actor=self.request.user,
                municipality=data["municipality"],
                center=data["center"],
                title=data["title"],
                year=data["year"],
                deadline=data["deadline"],
                indicators=data["indicators"],
                organizations=data["organizations"],
                note=data["note"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The data request is sent to %(n)s organizations.") % {"n": len(data["organizations"])}
        )
        return redirect(request)


class RequestDetailView(ObjectMixin, generic.TemplateView):
    """Who has submitted and who has not; reminders; each answer to open, return or accept."""

    model = DataRequest
    code = view_code = "monitoring.datarequest:view"
    template_name = "monitoring/request_detail.html"

    def queryset(self):
        return DataRequest.objects.select_related("municipality", "center").prefetch_related("indicators")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.object
        responses = list(request.responses.select_related("organization").order_by("organization__short_name"))
        late = [r for r in responses if r.is_open]
        context.update(
            {
                "object": request,
                "responses": responses,
                "late": late,
                "submitted": len(responses) - len(late),
                "can_remind": bool(late)
                and instance_in_scope(self.request.user, request, "monitoring.datarequest:remind"),
            }
        )
        return context


class RemindView(ObjectMixin, generic.View):
    model = DataRequest
    code = "monitoring.datarequest:remind"
    view_code = "monitoring.datarequest:view"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            count = services.remind(actor=request.user, request=self.object)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Reminders sent to %(n)s organizations.") % {"n": count})
        return redirect(self.object)


class ResponseListView(ScopedListView):
    model = DataResponse
    table_class = DataResponseTable
    filterset_class = DataResponseFilterSet
    title = gettext_lazy("Data request answers")

    def base_queryset(self):
        return selectors.responses_overview()


class ResponseDetailView(ObjectMixin, generic.TemplateView):
    """The organization fills the form and submits it; the sender returns it for correction or accepts it."""

    model = DataResponse
    code = view_code = "monitoring.dataresponse:view"
    template_name = "monitoring/response_detail.html"

    def queryset(self):
        return DataResponse.objects.select_related("request__municipality", "request__center", "organization")

    def indicators(self):
        return list(self.object.request.indicators.all())

    def actions(self):
        user, obj = self.request.user, self.object
        can = {
            code: instance_in_scope(user, obj, f"monitoring.dataresponse:{code}")
            for code in ("change", "submit", "review")
        }
        return {
            "save": can["change"] and obj.is_open,
            "submit": can["submit"] and obj.is_open,
            "return": can["review"] and obj.status in ("submitted", "accepted"),
            "accept": can["review"] and obj.status == "submitted",
        }

    def get_context_data(self, form=None, errors=None, **kwargs):
        context = super().get_context_data(**kwargs)
        actions = self.actions()
        if form is None:
            form = ResponseForm(
                indicators=self.indicators(),
                values=self.object.values,
                disabled=not (actions["save"] or actions["submit"]),
            )
        for code, message in (errors or {}).items():
            if code in form.fields:
                form.add_error(code, message)
        context.update(
            {
                "object": self.object,
                "form": form,
                "actions": actions,
                "return_form": ReturnForm(),
                "can_view_request": instance_in_scope(
                    self.request.user, self.object.request, "monitoring.datarequest:view"
                ),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "save")
        code = "monitoring.dataresponse:submit" if action == "submit" else "monitoring.dataresponse:change"
        access.check_object(request.user, self.object, code)
        form = ResponseForm(request.POST, indicators=self.indicators())
        form.is_valid()
        values = {name: form.cleaned_data.get(name, "") for name in form.fields}
        try:
            if action == "submit":
                services.submit(actor=request.user, response=self.object, values=values, version=self._version())
            else:
                services.save_values(actor=request.user, response=self.object, values=values, version=self._version())
        except ServiceError as exc:
            errors = (exc.params or {}).get("errors", {})
            form = ResponseForm(request.POST, indicators=self.indicators())
            form.is_valid()
            if not errors:
                form.add_error(None, exc.message)
            return self.render_to_response(self.get_context_data(form=form, errors=errors, error=exc), status=400)
        messages.success(request, _("The answer is submitted.") if action == "submit" else _("The draft is saved."))
        return redirect(self.object)

    def _version(self):
        try:
            return int(self.request.POST.get("version"))
        except (TypeError, ValueError):
            return None


class ResponseReturnView(ObjectMixin, generic.View):
    model = DataResponse
    code = "monitoring.dataresponse:review"
    view_code = "monitoring.dataresponse:view"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.return_response(actor=request.user, response=self.object, comment=request.POST.get("comment", ""))
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The answer is returned for correction."))
        return redirect(self.object)


class ResponseAcceptView(ResponseReturnView):
    def post(self, request, *args, **kwargs):
        try:
            services.accept(actor=request.user, response=self.object)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The answer is accepted."))
        return redirect(self.object)


# --- assessment results -------------------------------------------------------------------------------------------


class ResultListView(ScopedListView):
    model = AssessmentResult
    table_class = AssessmentResultTable
    filterset_class = AssessmentResultFilterSet
    import_url_name = "monitoring:result-import"
    export_name = "monitoring.results"
    title = gettext_lazy("Assessment results")

    def base_queryset(self):
        return AssessmentResult.objects.select_related("organization")


class ResultImportView(ImportView):
    model = AssessmentResult
    import_name = IMPORT_NAME
    list_url_name = "monitoring:result-list"
    template_url_name = "monitoring:result-import-template"


class ResultImportTemplateView(ImportTemplateView):
    model = AssessmentResult
    import_name = IMPORT_NAME


# --- methodologies and runs ---------------------------------------------------------------------------------------


class MethodologyListView(ScopedListView):
    model = Methodology
    table_class = MethodologyTable
    filterset_class = MethodologyFilterSet
    title = gettext_lazy("Identification methodologies")


class MethodologyDetailView(ObjectMixin, generic.FormView):
    """The versions of a methodology; a new version from edited rules; a run for a municipality and year."""

    model = Methodology
    code = view_code = "monitoring.methodology:view"
    template_name = "monitoring/methodology_detail.html"
    form_class = VersionForm

    def get_initial(self):
        current = self.object.current
        return {"rules": json.dumps(current.rules if current else [], ensure_ascii=False, indent=2)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            {
                "object": self.object,
                "versions": list(self.object.versions.select_related("created_by")),
                "can_change": instance_in_scope(user, self.object, "monitoring.methodology:change"),
                "can_run": has_code(user, "monitoring.identificationrun:add"),
                "run_form": kwargs.get("run_form") or RunForm(user=user, initial={"year": services.default_year()}),
                "groups": GROUPS,
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        access.check_object(request.user, self.object, "monitoring.methodology:change")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            version = services.create_version(
                actor=self.request.user,
                methodology=self.object,
                rules=form.cleaned_data["rules"],
                note=form.cleaned_data["note"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Version %(n)s is saved.") % {"n": version.number})
        return redirect(self.object)


class RunStartView(ObjectMixin, generic.View):
    """Start a run of the methodology's current version (a background job); the job page follows it."""

    model = Methodology
    code = "monitoring.identificationrun:add"
    view_code = "monitoring.methodology:view"
    http_method_names = ["post"]

    def load(self):
        self.object = access.get_object(
            Methodology.objects.all(), self.request.user, self.view_code, pk=self.kwargs["pk"]
        )

    def post(self, request, *args, **kwargs):
        form = RunForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                run = services.start_run(
                    actor=request.user,
                    municipality=form.cleaned_data["municipality"],
                    version=self.object.current,
                    year=form.cleaned_data["year"],
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                return redirect("job-detail", pk=run.job_id)
        view = MethodologyDetailView(request=request, kwargs=self.kwargs, args=())
        view.object = self.object
        context = view.get_context_data(run_form=form)
        from django.shortcuts import render

        return render(request, MethodologyDetailView.template_name, context)


class RunListView(ScopedListView):
    model = IdentificationRun
    table_class = RunTable
    filterset_class = RunFilterSet
    title = gettext_lazy("Identification runs")

    def base_queryset(self):
        return selectors.runs_overview()


class RunDetailView(ObjectMixin, generic.TemplateView):
    """Every school of the run with its groups; schools that entered and left the groups since last year."""

    model = IdentificationRun
    code = view_code = "monitoring.identificationrun:view"
    template_name = "monitoring/run_detail.html"

    def queryset(self):
        return selectors.runs_overview()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.object
        results = list(run.results.select_related("organization").order_by("organization__short_name"))
        group = self.request.GET.get("group", "")
        shown = [r for r in results if not group or group in r.groups]
        previous, changes = selectors.transitions(run, results)
        context.update(
            {
                "object": run,
                "results": shown,
                "group": group,
                "groups": GROUPS,
                "counts": [(GROUPS.get(k, k), v) for k, v in sorted(run.group_counts.items())],
                "previous": previous,
                "changes": changes,
                "can_support": has_code(self.request.user, "monitoring.supportcase:add"),
            }
        )
        return context


class RunSchoolView(AccessMixin, generic.TemplateView):
    """Why a school is (or is not) in each group: every rule of the run with its numbers."""

    template_name = "monitoring/run_school.html"

    def required_codes(self):
        return ["monitoring.identificationrun:view"]

    def load(self):
        self.run = access.get_object(
            selectors.runs_overview(), self.request.user, "monitoring.identificationrun:view", pk=self.kwargs["pk"]
        )
        self.result = access.find(
            RunResult.objects.filter(run=self.run).select_related("organization"), organization_id=self.kwargs["org"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = {code: str(label) for code, label in AssessmentResult.Procedure.choices}
        for entry in self.result.explanation:
            for key in ("low_procedures", "repeated", "excluded"):
                for row in entry.get(key, []):
                    row["label"] = labels.get(row["procedure"], row["procedure"])
        context.update({"run": self.run, "result": self.result, "groups": GROUPS})
        return context


# --- dynamics -----------------------------------------------------------------------------------------------------

MEASURE_LABELS = {
    "pass_rate": gettext_lazy("Pass rate, %"),
    "quality": gettext_lazy("Quality, %"),
    "low_share": gettext_lazy("Low results, %"),
    "objectivity": gettext_lazy("Marks confirmed by the journal, %"),
}


class SchoolDynamicsView(AccessMixin, generic.TemplateView):
    """A school's results and indicators across years, with charts, and its groups year by year."""

    template_name = "monitoring/school_dynamics.html"

    def required_codes(self):
        return ["monitoring.assessmentresult:view"]

    def load(self):
        schools = restrict(Organization.objects.all(), self.request.user, "monitoring.assessmentresult:view")
        self.object = access.find(schools.select_related("municipality"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = selectors.school_dynamics(self.object)
        years = data["years"]
        series = [(str(label), {y: data["measures"][y][key] for y in years}) for key, label in MEASURE_LABELS.items()]
        context.update(
            {
                "object": self.object,
                "data": data,
                "chart": charts.line_chart(series, years, title=_("Results, all procedures"), y_max=100),
                "procedure_charts": [
                    charts.line_chart(
                        [(str(MEASURE_LABELS["low_share"]), {y: points[y]["low_share"] for y in years})],
                        years,
                        title=str(dict(AssessmentResult.Procedure.choices)[procedure]),
                        y_max=100,
                    )
                    for procedure, points in data["procedures"].items()
                ],
                "support": SupportCase.objects.filter(organization=self.object).order_by("-year"),
            }
        )
        return context


class MunicipalityDynamicsView(AccessMixin, generic.TemplateView):
    """The municipality's schools pooled across years, with charts, and the number of schools in each group."""

    template_name = "monitoring/municipality_dynamics.html"

    def required_codes(self):
        return ["monitoring.identificationrun:view"]

    def load(self):
        self.object = access.find(
            restrict(Municipality.objects.all(), self.request.user, "monitoring.identificationrun:view"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = selectors.municipality_dynamics(self.object)
        years = data["years"]
        series = [(str(label), {y: data["measures"][y][key] for y in years}) for key, label in MEASURE_LABELS.items()]
        group_series = [
            (str(label), {y: data["groups"][y].get(code, 0) if y in data["runs"] else None for y in years})
            for code, label in GROUPS.items()
        ]
        context.update(
            {
                "object": self.object,
                "data": data,
                "rows": [(y, data["measures"][y], [data["groups"][y].get(code, 0) for code in GROUPS]) for y in years],
                "group_labels": list(GROUPS.values()),
                "chart": charts.line_chart(series, years, title=_("Results of the schools"), y_max=100),
                "group_chart": charts.line_chart(group_series, years, title=_("Schools in the groups")),
            }
        )
        return context


# --- support ------------------------------------------------------------------------------------------------------


class SupportListView(ScopedListView):
    model = SupportCase
    table_class = SupportTable
    filterset_class = SupportCaseFilterSet
    create_url_name = "monitoring:support-create"
    export_name = "monitoring.support"
    title = gettext_lazy("Support of schools")

    def base_queryset(self):
        return selectors.support_overview()


class SupportCreateView(AccessMixin, generic.FormView):
    """Open the support of an identified school (from a run's page: the school, year and group are filled in)."""

    form_class = SupportCreateForm
    template_name = "monitoring/support_form.html"

    def required_codes(self):
        return ["monitoring.supportcase:add"]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {k: self.request.GET.get(k) for k in ("organization", "year", "group") if self.request.GET.get(k)}

    def run(self):
        runs = restrict(IdentificationRun.objects.all(), self.request.user, "monitoring.identificationrun:view")
        pk = self.request.GET.get("run") or self.request.POST.get("run")
        try:
            return runs.filter(pk=int(pk)).first() if pk else None
        except (TypeError, ValueError):
            return None

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "run": self.run()}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            case = services.create_support(
                actor=self.request.user,
                organization=data["organization"],
                year=data["year"],
                group=data["group"],
                run=self.run(),
                centers=data["supporting_centers"],
                partners=data["partner_schools"],
                goal=data["goal"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The support is opened; add the steps of its plan."))
        return redirect(case)


class SupportDetailView(ObjectMixin, generic.TemplateView):
    model = SupportCase
    code = view_code = "monitoring.supportcase:view"
    template_name = "monitoring/support_detail.html"

    def queryset(self):
        return selectors.support_overview().prefetch_related(
            Prefetch("steps", SupportStep.objects.order_by("deadline", "pk"))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_change = instance_in_scope(self.request.user, self.object, "monitoring.supportcase:change")
        context.update(
            {
                "object": self.object,
                "steps": list(self.object.steps.all()),
                "can_change": can_change and self.object.status == SupportCase.Status.OPEN,
                "step_form": kwargs.get("step_form") or StepForm(),
            }
        )
        return context


class SupportUpdateView(ObjectMixin, generic.FormView):
    model = SupportCase
    code = "monitoring.supportcase:change"
    view_code = "monitoring.supportcase:view"
    form_class = SupportEditForm
    template_name = "common/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.object, "opts": SupportCase._meta}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.update_support(
                actor=self.request.user,
                case=self.object,
                version=data.get("version_seen"),
                centers=data["supporting_centers"],
                partners=data["partner_schools"],
                goal=data["goal"],
                status=data["status"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(self.object)


class StepCreateView(ObjectMixin, generic.View):
    model = SupportCase
    code = "monitoring.supportcase:change"
    view_code = "monitoring.supportcase:view"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = StepForm(request.POST)
        if form.is_valid():
            try:
                services.add_step(actor=request.user, case=self.object, **form.cleaned_data)
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The step is added."))
                return redirect(self.object)
        view = SupportDetailView(request=request, kwargs=self.kwargs, args=())
        view.object = self.object
        from django.shortcuts import render

        return render(request, SupportDetailView.template_name, view.get_context_data(step_form=form), status=400)


class StepUpdateView(ObjectMixin, generic.FormView):
    model = SupportStep
    code = "monitoring.supportcase:change"
    view_code = "monitoring.supportcase:view"
    form_class = StepEditForm
    template_name = "common/form.html"

    def load(self):
        self.object = access.get_object(
            SupportStep.objects.select_related("case__organization"),
            self.request.user,
            self.view_code,
            pk=self.kwargs["pk"],
        )
        access.check_object(self.request.user, self.object.case, self.code)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.object, "opts": SupportStep._meta}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.update_step(
                actor=self.request.user,
                step=self.object,
                version=data.get("version_seen"),
                **{k: data[k] for k in ("title", "responsible", "deadline", "status", "result")},
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(reverse("monitoring:support-detail", args=[self.object.case_id]))
