"""XLSX export of the teacher registry (personal data: every export is logged)."""

from django.utils.translation import gettext_lazy as _

from resurs.common.exporters import Exporter
from resurs.common.exports import register_export

from .filtersets import TeacherFilterSet
from .selectors import teacher_list_queryset


class TeacherExporter(Exporter):
    title = _("Teachers")
    columns = (
        (_("Surname"), lambda t: t.surname),
        (_("First name"), lambda t: t.name),
        (_("Patronymic"), lambda t: t.patronymic),
        (_("Birth date"), lambda t: t.birth_date),
        (_("Municipality"), lambda t: t.organization.municipality.name),
        (_("Organization"), lambda t: t.organization.short_name),
        (_("Position"), lambda t: t.position.name),
        (_("Subjects"), lambda t: ", ".join(s.name for s in t.subjects.all())),
        (_("Category"), lambda t: t.category.name if t.category else ""),
        (_("Category assigned on"), lambda t: t.category_assigned_on),
        (_("Category expires on"), lambda t: t.category_expires_on),
        (_("Total experience, years"), lambda t: t.experience_total),
        (_("Experience in the specialty, years"), lambda t: t.experience_specialty),
        (_("Young specialist"), lambda t: _("yes") if t.is_young_specialist else _("no")),
        (_("Innovator"), lambda t: _("yes") if t.is_innovator else _("no")),
        (_("E-mail"), lambda t: t.email),
        (_("Phone"), lambda t: t.phone),
    )

    def rows(self):
        # Prefetch subjects in chunks: a constant number of queries per 2,000 rows.
        yield from self.queryset.prefetch_related("subjects").iterator(chunk_size=2000)


register_export(
    "people.teachers",
    queryset=teacher_list_queryset,
    filterset=TeacherFilterSet,
    exporter=TeacherExporter,
    personal_data=True,
)
