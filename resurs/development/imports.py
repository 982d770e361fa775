"""Imports of diagnostic results and of courses from XLSX/CSV (SPEC §8; 001 appendix 2): every row checked, errors by
row and column, all rows written or none (`resurs.common.importers`).

A teacher is named by the full name and the short name of the main organization (or by e-mail), among the teachers
the user reaches with the import code; a result's competence by its code or name in the competence catalog.
"""

import decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resurs.catalogs.models import Competence
from resurs.common.importers import (
    CellError,
    Column,
    Importer,
    ImportReport,
    RowError,
    as_text,
    normalize,
    parse_choice,
    parse_date,
    register_importer,
)
from resurs.common.scoping import restrict

from . import selectors
from .models import Course, DiagnosticProcedure, DiagnosticResult


def parse_number(value):
    """A non-negative number (a score): 12, 12.5 or 12,5."""
    if isinstance(value, bool):
        raise CellError(_("«%(value)s» is not a number.") % {"value": as_text(value)})
    text = as_text(value).replace(",", ".")
    try:
        number = decimal.Decimal(text)
    except decimal.InvalidOperation:
        raise CellError(_("«%(value)s» is not a number.") % {"value": as_text(value)})
    if not number.is_finite() or number < 0 or number >= 100000:
        raise CellError(_("«%(value)s» is not a number.") % {"value": as_text(value)})
    return number.quantize(decimal.Decimal("0.01"))


def parse_hours(value):
    number = parse_number(value)
    if number != number.to_integral_value() or not 1 <= number <= 5000:
        raise CellError(_("«%(value)s» is not a whole number of hours.") % {"value": as_text(value)})
    return int(number)


TEACHER_COLUMNS = (
    Column("teacher", gettext_lazy("Teacher"), required=True, default="", aliases=["Педагог", "ФИО", "ФИО педагога"]),
    Column(
        "organization",
        gettext_lazy("Organization"),
        default="",
        aliases=["Организация", "ОО", "Образовательная организация"],
        hint=gettext_lazy("the short name of the main organization"),
    ),
    Column("email", gettext_lazy("E-mail"), default="", aliases=["Электронная почта", "email", "e-mail"]),
)


class TeacherLookup:
    """Teachers the user reaches, by normalized full name (with the organization) and by e-mail."""

    def __init__(self, user, code):
        self.by_name = {}
        self.by_email = {}
        teachers = selectors.teachers_for(user, code).select_related("organization")
        for t in teachers:
            self.by_name.setdefault(normalize(t.full_name), []).append(t)
            if t.email:
                self.by_email.setdefault(normalize(t.email), []).append(t)

    def find(self, name, organization, email):
        if email:
            found = self.by_email.get(normalize(email), [])
            if len(found) == 1:
                return found[0], None
        found = self.by_name.get(normalize(name), [])
        if organization:
            found = [t for t in found if normalize(t.organization.short_name) == normalize(organization)]
        if len(found) == 1:
            return found[0], None
        if found:
            return None, _("Several teachers are named «%(value)s»; give the organization or the e-mail.") % {
                "value": name
            }
        return None, _("No teacher «%(value)s» among the teachers you may import for.") % {"value": name}


class _TeacherRowsMixin:
    def resolve_teacher(self, row, values, errors):
        name = values.pop("teacher", "")
        organization = values.pop("organization", "")
        email = values.pop("email", "")
        if not name:
            return
        teacher, message = self.teachers.find(name, organization, email)
        if teacher is None:
            errors.append(RowError(row.number, row.column("teacher"), message))
        values["teacher"] = teacher


