"""Admin of teacher development (read and repair; every change a user makes goes through the pages and services)."""

from django.contrib import admin

from .models import (
    Attestation,
    Course,
    DiagnosticProcedure,
    DiagnosticResult,
    ExperienceSharing,
    MentoringPair,
    RecommendationSet,
    Route,
    RouteStep,
)


@admin.register(DiagnosticProcedure)
class DiagnosticProcedureAdmin(admin.ModelAdmin):
    list_display = ("title", "level", "held_on", "threshold")
    list_filter = ("level",)
    raw_id_fields = ("municipality", "organization", "center")


@admin.register(DiagnosticResult)
class DiagnosticResultAdmin(admin.ModelAdmin):
    list_display = ("teacher", "competence", "score", "max_score", "is_deficit")
    raw_id_fields = ("procedure", "teacher", "competence")


@admin.register(Route)
class RouteAdmin(admin.ModelAdmin):
    list_display = ("teacher", "period_start", "period_end", "status")
    list_filter = ("status", "basis")
    raw_id_fields = ("teacher", "center", "tutor", "rediagnosis", "deficits")


@admin.register(RouteStep)
class RouteStepAdmin(admin.ModelAdmin):
    list_display = ("title", "route", "kind", "deadline", "status")
    raw_id_fields = ("route", "competence", "event")


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("program", "teacher", "hours", "ends_on", "study_form")
    raw_id_fields = ("teacher",)


@admin.register(ExperienceSharing)
class ExperienceSharingAdmin(admin.ModelAdmin):
    list_display = ("topic", "teacher", "venue", "held_on")
    raw_id_fields = ("teacher",)


@admin.register(MentoringPair)
class MentoringPairAdmin(admin.ModelAdmin):
    list_display = ("mentor", "mentee", "starts_on", "ends_on")
    raw_id_fields = ("mentor", "mentee")


@admin.register(Attestation)
class AttestationAdmin(admin.ModelAdmin):
    list_display = ("teacher", "category", "decided_on", "expires_on")
    raw_id_fields = ("teacher", "category")


@admin.register(RecommendationSet)
class RecommendationSetAdmin(admin.ModelAdmin):
    list_display = ("teacher", "computed_at", "count")
    raw_id_fields = ("teacher",)
