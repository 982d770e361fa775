"""One FilterSet per list of monitoring, shared by the page, the API (and the export)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from resurs.common.filtersets import ScopedFilterSet
from resurs.territory.models import Municipality, Organization

from .models import (
    AssessmentResult,
    DataRequest,
    DataResponse,
    IdentificationRun,
    Indicator,
    Methodology,
    RunResult,
    SupportCase,
    SupportStep,
)


class IndicatorFilterSet(ScopedFilterSet):
    code = django_filters.CharFilter(label=_("Code or name"), method="filter_text")
    block = django_filters.ChoiceFilter(label=_("Block"), choices=Indicator.Block.choices)
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Indicator.Level.choices)
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Indicator
        fields = ["code", "block", "level", "is_active"]

    def filter_text(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value)) if value else queryset


class DataRequestFilterSet(ScopedFilterSet):
    municipality = django_filters.ModelChoiceFilter(label=_("Municipality"), queryset=Municipality.objects.all())
    year = django_filters.NumberFilter(label=_("Year"))

    scoped_choices = {"municipality": "monitoring.datarequest:view"}

    class Meta:
        model = DataRequest
        fields = ["municipality", "year"]


class DataResponseFilterSet(ScopedFilterSet):
    request = django_filters.NumberFilter(label=_("Data request"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DataResponse.Status.choices)
    organization = django_filters.ModelChoiceFilter(label=_("Organization"), queryset=Organization.objects.all())

    scoped_choices = {"organization": "monitoring.dataresponse:view"}

    class Meta:
        model = DataResponse
        fields = ["request", "status", "organization"]


class AssessmentResultFilterSet(ScopedFilterSet):
    year = django_filters.NumberFilter(label=_("Year"))
    procedure = django_filters.ChoiceFilter(label=_("Procedure"), choices=AssessmentResult.Procedure.choices)
    organization = django_filters.ModelChoiceFilter(label=_("Organization"), queryset=Organization.objects.all())
    subject = django_filters.CharFilter(label=_("Subject"), lookup_expr="icontains")
    grade = django_filters.NumberFilter(label=_("Grade"))

    scoped_choices = {"organization": "monitoring.assessmentresult:view"}

    class Meta:
        model = AssessmentResult
        fields = ["year", "procedure", "organization", "subject", "grade"]


class MethodologyFilterSet(ScopedFilterSet):
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Methodology
        fields = ["is_active"]


class RunFilterSet(ScopedFilterSet):
    municipality = django_filters.ModelChoiceFilter(label=_("Municipality"), queryset=Municipality.objects.all())
    year = django_filters.NumberFilter(label=_("Year"))

    scoped_choices = {"municipality": "monitoring.identificationrun:view"}

    class Meta:
        model = IdentificationRun
        fields = ["municipality", "year"]


class RunResultFilterSet(ScopedFilterSet):
    run = django_filters.NumberFilter(label=_("Run"))
    organization = django_filters.NumberFilter(label=_("School"))

    class Meta:
        model = RunResult
        fields = ["run", "organization"]


class SupportCaseFilterSet(ScopedFilterSet):
    year = django_filters.NumberFilter(label=_("Year"))
    group = django_filters.ChoiceFilter(label=_("Group"), choices=SupportCase._meta.get_field("group").choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SupportCase.Status.choices)

    class Meta:
        model = SupportCase
        fields = ["year", "group", "status"]


class SupportStepFilterSet(ScopedFilterSet):
    case = django_filters.NumberFilter(label=_("Support"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SupportStep.Status.choices)

    class Meta:
        model = SupportStep
        fields = ["case", "status"]
