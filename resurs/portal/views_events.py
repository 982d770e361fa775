"""The public calendar of events (SPEC §6; 000 § 3.8): published events of a municipality with filters, each event's
page with the registration form (e-mail confirmation, consent 152-ФЗ art. 9), iCalendar feeds per center and per
teacher. No login; drafts and cancelled events are not found (404)."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from resurs.catalogs.models import Subject, WorkForm
from resurs.centers.models import Center
from resurs.common.errors import ServiceError
from resurs.common.filtersets import pk_or_none
from resurs.common.forms import add_service_error
from resurs.common.ip import client_ip
from resurs.events import calendar, selectors, services
from resurs.events.forms import PublicRegistrationForm
from resurs.events.models import Event, Registration
from resurs.territory.models import Municipality

FILTERS = ("municipality", "center", "form", "subject", "format", "date_from", "date_to")


def _date(value):
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if datetime.date(2000, 1, 1) <= day <= datetime.date(2100, 12, 31) else None


def _start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class EventCalendarView(generic.ListView):
    """The calendar: upcoming events first (from today unless a date range is given), filtered, 20 a page."""

    template_name = "portal/event_list.html"
    context_object_name = "events"
    paginate_by = 20

    def get_queryset(self):
        queryset = selectors.public_calendar()
        params = self.request.GET
        # An id that is no id (abc, ², a number past any key) is no filter, not a 500.
        if (municipality := pk_or_none(params.get("municipality"))) is not None:
            queryset = queryset.filter(center__organization__municipality_id=municipality)
        if (center := pk_or_none(params.get("center"))) is not None:
            queryset = queryset.filter(center_id=center)
        if (form := pk_or_none(params.get("form"))) is not None:
            queryset = queryset.filter(form_id=form)
        if (subject := pk_or_none(params.get("subject"))) is not None:
            queryset = queryset.filter(subjects__id=subject)
        if params.get("format") in Event.Format.values:
            queryset = queryset.filter(format=params["format"])
        date_from, date_to = _date(params.get("date_from")), _date(params.get("date_to"))
        if date_from is None and date_to is None:
            date_from = timezone.localdate()
        if date_from:
            queryset = queryset.filter(ends_at__gte=_start(date_from))
        if date_to:
            queryset = queryset.filter(starts_at__lt=_start(date_to + datetime.timedelta(days=1)))
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        active = Center.objects.filter(status=Center.Status.ACTIVE)
        municipality = pk_or_none(self.request.GET.get("municipality"))
        context["municipalities"] = Municipality.objects.filter(
            pk__in=active.values("organization__municipality_id")
        ).order_by("name")
        centers = active.order_by("name")
        if municipality is not None:
            centers = centers.filter(organization__municipality_id=municipality)
        context["centers"] = centers
        context["center_id"] = pk_or_none(self.request.GET.get("center"))
        context["forms"] = WorkForm.objects.filter(is_active=True)
        context["subjects"] = Subject.objects.filter(is_active=True)
        context["formats"] = Event.Format.choices
        context["params"] = {name: self.request.GET.get(name, "")[:200] for name in FILTERS}
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context


def public_event(pk):
    event = get_object_or_404(
        selectors.with_speakers_and_materials(
            selectors.events_overview(selectors.public_events()).select_related("association")
        ),
        pk=pk,
    )
    return event


class EventPublicView(generic.FormView):
    """The event's page: what, when, where, speakers, materials, seats; the one-button registration of a logged-in
    teacher (posts to events:register-self) and the public form for everyone else."""

    template_name = "portal/event_detail.html"
    form_class = PublicRegistrationForm

    def dispatch(self, request, *args, **kwargs):
        self.event = public_event(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "event": self.event}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        teacher = selectors.teacher_of(self.request.user)
        context["event"] = event
        context["is_open"] = event.registration_is_open()
        try:
            services.check_open(event)
        except ServiceError as exc:
            context["closed_reason"] = exc.message
        context["teacher"] = teacher
        context["mine"] = (
            Registration.objects.filter(
                event=event, teacher=teacher, status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
            ).first()
            if teacher
            else None
        )
        if event.capacity is not None:
            context["free"] = max(event.capacity - event.confirmed_count, 0)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.request_public_registration(event=self.event, client=client_ip(self.request), **data)
        except ServiceError as exc:
            add_service_error(form, exc)
            return self.form_invalid(form)
        return redirect(reverse("portal:event-requested", args=[self.event.pk]) + f"?email={data['email']}")


class EventRequestedView(generic.TemplateView):
    """ "Check your mail": the confirmation link has been sent."""

    template_name = "portal/event_requested.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "event": public_event(kwargs["pk"])}


class EventConfirmView(generic.TemplateView):
    """The confirmation link: GET shows what is confirmed, POST registers (a mail scanner's GET registers no one)."""

    template_name = "portal/event_confirm.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            data = services.read_public_token(kwargs["token"])
        except ServiceError as exc:
            context["error"] = exc
            return context
        context["data"] = data
        context["event"] = Event.objects.filter(pk=data["event"]).first()
        return context

    def post(self, request, token):
        try:
            registration = services.confirm_public_registration(token=token)
        except ServiceError as exc:
            context = self.get_context_data(token=token)
            context["error"] = exc
            return self.render_to_response(context, status=400)
        context = self.get_context_data(token=token)
        context["registration"] = registration
        return self.render_to_response(context)


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class CenterFeedView(generic.View):
    """The iCalendar feed of a center: its public events of the last 90 days and all upcoming ones."""

    def get(self, request, pk):
        center = get_object_or_404(Center.objects.filter(status=Center.Status.ACTIVE), pk=pk)
        since = timezone.now() - datetime.timedelta(days=90)
        events = (
            selectors.public_events()
            .filter(center=center, ends_at__gte=since)
            .select_related("venue")
            .order_by("starts_at", "id")
        )
        return ics_response(calendar.calendar(events, name=center.name), f"center-{center.pk}.ics")


class TeacherFeedView(generic.View):
    """A teacher's personal feed: the events of their active registrations (unguessable signed address)."""

    def get(self, request, token):
        teacher = services.teacher_from_feed_token(token)
        if teacher is None:
            raise Http404
        registrations = (
            Registration.objects.filter(
                teacher=teacher, status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
            )
            .select_related("event__venue")
            .order_by("event__starts_at")
        )
        events = [r.event for r in registrations]
        codes = {r.event_id: r.code for r in registrations if r.status == Registration.Status.CONFIRMED}
        name = _("My events: %(name)s") % {"name": teacher.full_name}
        return ics_response(calendar.calendar(events, name=name, codes=codes), "my-events.ics")
