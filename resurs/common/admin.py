"""Django admin, the superuser's back door: ordinary changelists, writes through the audited save, read-only logs.

`AuditedAdmin` saves and deletes through the same service as the pages (`hooks.save_object`), so an edit in
the admin gets the field-diff change log too. `register_remaining(app_label)` registers every model of an app
that has no hand-written admin yet with options derived from its fields (kept in step when fields change).
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import hooks
from .models import Job
from .permissions import code_for

admin.site.site_header = _("Resurs administration")
admin.site.site_title = _("Resurs administration")

VERSION_FIELDS = ("version", "created_at", "updated_at", "updated_by")


class AuditedAdmin(admin.ModelAdmin):
    """Creates, changes and deletes through the audited service; version fields are shown, never edited."""

    def get_readonly_fields(self, request, obj=None):
        own = [f.name for f in self.model._meta.fields if f.name in VERSION_FIELDS]
        return [*super().get_readonly_fields(request, obj), *own]

    def save_model(self, request, obj, form, change):
        hooks.save_object(
            actor=request.user,
            instance=obj,
            version=None,
            code=code_for(self.model, "change" if change else "add"),
            save_m2m=form.save_m2m,
        )

    def save_related(self, request, form, formsets, change):
        # The form's many-to-many values were saved inside save_object (so their diff is logged).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        hooks.delete_object(actor=request.user, instance=obj, code=code_for(self.model, "delete"))

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Logs and job records: written by the system only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "user", "status", "progress", "created_at", "finished_at")
    list_select_related = ("user",)
    list_filter = ("status", "kind")
    search_fields = ("title", "kind", "user__username")
    date_hierarchy = "created_at"


_SKIPPED_IN_LIST = (models.TextField, models.JSONField, models.FileField, models.ManyToManyField)


def default_options(model):
    """Changelist options for a model from its fields: what an ordinary hand-written admin would show."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in VERSION_FIELDS]
    shown = [f for f in fields if not isinstance(f, _SKIPPED_IN_LIST)][:7]
    relations = [f.name for f in fields if f.many_to_one or f.one_to_one]
    return {
        "list_display": ["__str__", *[f.name for f in shown]],
        "list_select_related": [f.name for f in shown if f.is_relation],
        "search_fields": [
            f.name for f in fields if isinstance(f, models.CharField) and not f.choices and not f.is_relation
        ][:3],
        "list_filter": [f.name for f in fields if f.choices or isinstance(f, models.BooleanField)][:4],
        # A drop-down of thousands of teachers or organizations would make every change form slow.
        "raw_id_fields": relations,
    }


def register_remaining(app_label, base=AuditedAdmin):
    """Register every model of `app_label` not registered yet, with `default_options`."""
    from django.apps import apps

    for model in apps.get_app_config(app_label).get_models():
        if not admin.site.is_registered(model):
            admin.site.register(model, type(f"{model.__name__}Admin", (base,), default_options(model)))


register_remaining("common")  # framework models without a hand-written admin above
