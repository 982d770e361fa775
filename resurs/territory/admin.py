"""Admin of the territory tree: region, municipality, educational district, organization."""

from django.contrib import admin

from resurs.common.admin import AuditedAdmin

from .models import EducationalDistrict, Municipality, Organization, Region


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ("name", "code", "timezone")
    search_fields = ("name", "code")


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin):
    list_display = ("name", "code", "region", "timezone", "department_name")
    list_select_related = ("region",)
    list_filter = ("region",)
    search_fields = ("name", "code", "department_name")


@admin.register(EducationalDistrict)
class EducationalDistrictAdmin(AuditedAdmin):
    list_display = ("name", "municipality", "base_organization")
    list_select_related = ("municipality", "base_organization")
    list_filter = ("municipality__region", "municipality")
    search_fields = ("name", "base_organization__short_name")
    raw_id_fields = ("base_organization",)


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ("short_name", "kind", "municipality", "district", "is_base", "director")
    list_select_related = ("municipality", "district")
    list_filter = ("kind", "is_base", "municipality__region", "municipality")
    search_fields = ("short_name", "full_name", "inn", "director")
    raw_id_fields = ("district",)
