"""Event pages (SPEC §6): thin views over the scoped querysets and the event services.

An event outside what the user may view is a 404; an action the user may not do on a visible event is a 403; a
refused rule or transition is shown with its code and changes nothing. A teacher's own registrations are on
"My registrations" (LoginOnlyMixin: only the user's own teacher record).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from resurs.common import access, hooks
from resurs.common.access import AccessMixin, LoginOnlyMixin
from resurs.common.errors import ServiceError
from resurs.common.filtersets import pk_or_none
from resurs.common.forms import add_service_error
from resurs.common.qr import qr_svg
from resurs.common.responses import stored_file_response
from resurs.common.scoping import has_code, instance_in_scope, restrict
from resurs.common.views import ScopedListView
from resurs.plans.models import PlanItem

from . import selectors, services, workflow
from .filtersets import EventFilterSet
from .forms import BulkRegistrationForm, CancelForm, EventForm, MaterialForm, SpeakerForm, default_times
from .models import Certificate, Event, Feedback, Material, Registration, Speaker
from .tables import STATUS_BADGES, EventTable

VIEW = "events.event:view"


class EventAccessMixin(AccessMixin):
    """`code` is what the view needs: held nowhere → 403; the event not visible → 404; not held on it → 403."""

    code = VIEW

    def required_codes(self):
        return [self.code]

    def event_queryset(self):
        return Event.objects.select_related("center__organization__municipality", "form", "venue", "association")

    def get_event(self, pk=None):
        return access.get_object(
            self.event_queryset(), self.request.user, VIEW, self.code, pk=pk if pk is not None else self.kwargs["pk"]
        )

    def load(self):
        self.event = self.get_event()


def allowed_actions(user, event):
    """{action: bool} of the workflow buttons this user gets on this event in its status."""
    codes = {t.code for t in workflow.EVENT.values()}
    held = {code: instance_in_scope(user, event, code) for code in codes}
    return {name: held[t.code] and event.status in t.source for name, t in workflow.EVENT.items()}


# --- list, create, edit ---------------------------------------------------------------------------------------


class EventListView(ScopedListView):
    model = Event
    table_class = EventTable
    filterset_class = EventFilterSet
    create_url_name = "events:event-create"
    title = gettext_lazy("Events")

    def base_queryset(self):
        return selectors.events_overview()


class EventCreateView(EventAccessMixin, generic.FormView):
    """A new event, on its own or from a plan item (`?plan_item=<id>`: form, title, date and venue prefilled)."""

    code = "events.event:add"
    form_class = EventForm
    template_name = "events/event_form.html"
    plan_item = None

    def load(self):
        pk = self.request.GET.get("plan_item") or self.request.POST.get("plan_item")
        if pk:
            queryset = PlanItem.objects.select_related("plan__center__organization", "plan__association", "form")
            self.plan_item = access.get_object(queryset, self.request.user, "plans.plan:view", pk=pk_or_none(pk))

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "user": self.request.user}
        if self.plan_item is not None:
            kwargs["center"] = self.plan_item.plan.center
        return kwargs

    def get_initial(self):
        start, end = default_times()
        initial = {"starts_at": start, "ends_at": end}
        if self.plan_item is not None:
            prefill = services.prefill_from_plan_item(self.plan_item)
            prefill.pop("plan_item")
            initial.update(prefill, center=self.plan_item.plan.center)
        return initial

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "plan_item": self.plan_item, "title": _("New event")}

    def form_valid(self, form):
        values = form.service_values()
        try:
            event = services.create_event(
                actor=self.request.user, center=form.cleaned_data["center"], plan_item=self.plan_item, **values
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The event is created as a draft."))
        return redirect(event)


class EventUpdateView(EventAccessMixin, generic.FormView):
    code = "events.event:change"
    form_class = EventForm
    template_name = "events/event_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "instance": self.event}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "event": self.event, "title": _("Edit the event")}

    def form_valid(self, form):
        try:
            services.update_event(
                actor=self.request.user,
                event=self.event,
                version=form.cleaned_data["version_seen"],
                **form.service_values(),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(self.event)


# --- the event page -------------------------------------------------------------------------------------------


class EventDetailView(EventAccessMixin, generic.TemplateView):
    template_name = "events/event_detail.html"

    def event_queryset(self):
        return selectors.with_speakers_and_materials(selectors.events_overview(super().event_queryset()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        user = self.request.user
        confirmed, waitlist, cancelled = selectors.event_registrations(event)
        can_change = instance_in_scope(user, event, "events.event:change")
        probe = Registration(event=event)
        context.update(
            {
                "event": event,
                "object": event,
                "badge": STATUS_BADGES.get(event.status, "secondary"),
                "actions": allowed_actions(user, event),
                "confirmed": confirmed,
                "waitlist": waitlist,
                "cancelled": cancelled,
                "can_change": can_change and event.status in workflow.EVENT["edit"].source,
                "can_register": instance_in_scope(user, probe, "events.registration:add"),
                "can_cancel_registrations": instance_in_scope(user, probe, "events.registration:change"),
                "can_certificates": instance_in_scope(user, Certificate(event=event), "events.certificate:view"),
                "can_feedback": event.status == Event.Status.HELD
                and instance_in_scope(user, Feedback(registration=probe), "events.feedback:view"),
                "can_attend": instance_in_scope(user, probe, "events.registration:attend")
                and event.status not in (Event.Status.DRAFT, Event.Status.CANCELLED),
                "speaker_form": SpeakerForm(event=event),
                "material_form": MaterialForm(),
                "cancel_form": CancelForm(),
                "history": hooks.history(event) if hooks.history else [],
                "public_url": reverse("portal:event-detail", args=[event.pk]),
            }
        )
        context.update(kwargs)
        return context


class EventActionView(EventDetailView):
    """A workflow button (POST): done → back to the event; refused → the event page with the coded error (400)."""

    http_method_names = ["post"]

    def required_codes(self):
        step = workflow.EVENT.get(self.kwargs["action"])
        if step is None or self.kwargs["action"] not in workflow.ACTIONS:
            raise Http404
        return [step.code]

    @property
    def code(self):
        return workflow.EVENT[self.kwargs["action"]].code

    def post(self, request, pk, action):
        reason = CancelForm(request.POST).data.get("reason", "") if action == "cancel" else ""
        try:
            services.transition(actor=request.user, event=self.event, action=action, reason=reason)
        except ServiceError as exc:
            self.event = self.get_event()
            return self.render_to_response(self.get_context_data(action_error=exc), status=400)
        messages.success(request, _("Done: %(status)s.") % {"status": Event.objects.get(pk=pk).get_status_display()})
        return redirect(self.event)


class EventPartView(EventDetailView):
    """A POST of a part of the event (speaker, material): done → back, refused → the page with the error (400)."""

    http_method_names = ["post"]
    code = "events.event:change"
    success_message = ""

    def perform(self):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            self.perform()
        except ServiceError as exc:
            self.event = self.get_event()
            return self.render_to_response(self.get_context_data(action_error=exc), status=400)
        messages.success(request, self.success_message)
        return redirect(self.event)


class SpeakerAddView(EventPartView):
    success_message = gettext_lazy("The speaker is added.")

    def perform(self):
        form = SpeakerForm(self.request.POST, event=self.event)
        if not form.is_valid():
            raise ServiceError(_("Check the speaker's fields."), code="speaker_name")
        services.add_speaker(actor=self.request.user, event=self.event, **form.cleaned_data)


class SpeakerDeleteView(EventPartView):
    success_message = gettext_lazy("The speaker is removed.")

    def load(self):
        speaker = access.get_object(Speaker.objects.all(), self.request.user, VIEW, pk=self.kwargs["pk"])
        self.event = self.get_event(speaker.event_id)
        self.speaker = speaker

    def perform(self):
        services.remove_speaker(actor=self.request.user, speaker=self.speaker)


class MaterialAddView(EventPartView):
    success_message = gettext_lazy("The material is added.")

    def perform(self):
        form = MaterialForm(self.request.POST, self.request.FILES)
        if not form.is_valid():
            raise ServiceError(_("Give the title and a file or a link."), code="material_empty")
        data = form.cleaned_data
        services.add_material(
            actor=self.request.user, event=self.event, title=data["title"], upload=data["file"], url=data["url"]
        )


class MaterialDeleteView(EventPartView):
    success_message = gettext_lazy("The material is removed.")

    def load(self):
        material = access.get_object(Material.objects.all(), self.request.user, VIEW, pk=self.kwargs["pk"])
        self.event = self.get_event(material.event_id)
        self.material = material

    def perform(self):
        services.remove_material(actor=self.request.user, material=self.material)


class MaterialDownloadView(AccessMixin, generic.View):
    def required_codes(self):
        return [VIEW]

    def get(self, request, pk):
        material = access.get_object(Material.objects.all(), request.user, VIEW, pk=pk)
        if not material.file:
            raise Http404
        return stored_file_response(material.file)


# --- registration by the staff --------------------------------------------------------------------------------


class BulkRegisterView(AccessMixin, generic.FormView):
    """The center registers any teachers of the municipality; an organization administrator its own teachers (for
    the public events of its municipality)."""

    form_class = BulkRegistrationForm
    template_name = "events/bulk_register.html"

    def required_codes(self):
        return ["events.registration:add"]

    def load(self):
        user = self.request.user
        queryset = Event.objects.select_related("center__organization__municipality")
        pk = pk_or_none(self.kwargs["pk"])
        seen = restrict(queryset, user, VIEW).filter(pk=pk).first()
        if seen is None:
            seen = access.find(queryset.filter(pk__in=selectors.bulk_events(user).values("pk")), pk=pk)
        self.event = seen
        self.teachers = selectors.bulk_teachers(user, seen)
        self.center_staff = instance_in_scope(user, Registration(event=seen), "events.registration:add")
        if not self.center_staff and not self.teachers.exists():
            raise Http404

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "teachers": self.teachers}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "event": self.event, "center_staff": self.center_staff}

    def form_valid(self, form):
        source = Registration.Source.CENTER if self.center_staff else Registration.Source.ORGANIZATION
        try:
            report = services.bulk_register(
                actor=self.request.user, event=self.event, teachers=list(form.cleaned_data["teachers"]), source=source
            )
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Registered: %(confirmed)s; on the waitlist: %(waitlisted)s; already registered: %(skipped)s.")
            % {k: len(v) for k, v in report.items()},
        )
        if self.center_staff:
            return redirect(self.event)
        return redirect("events:bulk-register", pk=self.event.pk)


class RegistrationCancelView(AccessMixin, generic.View):
    """Cancel a registration (POST): the teacher their own, the staff and the organization administrator theirs."""

    def required_codes(self):
        return ["events.registration:view"]

    def post(self, request, pk):
        registration = access.get_object(
            Registration.objects.select_related("event", "teacher"), request.user, "events.registration:view", pk=pk
        )
        try:
            services.cancel_registration(actor=request.user, registration=registration)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The registration is cancelled."))
        if registration.teacher.user_id == request.user.pk:
            return redirect("events:my-registrations")
        if has_code(request.user, VIEW) and instance_in_scope(request.user, registration.event, VIEW):
            return redirect(registration.event)
        return redirect("events:bulk-register", pk=registration.event_id)


# --- the teacher's own ----------------------------------------------------------------------------------------


class RegisterSelfView(LoginOnlyMixin, generic.View):
    """The one button of the public event page: the logged-in user registers their own teacher record."""

    def post(self, request, pk):
        event = access.find(selectors.public_events(), pk=pk_or_none(pk))
        teacher = selectors.teacher_of(request.user)
        page = reverse("portal:event-detail", args=[event.pk])
        if teacher is None:
            messages.error(request, _("Your login has no teacher record: use the registration form."))
            return redirect(page)
        try:
            registration = services.register(actor=request.user, event=event, teacher=teacher)
        except ServiceError as exc:
            messages.error(request, exc.message)
            return redirect(page)
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(
                request, _("You are registered. Your check-in code: %(code)s.") % {"code": registration.code}
            )
        else:
            messages.info(request, _("All seats are taken: you are on the waitlist."))
        return redirect("events:my-registrations")


class MyRegistrationsView(LoginOnlyMixin, generic.TemplateView):
    template_name = "events/my_registrations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(selectors.my_registrations(self.request.user))
        from django.utils import timezone

        now = timezone.now()
        for row in rows:
            row.qr = qr_svg(row.code) if row.status == Registration.Status.CONFIRMED else ""
            row.can_cancel = (
                row.is_active and row.event.starts_at > now and row.event.status not in ("held", "cancelled")
            )
        answered = set(
            Registration.objects.filter(pk__in=[r.pk for r in rows], feedback__isnull=False).values_list(
                "pk", flat=True
            )
        )
        for row in rows:
            row.feedback_open = services.feedback_open(row) and row.pk not in answered
        teacher = selectors.teacher_of(self.request.user)
        context["certificates"] = selectors.my_certificates(self.request.user)
        context["rows"] = rows
        context["teacher"] = teacher
        if teacher is not None:
            context["feed_url"] = reverse("portal:teacher-feed", args=[services.teacher_feed_token(teacher)])
        return context


# --- attendance, check-in, roll sheet (001 § 3.1) ---------------------------------------------------------------

ATTEND = "events.registration:attend"


class AttendanceAccessMixin(EventAccessMixin):
    """The event visible with view (404 outside), then the attendance code held on its registrations (403)."""

    def required_codes(self):
        return [ATTEND]

    def load(self):
        self.event = self.get_event()
        access.check_object(self.request.user, Registration(event=self.event), ATTEND)


class AttendanceView(AttendanceAccessMixin, generic.TemplateView):
    """Marking attendance in bulk on one page: present, absent, excused, for every confirmed registration."""

    template_name = "events/attendance.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = selectors.attendance_rows(self.event)
        context.update(
            {
                "event": self.event,
                "rows": rows,
                "choices": [c for c in Registration.Attendance.choices if c[0]],
                "counts": {
                    value: sum(1 for r in rows if r.attendance == value) for value in Registration.Attendance.values
                },
            }
        )
        context.update(kwargs)
        return context

    def post(self, request, pk):
        marks = {}
        for name, value in request.POST.items():
            if name.startswith("mark-"):
                marks[pk_or_none(name[5:])] = value
        marks.pop(None, None)
        try:
            changed = services.mark_attendance(actor=request.user, event=self.event, marks=marks)
        except ServiceError as exc:
            return self.render_to_response(self.get_context_data(action_error=exc), status=400)
        messages.success(request, _("Attendance saved: %(count)s changed.") % {"count": len(changed)})
        return redirect("events:attendance", pk=self.event.pk)


class CheckInView(AttendanceAccessMixin, generic.TemplateView):
    """The organizer's check-in page (for a phone): type the code or scan the QR code with the camera."""

    template_name = "events/check_in.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = selectors.attendance_rows(self.event)
        context.update(
            {
                "event": self.event,
                "present": sum(1 for r in rows if r.attendance == Registration.Attendance.PRESENT),
                "total": len(rows),
            }
        )
        context.update(kwargs)
        return context

    def post(self, request, pk):
        code = request.POST.get("code", "")
        try:
            registration, first = services.check_in(actor=request.user, event=self.event, code=code)
        except ServiceError as exc:
            return self.render_to_response(self.get_context_data(action_error=exc, code=code), status=400)
        if first:
            messages.success(request, _("Checked in: %(teacher)s.") % {"teacher": registration.teacher.full_name})
        else:
            messages.info(
                request,
                _("%(teacher)s is already checked in (%(when)s); nothing changed.")
                % {
                    "teacher": registration.teacher.full_name,
                    "when": services._when(registration.checked_in_at or registration.attendance_marked_at),
                },
            )
        return redirect("events:check-in", pk=self.event.pk)


