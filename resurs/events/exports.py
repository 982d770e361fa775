"""XLSX export of the participant registry (000 § 6.3.1; personal data: every export is logged, 152-ФЗ)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resurs.common.exporters import Exporter
from resurs.common.exports import register_export

from .filtersets import RegistrationFilterSet
from .selectors import participations


class ParticipationExporter(Exporter):
    title = _("Participant registry")
    columns = (
        (_("Surname"), lambda r: r.teacher.surname),
        (_("First name"), lambda r: r.teacher.name),
        (_("Patronymic"), lambda r: r.teacher.patronymic),
        (_("Organization"), lambda r: r.teacher.organization.short_name),
        (_("Position"), lambda r: r.teacher.position.name if r.teacher.position_id else ""),
        (_("Event"), lambda r: r.event.title),
        (_("Date"), lambda r: timezone.localdate(r.event.starts_at)),
        (_("Center"), lambda r: r.event.center.name),
        (_("Form of work"), lambda r: r.event.form.name),
        (_("Format"), lambda r: r.event.get_format_display()),
        (_("Attendance"), lambda r: r.get_attendance_display()),
    )

    def rows(self):
        yield from self.queryset.iterator(chunk_size=2000)


register_export(
    "events.participants",
    queryset=participations,
    filterset=RegistrationFilterSet,
    exporter=ParticipationExporter,
    personal_data=True,
)
