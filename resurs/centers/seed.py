"""Demo data of the resource centers (`manage.py seed --scale demo`, step 500; SPEC §4).

Everything goes through `resurs.centers.services`, as a user of the right role would do it: organizations file and
submit applications, the expert council of the municipality reviews them, the department decides (so every center
has its creation order with a generated DOCX), appoints staff and terminates; the center head appoints the rest,
keeps the groups, agreements and documents. The result, fixed for a given --seed:

- six centers of the four shipped kinds on schools of the three demo municipalities: five active (one of them with
  a term ending within 60 days), one terminated;
- applications at every stage: six approved (one per center), one rejected, one under review with one review (the
  `expert` demo login has it to review), one draft of the `org_admin` demo login's school;
- on the first center (Нефтеюганск), the demo logins `center_head`, `coordinator` (a department employee),
  `methodist`, `center_organizer` and `center_reporter` hold their roles through their staff appointments, with
  methodists from the teacher registry (one appointed despite the eligibility warning, with the reason), a creative
  group and a ГМО with members approved by order, agreements with the department, a base organization and a social
  partner, and uploaded documents of the file nomenclature (small real DOCX files).

The demo logins the step needs as actors (`department`, `expert`, `org_admin` and the center roles) are created here
with the demo password and the role the `users` step (900) would give them; that step then finds them. Officials of
the other municipalities, the other council members and the other organizations' administrators are ordinary
accounts without a usable password. Idempotent: once the demo region has an application, the step only points the
center scope of the demo logins at the first center.
"""

import datetime
import io
import zoneinfo

import docx
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile

from resurs.accounts.models import Role, RoleAssignment, User
from resurs.catalogs.models import ContentDirection, Subject
from resurs.common.scoping import resolve_scope
from resurs.people.models import Teacher
from resurs.people.seed import names, seed_step
from resurs.people.seed_steps import DEMO_PASSWORD, add_years
from resurs.territory.models import OrganizationType

from . import services
from .models import Agreement, Application, ApplicationDeadline, Association, Center, ReviewCriterion

STEP = "centers"
HEADS = ("Директор", "Заведующий")  # the heads of organizations are the centers' heads already, never their staff

FIRST_CENTER = "Ресурсный центр «Цифровая школа»"

# key -> municipality index, kind, name, directions, preferred school (words of its name), approval year offset
CENTERS = [
    ("digital", 0, "school_rc", FIRST_CENTER, ["Цифровая образовательная среда"], ("СОШ",), 1),
    (
        "rimc",
        0,
        "municipal_rimc",
        "Муниципальный ресурсный информационно-методический центр «Одарённые дети»",
        ["Выявление и поддержка одарённых детей", "Подготовка к государственной итоговой аттестации (ОГЭ, ЕГЭ)"],
        ("Лицей", "Гимназия"),
        2,
    ),
    (
        "engineering",
        1,
        "territorial_rc",
        "Территориальный ресурсный центр «Инженерная школа»",
        ["Естественно-научное и технологическое образование", "Проектная и исследовательская деятельность обучающихся"],
        ("Гимназия", "Лицей"),
        1,
    ),
    (
        "support",
        1,
        "support_center",
        "Центр поддержки школ с низкими результатами обучения",
        ["Повышение качества образования в школах с низкими результатами"],
        ("СОШ",),
        1,
    ),
    (
        "rural",
        2,
        "school_rc",
        "Ресурсный центр «Сельская школа: функциональная грамотность»",
        ["Формирование функциональной грамотности обучающихся"],
        ("СОШ",),
        None,  # the term ends within 60 days
    ),
    (
        "mentoring",
        2,
        "territorial_rc",
        "Территориальный ресурсный центр «Наставник»",
        ["Наставничество и сопровождение молодых педагогов"],
        ("СОШ",),
        2,  # terminated
    ),
]

