"""FilterSets of the reference lists, built per catalog model."""

import django_filters
from django.utils.translation import gettext_lazy as _

from resurs.common.filtersets import ScopedFilterSet

_cache = {}


def filterset_for(model):
    if model not in _cache:
        meta = type("Meta", (), {"model": model, "fields": ["q", "is_active"]})
        _cache[model] = type(
            f"{model.__name__}FilterSet",
            (ScopedFilterSet,),
            {
                "q": django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains"),
                "is_active": django_filters.BooleanFilter(label=_("In use")),
                "Meta": meta,
            },
        )
    return _cache[model]
