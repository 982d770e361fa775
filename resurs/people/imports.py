"""Teacher import from XLSX/CSV (SPEC §3): every row checked, duplicates reported, all rows written or none.

A duplicate is a teacher with the same surname, name and patronymic and the same birth date or the same e-mail
whose main organization is in the same municipality, in the database or earlier in the same file.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resurs.catalogs.models import Position, QualificationCategory, Subject
from resurs.common.importers import (
    Column,
    Importer,
    RowError,
    normalize,
    parse_bool,
    parse_choice,
    parse_count,
    parse_date,
    parse_email,
    register_importer,
)
from resurs.common.scoping import restrict
from resurs.territory.models import Municipality, Organization

from .models import Teacher, set_scope_columns

CATALOG_HINT = gettext_lazy("a name from the catalog")

# Short forms of the gender column accepted besides the labels of the interface.
GENDER_ALIASES = {"ж": "f", "жен": "f", "женский": "f", "м": "m", "муж": "m", "мужской": "m"}


def _split_list(text):
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


class TeacherImporter(Importer):
    model = Teacher
    title = gettext_lazy("Teachers")
    action_code = "people.teacher.imported"
    columns = (
        Column("surname", gettext_lazy("Surname"), required=True, default="", aliases=["Фамилия"]),
        Column("name", gettext_lazy("First name"), required=True, default="", aliases=["Имя"]),
        Column("patronymic", gettext_lazy("Patronymic"), default="", aliases=["Отчество"]),
        Column(
            "gender",
            gettext_lazy("Gender"),
            default="",
            parser=parse_choice(Teacher.Gender.choices, GENDER_ALIASES),
            aliases=["Пол"],
        ),
        Column("birth_date", gettext_lazy("Birth date"), parser=parse_date, aliases=["Дата рождения"]),
        Column(
            "municipality",
            gettext_lazy("Municipality"),
            default="",
            aliases=["Муниципалитет"],
            hint=gettext_lazy("needed only where organizations of several municipalities share a short name"),
        ),
        Column(
            "organization",
            gettext_lazy("Organization"),
            required=True,
            aliases=["Организация"],
            hint=gettext_lazy("short name"),
        ),
        Column("position", gettext_lazy("Position"), required=True, aliases=["Должность"], hint=CATALOG_HINT),
        Column(
            "subjects",
            gettext_lazy("Subjects"),
            default=(),
            aliases=["Предметы"],
            hint=gettext_lazy("names from the catalog, separated by commas"),
        ),
        Column(
            "category", gettext_lazy("Category"), aliases=["Категория", "Квалификационная категория"], hint=CATALOG_HINT
        ),
        Column(
            "category_assigned_on",
            gettext_lazy("Category assigned on"),
            parser=parse_date,
            aliases=["Дата присвоения категории"],
        ),
        Column(
            "category_expires_on",
            gettext_lazy("Category expires on"),
            parser=parse_date,
            aliases=["Дата окончания категории", "Дата окончания действия категории"],
        ),
        Column(
            "experience_total",
            gettext_lazy("Total experience, years"),
            parser=parse_count,
            default=0,
            aliases=["Стаж общий", "Общий стаж"],
        ),
        Column(
            "experience_specialty",
            gettext_lazy("Experience in the specialty, years"),
            parser=parse_count,
            default=0,
            aliases=["Стаж по специальности", "Педагогический стаж"],
        ),
        Column(
            "is_young_specialist",
            gettext_lazy("Young specialist"),
            parser=parse_bool,
            default=False,
            aliases=["Молодой специалист"],
        ),
        Column("is_innovator", gettext_lazy("Innovator"), parser=parse_bool, default=False, aliases=["Инноватор"]),
        Column(
            "email",
            gettext_lazy("E-mail"),
            parser=parse_email,
            default="",
            aliases=["Электронная почта", "Email", "Эл. почта"],
        ),
        Column("phone", gettext_lazy("Phone"), default="", aliases=["Телефон"]),
    )

    def prepare(self):
        code = self.permission()
        self.organizations = {}
        for org in restrict(Organization.objects.select_related("municipality"), self.user, code):
            self.organizations.setdefault(normalize(org.short_name), []).append(org)
        self.positions = _catalog(Position)
        self.subjects = _catalog(Subject)
        self.categories = _catalog(QualificationCategory)
        self._visible_names = None

    def validate_row(self, row):
        values, errors = super().validate_row(row)

        def fail(field_name, message):
            errors.append(RowError(row.number, row.column(field_name), message))

        if values["organization"]:
            org, message = self.find_organization(values["organization"], values["municipality"])
            values["organization"] = org
            if message:
                fail("organization", message)
        if values["position"]:
            text = values["position"]
            values["position"] = self.positions.get(normalize(text))
            if values["position"] is None:
                fail("position", _not_in_catalog(text, Position))
        if values["category"]:
            text = values["category"]
            values["category"] = self.categories.get(normalize(text))
            if values["category"] is None:
                fail("category", _not_in_catalog(text, QualificationCategory))
        elif values["category_assigned_on"] or values["category_expires_on"]:
            fail("category", _("Category dates are given, but the category is not."))
        subjects = []
        for name in _split_list(values["subjects"] or ""):
            subject = self.subjects.get(normalize(name))
            if subject is None:
                fail("subjects", _not_in_catalog(name, Subject))
            else:
                subjects.append(subject)
        values["subjects"] = subjects
        if values["experience_specialty"] > values["experience_total"]:
            fail("experience_specialty", _("Experience in the specialty cannot exceed total experience."))
        return values, errors

    def build(self, row):
        # The municipality column only tells organizations of the same name apart; the record's own municipality
        # (and region) follow the organization, in write().
        return Teacher(**{k: v for k, v in row.values.items() if k in self.model_fields and k != "municipality"})

    def find_organization(self, text, municipality_text):
        """(organization, error message) for a short name among the organizations the user may import into."""
        candidates = self.organizations.get(normalize(text), [])
        if municipality_text:
            key = normalize(municipality_text)
            candidates = [
                o for o in candidates if key in (normalize(o.municipality.name), normalize(o.municipality.code))
            ]
        if len(candidates) == 1:
            return candidates[0], None
        if len(candidates) > 1:
            names = ", ".join(sorted(o.municipality.name for o in candidates))
            return None, _(
                "Several organizations are named «%(value)s» (%(municipalities)s); fill in the column «%(column)s»."
            ) % {"value": text, "municipalities": names, "column": _("Municipality")}
        if self.is_visible_organization(text):
            return None, _("You may not import teachers into the organization «%(value)s».") % {"value": text}
        return None, _("Organization «%(value)s» was not found.") % {"value": text}

    def is_visible_organization(self, text):
        """Does the user see an organization of this name? Only then is it named as outside their scope."""
        if self._visible_names is None:
            visible = restrict(Organization.objects.all(), self.user, "territory.organization:view")
            self._visible_names = {normalize(name) for name in visible.values_list("short_name", flat=True)}
        return normalize(text) in self._visible_names

    @staticmethod
    def duplicate_key(teacher):
        return (
            teacher.organization.municipality_id,
            normalize(teacher.surname),
            normalize(teacher.name),
            normalize(teacher.patronymic),
        )

    @staticmethod
    def same_person(birth_date, email, other_birth_date, other_email):
        if birth_date and birth_date == other_birth_date:
            return True
        return bool(email) and email.casefold() == (other_email or "").casefold()

    def check_file(self, rows):
        errors, seen = [], {}
        for row in rows:
            t = row.instance
            for other in seen.get(self.duplicate_key(t), []):
                if self.same_person(t.birth_date, t.email, other.instance.birth_date, other.instance.email):
                    message = _(
                        "The same person as in row %(row)s: the same full name and birth date or e-mail in one "
                        "municipality."
                    ) % {"row": other.number}
                    errors.append(RowError(row.number, row.column("surname"), message))
                    break
            seen.setdefault(self.duplicate_key(t), []).append(row)
        return errors

    def check_database(self, rows):
        municipalities = {row.instance.organization.municipality_id for row in rows}
        existing = {}
        records = Teacher.objects.filter(municipality_id__in=municipalities).values_list(
            "pk", "surname", "name", "patronymic", "birth_date", "email", "municipality_id"
        )
        for pk, surname, name, patronymic, birth_date, email, municipality_id in records.iterator(chunk_size=2000):
            key = (municipality_id, normalize(surname), normalize(name), normalize(patronymic))
            existing.setdefault(key, []).append((pk, birth_date, email))
        found = []
        for row in rows:
            t = row.instance
            for pk, birth_date, email in existing.get(self.duplicate_key(t), []):
                if self.same_person(t.birth_date, t.email, birth_date, email):
                    found.append((row, pk))
                    break
        if not found:
            return []
        visible = {
            t.pk: t
            for t in restrict(
                Teacher.objects.select_related("organization").filter(pk__in=[pk for _row, pk in found]),
                self.user,
                "people.teacher:view",
            )
        }
        errors = []
        for row, pk in found:
            teacher = visible.get(pk)
            if teacher:
                message = _(
                    "Already in the registry: %(name)s, %(organization)s (record %(id)s): the same full name and birth "
                    "date or e-mail in one municipality."
                ) % {"name": teacher.full_name, "organization": teacher.organization.short_name, "id": pk}
            else:
                message = _(
                    "A teacher with the same full name and birth date or e-mail is already in the registry of this "
                    "municipality."
                )
            errors.append(RowError(row.number, row.column("surname"), message))
        return errors

    def lock(self, rows):
        """Serialise imports into the same municipalities, so the duplicate check inside the transaction holds."""
        ids = sorted({row.instance.organization.municipality_id for row in rows})
        list(Municipality.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))

    def write(self, rows, actor, advance):
        through = Teacher.subjects.through
        created = 0
        for start in range(0, len(rows), self.batch_size):
            batch = rows[start : start + self.batch_size]
            teachers = []
            for row in batch:
                row.instance.updated_by = actor
                teachers.append(row.instance)
            set_scope_columns(teachers)
            Teacher.objects.bulk_create(teachers)
            links = [
                through(teacher_id=row.instance.pk, subject_id=subject.pk)
                for row in batch
                for subject in row.values["subjects"]
            ]
            through.objects.bulk_create(links)
            created += len(batch)
            advance(len(batch))
        return created


def _catalog(model):
    return {normalize(item.name): item for item in model.objects.filter(is_active=True)}


def _not_in_catalog(value, model):
    return _("«%(value)s» is not in the catalog «%(catalog)s».") % {
        "value": value,
        "catalog": model._meta.verbose_name_plural,
    }


register_importer("people.teachers", TeacherImporter)
