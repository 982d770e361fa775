"""Catalog endpoints: a serializer and a viewset per catalog model, with the page's FilterSet."""

from resurs.common.api import ScopedModelSerializer, ScopedViewSet

from ..filtersets import filterset_for
from ..models import CATALOG_MODELS

_viewsets = {}


def serializer_for(model):
    fields = ["id"] + [f.name for f in model._meta.fields if f.editable and not f.primary_key]
    fields += ["version", "created_at", "updated_at"]
    meta = type("Meta", (), {"model": model, "fields": fields})
    return type(f"{model.__name__}Serializer", (ScopedModelSerializer,), {"Meta": meta, "__module__": __name__})


def viewset_for(model):
    if model not in _viewsets:
        _viewsets[model] = type(
            f"{model.__name__}ViewSet",
            (ScopedViewSet,),
            {
                "model": model,
                "serializer_class": serializer_for(model),
                "filterset_class": filterset_for(model),
                "__module__": __name__,
            },
        )
    return _viewsets[model]


def catalog_viewsets():
    """(catalog name, viewset) for every catalog, in the order of CATALOG_MODELS."""
    return [(name, viewset_for(model)) for name, model in CATALOG_MODELS.items()]
