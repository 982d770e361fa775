"""Tables of the centers app's list pages."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Center
from .selectors_centers import ending_soon


class CenterTable(tables.Table):
    name = tables.Column(verbose_name=_("Name"), linkify=True)
    organization = tables.Column(verbose_name=_("Base organization"), order_by="organization__short_name")
    municipality = tables.Column(
        verbose_name=_("Municipality"), accessor="organization__municipality", order_by="organization__municipality"
    )
    kind = tables.Column(verbose_name=_("Kind"))
    directions = tables.Column(verbose_name=_("Content directions"), orderable=False, empty_values=())
    term_end = tables.Column(verbose_name=_("Term until"), empty_values=())
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Center
        fields = ("name", "organization", "municipality", "kind", "directions", "term_end", "status")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("Nothing found.")

    def render_organization(self, record):
        return record.organization.short_name

    def render_directions(self, record):
        return ", ".join(d.name for d in record.directions.all()) or "—"

    def render_term_end(self, record):
        if record.term_end is None:
            return "—"
        if ending_soon(record):
            return format_html(
                '{} <span class="badge text-bg-warning">{}</span>', record.term_end.strftime("%d.%m.%Y"), _("ends soon")
            )
        return record.term_end.strftime("%d.%m.%Y")

    def render_status(self, record):
        css = "success" if record.status == Center.Status.ACTIVE else "secondary"
        return format_html('<span class="badge text-bg-{}">{}</span>', css, record.get_status_display())


# --- the application workflow: kinds, criteria, deadlines, applications, orders -----------------------------------
