"""Admin of the teacher registry. Its changelist is the baseline the teacher list page is measured against
(bench/): an ordinary admin, with the related objects of a row joined in one query."""

from django.contrib import admin

from resurs.common.admin import AuditedAdmin

from .models import Consent, Employment, Teacher


class EmploymentInline(admin.TabularInline):
    model = Employment
    extra = 0
    raw_id_fields = ("organization",)


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    fields = ("given_on", "purpose", "withdrawn_on", "withdrawal_reason", "recorded_by", "recorded_at")
    readonly_fields = ("recorded_by", "recorded_at")


@admin.register(Teacher)
class TeacherAdmin(AuditedAdmin):
    list_display = (
        "surname",
        "name",
        "patronymic",
        "organization",
        "position",
        "category",
        "experience_total",
        "is_young_specialist",
        "is_innovator",
    )
    list_select_related = ("organization", "position", "category")
    list_filter = (
        "is_young_specialist",
        "is_innovator",
        "is_active",
        "category",
        "position",
        "organization__municipality",
    )
    search_fields = ("surname", "name", "patronymic", "email")
    raw_id_fields = ("organization", "user")
    filter_horizontal = ("subjects",)
    inlines = [EmploymentInline, ConsentInline]


@admin.register(Employment)
class EmploymentAdmin(AuditedAdmin):
    list_display = ("teacher", "organization", "position")
    list_select_related = ("teacher", "organization", "position")
    search_fields = ("teacher__surname", "teacher__name", "organization__short_name")
    list_filter = ("position",)
    raw_id_fields = ("teacher", "organization")


@admin.register(Consent)
class ConsentAdmin(AuditedAdmin):
    list_display = ("teacher", "given_on", "purpose", "withdrawn_on", "recorded_by", "recorded_at")
    list_select_related = ("teacher", "recorded_by")
    search_fields = ("teacher__surname", "teacher__name", "purpose")
    list_filter = ("withdrawn_on",)
    date_hierarchy = "given_on"
    raw_id_fields = ("teacher",)
    readonly_fields = ("recorded_by", "recorded_at")
