"""XLSX of the consultations list (SPEC §12): the page's FilterSet, rows restricted to the export scope; it names
the teachers who asked, so it is a personal-data export (152-ФЗ)."""

from django.utils.translation import gettext_lazy

from resurs.common.exporters import Exporter
from resurs.common.exports import register_export

from . import selectors
from .filtersets import ConsultationFilterSet
from .models import Consultation
from .tables import duration_text


def _hours(c):
    value = c.response_duration
    return round(value.total_seconds() / 3600, 1) if value is not None else None


def _name(user):
    return (user.get_full_name() or user.username) if user is not None else ""


class ConsultationExporter(Exporter):
    title = gettext_lazy("Consultations")
    columns = (
        (gettext_lazy("No."), lambda c: c.pk),
        (gettext_lazy("Asked"), lambda c: c.asked_at),
        (gettext_lazy("Center"), lambda c: c.center.name),
        (gettext_lazy("Organization"), lambda c: c.organization.short_name),
        (gettext_lazy("Teacher"), lambda c: c.teacher.full_name if c.teacher_id else ""),
        (gettext_lazy("Format"), lambda c: c.get_kind_display()),
        (gettext_lazy("Content direction"), lambda c: c.direction.name),
        (gettext_lazy("Topic"), lambda c: c.topic),
        (gettext_lazy("Methodist"), lambda c: _name(c.methodist)),
        (gettext_lazy("Status"), lambda c: c.get_status_display()),
        (gettext_lazy("First answer"), lambda c: c.responded_at),
        (gettext_lazy("Response time, h"), _hours),
        (gettext_lazy("Response time"), lambda c: str(duration_text(c.response_duration))),
        (gettext_lazy("Meeting"), lambda c: c.meeting_at),
        (gettext_lazy("Closed"), lambda c: c.closed_at),
        (gettext_lazy("Rating"), lambda c: c.rating),
        (gettext_lazy("Comment on the rating"), lambda c: c.rating_comment),
    )


def consultation_list_queryset():
    return selectors.consultations_overview(Consultation.objects.all())


register_export(
    "consultations.consultations",
    queryset=consultation_list_queryset,
    filterset=ConsultationFilterSet,
    exporter=ConsultationExporter,
    personal_data=True,
)
