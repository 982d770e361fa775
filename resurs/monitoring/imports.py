"""Import of assessment aggregates (ВПР, ОГЭ, ЕГЭ per organization, year, subject, grade) from XLSX/CSV: every row
checked, errors by row and column, all rows or none. A row for an existing (organization, year, procedure, subject,
grade) replaces it, so a corrected file can be imported again. Only counts per organization: no pupil's data."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resurs.common.importers import (
    CellError,
    Column,
    Importer,
    RowError,
    as_text,
    normalize,
    parse_choice,
    register_importer,
)
from resurs.common.scoping import restrict
from resurs.territory.models import Organization

from .models import AssessmentResult

NAME = "monitoring.results"
FIELDS = (
    "year",
    "procedure",
    "subject",
    "grade",
    "participants",
    "mark2",
    "mark3",
    "mark4",
    "mark5",
    "average_score",
    "below_minimum",
    "marks_confirmed",
    "marks_lowered",
    "marks_raised",
)


def _whole(value, low, high):
    if isinstance(value, bool):
        raise CellError(_("«%(value)s» is not a whole number.") % {"value": as_text(value)})
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        text = as_text(value)
        if not text.isdigit():
            raise CellError(_("«%(value)s» is not a whole number.") % {"value": text})
        value = int(text)
    if not low <= value <= high:
        raise CellError(
            _("%(value)s is out of range: expected %(low)s to %(high)s.") % {"value": value, "low": low, "high": high}
        )
    return value


def parse_year(value):
    return _whole(value, 2000, 2100)


def parse_grade(value):
    return _whole(value, 1, 11)


def parse_number(value):
    return _whole(value, 0, 100_000)


def parse_score(value):
    try:
        number = Decimal(as_text(value).replace(",", "."))
    except InvalidOperation:
        raise CellError(_("«%(value)s» is not a number.") % {"value": as_text(value)}) from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise CellError(_("%(value)s is out of range: expected 0 to 100.") % {"value": as_text(value)})
    return number.quantize(Decimal("0.01"))


def _count(field, header, aliases):
    return Column(field, header, parser=parse_number, aliases=aliases, hint=gettext_lazy("a whole number"))


class ResultImporter(Importer):
    model = AssessmentResult
    title = gettext_lazy("Assessment results")
    action_code = "monitoring.results.imported"
    columns = (
        Column(
            "organization",
            gettext_lazy("Organization"),
            required=True,
            aliases=["Организация", "ОО", "Образовательная организация", "ИНН"],
            hint=gettext_lazy("the short name or the INN of an organization"),
        ),
        Column("year", gettext_lazy("Year"), required=True, parser=parse_year, aliases=["Год"]),
        Column(
            "procedure",
            gettext_lazy("Procedure"),
            required=True,
            parser=parse_choice(AssessmentResult.Procedure.choices, {"впр": "vpr", "огэ": "oge", "егэ": "ege"}),
            aliases=["Процедура", "Оценочная процедура"],
            hint=gettext_lazy("ВПР, ОГЭ or ЕГЭ"),
        ),
        Column("subject", gettext_lazy("Subject"), required=True, aliases=["Предмет"]),
        Column("grade", gettext_lazy("Grade"), required=True, parser=parse_grade, aliases=["Класс", "Параллель"]),
        Column(
            "participants",
            gettext_lazy("Participants"),
            required=True,
            parser=parse_number,
            aliases=["Участники", "Количество участников", "Число участников"],
        ),
        _count("mark2", gettext_lazy("Marks 2"), ["«2»", "2", "Отметка 2", "Отметки «2»"]),
        _count("mark3", gettext_lazy("Marks 3"), ["«3»", "3", "Отметка 3", "Отметки «3»"]),
        _count("mark4", gettext_lazy("Marks 4"), ["«4»", "4", "Отметка 4", "Отметки «4»"]),
        _count("mark5", gettext_lazy("Marks 5"), ["«5»", "5", "Отметка 5", "Отметки «5»"]),
        Column(
            "average_score",
            gettext_lazy("Average score"),
            parser=parse_score,
            aliases=["Средний балл", "Средний тестовый балл"],
            hint=gettext_lazy("a number from 0 to 100"),
        ),
        _count(
            "below_minimum",
            gettext_lazy("Below the minimum"),
            ["Ниже минимального порога", "Не преодолели порог", "Не преодолели минимальный порог"],
        ),
        _count("marks_confirmed", gettext_lazy("Marks confirmed"), ["Подтвердили отметку по журналу", "Подтвердили"]),
        _count("marks_lowered", gettext_lazy("Marks lowered"), ["Понизили отметку по журналу", "Понизили"]),
        _count("marks_raised", gettext_lazy("Marks raised"), ["Повысили отметку по журналу", "Повысили"]),
    )

    def prepare(self):
        self.organizations = {}
        for org in restrict(Organization.objects.all(), self.user, self.permission()):
            self.organizations.setdefault(normalize(org.short_name), []).append(org)
            if org.inn:
                self.organizations.setdefault(normalize(org.inn), []).append(org)

    def validate_row(self, row):
        values, errors = super().validate_row(row)
        name = values.get("organization")
        if name:
            found = self.organizations.get(normalize(name), [])
            if len(found) == 1:
                values["organization"] = found[0]
            else:
                values["organization"] = None
                message = (
                    _("Several organizations are named «%(value)s»; give the INN.")
                    if found
                    else _("«%(value)s» is not an organization within your reach.")
                )
                errors.append(RowError(row.number, row.column("organization"), message % {"value": name}))
        return values, errors

    def build(self, row):
        values = row.values
        return AssessmentResult(
            organization=values.get("organization"),
            **{f: values.get(f) for f in FIELDS if f != "subject"},
            subject=values.get("subject") or "",
        )

    @staticmethod
    def key(instance):
        return (
            instance.organization_id,
            instance.year,
            instance.procedure,
            normalize(instance.subject),
            instance.grade,
        )

    def check_file(self, rows):
        seen, errors = {}, []
        for row in rows:
            key = self.key(row.instance)
            if key in seen:
                errors.append(RowError(row.number, "", _("The same result as in row %(row)s.") % {"row": seen[key]}))
            else:
                seen[key] = row.number
        return errors

    def write(self, rows, actor, advance):
        instances = [row.instance for row in rows]
        orgs = {i.organization_id for i in instances}
        years = {i.year for i in instances}
        keys = {self.key(i) for i in instances}
        existing = [
            r.pk
            for r in AssessmentResult.objects.filter(organization_id__in=orgs, year__in=years).only(
                "pk", "organization_id", "year", "procedure", "subject", "grade"
            )
            if self.key(r) in keys
        ]
        AssessmentResult.objects.filter(pk__in=existing).delete()
        AssessmentResult.objects.bulk_create(instances, batch_size=self.batch_size)
        advance(len(instances))
        return len(instances)


register_importer(NAME, ResultImporter)