class RollSheetView(AttendanceAccessMixin, generic.View):
    """The printable roll sheet (PDF) of the event's confirmed registrations."""

    def get(self, request, pk):
        from django.http import HttpResponse

        from .pdf import roll_sheet

        content = roll_sheet(self.event, selectors.attendance_rows(self.event))
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="roll-sheet-{self.event.pk}.pdf"'
        return response


class AssociationAttendanceView(AccessMixin, generic.TemplateView):
    """Attendance of a city methodological association's meetings per organization and meeting date (001 § 3.1,
    appendix 2), for an academic year (`?year=2025` is 2025/2026; the current one by default)."""

    template_name = "events/association_attendance.html"

    def required_codes(self):
        return [VIEW]

    def load(self):
        from resurs.centers.models import Association

        self.association = access.get_object(
            Association.objects.select_related("center"), self.request.user, VIEW, pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        import datetime

        from django.utils import timezone

        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        default = today.year if today.month >= 9 else today.year - 1
        year = pk_or_none(self.request.GET.get("year")) or default
        start, end = datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)
        meetings, rows, totals = selectors.association_attendance(self.association, start, end)
        context.update(
            {
                "association": self.association,
                "year": year,
                "years": [default - 2, default - 1, default, default + 1],
                "meetings": meetings,
                "rows": rows,
                "totals": totals,
                "grand_total": sum(totals),
            }
        )
        return context


