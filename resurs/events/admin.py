"""Admin of events and registrations (read and repair; every change a user makes goes through the services)."""

from django.contrib import admin

from .models import Event, Registration


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "center", "starts_at", "status")
    list_filter = ("status", "format")
    search_fields = ("title",)
    raw_id_fields = ("center", "association", "plan_item", "venue")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("teacher", "event", "status", "attendance")
    list_filter = ("status", "attendance")
    raw_id_fields = ("event", "teacher", "registered_by", "cancelled_by", "attendance_marked_by")