RESOURCES = {
    "staff_resources": (
        "В школе работают {teachers} педагогов, из них {highest} с высшей и {first} с первой квалификационной "
        "категорией; педагоги — победители и призёры муниципальных и региональных конкурсов профессионального "
        "мастерства, эксперты ГИА."
    ),
    "methodological_resources": (
        "Разработаны и апробированы программы внеурочной деятельности и методические рекомендации по направлению; "
        "школа — площадка муниципальных семинаров и мастер-классов, опыт обобщён в публикациях."
    ),
    "material_resources": (
        "Оснащённые кабинеты, конференц-зал на 60 мест, мобильный компьютерный класс, лабораторное оборудование "
        "центра «Точка роста», система видеоконференцсвязи."
    ),
    "information_resources": (
        "Официальный сайт и сообщество школы в социальной сети, электронная библиотека методических материалов, "
        "доступ к федеральным цифровым образовательным платформам."
    ),
}

REVIEW_COMMENTS = {
    "approve": [
        "Заявленное направление актуально для муниципалитета, кадровый потенциал школы достаточен.",
        "Сильная материально-техническая база и опыт проведения муниципальных мероприятий.",
        "Рекомендую присвоить статус; план первого года работы следует согласовать с координатором.",
    ],
    "reject": [
        "Кадровые ресурсы недостаточны: мало педагогов с высшей категорией по направлению.",
        "Направление дублирует работу действующего ресурсного центра муниципалитета.",
    ],
}


# --- helpers ---------------------------------------------------------------------------------------------------


def document_file(filename, title, *paragraphs):
    """A small real DOCX: a heading and paragraphs."""
    document = docx.Document()
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return ContentFile(out.getvalue(), name=filename)


def local_moment(municipality, day, hour=11):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(municipality.timezone))


def on_time(day):
    """`day`, or 10 May of its year when `day` falls after the default deadline (15 May, 002 § 4.3)."""
    return min(day, datetime.date(day.year, 5, 10))


def person(rng, female):
    surname = rng.choice(names.SURNAMES)
    father = rng.choice(names.MALE_NAMES)
    if female:
        return names.female_surname(surname), rng.choice(names.FEMALE_NAMES), father[2]
    return surname, rng.choice(names.MALE_NAMES)[0], father[1]


def hold(user, role_code, kind, scope):
    """Give `user` the role on the scope once (the users step then finds it and adds nothing)."""
    role = Role.objects.get(code=role_code)
    existing = RoleAssignment.objects.filter(user=user, role=role, scope_kind=kind, scope_id=scope.pk).first()
    if existing:
        return existing
    info = resolve_scope(kind, scope.pk)
    assignment = RoleAssignment.objects.create(
        user=user,
        role=role,
        scope_kind=kind,
        scope_id=scope.pk,
        scope_label=info.label,
        region_id=info.region_id,
        municipality_id=info.municipality_id,
        organization_id=info.organization_id,
    )
    forget_grants(user)
    return assignment


def forget_grants(user):
    """The user's roles are cached on the object for a request; a new role must be seen at once here."""
    if hasattr(user, "_resurs_grants"):
        del user._resurs_grants


def first_center(ctx):
    return (
        Center.objects.filter(organization__municipality=ctx.municipalities[0], name=FIRST_CENTER)
        .order_by("pk")
        .first()
    )


@seed_step(500, name=STEP)
def centers(ctx):
    """Centers of the four kinds with applications at every stage, staff, groups, agreements and documents."""
    if ctx.scale_name != "demo":
        return  # the load-test and test scales carry no centers
    if Application.objects.filter(organization__municipality__region=ctx.region).exists():
        ctx.scopes["center"] = first_center(ctx)
        return
    DemoCenters(ctx).run()


