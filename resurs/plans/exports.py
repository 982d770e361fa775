"""XLSX of a plan's items (re-importable: the headers are the import's) and of the plans list (SPEC §5, §12)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resurs.common.exporters import Exporter, write_xlsx
from resurs.common.exports import register_export

from . import selectors
from .filtersets import PlanFilterSet
from .imports import PlanItemImporter
from .models import Plan, PlanItem


def item_headers():
    """The import's column headers, then the execution columns."""
    return [str(c.header) for c in PlanItemImporter.columns] + [
        _("Execution"),
        _("New date"),
        _("Reason"),
        _("Done on"),
    ]


def item_row(item):
    month = item.date_precision == PlanItem.DatePrecision.MONTH
    return [
        item.section.name,
        item.form.name,
        item.topic,
        item.date_display if month else item.date,  # a month is text («март 2026»), a day a real date
        item.venue_display,
        item.responsible,
        item.audience,
        item.expected_product,
        item.get_execution_display(),
        item.new_date,
        item.execution_reason,
        item.done_on,
    ]


def plan_items_xlsx(plan):
    """(file name, bytes): the plan's items in the order of the plan page (section, date)."""
    items = selectors.items_by_section(plan.items.all())
    rows = (item_row(item) for _section, group in items for item in group)
    content = write_xlsx(_("Plan items"), item_headers(), rows)
    return f"plan-{plan.pk}-{plan.period_start.year}.xlsx", content


def _share(plan):
    return round(plan.items_done * 100 / plan.items_total) if plan.items_total else 0


class PlanExporter(Exporter):
    title = gettext_lazy("Plans")
    columns = (
        (gettext_lazy("Center"), lambda p: p.center.name),
        (gettext_lazy("Association"), lambda p: p.association.name if p.association_id else ""),
        (gettext_lazy("Municipality"), lambda p: p.center.organization.municipality.name),
        (gettext_lazy("Period"), lambda p: p.period_label),
        (gettext_lazy("Status"), lambda p: p.get_status_display()),
        (gettext_lazy("Submitted"), lambda p: p.last_submitted_at),
        (gettext_lazy("Submitted late"), lambda p: _("yes") if selectors.is_late(p) else _("no")),
        (gettext_lazy("Agreed"), lambda p: p.agreed_revision.decided_at if p.agreed_revision_id else None),
        (gettext_lazy("Items"), lambda p: p.items_total),
        (gettext_lazy("Done"), lambda p: p.items_done),
        (gettext_lazy("Done, %"), _share),
        (gettext_lazy("Overdue"), lambda p: p.items_overdue),
    )


def plan_list_queryset():
    return selectors.plans_overview(Plan.objects.all())


register_export("plans.plans", queryset=plan_list_queryset, filterset=PlanFilterSet, exporter=PlanExporter)
