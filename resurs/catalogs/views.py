"""Reference-list pages: one set of generic views serves every catalog, chosen by the URL."""

from django.http import Http404
from django.views import generic as django_generic

from resurs.common import views as generic
from resurs.common.access import AccessMixin
from resurs.common.forms import VersionedModelForm
from resurs.common.scoping import has_code

from .filtersets import filterset_for
from .models import CATALOG_MODELS
from .tables import table_for


class CatalogMixin:
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        model = CATALOG_MODELS.get(kwargs.get("catalog"))
        if model is None:
            raise Http404
        self.model = model


class CatalogIndex(AccessMixin, django_generic.TemplateView):
    template_name = "catalogs/index.html"

    def required_codes(self):
        # A user who may see no list at all is refused like on every other page.
        return [f"catalogs.{name}:view" for name in CATALOG_MODELS]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["catalogs"] = [
            (name, model._meta.verbose_name_plural)
            for name, model in CATALOG_MODELS.items()
            if has_code(user, f"catalogs.{name}:view")
        ]
        return context


class CatalogList(CatalogMixin, generic.ScopedListView):
    def get_filterset_class(self):
        return filterset_for(self.model)

    def get_table_class(self):
        return table_for(self.model)

    def get_queryset(self):
        # A list that shows another list's entry (a competence's area) reads it in the same query.
        related = [f.name for f in self.model._meta.fields if f.is_relation and f.editable]
        return super().get_queryset().select_related(*related)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        from django.urls import reverse

        context["create_url"] = reverse("catalogs:item-create", args=[self.kwargs["catalog"]])
        return context


def form_for(model):
    fields = [f.name for f in model._meta.fields if f.editable and not f.primary_key]
    return type(
        f"{model.__name__}Form",
        (VersionedModelForm,),
        {
            "Meta": type("Meta", (), {"model": model, "fields": fields}),
            "__init__": lambda self, *a, user=None, **k: VersionedModelForm.__init__(self, *a, **k),
        },
    )


class CatalogDetail(CatalogMixin, generic.ScopedDetailView):
    def get_context_data(self, **kwargs):
        self.fields = [f.name for f in self.model._meta.fields if f.editable and not f.primary_key]
        return super().get_context_data(**kwargs)


class CatalogCreate(CatalogMixin, generic.ScopedCreateView):
    def get_form_class(self):
        return form_for(self.model)


class CatalogUpdate(CatalogMixin, generic.ScopedUpdateView):
    def get_form_class(self):
        return form_for(self.model)
