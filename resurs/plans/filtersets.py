"""One FilterSet for the plans list page (the coordinator's and the department's view), the API and the export."""

import django_filters
from django.utils.translation import gettext_lazy as _

from resurs.centers.models import Center
from resurs.common.filtersets import ScopedFilterSet
from resurs.common.scoping import restrict
from resurs.territory.models import Municipality

from . import selectors
from .models import Plan, PlanDeadline, PlanItem


class PlanFilterSet(ScopedFilterSet):
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), field_name="center__organization__municipality", queryset=Municipality.objects.all()
    )
    center = django_filters.ModelChoiceFilter(label=_("Center"), queryset=Center.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Plan.Status.choices)
    year = django_filters.NumberFilter(label=_("Period starts in"), field_name="period_start__year")
    late = django_filters.BooleanFilter(label=_("Submitted late"), method="filter_late")

    class Meta:
        model = Plan
        fields = ["municipality", "center", "status", "year", "late"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, user=user, **kwargs)
        if user is not None:
            # The choices are where the user's plans are: a coordinator sees one center, a department its centers.
            plans = restrict(Plan.objects.all(), user, "plans.plan:view")
            self.filters["municipality"].queryset = Municipality.objects.filter(
                pk__in=plans.values("center__organization__municipality")
            )
            self.filters["center"].queryset = Center.objects.filter(pk__in=plans.values("center"))

    def filter_late(self, queryset, name, value):
        if value is None:
            return queryset
        condition = selectors.late_condition()
        return queryset.filter(condition) if value else queryset.exclude(condition)


class PlanItemFilterSet(ScopedFilterSet):
    """Items of plans in the API: by plan, section, responsible person and execution state."""

    plan = django_filters.NumberFilter(label=_("Plan"))
    section = django_filters.NumberFilter(label=_("Plan section"))
    responsible = django_filters.CharFilter(label=_("Responsible person"))
    execution = django_filters.ChoiceFilter(label=_("Execution"), choices=PlanItem.Execution.choices)

    class Meta:
        model = PlanItem
        fields = ["plan", "section", "responsible", "execution"]


class PlanDeadlineFilterSet(ScopedFilterSet):
    municipality = django_filters.ModelChoiceFilter(label=_("Municipality"), queryset=Municipality.objects.all())
    year = django_filters.NumberFilter(label=_("Period starts in"), field_name="period_start__year")
    scoped_choices = {"municipality": "plans.plandeadline:view"}

    class Meta:
        model = PlanDeadline
        fields = ["municipality", "year"]
