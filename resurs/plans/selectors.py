"""Reused reads of plans: execution summaries for the center, its coordinator and the department."""

from django.db.models import Count, Q
from django.utils import timezone

from .models import Plan, PlanItem


def execution_summary(plan, today=None):
    today = today or timezone.localdate()
    items = list(plan.items.select_related("section", "form", "venue"))
    total = len(items)
    done = sum(1 for i in items if i.execution == PlanItem.Execution.DONE)
    overdue = [i for i in items if i.is_overdue(today)]
    return {
        "total": total,
        "done": done,
        "share_done": round(done * 100 / total) if total else 0,
        "overdue": overdue,
        "rescheduled": [i for i in items if i.execution == PlanItem.Execution.RESCHEDULED],
        "cancelled": [i for i in items if i.execution == PlanItem.Execution.CANCELLED],
    }


def plans_overview(queryset, today=None):
    """Plans with item counts, done and overdue counts computed in the database (constant queries)."""
    today = today or timezone.localdate()
    open_states = [PlanItem.Execution.PLANNED, PlanItem.Execution.RESCHEDULED]
    return queryset.select_related("center", "association", "center__organization", "agreed_revision").annotate(
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
    )


def plan_with_items(pk):
    return (
        Plan.objects.select_related("center__organization__municipality", "association")
        .prefetch_related("items__section", "items__form", "items__venue")
        .get(pk=pk)
    )
