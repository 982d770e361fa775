"""Tables of the plans list (status, period, owner, submission, agreement, execution) and of the deadlines."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tables2.utils import A

from . import selectors
from .models import Plan, PlanDeadline

STATUS_BADGES = {
    "draft": "secondary",
    "submitted": "info",
    "returned": "warning",
    "agreed": "success",
    "revising": "primary",
}


class PlanTable(tables.Table):
    plan = tables.Column(verbose_name=_("Plan"), accessor="pk", linkify=True, order_by=("-period_start",))
    owner = tables.Column(verbose_name=_("Owner"), accessor="center__name", order_by=("center__name",))
    municipality = tables.Column(
        verbose_name=_("Municipality"),
        accessor="center__organization__municipality",
        order_by=("center__organization__municipality__name",),
    )
    status = tables.Column(verbose_name=_("Status"))
    submitted = tables.Column(
        verbose_name=_("Submitted"), accessor="last_submitted_at", order_by=("last_submitted_at",)
    )
    agreed = tables.Column(
        verbose_name=_("Agreed"), accessor="agreed_revision__decided_at", order_by=("agreed_revision__decided_at",)
    )
    done = tables.Column(verbose_name=_("Done"), accessor="items_done", order_by=("items_done",))
    overdue = tables.Column(verbose_name=_("Overdue"), accessor="items_overdue", order_by=("items_overdue",))

    class Meta:
        model = Plan
        fields = ()
        sequence = ("plan", "owner", "municipality", "status", "submitted", "agreed", "done", "overdue")
        attrs = {"class": "table table-sm table-hover align-middle", "id": "plan-list"}
        row_attrs = {"data-plan": lambda record: record.pk}
        empty_text = _("No plans.")

    def render_plan(self, record):
        return _("Plan for %(period)s") % {"period": record.period_label}

    def render_owner(self, record):
        if record.association_id:
            return format_html("{}<div class='small text-muted'>{}</div>", record.association.name, record.center.name)
        return record.center.name

    def render_status(self, record):
        return format_html(
            '<span class="badge text-bg-{}" data-status="{}">{}</span>',
            STATUS_BADGES.get(record.status, "secondary"),
            record.status,
            record.get_status_display(),
        )

    def render_submitted(self, record, value):
        late = ""
        if selectors.is_late(record):
            late = format_html(' <span class="badge text-bg-danger" data-late>{}</span>', _("late"))
        return format_html("{}{}", value.strftime("%d.%m.%Y"), late)

    def value_submitted(self, record, value):
        return value.strftime("%d.%m.%Y") if value else ""

    def render_agreed(self, value):
        return value.strftime("%d.%m.%Y")

    def render_done(self, record):
        share = round(record.items_done * 100 / record.items_total) if record.items_total else 0
        return format_html(
            '<span data-share="{}">{}%</span> <span class="small text-muted">({} / {})</span>',
            share,
            share,
            record.items_done,
            record.items_total,
        )


class PlanDeadlineTable(tables.Table):
    municipality = tables.Column(verbose_name=_("Municipality"))
    period_start = tables.Column(verbose_name=_("Period"))
    deadline = tables.DateColumn(
        verbose_name=_("Deadline"), format="d.m.Y", linkify=("plans:deadline-update", [A("pk")])
    )

    class Meta:
        model = PlanDeadline
        fields = ("municipality", "period_start", "deadline")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No deadlines set: plans are not marked late.")

    def render_period_start(self, value):
        if value.month == 1 and value.day == 1:
            return str(value.year)
        return f"{value.year}/{value.year + 1}"


class PlanDeadlineReadTable(PlanDeadlineTable):
    deadline = tables.DateColumn(verbose_name=_("Deadline"), format="d.m.Y")
