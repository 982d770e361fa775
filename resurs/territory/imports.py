"""Organization import from XLSX/CSV (SPEC §2): every row checked, duplicates reported, all rows written or none.

A duplicate is an organization with the same short name in the same municipality, or with the same INN anywhere
(an INN identifies one legal entity), in the database or earlier in the same file.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resurs.common.importers import (
    CellError,
    Column,
    Importer,
    RowError,
    as_text,
    normalize,
    parse_bool,
    parse_choice,
    parse_email,
    register_importer,
)
from resurs.common.scoping import restrict

from .models import EducationalDistrict, Municipality, Organization, OrganizationType

# Common names of organization types accepted besides the labels of the interface.
KIND_ALIASES = {
    "школа": OrganizationType.SCHOOL,
    "сош": OrganizationType.SCHOOL,
    "детский сад": OrganizationType.KINDERGARTEN,
    "доо": OrganizationType.KINDERGARTEN,
    "доу": OrganizationType.KINDERGARTEN,
    "удо": OrganizationType.ADDITIONAL,
    "колледж": OrganizationType.COLLEGE,
    "техникум": OrganizationType.COLLEGE,
    "спо": OrganizationType.COLLEGE,
    "другое": OrganizationType.OTHER,
    "иное": OrganizationType.OTHER,
}


class TypeHint:
    """The list of organization types, in the language of the page."""

    def __str__(self):
        return ", ".join(str(label) for _value, label in OrganizationType.choices)


def parse_inn(value):
    """An INN: 10 digits for a legal entity, 12 for an individual."""
    text = as_text(value).replace(" ", "")
    if not text.isdigit() or len(text) not in (10, 12):
        raise CellError(_("«%(value)s» is not an INN: it must have 10 or 12 digits.") % {"value": as_text(value)})
    return text


def parse_website(value):
    """A site address; «school5.ru» is read as https://school5.ru (the model field checks the rest)."""
    text = as_text(value)
    return text if "://" in text else "https://" + text


