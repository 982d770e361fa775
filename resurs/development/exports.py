"""XLSX of the diagnostic results and of the courses lists (personal data, 152-ФЗ: logged); the headers are the
imports' own, so a file exported can be corrected and imported again."""

from django.utils.translation import gettext_lazy

from resurs.common.exporters import Exporter
from resurs.common.exports import register_export

from . import selectors
from .filtersets import CourseFilterSet, ResultFilterSet
from .models import Course, DiagnosticResult


class ResultExporter(Exporter):
    title = gettext_lazy("Diagnostic results")
    columns = (
        (gettext_lazy("Teacher"), lambda r: r.teacher.full_name),
        (gettext_lazy("Organization"), lambda r: r.teacher.organization.short_name),
        (gettext_lazy("Competence"), lambda r: r.competence.code),
        (gettext_lazy("Score"), lambda r: r.score),
        (gettext_lazy("Maximum"), lambda r: r.max_score),
        (gettext_lazy("Level"), lambda r: r.level),
        (gettext_lazy("Diagnostic"), lambda r: r.procedure.title),
        (gettext_lazy("Deficit"), lambda r: r.is_deficit),
    )


class CourseExporter(Exporter):
    title = gettext_lazy("Professional development courses")
    columns = (
        (gettext_lazy("Teacher"), lambda c: c.teacher.full_name),
        (gettext_lazy("Organization"), lambda c: c.teacher.organization.short_name),
        (gettext_lazy("Provider"), lambda c: c.provider),
        (gettext_lazy("Program"), lambda c: c.program),
        (gettext_lazy("Hours"), lambda c: c.hours),
        (gettext_lazy("From"), lambda c: c.starts_on),
        (gettext_lazy("Until"), lambda c: c.ends_on),
        (gettext_lazy("Form of study"), lambda c: c.get_study_form_display()),
        (gettext_lazy("Direction"), lambda c: c.direction),
        (gettext_lazy("Document number"), lambda c: c.document_number),
    )


def results_queryset():
    return selectors.results(DiagnosticResult.objects.all())


def courses_queryset():
    return Course.objects.select_related("teacher__organization")


register_export(
    "development.results",
    queryset=results_queryset,
    filterset=ResultFilterSet,
    exporter=ResultExporter,
    personal_data=True,
)
register_export(
    "development.courses",
    queryset=courses_queryset,
    filterset=CourseFilterSet,
    exporter=CourseExporter,
    personal_data=True,
)
