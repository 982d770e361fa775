"""Registers the resource center as a scope kind: center roles reach one center's records."""

from resurs.common.scoping import ScopeInfo, register_scope_kind

from .models import Center


def _center(pk):
    obj = Center.objects.select_related("organization__municipality").filter(pk=pk).first()
    return obj and ScopeInfo(
        kind="center",
        id=obj.pk,
        label=obj.name,
        region_id=obj.organization.municipality.region_id,
        municipality_id=obj.organization.municipality_id,
        organization_id=obj.organization_id,
    )


def register_all():
    register_scope_kind("center", _center, lambda: Center.objects.select_related("organization"))