class OrganizationImporter(Importer):
    model = Organization
    title = gettext_lazy("Organizations")
    action_code = "territory.organization.imported"
    columns = (
        Column(
            "municipality",
            gettext_lazy("Municipality"),
            required=True,
            aliases=["Муниципалитет"],
            hint=gettext_lazy("name or code"),
        ),
        Column("short_name", gettext_lazy("Short name"), required=True, default="", aliases=["Краткое наименование"]),
        Column(
            "full_name", gettext_lazy("Full official name"), required=True, default="", aliases=["Полное наименование"]
        ),
        Column(
            "kind",
            gettext_lazy("Type"),
            parser=parse_choice(OrganizationType.choices, KIND_ALIASES),
            default=OrganizationType.SCHOOL,
            aliases=["Тип"],
            hint=TypeHint(),
        ),
        Column(
            "inn",
            gettext_lazy("INN"),
            parser=parse_inn,
            default="",
            aliases=["ИНН"],
            hint=gettext_lazy("10 or 12 digits"),
        ),
        Column("address", gettext_lazy("Address"), default="", aliases=["Адрес"]),
        Column(
            "district",
            gettext_lazy("Educational district"),
            aliases=["Образовательный округ"],
            hint=gettext_lazy("a district of the municipality"),
        ),
        Column(
            "is_base",
            gettext_lazy("Base organization"),
            parser=parse_bool,
            default=False,
            aliases=["Базовая", "Базовая организация"],
        ),
        Column("director", gettext_lazy("Director"), default="", aliases=["Руководитель"]),
        Column("email", gettext_lazy("E-mail"), parser=parse_email, default="", aliases=["Электронная почта", "Email"]),
        Column("phone", gettext_lazy("Phone"), default="", aliases=["Телефон"]),
        Column("website", gettext_lazy("Website"), parser=parse_website, default="", aliases=["Сайт"]),
    )

    def prepare(self):
        self.municipalities = {}
        for municipality in restrict(Municipality.objects.all(), self.user, self.permission()):
            for key in {normalize(municipality.name), normalize(municipality.code)}:
                self.municipalities.setdefault(key, []).append(municipality)
        self.districts = {
            (d.municipality_id, normalize(d.name)): d
            for d in EducationalDistrict.objects.filter(
                municipality__in={m for found in self.municipalities.values() for m in found}
            )
        }
        self._visible_names = None

    def validate_row(self, row):
        values, errors = super().validate_row(row)

        def fail(field_name, message):
            errors.append(RowError(row.number, row.column(field_name), message))

        municipality = None
        if values["municipality"]:
            municipality, message = self.find_municipality(values["municipality"])
            if message:
                fail("municipality", message)
        values["municipality"] = municipality
        if values["district"]:
            text = values["district"]
            values["district"] = None
            if municipality is not None:
                values["district"] = self.districts.get((municipality.pk, normalize(text)))
                if values["district"] is None:
                    fail(
                        "district",
                        _("The municipality «%(municipality)s» has no educational district «%(value)s».")
                        % {"municipality": municipality.name, "value": text},
                    )
        return values, errors

    def find_municipality(self, text):
        """(municipality, error message) for a name or code among the municipalities the user may import into."""
        candidates = self.municipalities.get(normalize(text), [])
        if len(candidates) == 1:
            return candidates[0], None
        if len(candidates) > 1:
            return None, _("Several municipalities are named «%(value)s»; give the municipality code instead.") % {
                "value": text
            }
        if self.is_visible_municipality(text):
            return None, _("You may not import organizations into the municipality «%(value)s».") % {"value": text}
        return None, _("Municipality «%(value)s» was not found.") % {"value": text}

    def is_visible_municipality(self, text):
        """Does the user see a municipality of this name or code? Only then is it named as outside their scope."""
        if self._visible_names is None:
            visible = restrict(Municipality.objects.all(), self.user, "territory.municipality:view")
            self._visible_names = set()
            for name, code in visible.values_list("name", "code"):
                self._visible_names |= {normalize(name), normalize(code)}
        return normalize(text) in self._visible_names

    def check_file(self, rows):
        errors, names, inns = [], {}, {}
        for row in rows:
            org = row.instance
            key = (org.municipality_id, normalize(org.short_name))
            if key in names:
                message = _("The same short name in the same municipality as in row %(row)s.") % {"row": names[key]}
                errors.append(RowError(row.number, row.column("short_name"), message))
            names.setdefault(key, row.number)
            if org.inn:
                if org.inn in inns:
                    message = _("The same INN as in row %(row)s.") % {"row": inns[org.inn]}
                    errors.append(RowError(row.number, row.column("inn"), message))
                inns.setdefault(org.inn, row.number)
        return errors

    def check_database(self, rows):
        municipalities = {row.instance.municipality_id for row in rows}
        by_name = {
            (municipality_id, normalize(short_name)): pk
            for pk, municipality_id, short_name in Organization.objects.filter(
                municipality_id__in=municipalities
            ).values_list("pk", "municipality_id", "short_name")
        }
        inns = {row.instance.inn for row in rows if row.instance.inn}
        by_inn = dict(Organization.objects.filter(inn__in=inns).values_list("inn", "pk")) if inns else {}
        found = []
        for row in rows:
            org = row.instance
            pk = by_name.get((org.municipality_id, normalize(org.short_name)))
            if pk:
                found.append((row, "short_name", pk))
            if org.inn and org.inn in by_inn:
                found.append((row, "inn", by_inn[org.inn]))
        if not found:
            return []
        visible = {
            o.pk: o
            for o in restrict(
                Organization.objects.select_related("municipality").filter(pk__in=[pk for *_rest, pk in found]),
                self.user,
                "territory.organization:view",
            )
        }
        errors = []
        for row, field_name, pk in found:
            existing = visible.get(pk)
            if field_name == "short_name":
                if existing:
                    message = _(
                        "An organization with this short name is already in the municipality: %(name)s (record %(id)s)."
                    ) % {"name": existing.full_name, "id": pk}
                else:
                    message = _("An organization with this short name is already in the municipality.")
            elif existing:
                message = _("An organization with this INN is already in the registry: %(name)s, %(municipality)s.") % {
                    "name": existing.short_name,
                    "municipality": existing.municipality.name,
                }
            else:
                message = _("An organization with this INN is already in the registry.")
            errors.append(RowError(row.number, row.column(field_name), message))
        return errors

    def lock(self, rows):
        """Serialise imports into the same municipalities, so the duplicate check inside the transaction holds."""
        ids = sorted({row.instance.municipality_id for row in rows})
        list(Municipality.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))

    def write(self, rows, actor, advance):
        created = 0
        for start in range(0, len(rows), self.batch_size):
            batch = rows[start : start + self.batch_size]
            for row in batch:
                row.instance.updated_by = actor
            Organization.objects.bulk_create([row.instance for row in batch])
            created += len(batch)
            advance(len(batch))
        return created


register_importer("territory.organizations", OrganizationImporter)