class ResultImporter(_TeacherRowsMixin, Importer):
    """Results of one diagnostic (the job's options: {"procedure": id})."""

    model = DiagnosticResult
    title = gettext_lazy("Diagnostic results")
    action_code = "development.results.imported"
    columns = (
        *TEACHER_COLUMNS,
        Column(
            "competence",
            gettext_lazy("Competence"),
            required=True,
            default="",
            aliases=["Компетенция", "Код компетенции"],
            hint=gettext_lazy("a code or a name from the competence catalog"),
        ),
        Column("score", gettext_lazy("Score"), required=True, parser=parse_number, aliases=["Балл", "Баллы"]),
        Column(
            "max_score",
            gettext_lazy("Maximum"),
            required=True,
            parser=parse_number,
            aliases=["Максимум", "Максимальный балл"],
        ),
        Column("level", gettext_lazy("Level"), default="", aliases=["Уровень"]),
    )

    @classmethod
    def permission(cls):
        return "development.diagnosticresult:import"

    def run(self, content, file_name, progress=None):
        procedures = restrict(DiagnosticProcedure.objects.all(), self.user, "development.diagnosticresult:import")
        pk = self.options.get("procedure")
        self.procedure = procedures.filter(pk=pk).first() if pk else None
        if self.procedure is None:
            report = ImportReport(importer=self.name, file=file_name)
            report.add(RowError(0, "", _("The diagnostic was not found, or you may not import its results.")))
            return report
        return super().run(content, file_name, progress)

    def prepare(self):
        self.teachers = TeacherLookup(self.user, self.permission())
        self.competences = {}
        for c in Competence.objects.filter(is_active=True):
            self.competences[normalize(c.code)] = c
            self.competences[normalize(c.name)] = c

    def validate_row(self, row):
        values, errors = super().validate_row(row)
        self.resolve_teacher(row, values, errors)
        text = values.get("competence")
        if text:
            values["competence"] = self.competences.get(normalize(text))
            if values["competence"] is None:
                errors.append(
                    RowError(
                        row.number,
                        row.column("competence"),
                        _("«%(value)s» is not in the competence catalog.") % {"value": text},
                    )
                )
        score, maximum = values.get("score"), values.get("max_score")
        if score is not None and maximum is not None and (maximum <= 0 or score > maximum):
            errors.append(
                RowError(
                    row.number,
                    row.column("score"),
                    _("The score must be from 0 to the maximum, and the maximum above 0."),
                )
            )
        return values, errors

    def build(self, row):
        return DiagnosticResult(
            procedure=self.procedure, **{k: v for k, v in row.values.items() if k in self.model_fields}
        )

    def check_file(self, rows):
        seen, errors = {}, []
        for row in rows:
            key = (row.values["teacher"].pk, row.values["competence"].pk)
            if key in seen:
                errors.append(
                    RowError(
                        row.number,
                        row.column("competence"),
                        _("The same teacher and competence as in row %(row)s.") % {"row": seen[key]},
                    )
                )
            seen.setdefault(key, row.number)
        return errors

    def check_database(self, rows):
        existing = set(
            DiagnosticResult.objects.filter(procedure=self.procedure).values_list("teacher_id", "competence_id")
        )
        return [
            RowError(
                row.number,
                row.column("competence"),
                _("The teacher already has a result in this competence of this diagnostic."),
            )
            for row in rows
            if (row.values["teacher"].pk, row.values["competence"].pk) in existing
        ]

    def write(self, rows, actor, advance):
        instances = [row.instance for row in rows]
        for instance in instances:
            instance.is_deficit = instance.score * 100 < self.procedure.threshold * instance.max_score
            instance.updated_by = actor
        DiagnosticResult.objects.bulk_create(instances, batch_size=self.batch_size)
        advance(len(instances))
        return len(instances)


class CourseImporter(_TeacherRowsMixin, Importer):
    model = Course
    title = gettext_lazy("Professional development courses")
    action_code = "development.courses.imported"
    columns = (
        *TEACHER_COLUMNS,
        Column("provider", gettext_lazy("Provider"), required=True, default="", aliases=["Организатор", "Провайдер"]),
        Column(
            "program", gettext_lazy("Program"), required=True, default="", aliases=["Программа", "Название программы"]
        ),
        Column("hours", gettext_lazy("Hours"), required=True, parser=parse_hours, aliases=["Часы", "Объём, ч"]),
        Column("starts_on", gettext_lazy("From"), required=True, parser=parse_date, aliases=["Начало", "Дата начала"]),
        Column(
            "ends_on", gettext_lazy("Until"), required=True, parser=parse_date, aliases=["Окончание", "Дата окончания"]
        ),
        Column(
            "study_form",
            gettext_lazy("Form of study"),
            required=True,
            parser=parse_choice(
                Course.Format.choices,
                {
                    "очно": "in_person",
                    "очная": "in_person",
                    "дистанционно": "distance",
                    "дистанционная": "distance",
                    "заочная с применением дот": "distance",
                },
            ),
            aliases=["Форма", "Форма обучения"],
            hint=gettext_lazy("очная or дистанционная"),
        ),
        Column("direction", gettext_lazy("Direction"), required=True, default="", aliases=["Направление"]),
        Column(
            "document_number",
            gettext_lazy("Document number"),
            default="",
            aliases=["Номер документа", "Номер удостоверения", "Удостоверение"],
        ),
    )

    def prepare(self):
        self.teachers = TeacherLookup(self.user, self.permission())

    def validate_row(self, row):
        values, errors = super().validate_row(row)
        self.resolve_teacher(row, values, errors)
        return values, errors

    def check_file(self, rows):
        seen, errors = {}, []
        for row in rows:
            key = (row.values["teacher"].pk, normalize(row.values["program"]), row.values["starts_on"])
            if key in seen:
                errors.append(
                    RowError(
                        row.number,
                        row.column("program"),
                        _("The same teacher, program and start as in row %(row)s.") % {"row": seen[key]},
                    )
                )
            seen.setdefault(key, row.number)
        return errors

    def check_database(self, rows):
        teachers = {row.values["teacher"].pk for row in rows}
        existing = {
            (t, normalize(p), s)
            for t, p, s in Course.objects.filter(teacher_id__in=teachers).values_list(
                "teacher_id", "program", "starts_on"
            )
        }
        return [
            RowError(row.number, row.column("program"), _("The teacher already has this course with this start date."))
            for row in rows
            if (row.values["teacher"].pk, normalize(row.values["program"]), row.values["starts_on"]) in existing
        ]

    def write(self, rows, actor, advance):
        instances = [row.instance for row in rows]
        for instance in instances:
            instance.updated_by = actor
        Course.objects.bulk_create(instances, batch_size=self.batch_size)
        advance(len(instances))
        return len(instances)


register_importer("development.results", ResultImporter)
register_importer("development.courses", CourseImporter)
