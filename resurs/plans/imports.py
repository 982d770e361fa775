"""Import of plan items from XLSX/CSV (SPEC §5): every row checked, errors by row and column, all rows or none.

The target plan and the version the user saw come in the job's options ({"plan": id, "version": n}); the write
step is `services.add_items`, so the plan's status, the user's scope and the version are checked again there.
"""

import calendar
import datetime
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resurs.catalogs.models import PlanSection, WorkForm
from resurs.common.errors import ServiceError
from resurs.common.importers import (
    CellError,
    Column,
    Importer,
    ImportReport,
    RowError,
    as_text,
    normalize,
    parse_date,
    register_importer,
)
from resurs.common.scoping import restrict
from resurs.territory.models import Organization

from . import services
from .models import Plan, PlanItem

PERMISSION = "plans.plan:change"
ONLINE = {"онлайн", "online", "дистанционно", "дистанционный", "в дистанционном формате"}
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("январь", "января", "янв"),
            ("февраль", "февраля", "фев"),
            ("март", "марта", "мар"),
            ("апрель", "апреля", "апр"),
            ("май", "мая"),
            ("июнь", "июня", "июн"),
            ("июль", "июля", "июл"),
            ("август", "августа", "авг"),
            ("сентябрь", "сентября", "сен"),
            ("октябрь", "октября", "окт"),
            ("ноябрь", "ноября", "ноя"),
            ("декабрь", "декабря", "дек"),
        ],
        start=1,
    )
    for name in names
} | {calendar.month_name[n].lower(): n for n in range(1, 13)}
MONTH_TEXT = re.compile(r"^([^\W\d]+)\.?\s+(\d{4})(\s*г\.?)?$")
MONTH_NUMBER = re.compile(r"^(\d{1,2})[./](\d{4})$")


