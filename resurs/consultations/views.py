"""Consultation pages (000 § 2.2, 3.8): thin views over the scoped querysets and the consultation services.

A request outside what the user may view is a 404; an action the user may not do on a visible request is a 403; a
refused rule or transition is shown with its code and changes nothing. The asker's own requests are on
"My consultations" (LoginOnlyMixin: only the user's own teacher record and what they filed).
"""

import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from resurs.centers.models import Center
from resurs.common import access, hooks
from resurs.common.access import AccessMixin, LoginOnlyMixin
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.forms import add_service_error
from resurs.common.responses import stored_file_response
from resurs.common.scoping import has_code, instance_in_scope, restrict
from resurs.common.views import ScopedListView
from resurs.people.models import Teacher

from . import selectors, services, workflow
from .filtersets import ConsultationFilterSet
from .forms import ACTION_FORMS, ConsultationForm
from .models import Consultation
from .permissions import ADD, EXPORT, VIEW
from .tables import STATUS_BADGES, ConsultationTable, asker_text, duration_text


def allowed_actions(user, consultation):
    """{action: bool}: the workflow steps this user may take on this request in its status."""
    allowed = {}
    for name, step in workflow.CONSULTATION.items():
        ok = consultation.status in step.source and instance_in_scope(user, consultation, step.code)
        if ok and name in workflow.METHODIST_ACTIONS:
            ok = consultation.methodist_id == user.pk or user.is_superuser
        if ok and name == "rate":
            ok = consultation.rating is None
        allowed[name] = ok
    return allowed


class ConsultationListView(ScopedListView):
    model = Consultation
    table_class = ConsultationTable
    filterset_class = ConsultationFilterSet
    create_url_name = "consultations:consultation-create"
    export_name = "consultations.consultations"
    title = gettext_lazy("Consultations")

    def base_queryset(self):
        return selectors.consultations_overview()


class ConsultationCreateView(AccessMixin, generic.FormView):
    """A request: a teacher for themselves, an organization administrator for its organization or its teacher."""

    form_class = ConsultationForm
    template_name = "consultations/consultation_form.html"

    def required_codes(self):
        return [ADD]

    def load(self):
        self.teacher = Teacher.objects.filter(user=self.request.user).select_related("organization").first()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "teacher": self.teacher}

    def get_initial(self):
        center = self.request.GET.get("center")
        return {"center": center} if center else {}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": _("Ask for a consultation"), "teacher": self.teacher}

    def form_valid(self, form):
        try:
            consultation = services.ask(actor=self.request.user, **form.service_values())
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Your request is sent to the center."))
        return redirect(consultation)


class ConsultationAccessMixin(AccessMixin):
    code = VIEW

    def required_codes(self):
        return [self.code]

    def get_consultation(self):
        return access.get_object(
            selectors.consultations_overview(), self.request.user, VIEW, self.code, pk=self.kwargs["pk"]
        )

    def load(self):
        self.consultation = self.get_consultation()


class ConsultationDetailView(ConsultationAccessMixin, generic.TemplateView):
    template_name = "consultations/consultation_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        c = self.consultation
        actions = allowed_actions(self.request.user, c)
        forms = {}
        for name, allowed in actions.items():
            if allowed:
                form_class = ACTION_FORMS[name][0]
                forms[name] = form_class(consultation=c) if name == "assign" else form_class()
        context.update(
            {
                "consultation": c,
                "object": c,
                "badge": STATUS_BADGES.get(c.status, "secondary"),
                "asker": asker_text(c),
                "response_time": duration_text(c.response_duration),
                "actions": actions,
                "forms": forms,
                "history": hooks.history(c) if hooks.history else [],
            }
        )
        context.update(kwargs)
        return context


class ConsultationActionView(ConsultationDetailView):
    """A workflow step (POST): done → back to the request; refused → the request page with the coded error (400)."""

    http_method_names = ["post"]

    def required_codes(self):
        if self.kwargs["action"] not in workflow.CONSULTATION:
            raise Http404
        return [self.code]

    @property
    def code(self):
        return workflow.CONSULTATION[self.kwargs["action"]].code

    def post(self, request, pk, action):
        form_class, values = ACTION_FORMS[action]
        kwargs = {"consultation": self.consultation} if action == "assign" else {}
        form = form_class(request.POST, **kwargs)
        try:
            if not form.is_valid():
                raise ServiceError(_("Check the fields of the form."), code=_form_code(action))
            services.perform(
                actor=request.user, consultation=self.consultation, action=action, **values(form.cleaned_data)
            )
        except ServiceError as exc:
            self.consultation = self.get_consultation()
            code = 403 if isinstance(exc, PermissionDeniedError) else 400
            return self.render_to_response(self.get_context_data(action_error=exc, failed_form=form), status=code)
        fresh = Consultation.objects.get(pk=pk)
        messages.success(request, _("Done: %(status)s.") % {"status": fresh.get_status_display()})
        if action == "cancel" or (action == "rate" and not instance_in_scope(request.user, fresh, VIEW)):
            return redirect("consultations:my-consultations")
        return redirect(fresh)


def _form_code(action):
    """The code of a step whose form is not filled in: what the service would say of the missing value."""
    return {
        "assign": "methodist_outside",
        "schedule": "meeting_in_past",
        "rate": "rating_range",
    }.get(action, "error")


class AttachmentView(ConsultationAccessMixin, generic.View):
    def get(self, request, pk):
        if not self.consultation.attachment:
            raise Http404
        return stored_file_response(self.consultation.attachment)


class MyConsultationsView(LoginOnlyMixin, generic.TemplateView):
    """«Мои консультации»: the requests for the user's teacher record and those the user filed."""

    template_name = "consultations/my_consultations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(selectors.mine(self.request.user))
        for row in rows:
            row.response_text = duration_text(row.response_duration)
            row.badge = STATUS_BADGES.get(row.status, "secondary")
        context["rows"] = rows
        context["can_ask"] = has_code(self.request.user, ADD)
        return context


class ConsultationStatsView(AccessMixin, generic.TemplateView):
    """Counts per center, methodist, format and direction for a period (what the semi-annual report takes)."""

    template_name = "consultations/stats.html"

    def required_codes(self):
        return [EXPORT]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        start = datetime.date(today.year, 1 if today.month <= 6 else 7, 1)
        date_from = _date(self.request.GET.get("date_from")) or start
        date_to = _date(self.request.GET.get("date_to")) or today
        reached = restrict(Consultation.objects.all(), self.request.user, EXPORT)
        centers = Center.objects.filter(pk__in=reached.values("center"))
        counts = selectors.consultation_counts(centers, date_from, date_to)
        counts["response_text"] = duration_text(counts["response"])
        kinds = dict(Consultation.Kind.choices)
        statuses = dict(Consultation.Status.choices)
        context.update(
            {
                "title": _("Consultation counts"),
                "date_from": date_from,
                "date_to": date_to,
                "counts": counts,
                "by_kind": [(kinds[k], n) for k, n in counts["by_kind"].items()],
                "by_status": [(statuses[k], n) for k, n in counts["by_status"].items()],
            }
        )
        return context


def _date(value):
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if datetime.date(2000, 1, 1) <= day <= datetime.date(2100, 12, 31) else None
