"""The table of the events list: title, center, start, form, format, status, seats taken and the waitlist."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Event

STATUS_BADGES = {
    "draft": "secondary",
    "published": "info",
    "open": "success",
    "closed": "warning",
    "held": "dark",
    "cancelled": "danger",
}


class EventTable(tables.Table):
    title = tables.Column(verbose_name=_("Event"), linkify=True)
    center = tables.Column(verbose_name=_("Center"), accessor="center__name", order_by=("center__name",))
    starts_at = tables.DateTimeColumn(verbose_name=_("Starts"), format="d.m.Y H:i")
    form = tables.Column(verbose_name=_("Form of work"), accessor="form__name", order_by=("form__name",))
    format = tables.Column(verbose_name=_("Format"))
    status = tables.Column(verbose_name=_("Status"))
    seats = tables.Column(verbose_name=_("Registered"), accessor="confirmed_count", order_by=("confirmed_count",))
    waitlisted_count = tables.Column(verbose_name=_("Waitlist"), order_by=("waitlisted_count",))

    class Meta:
        model = Event
        fields = ()
        sequence = ("title", "center", "starts_at", "form", "format", "status", "seats", "waitlisted_count")
        attrs = {"class": "table table-sm table-hover align-middle", "id": "event-list"}
        row_attrs = {"data-event": lambda record: record.pk}
        empty_text = _("No events.")

    def render_status(self, record):
        return format_html(
            '<span class="badge text-bg-{}" data-status="{}">{}</span>',
            STATUS_BADGES.get(record.status, "secondary"),
            record.status,
            record.get_status_display(),
        )

    def render_format(self, record):
        return record.get_format_display()

    def render_seats(self, record):
        if record.capacity is None:
            return str(record.confirmed_count)
        return f"{record.confirmed_count} / {record.capacity}"


class ParticipationTable(tables.Table):
    teacher = tables.Column(
        verbose_name=_("Teacher"), accessor="teacher__surname", order_by=("teacher__surname", "teacher__name")
    )
    organization = tables.Column(
        verbose_name=_("Organization"),
        accessor="teacher__organization__short_name",
        order_by=("teacher__organization__short_name",),
    )
    event = tables.Column(verbose_name=_("Event"), accessor="event__title", order_by=("event__title",))
    starts_at = tables.DateTimeColumn(
        verbose_name=_("Date"), accessor="event__starts_at", format="d.m.Y", order_by=("event__starts_at",)
    )
    center = tables.Column(verbose_name=_("Center"), accessor="event__center__name", order_by=("event__center__name",))
    form = tables.Column(verbose_name=_("Form of work"), accessor="event__form__name", order_by=("event__form__name",))
    event_format = tables.Column(verbose_name=_("Format"), accessor="event__format", order_by=("event__format",))
    attendance = tables.Column(verbose_name=_("Attendance"), empty_values=())

    class Meta:
        fields = ()
        sequence = ("teacher", "organization", "event", "starts_at", "center", "form", "event_format", "attendance")
        attrs = {"class": "table table-sm table-hover align-middle", "id": "participants"}
        row_attrs = {"data-registration": lambda record: record.pk}
        empty_text = _("No participations.")

    def render_teacher(self, record):
        return record.teacher.full_name

    def render_event(self, record):
        return format_html('<a href="{}">{}</a>', record.event.get_absolute_url(), record.event.title)

    def render_event_format(self, record):
        return record.event.get_format_display()

    def render_attendance(self, record):
        return record.get_attendance_display()
