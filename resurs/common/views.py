"""Generic scoped views: list (filter, sort, paginate, export), detail with history, create, update, delete.

Every view takes its queryset from `restrict()`: an object outside the user's scope is a 404,
an action the user holds nowhere is a 403.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from . import access, hooks
from .access import AccessMixin
from .errors import ServiceError
from .exports import start_export
from .permissions import code_for
from .scoping import has_code, instance_in_scope, restrict
from .widgets import FastSelect


class ScopedMixin(AccessMixin):
    """Resolves the permission code for this view's action and refuses users who hold it nowhere."""

    model = None
    action = "view"

    def code(self, action=None):
        return code_for(self.model, action or self.action)

    def required_codes(self):
        return [self.code()]

    def base_queryset(self):
        return self.model._default_manager.all()

    def get_queryset(self):
        return restrict(self.base_queryset(), self.request.user, self.code())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["opts"] = self.model._meta
        context["can_add"] = has_code(user, self.code("add"))
        context["can_export"] = has_code(user, self.code("export"))
        context["can_import"] = has_code(user, self.code("import"))
        return context


class ScopedListView(ScopedMixin, SingleTableMixin, FilterView):
    template_name = "common/list.html"
    paginate_by = 50
    export_name = None
    create_url_name = None
    import_url_name = None
    title = None

    def get(self, request, *args, **kwargs):
        if request.GET.get("_export") == "xlsx" and self.export_name:
            access.require_code(request.user, self.code("export"))
            job = start_export(name=self.export_name, user=request.user, params=request.GET.dict())
            return redirect("job-detail", pk=job.pk)
        return super().get(request, *args, **kwargs)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["user"] = self.request.user
        return kwargs

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        for field in filterset.form.fields.values():
            if type(field.widget) is forms.Select:  # choice lists grow with the scope (organizations)
                field.widget = FastSelect.replacing(field.widget)
        return filterset

    def get_table_pagination(self, table):
        return {"per_page": self.paginate_by}

    def get_paginate_by(self, queryset):
        # The table paginates (above); ListView's own paginator would COUNT(*) the rows a second time.
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title or self.model._meta.verbose_name_plural
        context["create_url"] = reverse(self.create_url_name) if self.create_url_name else None
        context["import_url"] = reverse(self.import_url_name) if self.import_url_name else None
        context["export_enabled"] = bool(self.export_name) and context["can_export"]
        query = self.request.GET.copy()
        query.pop("page", None)
        query["_export"] = "xlsx"
        context["export_query"] = query.urlencode()
        return context


class ScopedObjectMixin(ScopedMixin):
    """Fetches the object from what the user may view (404 outside), then checks the action (403)."""

    def get_object(self, queryset=None):
        return access.get_object(
            self.base_queryset(), self.request.user, self.code("view"), self.code(), pk=self.kwargs["pk"]
        )


class ScopedDetailView(ScopedObjectMixin, generic.DetailView):
    template_name = "common/detail.html"
    fields = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        user = self.request.user
        # The buttons ask what the actions themselves check (access.check_object), on the loaded object.
        context["can_change"] = instance_in_scope(user, obj, self.code("change"))
        context["can_delete"] = instance_in_scope(user, obj, self.code("delete"))
        context["field_rows"] = [
            (self.model._meta.get_field(f).verbose_name, display_value(obj, f)) for f in self.fields
        ]
        context["history"] = hooks.history(obj) if hooks.history else []
        return context


def display_value(obj, field_name):
    field = obj._meta.get_field(field_name)
    if field.many_to_many:
        return ", ".join(str(o) for o in getattr(obj, field_name).all())
    if field.choices:
        return getattr(obj, f"get_{field_name}_display")()
    value = getattr(obj, field_name)
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return "" if value is None else value


class SaveMixin:
    """Saves through the service; a ServiceError becomes a form error and nothing is written."""

    template_name = "common/form.html"
    success_message = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def save(self, form):
        instance = form.save(commit=False)
        return hooks.save_object(
            actor=self.request.user,
            instance=instance,
            version=form.cleaned_data.get("version_seen"),
            code=self.code(),
            save_m2m=form.save_m2m,
        )

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            return self.form_invalid(form)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message or _("Saved."))
        return HttpResponseRedirect(self.get_success_url())

    success_url_name = None  # a list to return to, instead of the saved record's own page

    def get_success_url(self):
        if self.success_url_name:
            return reverse(self.success_url_name)
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["opts"] = self.model._meta
        return context


class ScopedCreateView(ScopedMixin, SaveMixin, generic.CreateView):
    action = "add"


class ScopedUpdateView(ScopedObjectMixin, SaveMixin, generic.UpdateView):
    action = "change"


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    action = "delete"
    template_name = "common/confirm_delete.html"
    success_url_name = None

    def form_valid(self, form):
        try:
            hooks.delete_object(actor=self.request.user, instance=self.object, code=self.code())
        except ServiceError as exc:
            messages.error(self.request, exc.message)
            return redirect(self.object.get_absolute_url())
        messages.success(self.request, _("Deleted."))
        return redirect(self.success_url_name)
