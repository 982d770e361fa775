"""One FilterSet per list: the page, the API and the XLSX export filter the same way."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import ContentDirection, Subject
from resurs.common.filtersets import ScopedFilterSet
from resurs.common.scoping import restrict
from resurs.territory.models import Municipality, Organization

from .models import (
    Agreement,
    Application,
    ApplicationDeadline,
    Association,
    Center,
    CenterKind,
    Order,
    ReviewCriterion,
)
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


class ApplicationFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Application.Status.choices)
    kind = django_filters.ModelChoiceFilter(label=_("Center kind"), queryset=CenterKind.objects.all())
    organization = django_filters.ModelChoiceFilter(label=_("Organization"), queryset=Organization.objects.all())
    year = django_filters.NumberFilter(label=_("Year"), field_name="created_at__year")
    scoped_choices = {"organization": "centers.application:view"}

    class Meta:
        model = Application
        fields = ["q", "status", "kind", "organization", "year"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(organization__short_name__icontains=value)
            | Q(organization__full_name__icontains=value)
        )


class OrderFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    issuer = django_filters.ChoiceFilter(label=_("Issued by"), method="filter_issuer")
    year = django_filters.ChoiceFilter(label=_("Year"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Order.Kind.choices)
    center = django_filters.ModelChoiceFilter(label=_("Center"), queryset=Center.objects.all())
    scoped_choices = {"center": "centers.center:view"}

    class Meta:
        model = Order
        fields = ["q", "issuer", "year", "kind", "center"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, user=user, **kwargs)
        if user is not None:
            # Offer the issuers and years of the orders the user sees.
            visible = restrict(Order.objects.all(), user, "centers.order:view")
            municipalities = Municipality.objects.filter(pk__in=visible.values("issuer_municipality_id"))
            organizations = Organization.objects.filter(pk__in=visible.values("issuer_organization_id"))
            self.filters["issuer"].extra["choices"] = [(f"m{m.pk}", str(m)) for m in municipalities] + [
                (f"o{o.pk}", str(o)) for o in organizations
            ]
            years = visible.order_by("-year").values_list("year", flat=True).distinct()
            self.filters["year"].extra["choices"] = [(y, y) for y in years]

    def search(self, queryset, name, value):
        return queryset.filter(Q(number__iexact=value) | Q(title__icontains=value))

    def filter_issuer(self, queryset, name, value):
        if value[:1] == "m" and value[1:].isdigit():
            return queryset.filter(issuer_municipality_id=int(value[1:]))
        if value[:1] == "o" and value[1:].isdigit():
            return queryset.filter(issuer_organization_id=int(value[1:]))
        return queryset.none()


class CenterKindFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    planning_period = django_filters.ChoiceFilter(
        label=_("Planning period"), choices=CenterKind._meta.get_field("planning_period").choices
    )
    is_active = django_filters.BooleanFilter(label=_("In use"))

    class Meta:
        model = CenterKind
        fields = ["q", "planning_period", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value) | Q(regulation__icontains=value))


class ReviewCriterionFilterSet(ScopedFilterSet):
    is_active = django_filters.BooleanFilter(label=_("In use"))

    class Meta:
        model = ReviewCriterion
        fields = ["is_active"]


class ApplicationDeadlineFilterSet(ScopedFilterSet):
    municipality = django_filters.ModelChoiceFilter(label=_("Municipality"), queryset=Municipality.objects.all())
    year = django_filters.NumberFilter(label=_("Year"))
    scoped_choices = {"municipality": "centers.applicationdeadline:view"}

    class Meta:
        model = ApplicationDeadline
        fields = ["municipality", "year"]
