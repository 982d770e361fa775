"""Admin of consultations (read and repair; every change a user makes goes through the services)."""

from django.contrib import admin

from .models import Consultation


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ("topic", "center", "kind", "status", "asked_at")
    list_filter = ("status", "kind")
    search_fields = ("topic",)
    raw_id_fields = ("center", "direction", "organization", "teacher", "asked_by", "methodist")
