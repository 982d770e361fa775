"""Plan pages: thin views over the scoped queryset and the plan services."""

from resurs.common.views import ScopedDetailView

from . import selectors
from .models import Plan


class PlanDetail(ScopedDetailView):
    model = Plan
    template_name = "plans/plan_detail.html"

    def base_queryset(self):
        return Plan.objects.select_related("center__organization__municipality", "association", "agreed_revision")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = selectors.plan_with_items(self.object.pk)
        context["items"] = plan.items.all()
        context["summary"] = selectors.execution_summary(plan)
        return context
