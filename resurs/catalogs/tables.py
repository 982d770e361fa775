"""Tables of the reference lists, built per catalog model."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

_cache = {}


def table_for(model):
    if model not in _cache:
        fields = [f.name for f in model._meta.fields if f.editable and not f.primary_key]
        meta = type(
            "Meta",
            (),
            {
                "model": model,
                "fields": fields,
                "attrs": {"class": "table table-sm table-hover align-middle"},
                "empty_text": _("Nothing found."),
            },
        )
        _cache[model] = type(
            f"{model.__name__}Table", (tables.Table,), {"name": tables.Column(linkify=True), "Meta": meta}
        )
    return _cache[model]
