"""Base FilterSet: knows the user, so choice lists offer only what the user's scope reaches."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .scoping import restrict


class ScopedFilterSet(django_filters.FilterSet):
    # filter name -> permission code used to restrict its choices
    scoped_choices = {}

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.user = user
        for field in self.filters.values():
            if isinstance(field, django_filters.BooleanFilter) and "widget" not in field.extra:
                # «any / yes / no» instead of django-filter's «Unknown / Yes / No».
                field.extra["widget"] = forms.Select(choices=[("", _("any")), ("true", _("yes")), ("false", _("no"))])
        if user is not None:
            for name, code in self.scoped_choices.items():
                field = self.filters[name]
                field.queryset = restrict(field.queryset, user, code)

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            # Bootstrap classes: full-width controls that stay inside the filter panel.
            for field in form.fields.values():
                widget = field.widget
                if isinstance(widget, forms.CheckboxInput):
                    continue
                css = (
                    "form-select form-select-sm" if isinstance(widget, forms.Select) else "form-control form-control-sm"
                )
                widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            form._styled = True
        return form
