"""XLSX export of the center registry (no personal data beyond the head's name, an official fact of the order)."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from resurs.common.exporters import Exporter
from resurs.common.exports import register_export

from .filtersets import CenterFilterSet
from .models import StaffAssignment
from .selectors_centers import center_list_queryset, current_staff_filter, ending_soon


def _heads(center):
    return ", ".join(s.full_name for s in center.current_heads)


class CenterExporter(Exporter):
    title = _("Resource centers")
    columns = (
        (_("Name"), lambda c: c.name),
        (_("Municipality"), lambda c: c.organization.municipality.name),
        (_("Base organization"), lambda c: c.organization.short_name),
        (_("Kind"), lambda c: c.kind.name),
        (_("Content directions"), lambda c: ", ".join(d.name for d in c.directions.all())),
        (_("Term from"), lambda c: c.term_start),
        (_("Term until"), lambda c: c.term_end),
        (_("Term ends soon"), lambda c: str(_("yes")) if ending_soon(c) else ""),
        (_("Status"), lambda c: str(c.get_status_display())),
        (_("Terminated on"), lambda c: c.terminated_on),
        (_("Termination reason"), lambda c: str(c.get_termination_reason_display()) if c.termination_reason else ""),
        (_("Head"), _heads),
        (_("E-mail"), lambda c: c.email),
        (_("Phone"), lambda c: c.phone),
        (_("Website"), lambda c: c.website),
    )

    def rows(self):
        heads = StaffAssignment.objects.filter(current_staff_filter(), role="head").order_by("full_name")
        # Prefetching in chunks keeps the number of queries constant per 2,000 rows.
        yield from self.queryset.prefetch_related(Prefetch("staff", queryset=heads, to_attr="current_heads")).iterator(
            chunk_size=2000
        )


register_export(
    "centers.centers",
    queryset=center_list_queryset,
    filterset=CenterFilterSet,
    exporter=CenterExporter,
)
