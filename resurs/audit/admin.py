"""Admin of the two audit channels: read-only, nobody edits or deletes the history."""

from django.contrib import admin

from resurs.common.admin import ReadOnlyAdmin

from .models import ActionLog, ChangeLog


@admin.register(ChangeLog)
class ChangeLogAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "content_type", "object_repr", "actor")
    list_select_related = ("content_type", "actor")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "object_id", "actor__username")
    date_hierarchy = "at"


@admin.register(ActionLog)
class ActionLogAdmin(ReadOnlyAdmin):
    list_display = ("at", "code", "content_type", "object_repr", "actor")
    list_select_related = ("content_type", "actor")
    list_filter = ("code", "content_type")
    search_fields = ("code", "object_repr", "object_id", "actor__username")
    date_hierarchy = "at"
