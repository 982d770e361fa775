"""Reused reads of the teacher registry."""

from django.db.models import Prefetch

from .models import Consent, Teacher


def teacher_list_queryset():
    """Everything a list row shows, in a fixed number of queries whatever the number of rows."""
    return Teacher.objects.select_related("organization", "organization__municipality", "position", "category")


def teacher_detail_queryset():
    return teacher_list_queryset().prefetch_related(
        "subjects",
        "employments__organization",
        "employments__position",
        Prefetch("consents", queryset=Consent.objects.select_related("recorded_by")),
    )