def parse_plan_date(value):
    """(date, precision): a day (an Excel date or dd.mm.yyyy), or a month («март 2026», «03.2026»)."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return parse_date(value), PlanItem.DatePrecision.DAY
    text = normalize(as_text(value))
    match = MONTH_TEXT.match(text)
    if match and match.group(1) in MONTHS:
        return datetime.date(int(match.group(2)), MONTHS[match.group(1)], 1), PlanItem.DatePrecision.MONTH
    match = MONTH_NUMBER.match(text)
    if match and 1 <= int(match.group(1)) <= 12:
        return datetime.date(int(match.group(2)), int(match.group(1)), 1), PlanItem.DatePrecision.MONTH
    try:
        return parse_date(value), PlanItem.DatePrecision.DAY
    except CellError:
        raise CellError(
            _("«%(value)s» is neither a date (dd.mm.yyyy) nor a month (for example «март 2026» or «03.2026»).")
            % {"value": as_text(value)}
        )


class PlanItemImporter(Importer):
    model = PlanItem
    title = gettext_lazy("Plan items")
    action_code = "plans.items.imported"
    columns = (
        Column(
            "section",
            gettext_lazy("Plan section"),
            required=True,
            aliases=["Раздел плана", "Раздел", "Направление деятельности"],
            hint=gettext_lazy("a name from the catalog"),
        ),
        Column(
            "form",
            gettext_lazy("Form of work"),
            required=True,
            aliases=["Форма работы", "Форма"],
            hint=gettext_lazy("a name from the catalog"),
        ),
        Column("topic", gettext_lazy("Topic"), required=True, default="", aliases=["Тема"]),
        Column(
            "date",
            gettext_lazy("Date"),
            required=True,
            parser=parse_plan_date,
            aliases=["Дата", "Дата (число, месяц, год)", "Сроки"],
            hint=gettext_lazy("a date dd.mm.yyyy, or a month: «март 2026» or «03.2026»"),
        ),
        Column(
            "venue",
            gettext_lazy("Venue"),
            default="",
            aliases=["Площадка", "Место проведения"],
            hint=gettext_lazy("the short name of an organization of the municipality, or «онлайн»"),
        ),
        Column(
            "responsible",
            gettext_lazy("Responsible person"),
            required=True,
            default="",
            aliases=["Ответственный", "Ответственный исполнитель", "Ответственные"],
        ),
        Column(
            "audience", gettext_lazy("Audience"), default="", aliases=["Участники", "Целевая аудитория", "Аудитория"]
        ),
        Column(
            "expected_product",
            gettext_lazy("Expected product"),
            default="",
            aliases=["Ожидаемый продукт", "Планируемый продукт", "Продукт"],
        ),
    )

    @classmethod
    def permission(cls):
        return PERMISSION

    def find_plan(self):
        plans = restrict(Plan.objects.select_related("center__organization"), self.user, PERMISSION)
        return plans.filter(pk=self.options.get("plan")).first() if self.options.get("plan") else None

    def run(self, content, file_name, progress=None):
        self.plan = self.find_plan()
        if self.plan is None:
            report = ImportReport(importer=self.name, file=file_name)
            report.add(RowError(0, "", _("The plan was not found, or you may not change it.")))
            return report
        return super().run(content, file_name, progress)

    def prepare(self):
        self.sections = {normalize(s.name): s for s in PlanSection.objects.filter(is_active=True)}
        self.forms = {normalize(f.name): f for f in WorkForm.objects.filter(is_active=True)}
        municipality = self.plan.center.organization.municipality_id
        self.venues = {}
        for org in Organization.objects.filter(municipality_id=municipality):
            self.venues.setdefault(normalize(org.short_name), []).append(org)

    def validate_row(self, row):
        values, errors = super().validate_row(row)

        def fail(field_name, message):
            errors.append(RowError(row.number, row.column(field_name), message))

        for field_name, catalog, model in (("section", self.sections, PlanSection), ("form", self.forms, WorkForm)):
            if values[field_name]:
                text = values[field_name]
                values[field_name] = catalog.get(normalize(text))
                if values[field_name] is None:
                    fail(
                        field_name,
                        _("«%(value)s» is not in the catalog «%(catalog)s».")
                        % {"value": text, "catalog": model._meta.verbose_name_plural},
                    )
        day, precision = values.pop("date", None) or (None, PlanItem.DatePrecision.DAY)
        values["date"], values["date_precision"] = day, precision
        plan = self.plan
        if day and not plan.period_start.replace(day=1) <= day <= plan.period_end:
            fail(
                "date",
                _("The date must be within the plan's period (%(start)s — %(end)s).")
                % {"start": plan.period_start.strftime("%d.%m.%Y"), "end": plan.period_end.strftime("%d.%m.%Y")},
            )
        venue = values["venue"]
        values["venue"], values["is_online"] = None, False
        if venue:
            if normalize(venue) in ONLINE:
                values["is_online"] = True
            else:
                found = self.venues.get(normalize(venue), [])
                if len(found) == 1:
                    values["venue"] = found[0]
                elif found:
                    fail("venue", _("Several organizations are named «%(value)s».") % {"value": venue})
                else:
                    fail(
                        "venue",
                        _("«%(value)s» is not an organization of the municipality; write its short name or «онлайн».")
                        % {"value": venue},
                    )
        return values, errors

    def build(self, row):
        return PlanItem(plan=self.plan, **{k: v for k, v in row.values.items() if k in services.ITEM_FIELDS})

    def write(self, rows, actor, advance):
        values = [{name: row.values[name] for name in services.ITEM_FIELDS} for row in rows]
        items = services.add_items(actor=actor, plan=self.plan, version=self.options.get("version"), rows=values)
        advance(len(items))
        return len(items)

    def commit(self, rows, report, advance):
        """A plan-level refusal of the write (changed meanwhile, no longer editable) is an error of the report."""
        try:
            return super().commit(rows, report, advance)
        except ServiceError as exc:
            report.add(RowError(0, "", exc.message))
            return 0


register_importer("plans.items", PlanItemImporter)
