"""Admin of events and registrations (read and repair; every change a user makes goes through the services)."""

from django.contrib import admin

from .models import Certificate, Event, Feedback, Material, Registration, Speaker


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


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ("full_name", "event", "topic")
    raw_id_fields = ("event", "teacher")


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ("title", "event", "added_at")
    raw_id_fields = ("event", "added_by")


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("number", "full_name", "event", "role", "status")
    list_filter = ("status", "role")
    search_fields = ("number", "full_name")
    raw_id_fields = ("event", "registration", "speaker", "teacher", "issued_by", "revoked_by", "replaces")


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("registration", "satisfaction", "usefulness", "submitted_at")
    raw_id_fields = ("registration",)
