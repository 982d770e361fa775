"""Teacher list table."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Teacher


class TeacherTable(tables.Table):
    full_name = tables.Column(
        verbose_name=_("Full name"), linkify=True, order_by=("surname", "name", "patronymic"), accessor="full_name"
    )
    organization = tables.Column(verbose_name=_("Organization"), order_by="organization__short_name")
    position = tables.Column(verbose_name=_("Position"))
    category = tables.Column(verbose_name=_("Category"))
    experience_total = tables.Column(verbose_name=_("Experience"))
    is_young_specialist = tables.BooleanColumn(verbose_name=_("Young"), yesno="✓,")
    is_innovator = tables.BooleanColumn(verbose_name=_("Innovator"), yesno="✓,")

    class Meta:
        model = Teacher
        fields = (
            "full_name",
            "organization",
            "position",
            "category",
            "experience_total",
            "is_young_specialist",
            "is_innovator",
        )
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("Nothing found.")