# --- certificates -----------------------------------------------------------------------------------------------

CERT_VIEW = "events.certificate:view"


def certificate_response(cert, *, inline=False):
    from django.conf import settings
    from django.http import HttpResponse

    from .pdf import certificate

    url = settings.SITE_URL.rstrip("/") + cert.verification_path()
    content = certificate(cert, center_name=cert.event.center.name, verification_url=url)
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="certificate-{cert.number}.pdf"'
    return response


class EventCertificatesView(EventAccessMixin, generic.TemplateView):
    """The certificates of an event; POST issues them in bulk (attendees marked present and speakers)."""

    template_name = "events/certificates.html"

    def required_codes(self):
        return [CERT_VIEW]

    def load(self):
        from .models import Certificate

        self.event = self.get_event()
        access.check_object(self.request.user, Certificate(event=self.event), CERT_VIEW)
        if self.request.method == "POST":
            access.check_object(self.request.user, Certificate(event=self.event), "events.certificate:add")

    def get_context_data(self, **kwargs):
        from .models import Certificate

        context = super().get_context_data(**kwargs)
        probe = Certificate(event=self.event)
        context.update(
            {
                "event": self.event,
                "certificates": list(self.event.certificates.select_related("replaces").order_by("full_name", "id")),
                "can_issue": instance_in_scope(self.request.user, probe, "events.certificate:add")
                and self.event.status == Event.Status.HELD,
                "can_change": instance_in_scope(self.request.user, probe, "events.certificate:change"),
            }
        )
        context.update(kwargs)
        return context

    def post(self, request, pk):
        try:
            issued = services.issue_certificates(actor=request.user, event=self.event)
        except ServiceError as exc:
            return self.render_to_response(self.get_context_data(action_error=exc), status=400)
        messages.success(request, _("Certificates issued: %(count)s.") % {"count": len(issued)})
        return redirect("events:certificates", pk=self.event.pk)


