"""FilterSets of the territory lists (page, API and export share them)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from resurs.common.filtersets import ScopedFilterSet

from .models import EducationalDistrict, Municipality, Organization, OrganizationType, Region


class RegionFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains")

    class Meta:
        model = Region
        fields = ["q"]


class MunicipalityFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains")
    region = django_filters.ModelChoiceFilter(label=_("Region"), queryset=Region.objects.all())
    scoped_choices = {"region": "territory.region:view"}

    class Meta:
        model = Municipality
        fields = ["q", "region"]


class EducationalDistrictFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains")
    municipality = django_filters.ModelChoiceFilter(label=_("Municipality"), queryset=Municipality.objects.all())
    scoped_choices = {"municipality": "territory.municipality:view"}

    class Meta:
        model = EducationalDistrict
        fields = ["q", "municipality"]


class OrganizationFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    municipality = django_filters.ModelChoiceFilter(label=_("Municipality"), queryset=Municipality.objects.all())
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=OrganizationType.choices)
    district = django_filters.ModelChoiceFilter(
        label=_("Educational district"), queryset=EducationalDistrict.objects.all()
    )
    is_base = django_filters.BooleanFilter(label=_("Base organization"))
    scoped_choices = {
        "municipality": "territory.municipality:view",
        "district": "territory.educationaldistrict:view",
    }

    class Meta:
        model = Organization
        fields = ["q", "municipality", "kind", "district", "is_base"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(short_name__icontains=value) | Q(full_name__icontains=value) | Q(inn=value))
