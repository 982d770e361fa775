"""Base FilterSet: knows the user, so choice lists offer only what the user's scope reaches; every value is
checked against what the database can take (a year 2000–2100, an integer the column holds), so a bad value is
a form error on the page and a 400 in the API, never a 500."""

import datetime

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext_lazy as _

from .scoping import restrict

YEARS = (2000, 2100)  # the system's records (plans, applications, orders) all fall in these years
DATES = (datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))  # birth dates to plan periods
DATE_PARTS = {"year": YEARS, "month": (1, 12), "day": (1, 31), "week": (1, 53), "week_day": (1, 7), "quarter": (1, 4)}
INTEGER = (-(2**31), 2**31 - 1)  # a number filtered by a method: what any integer column takes
TEXT_MAX_LENGTH = 200  # a search text; longer is no search (and LIKE patterns have limits)


def pk_or_none(value):
    """A primary key read from raw query data (before the form cleans it), or None where it is no integer a key column holds."""
    low, high = BaseDatabaseOperations.integer_field_ranges["BigAutoField"]
    text = str(value) if value is not None else ""
    return int(text) if text.isascii() and text.isdigit() and low <= int(text) <= high else None


def _target(model, field_name):
    """The model field a filter path ends on and the date part read from it (`period_start__year` -> DateField,
    "year"); (None, None) where the path is no model field (a method filter)."""
    field, part = None, None
    opts = model._meta if model is not None else None
    for name in field_name.split("__"):
        if opts is None:
            part = name
            break
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:
            part = name
            break
        related = field.related_model if field.is_relation else None
        opts = related._meta if related is not None else None
    if field is not None and field.is_relation:
        field = getattr(field, "target_field", None)
    return field, part


def _number_bounds(filterset, flt):
    """min, max and decimal places of a number filter, from the column it reads."""
    field, part = _target(filterset._meta.model, flt.field_name)
    if part in DATE_PARTS:
        return (*DATE_PARTS[part], 0)
    if part is None and flt.field_name.rsplit("__", 1)[-1] == "year":
        return (*YEARS, 0)
    if isinstance(field, models.IntegerField | models.AutoField):
        # The ranges Django knows for each integer column type (SQLite would take any 64-bit integer in each).
        return (*BaseDatabaseOperations.integer_field_ranges.get(field.get_internal_type(), INTEGER), 0)
    # A method filter, or a column of a type no filter reads yet (decimal, float): an integer.
    return (*INTEGER, 0)


def bound_values(filterset):
    """Limits on every filter's form field, unless the filter declares its own."""
    for flt in filterset.filters.values():
        extra = flt.extra
        if isinstance(flt, django_filters.NumberFilter):
            low, high, places = _number_bounds(filterset, flt)
            extra.setdefault("min_value", low)
            extra.setdefault("max_value", high)
            extra.setdefault("decimal_places", places)
        elif isinstance(flt, django_filters.DateFilter) and "validators" not in extra:
            extra["validators"] = [MinValueValidator(DATES[0]), MaxValueValidator(DATES[1])]
        elif isinstance(flt, django_filters.CharFilter):
            extra.setdefault("max_length", TEXT_MAX_LENGTH)


class ScopedFilterSet(django_filters.FilterSet):
    # filter name -> permission code used to restrict its choices
    scoped_choices = {}

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.user = user
        bound_values(self)
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
