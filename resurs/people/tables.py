"""Teacher list table."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from resurs.common.tables import FastRowsTable, link

from .models import Teacher


class TeacherTable(FastRowsTable):
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
        template_name = "common/fast_table.html"

    def row_cells(self, t):
        return [
            link(t.get_absolute_url(), t.full_name),
            t.organization.short_name,
            t.position.name,
            t.category.name if t.category_id else None,
            t.experience_total,
            "✓" if t.is_young_specialist else "",
            "✓" if t.is_innovator else "",
        ]
