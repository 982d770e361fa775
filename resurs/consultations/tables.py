"""The table of the consultations list: topic, center, asker, format, direction, methodist, status, response time."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Consultation

STATUS_BADGES = {
    "new": "primary",
    "assigned": "info",
    "answered": "success",
    "scheduled": "warning",
    "held": "success",
    "closed": "dark",
    "cancelled": "secondary",
    "rejected": "danger",
}


def duration_text(value):
    """A response time as «2 д 3 ч» / «45 мин» (days, hours, minutes)."""
    if value is None:
        return ""
    minutes = int(value.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _("%(days)s d %(hours)s h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)s min") % {"minutes": minutes}


def asker_text(record):
    if record.teacher_id:
        return f"{record.teacher.full_name} ({record.organization.short_name})"
    return record.organization.short_name


class ConsultationTable(tables.Table):
    topic = tables.Column(verbose_name=_("Topic"), linkify=True)
    center = tables.Column(verbose_name=_("Center"), accessor="center__name", order_by=("center__name",))
    asker = tables.Column(verbose_name=_("Asker"), accessor="organization__short_name", empty_values=())
    kind = tables.Column(verbose_name=_("Format"))
    direction = tables.Column(verbose_name=_("Content direction"), accessor="direction__name")
    methodist = tables.Column(verbose_name=_("Methodist"), order_by=("methodist__last_name",))
    asked_at = tables.DateTimeColumn(verbose_name=_("Asked"), format="d.m.Y H:i")
    status = tables.Column(verbose_name=_("Status"))
    response_duration = tables.Column(verbose_name=_("Response time"))
    rating = tables.Column(verbose_name=_("Rating"))

    class Meta:
        model = Consultation
        fields = ()
        sequence = (
            "topic",
            "center",
            "asker",
            "kind",
            "direction",
            "methodist",
            "asked_at",
            "status",
            "response_duration",
            "rating",
        )
        attrs = {"class": "table table-sm table-hover align-middle", "id": "consultation-list"}
        row_attrs = {"data-consultation": lambda record: record.pk}
        empty_text = _("No consultations.")

    def render_asker(self, record):
        return asker_text(record)

    def render_kind(self, record):
        return record.get_kind_display()

    def render_methodist(self, record):
        return record.methodist.get_full_name() or record.methodist.username

    def render_response_duration(self, value):
        return duration_text(value)

    def render_status(self, record):
        return format_html(
            '<span class="badge text-bg-{}" data-status="{}">{}</span>',
            STATUS_BADGES.get(record.status, "secondary"),
            record.status,
            record.get_status_display(),
        )
