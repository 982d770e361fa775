"""One FilterSet per list: the page, the API and the XLSX export filter the same way."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import ContentDirection, Subject
from resurs.common.filtersets import ScopedFilterSet
from resurs.common.scoping import restrict
from resurs.territory.models import Municipality

from .models import Agreement, Association, Center, CenterKind
from .selectors_centers import ends_within_filter


class CenterFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), field_name="organization__municipality", queryset=Municipality.objects.all()
    )
    kind = django_filters.ModelChoiceFilter(label=_("Kind"), queryset=CenterKind.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Center.Status.choices)
    direction = django_filters.ModelChoiceFilter(
        label=_("Content direction"), field_name="directions", queryset=ContentDirection.objects.all()
    )
    ends_within = django_filters.NumberFilter(
        label=_("Term ends within, days"), method="filter_ends_within", min_value=0, max_value=3660
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort"),
        fields=(("name", "name"), ("term_end", "term_end"), ("organization__short_name", "organization")),
        field_labels={"name": _("Name"), "term_end": _("Term until"), "organization__short_name": _("Organization")},
    )

    class Meta:
        model = Center
        fields = ["q", "municipality", "kind", "status", "direction", "ends_within"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, user=user, **kwargs)
        if user is not None:
            # Offer the municipalities where the user sees centers (a center head sees one).
            visible = restrict(Center.objects.all(), user, "centers.center:view")
            self.filters["municipality"].queryset = Municipality.objects.filter(
                pk__in=visible.values("organization__municipality_id")
            )

    def search(self, queryset, name, value):
        condition = Q()
        for word in value.split()[:4]:
            condition &= (
                Q(name__icontains=word)
                | Q(organization__short_name__icontains=word)
                | Q(organization__full_name__icontains=word)
            )
        return queryset.filter(condition)

    def filter_ends_within(self, queryset, name, value):
        return queryset.filter(ends_within_filter(int(value)))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("direction"):
            queryset = queryset.distinct()
        return queryset


class AssociationFilterSet(ScopedFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Association.Kind.choices)
    subject = django_filters.ModelChoiceFilter(label=_("Subject"), queryset=Subject.objects.all())
    is_active = django_filters.BooleanFilter(label=_("Works"))

    class Meta:
        model = Association
        fields = ["kind", "subject", "is_active"]


class AgreementFilterSet(ScopedFilterSet):
    party_kind = django_filters.ChoiceFilter(label=_("Kind of party"), choices=Agreement.PartyKind.choices)
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = Agreement
        fields = ["party_kind", "q"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(party__icontains=value) | Q(number__icontains=value) | Q(subject__icontains=value))


# --- the application workflow: applications and orders -------------------------------------------------------------
