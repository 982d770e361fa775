"""Teacher registry pages: thin views over the scoped queryset, the FilterSet and the services."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from resurs.common import access
from resurs.common.access import AccessMixin
from resurs.common.errors import ServiceError
from resurs.common.views import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView
from resurs.common.views_imports import ImportTemplateView, ImportView

from . import services
from .filtersets import TeacherFilterSet
from .forms import ConsentForm, ConsentWithdrawForm, TeacherForm
from .models import Teacher
from .selectors import teacher_detail_queryset, teacher_list_queryset
from .tables import TeacherTable


class TeacherListView(ScopedListView):
    model = Teacher
    table_class = TeacherTable
    filterset_class = TeacherFilterSet
    export_name = "people.teachers"
    create_url_name = "people:teacher-create"
    import_url_name = "people:teacher-import"

    def base_queryset(self):
        return teacher_list_queryset()


class TeacherDetailView(ScopedDetailView):
    model = Teacher
    template_name = "people/teacher_detail.html"

    def base_queryset(self):
        return teacher_detail_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["consent_form"] = ConsentForm()
        context["withdraw_form"] = ConsentWithdrawForm()
        return context


class TeacherCreateView(ScopedCreateView):
    model = Teacher
    form_class = TeacherForm


class TeacherUpdateView(ScopedUpdateView):
    model = Teacher
    form_class = TeacherForm


class TeacherChangeMixin(AccessMixin):
    """A POST on one teacher: 403 for a code held nowhere, 404 outside the view scope, 403 if not changeable."""

    def required_codes(self):
        return ["people.teacher:change"]

    def teacher(self, pk):
        return access.get_object(
            Teacher.objects.all(), self.request.user, "people.teacher:view", "people.teacher:change", pk=pk
        )


class ConsentView(TeacherChangeMixin, View):
    """POST: record (action=give) or withdraw (action=withdraw) the teacher's consent."""

    def post(self, request, pk, action):
        teacher = self.teacher(pk)
        form = (ConsentForm if action == "give" else ConsentWithdrawForm)(request.POST)
        if form.is_valid():
            try:
                if action == "give":
                    services.record_consent(actor=request.user, teacher=teacher, **form.cleaned_data)
                else:
                    services.withdraw_consent(
                        actor=request.user,
                        teacher=teacher,
                        withdrawn_on=form.cleaned_data["withdrawn_on"],
                        reason=form.cleaned_data["reason"],
                    )
                messages.success(request, _("Saved."))
                return redirect(teacher)
            except ServiceError as exc:
                form.add_error(None, exc.message)
        return render(
            request, "people/consent_form.html", {"form": form, "teacher": teacher, "action": action}, status=400
        )


class TeacherImportView(ImportView):
    model = Teacher
    import_name = "people.teachers"
    list_url_name = "people:teacher-list"
    template_url_name = "people:teacher-import-template"


class TeacherImportTemplateView(ImportTemplateView):
    model = Teacher
    import_name = "people.teachers"


class TeacherLoginView(TeacherChangeMixin, View):
    """POST: create the teacher's login (role «teacher» on their own profile) and mail a set-password link."""

    def post(self, request, pk):
        teacher = self.teacher(pk)
        try:
            services.create_login(actor=request.user, teacher=teacher, username=request.POST.get("username", ""))
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The login is created; a letter to set the password has been sent."))
        return redirect(teacher)
