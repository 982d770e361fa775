"""Pages of teacher development: diagnostics and results, routes (ИОМ) with steps and proposals, courses,
presentations of experience, mentoring, attestation, the association analysis (001 appendix 2), the teacher's cabinet."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from resurs.centers.models import Association
from resurs.common import access
from resurs.common.access import AccessMixin, LoginOnlyMixin
from resurs.common.errors import ServiceError
from resurs.common.forms import add_service_error
from resurs.common.importers import start_import
from resurs.common.scoping import has_code, instance_in_scope, restrict
from resurs.common.views import (
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
)
from resurs.common.views_imports import ImportTemplateView, ImportView

from . import forms, recommendations, selectors, services, tables
from .filtersets import (
    AttestationFilterSet,
    CourseFilterSet,
    ExperienceFilterSet,
    MentoringFilterSet,
    ProcedureFilterSet,
    ResultFilterSet,
    RouteFilterSet,
)
from .models import (
    Attestation,
    Course,
    DiagnosticProcedure,
    DiagnosticResult,
    ExperienceSharing,
    MentoringPair,
    Route,
    RouteStep,
)


class ServiceSaveMixin:
    """The form's instance stored through the app's service (instead of the generic audited save)."""

    def call_service(self, instance, version):
        raise NotImplementedError

    def save(self, form):
        return self.call_service(form.save(commit=False), form.cleaned_data.get("version_seen"))


# --- diagnostics ----------------------------------------------------------------------------------------------------


class ProcedureList(ScopedListView):
    model = DiagnosticProcedure
    table_class = tables.ProcedureTable
    filterset_class = ProcedureFilterSet
    create_url_name = "development:procedure-create"
    title = gettext_lazy("Diagnostics of professional deficits")

    def base_queryset(self):
        return selectors.procedures(DiagnosticProcedure.objects.all())


class ProcedureDetail(ScopedDetailView):
    model = DiagnosticProcedure
    template_name = "development/procedure_detail.html"
    fields = ("level", "held_on", "instrument", "threshold", "municipality", "organization", "center")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = restrict(
            selectors.results(DiagnosticResult.objects.filter(procedure=self.object)),
            self.request.user,
            "development.diagnosticresult:view",
        )
        context["results"] = results[:500]
        context["can_import"] = instance_in_scope(self.request.user, self.object, "development.diagnosticresult:import")
        return context


class ProcedureCreate(ServiceSaveMixin, ScopedCreateView):
    model = DiagnosticProcedure
    form_class = forms.ProcedureForm

    def call_service(self, instance, version):
        return services.save_procedure(actor=self.request.user, procedure=instance)


class ProcedureUpdate(ServiceSaveMixin, ScopedUpdateView):
    model = DiagnosticProcedure
    form_class = forms.ProcedureForm

    def call_service(self, instance, version):
        return services.save_procedure(actor=self.request.user, procedure=instance, version=version)


class ResultImport(ImportView):
    """Results of one diagnostic from a table (all rows or none); the job page shows the report."""

    model = DiagnosticResult
    import_name = "development.results"
    template_url_name = "development:result-import-template"

    def load(self):
        self.procedure = access.get_object(
            DiagnosticProcedure.objects.all(),
            self.request.user,
            "development.diagnosticprocedure:view",
            "development.diagnosticresult:import",
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["list_url"] = self.procedure.get_absolute_url()
        return context

    def form_valid(self, form):
        try:
            job = start_import(
                name=self.import_name,
                user=self.request.user,
                upload=form.cleaned_data["file"],
                options={"procedure": self.procedure.pk},
            )
        except ServiceError as exc:
            form.add_error("file", exc.message)
            return self.form_invalid(form)
        return redirect("job-detail", pk=job.pk)


class ResultImportTemplate(ImportTemplateView):
    model = DiagnosticResult
    import_name = "development.results"


class ResultList(ScopedListView):
    model = DiagnosticResult
    table_class = tables.ResultTable
    filterset_class = ResultFilterSet
    create_url_name = "development:result-create"
    export_name = "development.results"
    title = gettext_lazy("Diagnostic results")

    def base_queryset(self):
        return selectors.results(DiagnosticResult.objects.all())


class ResultDetail(ScopedDetailView):
    model = DiagnosticResult
    fields = ("procedure", "teacher", "competence", "score", "max_score", "level", "is_deficit")


class ResultCreate(ServiceSaveMixin, ScopedCreateView):
    model = DiagnosticResult
    form_class = forms.ResultForm

    def call_service(self, instance, version):
        return services.save_result(actor=self.request.user, result=instance)


class ResultUpdate(ServiceSaveMixin, ScopedUpdateView):
    model = DiagnosticResult
    form_class = forms.ResultForm

    def call_service(self, instance, version):
        return services.save_result(actor=self.request.user, result=instance, version=version)


# --- routes ---------------------------------------------------------------------------------------------------------


class RouteList(ScopedListView):
    model = Route
    table_class = tables.RouteTable
    filterset_class = RouteFilterSet
    create_url_name = "development:route-create"
    title = gettext_lazy("Individual educational routes")

    def base_queryset(self):
        return selectors.routes(Route.objects.all())


class RouteCreate(ScopedCreateView):
    model = Route
    form_class = forms.RouteForm

    def save(self, form):
        values = {f: form.cleaned_data[f] for f in ("basis", "center", "tutor", "goals")}
        return services.create_route(
            actor=self.request.user,
            teacher=form.cleaned_data["teacher"],
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
            **values,
        )

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class RouteUpdate(ScopedUpdateView):
    model = Route
    form_class = forms.RouteForm

    def form_valid(self, form):
        values = {f: form.cleaned_data[f] for f in ("period_start", "period_end", "basis", "center", "tutor", "goals")}
        try:
            self.object = services.update_route(
                actor=self.request.user,
                route=self.object,
                version=form.cleaned_data.get("version_seen"),
                deficits=form.cleaned_data["deficits"],
                **values,
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class RouteDetail(ScopedDetailView):
    model = Route
    template_name = "development/route_detail.html"
    fields = ("teacher", "period_start", "period_end", "basis", "center", "tutor", "goals", "status")

    def base_queryset(self):
        return Route.objects.select_related("teacher__organization", "tutor", "center", "rediagnosis").prefetch_related(
            Prefetch("deficits", queryset=DiagnosticResult.objects.select_related("competence", "procedure")),
            Prefetch("steps", queryset=RouteStep.objects.select_related("competence", "event", "product")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        route, user = self.object, self.request.user
        context["can_agree"] = instance_in_scope(user, route, "development.route:agree") and user.pk == route.tutor_id
        context["steps"] = route.steps.all()
        context["proposals"] = recommendations.for_teacher(route.teacher) if route.is_open else []
        form = forms.TransitionForm()
        form.fields["rediagnosis"].queryset = restrict(
            DiagnosticProcedure.objects.filter(results__teacher=route.teacher_id).distinct(),
            user,
            "development.diagnosticprocedure:view",
        )
        context["transition_form"] = form
        context["step_form"] = forms.StepForm() if context["can_change"] and route.is_open else None
        context["complete_form"] = forms.StepCompleteForm()
        return context


class RouteActionMixin(AccessMixin):
    """A POST on a route (its view scope first: 404 outside; the services check the action's code and status)."""

    def required_codes(self):
        return ["development.route:view"]

    def load(self):
        self.route = access.get_object(
            Route.objects.select_related("teacher"), self.request.user, "development.route:view", pk=self.kwargs["pk"]
        )

    def done(self, message=None):
        if message:
            messages.success(self.request, message)
        return redirect(self.route.get_absolute_url())

    def refused(self, exc):
        messages.error(self.request, exc.message)
        return redirect(self.route.get_absolute_url())


class RouteTransition(RouteActionMixin, generic.View):
    def post(self, request, pk, action):
        form = forms.TransitionForm(request.POST)
        form.fields["rediagnosis"].queryset = restrict(
            DiagnosticProcedure.objects.all(), request.user, "development.diagnosticprocedure:view"
        )
        if not form.is_valid():
            return self.refused(ServiceError(_("Check the form."), code="error"))
        try:
            services.transition(
                actor=request.user,
                route=self.route,
                action=action,
                reason=form.cleaned_data["reason"],
                reflection=form.cleaned_data["reflection"] or None,
                rediagnosis=form.cleaned_data["rediagnosis"],
            )
        except ServiceError as exc:
            return self.refused(exc)
        return self.done(_("Done."))


class StepCreate(RouteActionMixin, generic.View):
    def post(self, request, pk):
        form = forms.StepForm(request.POST)
        if not form.is_valid():
            messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
            return self.done()
        try:
            services.save_step(actor=request.user, route=self.route, version=None, **form.cleaned_data)
        except ServiceError as exc:
            return self.refused(exc)
        return self.done(_("The step is added."))


class StepAction(RouteActionMixin, generic.View):
    """Complete (with evidence) or cancel a step of the route."""

    def post(self, request, pk, step, action):
        found = access.find(RouteStep.objects.filter(route=self.route), pk=step)
        try:
            if action == "complete":
                form = forms.StepCompleteForm(request.POST, request.FILES)
                form.is_valid()
                services.complete_step(
                    actor=request.user,
                    step=found,
                    evidence_file=form.cleaned_data.get("evidence_file"),
                    evidence_url=form.cleaned_data.get("evidence_url") or "",
                    evidence_note=form.cleaned_data.get("evidence_note") or "",
                )
            else:
                services.cancel_step(actor=request.user, step=found)
        except ServiceError as exc:
            return self.refused(exc)
        return self.done(_("Done."))


class AcceptProposal(RouteActionMixin, generic.View):
    def post(self, request, pk):
        try:
            services.accept_proposal(
                actor=request.user,
                route=self.route,
                kind=request.POST.get("kind", ""),
                object_id=int(request.POST.get("id") or 0),
                competence_id=int(request.POST.get("competence") or 0),
            )
        except ValueError:
            return self.refused(ServiceError(_("This is not among the current proposals for the teacher.")))
        except ServiceError as exc:
            return self.refused(exc)
        return self.done(_("The step is added."))


class RefreshRecommendations(AccessMixin, generic.View):
    def required_codes(self):
        return ["development.recommendationset:refresh"]

    def post(self, request):
        try:
            job = services.start_recommendations(actor=request.user)
        except ServiceError as exc:
            messages.error(request, exc.message)
            return redirect("development:route-list")
        return redirect("job-detail", pk=job.pk)


# --- courses, experience, mentoring, attestation -------------------------------------------------------------------


class CourseList(ScopedListView):
    model = Course
    table_class = tables.CourseTable
    filterset_class = CourseFilterSet
    create_url_name = "development:course-create"
    import_url_name = "development:course-import"
    export_name = "development.courses"

    def base_queryset(self):
        return Course.objects.select_related("teacher")


class CourseDetail(ScopedDetailView):
    model = Course
    fields = (
        "teacher",
        "provider",
        "program",
        "hours",
        "starts_on",
        "ends_on",
        "study_form",
        "direction",
        "document_number",
    )


class CourseCreate(ScopedCreateView):
    model = Course
    form_class = forms.CourseForm


class CourseUpdate(ScopedUpdateView):
    model = Course
    form_class = forms.CourseForm


class CourseImport(ImportView):
    model = Course
    import_name = "development.courses"
    list_url_name = "development:course-list"
    template_url_name = "development:course-import-template"


class CourseImportTemplate(ImportTemplateView):
    model = Course
    import_name = "development.courses"


class ExperienceList(ScopedListView):
    model = ExperienceSharing
    table_class = tables.ExperienceTable
    filterset_class = ExperienceFilterSet
    create_url_name = "development:experience-create"

    def base_queryset(self):
        return ExperienceSharing.objects.select_related("teacher")


class ExperienceDetail(ScopedDetailView):
    model = ExperienceSharing
    fields = ("teacher", "venue", "held_on", "topic")


class ExperienceCreate(ScopedCreateView):
    model = ExperienceSharing
    form_class = forms.ExperienceForm


class ExperienceUpdate(ScopedUpdateView):
    model = ExperienceSharing
    form_class = forms.ExperienceForm


class MentoringList(ScopedListView):
    model = MentoringPair
    table_class = tables.MentoringTable
    filterset_class = MentoringFilterSet
    create_url_name = "development:mentoring-create"

    def base_queryset(self):
        return MentoringPair.objects.select_related("mentor", "mentee")


class MentoringDetail(ScopedDetailView):
    model = MentoringPair
    fields = ("mentor", "mentee", "starts_on", "ends_on", "plan", "result")


class MentoringCreate(ScopedCreateView):
    model = MentoringPair
    form_class = forms.MentoringForm


class MentoringUpdate(ScopedUpdateView):
    model = MentoringPair
    form_class = forms.MentoringForm


class YoungWithoutMentor(AccessMixin, generic.TemplateView):
    """Young specialists of the user's scope with no running mentoring pair (001 § 5.9)."""

    template_name = "development/young_without_mentor.html"

    def required_codes(self):
        return ["development.mentoringpair:view"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        teachers = selectors.teachers_for(self.request.user, "development.mentoringpair:view")
        context["teachers"] = selectors.young_without_mentor(teachers).order_by("surname", "name", "id")[:1000]
        return context


class AttestationList(ScopedListView):
    model = Attestation
    table_class = tables.AttestationTable
    filterset_class = AttestationFilterSet
    create_url_name = "development:attestation-create"

    def base_queryset(self):
        return Attestation.objects.select_related("teacher", "category")


class AttestationDetail(ScopedDetailView):
    model = Attestation
    fields = ("teacher", "category", "decided_on", "order_number", "order_date", "expires_on")


class AttestationCreate(ServiceSaveMixin, ScopedCreateView):
    model = Attestation
    form_class = forms.AttestationForm

    def call_service(self, instance, version):
        return services.save_attestation(actor=self.request.user, attestation=instance)


class AttestationUpdate(ServiceSaveMixin, ScopedUpdateView):
    model = Attestation
    form_class = forms.AttestationForm

    def call_service(self, instance, version):
        return services.save_attestation(actor=self.request.user, attestation=instance, version=version)


class AttestationDue(AccessMixin, generic.TemplateView):
    """Teachers whose category ends within the next N months (categories without an end date never appear)."""

    template_name = "development/attestation_due.html"

    def required_codes(self):
        return ["development.attestation:view"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = forms.MonthsForm(self.request.GET or None)
        months = form.cleaned_data.get("months") or 6 if form.is_valid() else 6
        teachers = selectors.teachers_for(self.request.user, "development.attestation:view")
        context["form"] = form
        context["months"] = months
        context["teachers"] = (
            services.due_for_attestation(teachers, months=months)
            .select_related("organization", "category")
            .order_by("category_expires_on", "surname", "id")[:1000]
        )
        return context


# --- analysis and cabinet -------------------------------------------------------------------------------------------


class Analysis(AccessMixin, generic.TemplateView):
    """The association analysis's figures (001 appendix 2) for an association in scope and an academic year."""

    template_name = "development/analysis.html"

    def required_codes(self):
        return ["development.analysis:view"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        associations = restrict(
            Association.objects.select_related("center"), self.request.user, "development.analysis:view"
        )
        today = timezone.localdate()
        initial = {"year": today.year if today.month >= 9 else today.year - 1}
        form = forms.AnalysisForm(self.request.GET or None, associations=associations, initial=initial)
        context["form"] = form
        if form.is_valid():
            association = form.cleaned_data["association"]
            context["association"] = association
            figures = selectors.appendix2(association.members.values_list("pk", flat=True), form.cleaned_data["year"])
            context["figures"] = figures
            venues = dict(ExperienceSharing.Venue.choices)
            venues["none"] = _("Experience was not shared")
            context["sharing_rows"] = [(venues[k], v) for k, v in figures["sharing"].items()]
            context["format_rows"] = [(dict(Course.Format.choices)[k], v) for k, v in figures["course_formats"].items()]
            levels = dict(DiagnosticProcedure.Level.choices)
            context["diagnostic_rows"] = [(levels[k], v) for k, v in figures["diagnostics"].items()]
            bases = dict(Route.Basis.choices)
            context["route_rows"] = [(bases[k], v) for k, v in figures["routes"].items()]
        return context


class Cabinet(LoginOnlyMixin, generic.TemplateView):
    """The teacher's own page: registrations, certificates, diagnostics, routes, courses, consultations."""

    template_name = "development/cabinet.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        teacher = selectors.own_teacher(self.request.user)
        context["teacher"] = teacher
        if teacher is not None:
            context.update(selectors.cabinet(teacher))
            context["can_add_route"] = has_code(self.request.user, "development.route:add")
        return context
