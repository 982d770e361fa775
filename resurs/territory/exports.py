"""XLSX export of the organization registry."""

from django.utils.translation import gettext_lazy as _

from resurs.common.exporters import Exporter
from resurs.common.exports import register_export

from .filtersets import OrganizationFilterSet
from .models import Organization


class OrganizationExporter(Exporter):
    title = _("Organizations")
    columns = (
        (_("Municipality"), lambda o: o.municipality.name),
        (_("Short name"), lambda o: o.short_name),
        (_("Full official name"), lambda o: o.full_name),
        (_("Type"), lambda o: str(o.get_kind_display())),
        (_("INN"), lambda o: o.inn),
        (_("Address"), lambda o: o.address),
        (_("Educational district"), lambda o: o.district.name if o.district else ""),
        (_("Base organization"), lambda o: str(_("yes")) if o.is_base else str(_("no"))),
        (_("Director"), lambda o: o.director),
        (_("E-mail"), lambda o: o.email),
        (_("Phone"), lambda o: o.phone),
    )


register_export(
    "territory.organizations",
    queryset=lambda: Organization.objects.select_related("municipality", "district"),
    filterset=OrganizationFilterSet,
    exporter=OrganizationExporter,
)