class DemoCenters:
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = ctx.rng(STEP)
        self.today = ctx.today
        self.password = make_password(DEMO_PASSWORD)
        self.used_teachers = set()
        self.criteria = list(ReviewCriterion.objects.filter(is_active=True))
        self.directions = {d.name: d for d in ContentDirection.objects.all()}
        self.schools = {
            m.pk: [o for o in ctx.organizations if o.municipality_id == m.pk and o.kind == OrganizationType.SCHOOL]
            for m in ctx.municipalities
        }
        self.demo_school = ctx.scopes["organization"]

    def count(self, what, number=1):
        self.ctx.count(STEP, what, number)

    # --- people ---------------------------------------------------------------------------------------------

    def user(self, username, full_name=None, *, demo=False, teacher=None):
        """A login: a demo one (password `demo`) or an official's account without a usable password."""
        found = User.objects.filter(username=username).first()
        if found:
            return found
        if teacher is not None:
            full_name = (teacher.surname, teacher.name, teacher.patronymic)
        elif full_name is None:
            full_name = person(self.rng, self.rng.random() < 0.8)
        user = User(username=username, last_name=full_name[0], first_name=full_name[1], patronymic=full_name[2])
        user.password = self.password if demo else make_password(None)
        if teacher is not None:
            user.email = teacher.email
        user.save()
        if teacher is not None:
            teacher.user = user
            teacher.save(update_fields=["user"])
        self.count("users")
        return user

    def officials(self):
        """The department, the expert council and the organizations' administrators that act in the demo."""
        first = self.ctx.municipalities[0]
        self.department = {}
        self.experts = {}
        for municipality in self.ctx.municipalities:
            code = municipality.code.lower()
            if municipality.pk == first.pk:
                department = self.user("department", demo=True)
                council = [self.user("expert", demo=True), self.user(f"expert-{code}-2")]
            else:
                department = self.user(f"department-{code}")
                council = [self.user(f"expert-{code}-{n}") for n in (1, 2)]
            hold(department, "department", "municipality", municipality)
            for member in council:
                hold(member, "expert", "municipality", municipality)
            self.department[municipality.pk] = department
            self.experts[municipality.pk] = council

    def org_admin(self, organization):
        if organization.pk == self.demo_school.pk:
            user = self.user("org_admin", demo=True)
        else:
            position = Teacher.objects.filter(
                organization=organization, position__name="Заместитель директора по учебно-воспитательной работе"
            )
            deputy = position.order_by("pk").first()
            names_of = (deputy.surname, deputy.name, deputy.patronymic) if deputy else None
            number = self.schools[organization.municipality_id].index(organization) + 1
            user = self.user(f"orgadmin-{organization.municipality.code.lower()}-{number}", names_of)
        hold(user, "org_admin", "organization", organization)
        return user

    def pick_school(self, municipality, prefer):
        free = [s for s in self.schools[municipality.pk] if s.pk != self.demo_school.pk and s.pk not in self.taken]
        for word in prefer:
            for school in free:
                if word in school.short_name:
                    self.taken.add(school.pk)
                    return school
        self.taken.add(free[0].pk)
        return free[0]

    def teachers(self, queryset, count, *, eligible=None, position=None):
        """`count` unused teachers of the queryset in registry order: methodist-eligible or not (001 § 5.7)."""
        chosen = []
        candidates = (
            queryset.exclude(pk__in=self.used_teachers)
            .exclude(position__name__in=HEADS)
            .select_related("category", "position", "organization")
        )
        if position:
            candidates = candidates.filter(position__name=position)
        for teacher in candidates.order_by("pk"):
            if teacher.user_id:
                continue
            if eligible is not None and (not services.eligibility_warnings("methodist", teacher=teacher)) != eligible:
                continue
            chosen.append(teacher)
            self.used_teachers.add(teacher.pk)
            if len(chosen) == count:
                break
        return chosen

    def teacher(self, queryset, **kwargs):
        found = self.teachers(queryset, 1, **kwargs)
        return found[0] if found else None

    # --- the lifecycle --------------------------------------------------------------------------------------

    def application(self, school, kind_code, title, directions, submitted=None, attachment=True):
        """A draft filed by the organization's administrator; submitted on `submitted` if given."""
        actor = self.org_admin(school)
        teachers = Teacher.objects.filter(organization=school)
        counts = {
            "teachers": teachers.count(),
            "highest": teachers.filter(category__rank=3).count(),
            "first": teachers.filter(category__rank=2).count(),
        }
        application = Application(
            organization=school,
            kind_id=self.kinds[kind_code],
            title=title,
            signed_file=document_file(
                "zayavlenie.docx",
                "Заявление на присвоение статуса ресурсного центра",
                f"{school.full_name} просит присвоить статус «{title}».",
                f"Директор {school.director}",
            ),
            **{field: text.format(**counts) for field, text in RESOURCES.items()},
        )
        chosen = [self.directions[name] for name in directions]
        attachments = []
        if attachment:
            attachments.append(
                (
                    "Справка о кадровом составе",
                    document_file(
                        "spravka-kadry.docx",
                        "Справка о кадровом составе",
                        "Педагоги с высшей категорией: {highest}; с первой категорией: {first}.".format(**counts),
                    ),
                )
            )
        application = services.save_application_draft(
            actor=actor,
            application=application,
            save_m2m=lambda: application.directions.set(chosen),
            attachments=attachments,
        )
        self.count("applications")
        if submitted:
            moment = local_moment(school.municipality, submitted)
            services.submit_application(actor=actor, application=application, now=moment)
        return application

    def review(self, application, expert, recommendation):
        low, high = (3, 5) if recommendation == "approve" else (1, 3)
        scores = {str(c.pk): min(c.max_score, self.rng.randint(low, high)) for c in self.criteria}
        services.save_review(
            actor=expert,
            application=application,
            scores=scores,
            comment=self.rng.choice(REVIEW_COMMENTS[recommendation]),
            recommendation=recommendation,
        )
        self.count("reviews")

    def approve(self, application, term_start, term_end, order_date):
        municipality = application.organization.municipality
        for expert in self.experts[municipality.pk]:
            self.review(application, expert, "approve")
        center = services.decide_application(
            actor=self.department[municipality.pk],
            application=application,
            approve=True,
            term_start=term_start,
            term_end=term_end,
            order_date=order_date,
        )
        self.count("centers")
        self.count("orders")
        return center

    def responsible_order(self, center, actor, date, people):
        """The base organization's order appointing the responsible persons (000 § 6.1–6.3; 001 § 5.7)."""
        order = services.issue_order(
            actor=actor,
            issuer=center.organization,
            kind="responsible",
            date=date,
            center=center,
            data={"persons": [{"full_name": t.full_name, "function": role} for role, t in people]},
        )
        self.count("orders")
        return order

    def appoint(self, center, actor, role, starts_on, order, teacher=None, **kwargs):
        staff = services.assign_staff(
            actor=actor, center=center, role=role, starts_on=starts_on, teacher=teacher, order=order, **kwargs
        )
        if staff.user_id:
            forget_grants(staff.user)
        self.count("staff appointments")
        return staff

    # --- the demo -------------------------------------------------------------------------------------------

    def run(self):
        from .models import CenterKind

        self.kinds = dict(CenterKind.objects.values_list("code", "pk"))
        self.taken = set()
        self.officials()
        year = self.today.year
        m1, m2, _m3 = self.ctx.municipalities
        # Сургут moved its deadline for this year's applications (002 § 4.3 allows another date).
        ApplicationDeadline.objects.get_or_create(
            municipality=m2, year=year, defaults={"deadline": datetime.date(year, 5, 22)}
        )

        made = {}
        for key, index, kind, name, directions, prefer, years_ago in CENTERS:
            municipality = self.ctx.municipalities[index]
            school = self.pick_school(municipality, prefer)
            if years_ago is None:  # ending within 60 days
                term_end = self.today + datetime.timedelta(days=45)
                term_start = add_years(term_end, -3) + datetime.timedelta(days=1)
                order_date = term_start - datetime.timedelta(days=60)
                submitted = on_time(order_date - datetime.timedelta(days=40))
            else:
                start_year = year - years_ago
                submitted = datetime.date(start_year, 4, 20)
                order_date = datetime.date(start_year, 6, 5)
                term_start = datetime.date(start_year, 9, 1)
                term_end = datetime.date(start_year + 3, 8, 31)
            application = self.application(school, kind, name, directions, submitted=submitted)
            made[key] = self.approve(application, term_start, term_end, order_date)

        self.first_center(made["digital"])
        self.rimc(made["rimc"])
        self.engineering(made["engineering"])
        self.support(made["support"])
        self.rural(made["rural"])
        self.terminated(made["mentoring"])
        self.open_applications(m1)
        self.ctx.scopes["center"] = made["digital"]

    def open_applications(self, municipality):
        """The applications still open or refused in the first municipality: draft, under review, rejected."""
        # The demo organization administrator's draft, not submitted yet.
        self.application(
            self.demo_school,
            "school_rc",
            "Ресурсный центр «Школа здоровья»",
            ["Воспитание и социализация обучающихся"],
        )
        # Under review with one review: the `expert` demo login has it to review.
        school = self.pick_school(municipality, ("СОШ",))
        pending = self.application(
            school,
            "school_rc",
            "Ресурсный центр «Профессиональный старт»",
            ["Профессиональная ориентация обучающихся"],
            submitted=on_time(self.today - datetime.timedelta(days=10)),
        )
        self.review(pending, self.experts[municipality.pk][1], "approve")
        # Rejected by the department with reasons.
        school = self.pick_school(municipality, ("СОШ",))
        refused = self.application(
            school,
            "municipal_rimc",
            "Ресурсный центр «Английский для всех»",
            ["Реализация обновлённых ФГОС и федеральных образовательных программ"],
            submitted=on_time(self.today - datetime.timedelta(days=30)),
            attachment=False,
        )
        for expert in self.experts[municipality.pk]:
            self.review(refused, expert, "reject")
        services.decide_application(
            actor=self.department[municipality.pk],
            application=refused,
            approve=False,
            reason=(
                "Экспертный совет не рекомендовал присвоение статуса: кадровые ресурсы недостаточны, направление "
                "реализуется муниципальным ресурсным центром «Одарённые дети»."
            ),
        )

    def first_center(self, center):
        """The demo logins' center: staff with their roles, groups, agreements and documents."""
        municipality = center.organization.municipality
        department = self.department[municipality.pk]
        school_teachers = Teacher.objects.filter(organization=center.organization, is_active=True)
        start = center.term_start
        # The department appoints its coordinator (000 § 3.4) by its own order.
        coordinator = self.user("coordinator", demo=True)
        coordinator_order = services.issue_order(
            actor=department,
            issuer=municipality,
            kind="coordinator",
            date=start + datetime.timedelta(days=7),
            center=center,
            data={"persons": [{"full_name": coordinator.full_name, "function": "coordinator"}]},
        )
        self.count("orders")
        self.appoint(
            center,
            department,
            "coordinator",
            start + datetime.timedelta(days=7),
            coordinator_order,
            user=coordinator,
            position="Главный специалист отдела общего образования департамента образования",
        )
        # The director hands the head's function to the deputy director; the organization's order names the
        # responsible persons and the methodists (000 § 6.1–6.3; 001 § 5.7).
        deputy = self.teacher(school_teachers, position="Заместитель директора по учебно-воспитательной работе")
        deputy = deputy or self.teacher(school_teachers, eligible=True)
        organizer = self.teacher(school_teachers, position="Педагог-организатор") or self.teacher(school_teachers)
        reporter = self.teacher(school_teachers, position="Учитель")
        methodist = self.teacher(school_teachers, eligible=True, position="Учитель")
        # Methodists from the registry of the municipality's schools; not the demo school, whose teacher is the
        # `teacher` demo login's.
        registry = Teacher.objects.filter(
            organization__municipality=municipality, organization__kind=OrganizationType.SCHOOL
        ).exclude(organization=self.demo_school)
        second_methodist = self.teacher(registry, eligible=True, position="Учитель")
        young_methodist = self.teacher(registry, eligible=False, position="Учитель")
        people = [
            ("head", deputy),
            ("organizer", organizer),
            ("reporter", reporter),
            ("methodist", methodist),
            ("methodist", second_methodist),
            ("methodist", young_methodist),
        ]
        appointed_on = start + datetime.timedelta(days=14)
        order = self.responsible_order(center, department, appointed_on, people)
        director = center.staff.get(role="head")
        services.end_staff(actor=department, staff=director, ends_on=appointed_on - datetime.timedelta(days=1))
        head_user = self.user("center_head", demo=True, teacher=deputy)
        head = self.appoint(center, department, "head", appointed_on, order, teacher=deputy)
        assert head.user_id == head_user.pk
        self.user("center_organizer", demo=True, teacher=organizer)
        self.user("center_reporter", demo=True, teacher=reporter)
        self.user("methodist", demo=True, teacher=methodist)
        for role, teacher in people[1:-1]:
            self.appoint(center, head_user, role, appointed_on, order, teacher=teacher)
        self.appoint(
            center,
            head_user,
            "methodist",
            appointed_on,
            order,
            teacher=young_methodist,
            override_reason=(
                "Победитель муниципального конкурса «Педагог года», автор программы по цифровой грамотности; "
                "категория будет получена в текущем учебном году."
            ),
        )
        # A creative group and a city methodological association with their members (001 § 5.4–5.5, 5.9).
        it_teachers = self.teachers(
            Teacher.objects.filter(organization__municipality=municipality, subjects__name="Информатика"), 4
        )
        self.association(
            center,
            head_user,
            kind="creative_group",
            name="Творческая группа «Цифровой урок»",
            topic="Использование цифровых образовательных ресурсов на уроках в основной школе",
            head=methodist,
            members=[methodist, *it_teachers],
            order_date=appointed_on + datetime.timedelta(days=20),
        )
        maths = Subject.objects.filter(name="Математика").first()
        math_teachers = self.teachers(
            Teacher.objects.filter(organization__municipality=municipality, subjects=maths).distinct(), 6
        )
        self.association(
            center,
            head_user,
            kind="gmo",
            name="ГМО учителей математики",
            topic="Формирование математической грамотности обучающихся 5–9 классов",
            subject=maths,
            head=second_methodist,
            members=[second_methodist, *math_teachers],
            order_date=appointed_on + datetime.timedelta(days=20),
        )
        # Agreements with the department, a base organization and a social partner (003 § 3.3; 004 § 1.5).
        partner_school = next(s for s in self.schools[municipality.pk] if s.pk != center.organization_id)
        self.agreement(
            center,
            head_user,
            "authority",
            municipality.department_name or municipality.name,
            "О сотрудничестве в реализации программы ресурсного центра",
            start + datetime.timedelta(days=10),
        )
        self.agreement(
            center,
            head_user,
            "base_organization",
            partner_school.full_name,
            "О сетевой форме реализации программ внеурочной деятельности по информатике",
            start + datetime.timedelta(days=30),
            party_organization=partner_school,
        )
        self.agreement(
            center,
            head_user,
            "social_partner",
            "МБУ «Центральная городская библиотека»",
            "О проведении совместных мероприятий по цифровой грамотности",
            start + datetime.timedelta(days=45),
        )
        # Documents of the file nomenclature (000 § 5.1): the regulation and the plan uploaded; the order of
        # creation is there as a generated document; the rest is missing.
        self.document(center, head_user, "regulation", "Положение о ресурсном центре", "polozhenie.docx")
        self.document(
            center,
            self.user("methodist"),
            "plan",
            f"План деятельности ресурсного центра на {self.today.year} год",
            "plan.docx",
        )

    def association(self, center, actor, *, members, order_date, **fields):
        association = Association(center=center, **fields)
        services.save_association(actor=actor, association=association, members=members, order_date=order_date)
        self.count("associations")
        self.count("orders")
        return association

    def agreement(self, center, actor, party_kind, party, subject, date, party_organization=None):
        number = f"{len(center.agreements.all()) + 1}-РЦ"
        agreement = Agreement(
            center=center,
            party_kind=party_kind,
            party=party,
            party_organization=party_organization,
            number=number,
            date=date,
            starts_on=date,
            ends_on=center.term_end,
            subject=subject,
            file=document_file(
                f"dogovor-{len(center.agreements.all()) + 1}.docx",
                f"Договор № {number}",
                f"{center.organization.full_name} и {party} заключили настоящий договор {subject.lower()}.",
            ),
        )
        services.save_agreement(actor=actor, agreement=agreement)
        self.count("agreements")
        return agreement

    def document(self, center, actor, requirement, title, filename):
        services.add_center_document(
            actor=actor,
            center=center,
            requirement=requirement,
            title=title,
            file=document_file(filename, title, center.name, center.organization.full_name),
        )
        self.count("documents")

    def staff_from_registry(self, center, methodists=1):
        """Organizer, reporter and methodists of the base school from the teacher registry, by the school's order."""
        department = self.department[center.organization.municipality_id]
        school_teachers = Teacher.objects.filter(organization=center.organization, is_active=True)
        people = [
            ("organizer", self.teacher(school_teachers, position="Учитель")),
            ("reporter", self.teacher(school_teachers, position="Учитель")),
        ] + [("methodist", t) for t in self.teachers(school_teachers, methodists, eligible=True, position="Учитель")]
        people = [(role, t) for role, t in people if t is not None]
        appointed_on = center.term_start + datetime.timedelta(days=14)
        order = self.responsible_order(center, department, appointed_on, people)
        for role, teacher in people:
            self.appoint(center, department, role, appointed_on, order, teacher=teacher)
        return department

    def rimc(self, center):
        department = self.staff_from_registry(center, methodists=2)
        municipality = center.organization.municipality
        russian = Subject.objects.filter(name="Русский язык").first()
        teachers = self.teachers(
            Teacher.objects.filter(organization__municipality=municipality, subjects=russian).distinct(), 6
        )
        if not teachers:
            return
        self.association(
            center,
            department,
            kind="gmo",
            name="ГМО учителей русского языка и литературы",
            topic="Смысловое чтение и работа с текстом на уроках русского языка и литературы",
            subject=russian,
            head=teachers[0],
            members=teachers,
            order_date=center.term_start + datetime.timedelta(days=30),
        )
        self.document(center, department, "plan", "План работы ресурсного центра", "plan-mrimc.docx")

    def engineering(self, center):
        department = self.staff_from_registry(center)
        municipality = center.organization.municipality
        self.agreement(
            center,
            department,
            "authority",
            municipality.department_name or municipality.name,
            "О деятельности территориального ресурсного центра",
            center.term_start,
        )
        base = next(s for s in self.schools[municipality.pk] if s.pk != center.organization_id)
        self.agreement(
            center,
            department,
            "base_organization",
            base.full_name,
            "О совместной реализации инженерных проектов обучающихся",
            center.term_start + datetime.timedelta(days=20),
            party_organization=base,
        )
        self.document(center, department, "regulation", "Положение о ОО — ТРЦ", "polozhenie-trc.docx")

    def support(self, center):
        department = self.staff_from_registry(center)
        name = person(self.rng, True)
        self.appoint(
            center,
            department,
            "external",
            center.term_start + datetime.timedelta(days=30),
            None,
            full_name=" ".join(name),
            position="Педагог-психолог, кандидат психологических наук",
            contract=f"Договор возмездного оказания услуг № 14 от {center.term_start:%d.%m.%Y}",
        )
        self.agreement(
            center,
            department,
            "authority",
            "Региональный оператор мониторинга качества образования",
            "О сотрудничестве по сопровождению школ с низкими результатами обучения",
            center.term_start,
        )
        self.document(center, department, "programme", "Программа деятельности центра", "programma.docx")

    def rural(self, center):
        self.staff_from_registry(center)

    def terminated(self, center):
        department = self.staff_from_registry(center)
        services.terminate_center(
            actor=department,
            center=center,
            reason=Center.TerminationReason.COMPLETED,
            text="",
            order_date=self.today - datetime.timedelta(days=20),
        )
        self.count("orders")
