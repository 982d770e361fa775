"""Registers region, municipality and organization as scope kinds for role assignments."""

from resurs.common.scoping import ScopeInfo, register_scope_kind

from .models import Municipality, Organization, Region


def _region(pk):
    obj = Region.objects.filter(pk=pk).first()
    return obj and ScopeInfo(kind="region", id=obj.pk, label=obj.name, region_id=obj.pk)


def _municipality(pk):
    obj = Municipality.objects.select_related("region").filter(pk=pk).first()
    return obj and ScopeInfo(
        kind="municipality", id=obj.pk, label=obj.name, region_id=obj.region_id, municipality_id=obj.pk
    )


def _organization(pk):
    obj = Organization.objects.select_related("municipality").filter(pk=pk).first()
    return obj and ScopeInfo(
        kind="organization",
        id=obj.pk,
        label=f"{obj.short_name} ({obj.municipality.name})",
        region_id=obj.municipality.region_id,
        municipality_id=obj.municipality_id,
        organization_id=obj.pk,
    )


def register_all():
    register_scope_kind("region", _region, lambda: Region.objects.all())
    register_scope_kind("municipality", _municipality, lambda: Municipality.objects.all())
    register_scope_kind("organization", _organization, lambda: Organization.objects.select_related("municipality"))
