"""Seed steps of the lower layers: reference lists, territory, teachers (SPEC §2–3) and the demo users (SPEC §1)."""

import datetime
import math

from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _

from resurs.accounts.models import Role, RoleAssignment, User
from resurs.accounts.roles import SHIPPED_ROLES
from resurs.catalogs.defaults import install_defaults
from resurs.catalogs.models import Position, QualificationCategory, Subject
from resurs.common.scoping import registered_kinds, resolve_scope, scope_candidates
from resurs.territory.models import EducationalDistrict, Municipality, Organization, OrganizationType, Region

from .models import Consent, Employment, Teacher, set_scope_columns
from .seed import names, seed_step

BATCH = 2000
DEMO_PASSWORD = "demo"
CONSENT_PURPOSE = "Учёт педагогических работников и организация их методического сопровождения"


def allocate(total, weights):
    """Split `total` into integer parts proportional to `weights` (largest remainder), each part at least 1."""
    parts = [1] * len(weights)
    rest = total - len(weights)
    shares = [rest * w / sum(weights) for w in weights]
    for i, share in enumerate(shares):
        parts[i] += math.floor(share)
    order = sorted(range(len(weights)), key=lambda i: (math.floor(shares[i]) - shares[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --- reference lists -------------------------------------------------------------------------------------------


@seed_step(100, name="catalogs")
def catalogs(ctx):
    """The shipped reference lists (the migration installs them; this restores any the teachers step needs)."""
    ctx.count("catalogs", "entries", install_defaults())


# --- territory -------------------------------------------------------------------------------------------------

REGIONS = {
    "tiny": ("Учебная область", "T1", "Europe/Moscow"),
    "demo": names.DEMO_REGION,
    "region": names.REGION_SCALE_REGION,
}

ADDITIONAL = [
    ("ДДТ", "Дом детского творчества"),
    ("ДЮСШ", "Детско-юношеская спортивная школа"),
    ("ЦДТ", "Центр детского творчества"),
    ("ДШИ", "Детская школа искусств"),
    ("СЮН", "Станция юных натуралистов"),
    ("ЦДО", "Центр дополнительного образования"),
    ("СЮТ", "Станция юных техников"),
    ("ДЭЦ", "Детский экологический центр"),
]
DISTRICT_NAMES = ["Центральный", "Северный", "Южный", "Восточный", "Западный"]


def _municipality_plan(ctx, rng):
    """[(name, rural?, department, weight)] for the scale."""
    count = ctx.scale.municipalities
    if ctx.scale_name == "region":
        rows = []
        for i, name in enumerate(names.REGION_MUNICIPALITIES[:count]):
            weight = 15.0 if i == 0 else 3.0 if i < 6 else rng.uniform(0.6, 1.6)
            department = f"Управление образования администрации муниципального образования «{name}»"
            rows.append((name, False, department, weight))
        return rows
    weights = [1.0, 1.6, 0.7]
    return [
        (name, kind == "district", department, weights[i])
        for i, (name, kind, department) in enumerate(names.DEMO_MUNICIPALITIES[:count])
    ]


def _organizations_for(municipality, rural, count, rng):
    """Unsaved organizations of one municipality (schools first), with realistic Russian names."""
    methodical = 1 if count >= 10 else 0
    additional = max(1 if count >= 4 else 0, round(count * 0.08))
    kindergartens = round((count - methodical - additional) * 0.42)
    schools = count - methodical - additional - kindergartens
    orgs = []

    def org(kind, short, full):
        address = f"{municipality.name}, {rng.choice(names.STREETS)}, д. {rng.randint(1, 60)}"
        orgs.append(
            Organization(municipality=municipality, kind=kind, short_name=short, full_name=full, address=address)
        )

    villages = list(names.VILLAGE_SCHOOL_NAMES)
    for number in range(1, schools + 1):
        autonomous = rng.random() < 0.3
        abbr, form = ("МАОУ", "автономное") if autonomous else ("МБОУ", "бюджетное")
        if rural:
            village = villages[(number - 1) % len(villages)]
            suffix = f" № {(number - 1) // len(villages) + 1}" if number > len(villages) else ""
            short, full = f"{village} СОШ{suffix}", f"{village} средняя общеобразовательная школа{suffix}"
        else:
            r = rng.random()
            kind_short, kind_full = ("СОШ", "Средняя общеобразовательная школа")
            if r < 0.2:
                kind_short = kind_full = "Лицей" if r < 0.1 else "Гимназия"
            short, full = f"{kind_short} № {number}", f"{kind_full} № {number}"
        org(
            OrganizationType.SCHOOL,
            f"{abbr} «{short}»",
            f"Муниципальное {form} общеобразовательное учреждение «{full}»",
        )
    garden_names = rng.sample(names.KINDERGARTEN_NAMES, len(names.KINDERGARTEN_NAMES))
    for number in range(1, kindergartens + 1):
        autonomous = rng.random() < 0.3
        abbr, form = ("МАДОУ", "автономное") if autonomous else ("МБДОУ", "бюджетное")
        title = f"Детский сад № {number} „{garden_names[(number - 1) % len(garden_names)]}“"
        org(
            OrganizationType.KINDERGARTEN,
            f"{abbr} «{title}»",
            f"Муниципальное {form} дошкольное образовательное учреждение «{title}»",
        )
    for number in range(1, additional + 1):
        short, full = ADDITIONAL[(number - 1) % len(ADDITIONAL)]
        if number > len(ADDITIONAL):
            series = (number - 1) // len(ADDITIONAL) + 1
            short, full = f"{short} № {series}", f"{full} № {series}"
        autonomous = rng.random() < 0.3
        abbr, form = ("МАУ ДО", "автономное") if autonomous else ("МБУ ДО", "бюджетное")
        org(
            OrganizationType.ADDITIONAL,
            f"{abbr} «{short}»",
            f"Муниципальное {form} учреждение дополнительного образования «{full}»",
        )
    if methodical:
        org(
            OrganizationType.METHODICAL,
            "МКУ «ИМЦ»",
            "Муниципальное казённое учреждение «Информационно-методический центр»",
        )
    return orgs


@seed_step(200, name="territory")
def territory(ctx):
    """One region with its municipalities, organizations and educational districts headed by base schools."""
    rng = ctx.rng("territory")
    region_name, code, tz = REGIONS[ctx.scale_name]
    region = Region.objects.filter(code=code).first()
    if region is None:
        region = Region.objects.create(name=region_name, code=code, timezone=tz)
        plan = _municipality_plan(ctx, rng)
        heads = ctx.rng("department heads")  # its own stream: the other names stay as they were
        municipalities = Municipality.objects.bulk_create(
            Municipality(
                region=region,
                name=name,
                code=f"{code}-{i:02d}",
                timezone=tz,
                department_name=department,
                department_head=_Person(heads, female=heads.random() < 0.7).full_name,
                department_head_position="Начальник управления образования",
            )
            for i, (name, _rural, department, _w) in enumerate(plan, start=1)
        )
        org_counts = allocate(ctx.scale.organizations, [row[3] for row in plan])
        orgs, districts, bases = [], [], []
        for municipality, (_name, rural, _department, _w), count in zip(municipalities, plan, org_counts, strict=True):
            own = _organizations_for(municipality, rural, count, rng)
            schools = [o for o in own if o.kind == OrganizationType.SCHOOL]
            n_districts = 0 if len(schools) < 4 else 1 if len(schools) < 8 else 2 if len(schools) < 30 else 3
            own_districts = [
                EducationalDistrict(municipality=municipality, name=f"{DISTRICT_NAMES[i]} образовательный округ")
                for i in range(n_districts)
            ]
            for i, district in enumerate(own_districts):
                schools[i].is_base = True
                bases.append((district, schools[i]))
            for o in own:
                if own_districts and o.kind in (OrganizationType.SCHOOL, OrganizationType.KINDERGARTEN):
                    base_of = next((d for d, s in bases if s is o), None)
                    o.district = base_of or own_districts[rng.randrange(len(own_districts))]
            districts += own_districts
            orgs += own
        EducationalDistrict.objects.bulk_create(districts)
        for o in orgs:
            o.district_id = o.district.pk if o.district else None
        Organization.objects.bulk_create(orgs, batch_size=BATCH)
        for district, school in bases:
            district.base_organization_id = school.pk
        EducationalDistrict.objects.bulk_update(districts, ["base_organization"])
        ctx.count("territory", "regions", 1)
        ctx.count("territory", "municipalities", len(municipalities))
        ctx.count("territory", "organizations", len(orgs))
        ctx.count("territory", "educational districts", len(districts))
    ctx.region = region
    ctx.municipalities = list(region.municipalities.order_by("code"))
    ctx.organizations = list(Organization.objects.filter(municipality__region=region).order_by("pk"))
    first = ctx.municipalities[0]
    ctx.scopes.update(
        region=region,
        municipality=first,
        organization=next(o for o in ctx.organizations if o.municipality_id == first.pk and o.kind == "school"),
    )


# --- teachers --------------------------------------------------------------------------------------------------

# (subjects taught together, weight): the usual combinations of a Russian school teacher's load.
SUBJECT_BUNDLES = [
    (("Начальные классы",), 22),
    (("Русский язык", "Литература"), 14),
    (("Математика", "Алгебра", "Геометрия"), 10),
    (("Математика", "Алгебра", "Геометрия", "Вероятность и статистика"), 3),
    (("Математика", "Информатика"), 1),
    (("История", "Обществознание"), 8),
    (("История", "Обществознание", "Основы духовно-нравственной культуры народов России (ОДНКНР)"), 1),
    (("Иностранный язык (английский)",), 10),
    (("Иностранный язык (немецкий)",), 1),
    (("Биология",), 4),
    (("Биология", "Химия"), 2),
    (("Химия",), 3),
    (("Физика",), 4),
    (("Физика", "Информатика"), 1),
    (("Информатика",), 3),
    (("География",), 4),
    (("Физическая культура",), 8),
    (("ОБЗР",), 1),
    (("Технология",), 4),
    (("Музыка",), 2),
    (("ИЗО",), 2),
    (("Русский язык", "Литература", "Родной язык", "Родная литература"), 1),
]

# organization kind -> (head position, [(position, weight)], share of women)
STAFF = {
    OrganizationType.SCHOOL: (
        "Директор",
        [
            ("Учитель", 85),
            ("Заместитель директора по учебно-воспитательной работе", 3),
            ("Заместитель директора по воспитательной работе", 1),
            ("Педагог-психолог", 2),
            ("Учитель-логопед", 1),
            ("Учитель-дефектолог", 1),
            ("Социальный педагог", 2),
            ("Педагог-организатор", 1),
            ("Тьютор", 1),
            ("Советник директора по воспитанию и взаимодействию с детскими общественными объединениями", 1),
            ("Педагог-библиотекарь", 1),
            ("Преподаватель-организатор ОБЗР", 1),
        ],
        0.83,
    ),
    OrganizationType.KINDERGARTEN: (
        "Заведующий",
        [
            ("Воспитатель", 75),
            ("Старший воспитатель", 5),
            ("Музыкальный руководитель", 6),
            ("Инструктор по физической культуре", 4),
            ("Педагог-психолог", 3),
            ("Учитель-логопед", 6),
            ("Заместитель заведующего", 1),
        ],
        0.98,
    ),
    OrganizationType.ADDITIONAL: (
        "Директор",
        [
            ("Педагог дополнительного образования", 78),
            ("Тренер-преподаватель", 8),
            ("Методист", 8),
            ("Педагог-организатор", 2),
            ("Концертмейстер", 4),
        ],
        0.65,
    ),
    OrganizationType.METHODICAL: ("Директор", [("Методист", 70), ("Старший методист", 30)], 0.85),
}
STAFF_SIZE = {
    OrganizationType.SCHOOL: 1.0,
    OrganizationType.KINDERGARTEN: 0.45,
    OrganizationType.ADDITIONAL: 0.35,
    OrganizationType.METHODICAL: 0.25,
}
POSITION_SUBJECTS = {
    "Воспитатель": ("Дошкольное образование",),
    "Старший воспитатель": ("Дошкольное образование",),
    "Педагог дополнительного образования": ("Дополнительное образование",),
    "Учитель-логопед": ("Коррекционная педагогика",),
    "Учитель-дефектолог": ("Коррекционная педагогика",),
    "Преподаватель-организатор ОБЗР": ("ОБЗР",),
}


class _Person:
    """A random Russian name, surname and patronymic of one gender."""

    def __init__(self, rng, female):
        surname = rng.choice(names.SURNAMES)
        father = rng.choice(names.MALE_NAMES)
        if female:
            self.surname, self.name, self.patronymic = (
                names.female_surname(surname),
                rng.choice(names.FEMALE_NAMES),
                father[2],
            )
        else:
            self.surname, self.name, self.patronymic = surname, rng.choice(names.MALE_NAMES)[0], father[1]
        self.gender = Teacher.Gender.FEMALE if female else Teacher.Gender.MALE

    @property
    def full_name(self):
        return f"{self.surname} {self.name} {self.patronymic}"


def _career(rng, today, young, head):
    """(birth date, total experience, specialty experience): most start at 22, some later or after another job."""
    if young:
        total = rng.randint(0, 2)
        age = 22 + total + rng.randint(0, 3)
        specialty = total
    else:
        age = rng.randint(38, 63) if head else rng.randint(25, 66)
        total = age - 22 - min(age - 25, int(rng.expovariate(1 / 4)))
        specialty = total - min(total - 3, int(rng.expovariate(1 / 3)))
    birth = today - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
    return birth, total, specialty


def _category(rng, today, young, total, categories):
    """(category, assigned on, expires on): the usual spread of categories among a region's teachers."""
    if young:
        return categories["Без категории"], None, None
    r = rng.random()
    if r < 0.015 and total >= 15:
        name = rng.choice(["Педагог-методист", "Педагог-наставник"])
    elif r < 0.33:
        name = "Высшая"
    elif r < 0.66:
        name = "Первая"
    elif r < 0.81:
        name = "Соответствие занимаемой должности"
    else:
        return categories["Без категории"], None, None
    category = categories[name]
    assigned = today - datetime.timedelta(days=rng.randint(20, 5 * 365 - 20))
    expires = add_years(assigned, category.validity_years) if category.validity_years else None
    return category, assigned, expires


@seed_step(300, name="teachers")
def teachers(ctx):
    """The region's pedagogical workers: positions, subjects, categories, experience, consents, part-time jobs."""
    if Teacher.objects.filter(organization__municipality__region=ctx.region).exists():
        return
    rng = ctx.rng("teachers")
    today = ctx.today
    positions = {p.name: p for p in Position.objects.all()}
    categories = {c.name: c for c in QualificationCategory.objects.all()}
    subjects = {s.name: s for s in Subject.objects.all()}
    bundles, bundle_weights = zip(*SUBJECT_BUNDLES, strict=True)

    orgs = ctx.organizations
    weights = [STAFF_SIZE[o.kind] * rng.uniform(0.6, 1.4) for o in orgs]
    counts = allocate(ctx.scale.teachers, weights)
    by_municipality = {}
    for o in orgs:
        if o.kind in (OrganizationType.SCHOOL, OrganizationType.ADDITIONAL):
            by_municipality.setdefault(o.municipality_id, []).append(o)

    rows = []  # (teacher, subject names, consent?, part-time organization)
    directors = []
    for org, count in zip(orgs, counts, strict=True):
        head, staff, women = STAFF[org.kind]
        staff_names, staff_weights = zip(*staff, strict=True)
        for i in range(count):
            person = _Person(rng, rng.random() < women)
            position = head if i == 0 else rng.choices(staff_names, staff_weights)[0]
            young = i > 0 and rng.random() < 0.11
            birth, total, specialty = _career(rng, today, young, head=i == 0)
            category, assigned, expires = _category(rng, today, young, total, categories)
            if position == "Учитель":
                taught = rng.choices(bundles, bundle_weights)[0]
            else:
                taught = POSITION_SUBJECTS.get(position, ())
            teacher = Teacher(
                surname=person.surname,
                name=person.name,
                patronymic=person.patronymic,
                gender=person.gender,
                birth_date=birth,
                organization=org,
                position=positions[position],
                category=category,
                category_assigned_on=assigned,
                category_expires_on=expires,
                experience_total=total,
                experience_specialty=specialty,
                is_young_specialist=total < 3,
                is_innovator=rng.random() < 0.05,
            )
            if rng.random() < 0.7:
                login = f"{names.translit(person.surname)}.{names.translit(person.name[0] + person.patronymic[0])}"
                teacher.email = f"{login}{rng.randint(1, 99)}@example.org"
            if rng.random() < 0.6:
                digits = (rng.randint(10, 99), rng.randint(100, 999), rng.randint(10, 99), rng.randint(10, 99))
                teacher.phone = "+7 9{} {}-{}-{}".format(*digits)
            part_time = None
            if position == "Учитель" and rng.random() < 0.05:
                others = [o for o in by_municipality.get(org.municipality_id, []) if o.pk != org.pk]
                part_time = rng.choice(others) if others else None
            rows.append((teacher, taught, rng.random() < 0.9, part_time))
            if i == 0:
                org.director = person.full_name
                directors.append(org)

    set_scope_columns([row[0] for row in rows])
    Teacher.objects.bulk_create([row[0] for row in rows], batch_size=BATCH)
    through = Teacher.subjects.through
    links, consents, jobs = [], [], []
    for teacher, taught, consent, part_time in rows:
        links += [through(teacher_id=teacher.pk, subject_id=subjects[name].pk) for name in taught]
        if consent:
            given = today - datetime.timedelta(days=rng.randint(0, 3 * 365))
            withdrawn = rng.random() < 0.01
            consents.append(
                Consent(
                    teacher_id=teacher.pk,
                    given_on=given,
                    purpose=CONSENT_PURPOSE,
                    withdrawn_on=given + datetime.timedelta(days=rng.randint(0, (today - given).days))
                    if withdrawn
                    else None,
                    withdrawal_reason="Заявление работника об отзыве согласия" if withdrawn else "",
                )
            )
        if part_time:
            title = "Учитель" if part_time.kind == OrganizationType.SCHOOL else "Педагог дополнительного образования"
            jobs.append(Employment(teacher_id=teacher.pk, organization=part_time, position=positions[title]))
    through.objects.bulk_create(links, batch_size=BATCH * 2)
    Consent.objects.bulk_create(consents, batch_size=BATCH)
    Employment.objects.bulk_create(jobs, batch_size=BATCH)
    Organization.objects.bulk_update(directors, ["director"], batch_size=BATCH)
    ctx.count("teachers", "teachers", len(rows))
    ctx.count("teachers", "subject links", len(links))
    ctx.count("teachers", "consents", len(consents))
    ctx.count("teachers", "part-time jobs", len(jobs))


# --- demo users ------------------------------------------------------------------------------------------------


def _assign(user, role, kind, scope_id):
    """Give `user` `role` on a scope once (a second run finds the assignment and adds nothing)."""
    existing = RoleAssignment.objects.filter(user=user, role=role, scope_kind=kind, scope_id=scope_id).first()
    if existing:
        return existing, False
    info = resolve_scope(kind, scope_id) if kind != "self" else None
    assignment = RoleAssignment.objects.create(
        user=user,
        role=role,
        scope_kind=kind,
        scope_id=scope_id,
        scope_label=info.label if info else str(user),
        region_id=info and info.region_id,
        municipality_id=info and info.municipality_id,
        organization_id=info and info.organization_id,
    )
    return assignment, True


@seed_step(900, name="users")
def demo_users(ctx):
    """`admin` (superuser) and one user per shipped role, named after it, password `demo`, on a sensible scope."""
    password_hash = None
    is_demo_password = {}  # users made by one run share one hash: check each distinct hash once (hashing is slow)
    roles = {r.code: r for r in Role.objects.all()}
    kinds = set(registered_kinds()) | {"self"}
    wanted = [("admin", None)] + [(code, code) for code in SHIPPED_ROLES]
    for username, role_code in wanted:
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            user = User(username=username, password=password_hash, is_superuser=role_code is None)
            user.is_staff = user.is_superuser
            user.save()
            ctx.count("users", "users", 1)
        if user.password not in is_demo_password:
            is_demo_password[user.password] = created or user.check_password(DEMO_PASSWORD)
        password = DEMO_PASSWORD if is_demo_password[user.password] else _("(unchanged)")
        if role_code is None:
            ctx.logins.append((username, password, _("superuser"), _("everything")))
            continue
        role = roles.get(role_code)
        if role is None:  # an administrator deleted the shipped role
            ctx.logins.append((username, password, role_code, _("none: the role does not exist")))
            continue
        kind = role.scope_kinds[0]
        if kind not in kinds:
            note = _("none: the scope kind “%(kind)s” does not exist yet") % {"kind": kind}
            ctx.logins.append((username, password, _(role.name), note))
            continue
        scope = user if kind == "self" else ctx.scopes.get(kind) or _scope_in_region(ctx, kind)
        if scope is None:
            note = _("none: there is no “%(kind)s” in the demo region yet") % {"kind": kind}
            ctx.logins.append((username, password, _(role.name), note))
            continue
        if kind == "self":
            _link_teacher(ctx, user)
        assignment, made = _assign(user, role, kind, scope.pk)
        ctx.count("users", "role assignments", int(made))
        ctx.logins.append((username, password, _(role.name), assignment.scope_label))


def _scope_in_region(ctx, kind):
    """The first scope of `kind` inside the seeded region, for kinds an upper app registers (a center)."""
    candidates = scope_candidates(kind)
    if candidates is None:
        return None
    path = (getattr(candidates.model, "scope_paths", None) or {}).get("region")
    if path is None:
        return None
    return candidates.filter(**{path: ctx.region.pk}).order_by("pk").first()


def _link_teacher(ctx, user):
    """The `teacher` login is the account of one teacher of the demo school."""
    if Teacher.objects.filter(user=user).exists():
        return
    teacher = (
        Teacher.objects.filter(organization=ctx.scopes["organization"], position__name="Учитель", user__isnull=True)
        .order_by("pk")
        .first()
    )
    if teacher is None:
        return
    teacher.user = user
    teacher.save(update_fields=["user"])
    user.last_name, user.first_name, user.patronymic = teacher.surname, teacher.name, teacher.patronymic
    user.email = teacher.email
    user.save(update_fields=["last_name", "first_name", "patronymic", "email"])