class CertificateDownloadView(AccessMixin, generic.View):
    """The PDF of a certificate: the center's staff, the holder's organization administrator, the holder."""

    def required_codes(self):
        return [CERT_VIEW]

    def get(self, request, pk):
        from .models import Certificate

        cert = access.get_object(Certificate.objects.select_related("event__center"), request.user, CERT_VIEW, pk=pk)
        return certificate_response(cert)


class CertificateActionView(AccessMixin, generic.View):
    """Revoke or re-issue a certificate (POST, with a reason): done or refused → back to the event's certificates."""

    action = None

    def required_codes(self):
        return ["events.certificate:change"]

    def post(self, request, pk):
        from .forms import ReasonForm
        from .models import Certificate

        cert = access.get_object(
            Certificate.objects.select_related("event"), request.user, CERT_VIEW, "events.certificate:change", pk=pk
        )
        form = ReasonForm(request.POST)
        reason = form.data.get("reason", "")
        try:
            if self.action == "revoke":
                services.revoke_certificate(actor=request.user, certificate=cert, reason=reason)
                messages.success(request, _("The certificate № %(number)s is revoked.") % {"number": cert.number})
            else:
                new = services.reissue_certificate(actor=request.user, certificate=cert, reason=reason)
                messages.success(request, _("Re-issued: the new number is %(number)s.") % {"number": new.number})
        except ServiceError as exc:
            messages.error(request, exc.message)
        return redirect("events:certificates", pk=cert.event_id)


