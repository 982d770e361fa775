"""Admin of the reference lists (SPEC §2)."""

from django.contrib import admin

from resurs.common.admin import AuditedAdmin

from .models import (
    Competence,
    CompetenceArea,
    ContentDirection,
    EducationLevel,
    PlanSection,
    Position,
    QualificationCategory,
    Subject,
    WorkForm,
)


class CatalogItemAdmin(AuditedAdmin):
    list_display = ("name", "sort_order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name",)


for model in (Subject, ContentDirection, WorkForm, PlanSection, EducationLevel, CompetenceArea, Competence):
    admin.site.register(model, CatalogItemAdmin)


@admin.register(Position)
class PositionAdmin(CatalogItemAdmin):
    list_display = ("name", "is_pedagogical", "sort_order", "is_active")
    list_filter = ("is_pedagogical", "is_active")


@admin.register(QualificationCategory)
class QualificationCategoryAdmin(CatalogItemAdmin):
    list_display = ("name", "kind", "rank", "validity_years", "sort_order", "is_active")
    list_filter = ("kind", "is_active")
