"""One FilterSet per list, shared by the page, the API and the XLSX export (SPEC §7): products (with the Russian
search of search.py), publications, presentation programmes."""

import django_filters
from django.utils.translation import gettext_lazy as _

from resurs.catalogs.models import ContentDirection, EducationLevel, Subject
from resurs.centers.models import Center
from resurs.common.filtersets import ScopedFilterSet
from resurs.common.scoping import restrict

from . import search
from .models import Criterion, Presentation, Product, Publication


def _centers_of(filterset, model, code):
    if filterset.user is not None:
        rows = restrict(model.objects.all(), filterset.user, code)
        filterset.filters["center"].queryset = Center.objects.filter(pk__in=rows.values("center"))


class ProductFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    center = django_filters.ModelChoiceFilter(label=_("Center"), queryset=Center.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Product.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Product.Kind.choices)
    direction = django_filters.ModelChoiceFilter(label=_("Content direction"), queryset=ContentDirection.objects.all())
    subject = django_filters.ModelChoiceFilter(
        label=_("Subject"), field_name="subjects", queryset=Subject.objects.all(), distinct=True
    )
    level = django_filters.ModelChoiceFilter(
        label=_("Level of education"), field_name="levels", queryset=EducationLevel.objects.all(), distinct=True
    )
    year = django_filters.NumberFilter(label=_("Year"))
    proposed = django_filters.BooleanFilter(label=_("Proposed for replication"), field_name="proposed_for_replication")
    assigned_to_me = django_filters.BooleanFilter(label=_("Assigned to me for review"), method="filter_assigned")

    class Meta:
        model = Product
        fields = ["q", "center", "status", "kind", "direction", "subject", "level", "year", "proposed"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, user=user, **kwargs)
        _centers_of(self, Product, "products.product:view")
        self.filters["direction"].queryset = ContentDirection.objects.filter(is_active=True)
        self.filters["subject"].queryset = Subject.objects.filter(is_active=True)
        self.filters["level"].queryset = EducationLevel.objects.filter(is_active=True)

    def filter_q(self, queryset, name, value):
        return search.search(queryset, value)

    def filter_assigned(self, queryset, name, value):
        if value is None or self.user is None:
            return queryset
        mine = Product.objects.filter(reviews__reviewer=self.user).values("pk")
        return queryset.filter(pk__in=mine) if value else queryset.exclude(pk__in=mine)


class PublicationFilterSet(ScopedFilterSet):
    center = django_filters.ModelChoiceFilter(label=_("Center"), queryset=Center.objects.all())
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Publication.Channel.choices)
    year = django_filters.NumberFilter(label=_("Year"), field_name="date__year")
    title = django_filters.CharFilter(label=_("Title"), lookup_expr="icontains")

    class Meta:
        model = Publication
        fields = ["center", "channel", "year", "title"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, user=user, **kwargs)
        _centers_of(self, Publication, "products.publication:view")


class PresentationFilterSet(ScopedFilterSet):
    center = django_filters.ModelChoiceFilter(label=_("Center"), queryset=Center.objects.all())
    year = django_filters.NumberFilter(label=_("Year"), field_name="date__year")

    class Meta:
        model = Presentation
        fields = ["center", "year"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, user=user, **kwargs)
        _centers_of(self, Presentation, "products.presentation:view")


class CriterionFilterSet(ScopedFilterSet):
    is_active = django_filters.BooleanFilter(label=_("In use"))

    class Meta:
        model = Criterion
        fields = ["is_active"]