# --- feedback ---------------------------------------------------------------------------------------------------


class FeedbackView(LoginOnlyMixin, generic.FormView):
    """The attendee's own survey of a held event (another's registration is a 404)."""

    template_name = "events/feedback_form.html"

    def get_form_class(self):
        from .forms import FeedbackForm

        return FeedbackForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.registration = access.find(
                Registration.objects.filter(teacher__user=request.user).select_related("event", "teacher"),
                pk=pk_or_none(kwargs["pk"]),
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from .models import Feedback

        context = super().get_context_data(**kwargs)
        context.update(
            {
                "registration": self.registration,
                "event": self.registration.event,
                "is_open": services.feedback_open(self.registration),
                "given": Feedback.objects.filter(registration=self.registration).first(),
            }
        )
        return context

    def form_valid(self, form):
        try:
            services.submit_feedback(actor=self.request.user, registration=self.registration, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, _("Thank you for the answer."))
        return redirect("events:my-registrations")


class EventFeedbackView(EventAccessMixin, generic.TemplateView):
    """The survey results of an event: the number of answers, the averages, the spread and the comments."""

    template_name = "events/feedback_results.html"

    def required_codes(self):
        return ["events.feedback:view"]

    def load(self):
        from .models import Feedback

        self.event = self.get_event()
        access.check_object(
            self.request.user, Feedback(registration=Registration(event=self.event)), "events.feedback:view"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"event": self.event, **selectors.feedback_summary(self.event)})
        return context


class CenterFeedbackView(AccessMixin, generic.TemplateView):
    """The survey results per center and per event (what the user may see), newest events first."""

    template_name = "events/feedback_centers.html"

    def required_codes(self):
        return [VIEW]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        centers, events = selectors.feedback_by_center(self.request.user)
        context.update({"centers": centers, "events": events, "title": _("Feedback on events")})
        return context
