"""Reused reads of plans: execution summaries for the center, its coordinator and the department (000 § 3.8)."""

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from resurs.catalogs.models import PlanSection

from .models import Plan, PlanDeadline, PlanItem, PlanRevision


def execution_summary(plan, today=None, *, items=None, section=None, responsible=None):
    """Share done, overdue, rescheduled and cancelled items; optionally of one section and/or responsible person.

    `items` may be the plan's items already loaded (the plan page has them prefetched), saving a query.
    """
    today = today or timezone.localdate()
    if items is None:
        items = list(plan.items.select_related("section", "form", "venue"))
    if section:
        items = [i for i in items if str(i.section_id) == str(section)]
    if responsible:
        items = [i for i in items if i.responsible == responsible]
    total = len(items)
    done = sum(1 for i in items if i.execution == PlanItem.Execution.DONE)
    overdue = sorted((i for i in items if i.is_overdue(today)), key=lambda i: (i.due_date, i.pk))
    return {
        "total": total,
        "done": done,
        "share_done": round(done * 100 / total) if total else 0,
        "overdue": overdue,
        "rescheduled": [i for i in items if i.execution == PlanItem.Execution.RESCHEDULED],
        "cancelled": [i for i in items if i.execution == PlanItem.Execution.CANCELLED],
    }


def plans_overview(queryset, today=None):
    """Plans with item counts, done and overdue counts computed in the database (constant queries).

    Also annotated: `last_submitted_at` (the latest revision), `submitted_late` (the first submission came after
    the municipality's deadline) and `deadline` (the deadline of the plan's municipality and period, if set).
    """
    today = today or timezone.localdate()
    open_states = [PlanItem.Execution.PLANNED, PlanItem.Execution.RESCHEDULED]
    revisions = PlanRevision.objects.filter(plan=OuterRef("pk"))
    return queryset.select_related(
        "center", "association", "center__organization__municipality", "agreed_revision"
    ).annotate(
        items_total=Count("items", distinct=True),
        items_done=Count("items", filter=Q(items__execution=PlanItem.Execution.DONE), distinct=True),
        items_overdue=Count(
            "items",
            filter=Q(items__execution__in=open_states)
            & (
                Q(items__new_date__lt=today)
                | Q(items__new_date__isnull=True, items__date_precision="day", items__date__lt=today)
                | Q(items__new_date__isnull=True, items__date_precision="month", items__date__lt=today.replace(day=1))
            ),
            distinct=True,
        ),
        last_submitted_at=Subquery(revisions.order_by("-number").values("submitted_at")[:1]),
        submitted_late=Exists(revisions.filter(number=1, is_late=True)),
        deadline=Subquery(
            PlanDeadline.objects.filter(
                municipality_id=OuterRef("center__organization__municipality_id"), period_start=OuterRef("period_start")
            ).values("deadline")[:1]
        ),
    )


def late_condition(today=None):
    """Plans submitted late the first time, or not submitted at all although the deadline has passed."""
    today = today or timezone.localdate()
    return Q(submitted_late=True) | Q(last_submitted_at__isnull=True, deadline__lt=today)


def is_late(plan, today=None):
    """The same rule on a plan annotated by plans_overview()."""
    today = today or timezone.localdate()
    if plan.submitted_late:
        return True
    return plan.last_submitted_at is None and plan.deadline is not None and plan.deadline < today


def plan_with_items(pk):
    return (
        Plan.objects.select_related("center__organization__municipality", "center__kind", "association__head")
        .prefetch_related("items__section", "items__form", "items__venue")
        .get(pk=pk)
    )


def items_by_section(items):
    """[(section, [items])] in the catalog's order, items by date; only sections that have items."""
    groups = {}
    for item in sorted(items, key=lambda i: (i.date, i.sort_order, i.pk)):
        groups.setdefault(item.section_id, (item.section, []))[1].append(item)
    return sorted(groups.values(), key=lambda group: (group[0].sort_order, group[0].name))


def active_sections():
    return PlanSection.objects.filter(is_active=True).order_by("sort_order", "name")
