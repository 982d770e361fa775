"""Filters of the API lists of a center's records: the pages' FilterSets plus the center they belong to.

The center pages list one center's staff, groups, agreements and documents; the API lists them across the centers
the user sees, so each list adds `center` (its choices limited to the centers the user reaches with the list's code:
another center is an invalid choice, 400).
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from resurs.common.filtersets import ScopedFilterSet

from ..filtersets import AgreementFilterSet, AssociationFilterSet, OrderFilterSet
from ..models import Center, CenterDocument, StaffAssignment, StaffRole
from ..selectors_centers import current_staff_filter


def center_filter():
    return django_filters.ModelChoiceFilter(label=_("Center"), queryset=Center.objects.all())


class StaffFilterSet(ScopedFilterSet):
    center = center_filter()
    role = django_filters.ChoiceFilter(label=_("Function"), choices=StaffRole.choices)
    current = django_filters.BooleanFilter(label=_("Current"), method="filter_current")
    scoped_choices = {"center": "centers.staffassignment:view"}

    class Meta:
        model = StaffAssignment
        fields = ["center", "role", "current"]

    def filter_current(self, queryset, name, value):
        condition = current_staff_filter()
        return queryset.filter(condition) if value else queryset.exclude(condition)


class CenterAssociationFilterSet(AssociationFilterSet):
    center = center_filter()
    scoped_choices = {"center": "centers.association:view"}

    class Meta(AssociationFilterSet.Meta):
        fields = ["center", *AssociationFilterSet.Meta.fields]


class CenterAgreementFilterSet(AgreementFilterSet):
    center = center_filter()
    scoped_choices = {"center": "centers.agreement:view"}

    class Meta(AgreementFilterSet.Meta):
        fields = ["center", *AgreementFilterSet.Meta.fields]


class CenterDocumentFilterSet(ScopedFilterSet):
    center = center_filter()
    requirement = django_filters.CharFilter(label=_("Required document"))
    scoped_choices = {"center": "centers.centerdocument:view"}

    class Meta:
        model = CenterDocument
        fields = ["center", "requirement"]


class CenterOrderFilterSet(OrderFilterSet):
    """The orders registry's FilterSet; `issuer` is documented as the page sends it: m<municipality id> for a
    department, o<organization id> for an organization."""

    @extend_schema_field(OpenApiTypes.STR)
    def filter_issuer(self, queryset, name, value):
        return super().filter_issuer(queryset, name, value)
