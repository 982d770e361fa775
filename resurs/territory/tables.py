"""Tables of the territory lists."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import EducationalDistrict, Municipality, Organization, Region

ATTRS = {"class": "table table-sm table-hover align-middle"}


class RegionTable(tables.Table):
    name = tables.Column(linkify=True)

    class Meta:
        model = Region
        fields = ("name", "code", "timezone")
        attrs = ATTRS
        empty_text = _("Nothing found.")


class MunicipalityTable(tables.Table):
    name = tables.Column(linkify=True)

    class Meta:
        model = Municipality
        fields = ("name", "code", "region", "timezone", "department_name")
        attrs = ATTRS
        empty_text = _("Nothing found.")


class EducationalDistrictTable(tables.Table):
    name = tables.Column(linkify=True)

    class Meta:
        model = EducationalDistrict
        fields = ("name", "municipality", "base_organization")
        attrs = ATTRS
        empty_text = _("Nothing found.")


class OrganizationTable(tables.Table):
    short_name = tables.Column(linkify=True)
    is_base = tables.BooleanColumn(yesno="✓,")

    class Meta:
        model = Organization
        fields = ("short_name", "kind", "municipality", "district", "is_base", "director", "phone")
        attrs = ATTRS
        empty_text = _("Nothing found.")
