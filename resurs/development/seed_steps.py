"""Demo teacher development (`manage.py seed`): a municipal diagnostic of the demo center with deficits, the
upcoming events tagged with the competences they develop, the demo teacher's route in progress (tutored by the demo
methodist) with a step accepted from the proposals, courses, presentations of experience, mentoring pairs and
attestations — so the cabinet, the route page, the proposals and the association analysis show something.

Order 980: after the events (960), whose upcoming events get their competences here. Rows are written directly (the
routes through the services); a diagnostic already seeded is not made again (idempotent).
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from resurs.accounts.models import User
from resurs.catalogs.models import Competence, QualificationCategory
from resurs.centers.models import Association, Center
from resurs.events.models import Event
from resurs.people.models import Teacher
from resurs.people.seed import seed_step

from . import recommendations, services
from .models import Attestation, Course, DiagnosticProcedure, DiagnosticResult, ExperienceSharing, MentoringPair

STEP = "development"
TITLE = "Муниципальная диагностика профессиональных дефицитов учителей"
# Upcoming demo events (by a word of the title) and the competences they develop.
EVENT_TAGS = {
    "ЕГЭ": ["П2", "М3"],
    "одарёнными": ["ПП1", "М1"],
    "Аттестация": ["Н1"],
    "Наставничество": ["К2", "М1"],
}
DIRECTIONS = ["Обновлённые ФГОС", "Функциональная грамотность", "Цифровая образовательная среда", "Инклюзия"]
PROVIDERS = ["Институт развития образования", "ЦНППМ", "Академия Минпросвещения России"]


@seed_step(980, name=STEP)
def development(ctx):
    """One diagnostic per demo center's municipality with results, deficits, routes, courses, mentoring."""
    center = ctx.scopes.get("center")
    if center is None or not isinstance(center, Center):
        return
    if DiagnosticProcedure.objects.filter(title=TITLE, center=center).exists():
        return
    rng = ctx.rng(STEP)
    today = ctx.today
    competences = {c.code: c for c in Competence.objects.filter(is_active=True)}
    if not competences:
        return
    for event in Event.objects.filter(
        center__organization__municipality__region=ctx.region, starts_at__gt=timezone.now()
    ):
        for word, codes in EVENT_TAGS.items():
            if word in event.title:
                event.competences.add(*[competences[c] for c in codes if c in competences])

    # The demo teacher joins the center's city methodological association (its creative group keeps the members
    # its order names), so that the demo methodist supports them.
    associations = Association.objects.filter(center=center).order_by("pk")
    association = associations.filter(kind="gmo").first() or associations.first()
    members = list(association.members.order_by("pk")) if association else []
    demo_teacher = Teacher.objects.filter(user__username="teacher").first()
    if association and demo_teacher and demo_teacher not in members:
        association.members.add(demo_teacher)
        members.append(demo_teacher)
    teachers = list(
        Teacher.objects.filter(municipality_id=center.organization.municipality_id, is_active=True).order_by("pk")[:300]
    )
    if demo_teacher and demo_teacher not in teachers:
        teachers.append(demo_teacher)

    procedure = DiagnosticProcedure.objects.create(
        title=TITLE,
        level=DiagnosticProcedure.Level.MUNICIPAL,
        held_on=today - datetime.timedelta(days=45),
        instrument="Тест, 25 заданий; кейс по проектированию урока",
        threshold=Decimal(50),
        municipality_id=center.organization.municipality_id,
        center=center,
    )
    federal = DiagnosticProcedure.objects.create(
        title="Федеральная диагностика предметных компетенций",
        level=DiagnosticProcedure.Level.FEDERAL,
        held_on=today - datetime.timedelta(days=120),
        instrument="КИМ",
        threshold=Decimal(60),
        municipality_id=center.organization.municipality_id,
    )
    rows = []
    measured = [c for c in ("П2", "М1", "М3", "ПП1", "К2", "Ц1", "Н1") if c in competences]
    for teacher in teachers:
        for code in rng.sample(measured, min(4, len(measured))):
            score = rng.randint(2, 10)
            rows.append(
                DiagnosticResult(
                    procedure=procedure,
                    teacher=teacher,
                    competence=competences[code],
                    score=Decimal(score),
                    max_score=Decimal(10),
                    is_deficit=score < 5,
                )
            )
    if demo_teacher:
        rows = [r for r in rows if r.teacher_id != demo_teacher.pk]
        for code, score in (("П2", 3), ("М1", 4), ("Н1", 8), ("К2", 6)):
            if code in competences:
                rows.append(
                    DiagnosticResult(
                        procedure=procedure,
                        teacher=demo_teacher,
                        competence=competences[code],
                        score=Decimal(score),
                        max_score=Decimal(10),
                        is_deficit=score < 5,
                    )
                )
    for teacher in members[:20]:
        if "П1" in competences:
            score = rng.randint(3, 10)
            rows.append(
                DiagnosticResult(
                    procedure=federal,
                    teacher=teacher,
                    competence=competences["П1"],
                    score=Decimal(score),
                    max_score=Decimal(10),
                    is_deficit=score * 100 < 60 * 10,
                )
            )
    DiagnosticResult.objects.bulk_create(rows)
    ctx.count(STEP, "diagnostic results", len(rows))

    methodist = User.objects.filter(username="methodist").first()
    routes = 0
    if demo_teacher and methodist:
        deficits = list(DiagnosticResult.objects.filter(teacher=demo_teacher, procedure=procedure, is_deficit=True))
        start = datetime.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
        route = services.create_route(
            actor=methodist,
            teacher=demo_teacher,
            period_start=start,
            period_end=start.replace(year=start.year + 1) - datetime.timedelta(days=1),
            basis="organization",
            center=center,
            tutor=methodist,
            deficits=deficits,
            goals="Устранить дефициты в решении задач повышенной сложности и в проектировании урока по ФГОС.",
        )
        services.save_step(
            actor=methodist,
            route=route,
            version=None,
            kind="self_education",
            title="Изучить демоверсию и спецификацию КИМ ЕГЭ текущего года",
            competence=competences.get("П2"),
            deadline=min(today + datetime.timedelta(days=30), route.period_end),
        )
        services.save_step(
            actor=methodist,
            route=route,
            version=None,
            kind="open_lesson",
            title="Открытый урок для учителей ГМО",
            competence=competences.get("М1"),
            deadline=min(today + datetime.timedelta(days=90), route.period_end),
        )
        services.transition(actor=methodist, route=route, action="agree")
        services.transition(actor=methodist, route=route, action="start")
        proposals = recommendations.compute([demo_teacher.pk]).get(demo_teacher.pk, [])
        first = next((p for p in proposals if p["kind"] == "event"), None)
        if first and route.period_start <= datetime.date.fromisoformat(first["date"][:10]) <= route.period_end:
            services.accept_proposal(
                actor=methodist,
                route=route,
                kind="event",
                object_id=first["id"],
                competence_id=first["competence"],
            )
        routes += 1
    ctx.count(STEP, "routes", routes)

    year_start = datetime.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    courses = []
    for n, teacher in enumerate(members + teachers[:60]):
        ends = year_start + datetime.timedelta(days=20 + (n * 11) % 200)
        if ends > today:
            ends = today - datetime.timedelta(days=n % 30)
        courses.append(
            Course(
                teacher=teacher,
                provider=PROVIDERS[n % len(PROVIDERS)],
                program=f"{DIRECTIONS[n % len(DIRECTIONS)]}: программа повышения квалификации",
                hours=(36, 72, 16, 24)[n % 4],
                starts_on=ends - datetime.timedelta(days=14),
                ends_on=ends,
                study_form=Course.Format.DISTANCE if n % 3 else Course.Format.IN_PERSON,
                direction=DIRECTIONS[n % len(DIRECTIONS)],
                document_number=f"ПК-{today.year}-{1000 + n}",
            )
        )
    seen = set()
    courses = [
        c
        for c in courses
        if (c.teacher_id, c.program, c.starts_on) not in seen and not seen.add((c.teacher_id, c.program, c.starts_on))
    ]
    Course.objects.bulk_create(courses)
    ctx.count(STEP, "courses", len(courses))

    venues = list(ExperienceSharing.Venue.values)
    sharings = [
        ExperienceSharing(
            teacher=teacher,
            venue=venues[n % len(venues)],
            held_on=min(year_start + datetime.timedelta(days=30 + n * 9), today),
            topic=("Приёмы смыслового чтения", "Формирующее оценивание", "Проектные задачи")[n % 3],
        )
        for n, teacher in enumerate(members)
        if n % 4 != 3  # every fourth member did not present
    ]
    ExperienceSharing.objects.bulk_create(sharings)
    ctx.count(STEP, "presentations", len(sharings))

    young = [t for t in teachers if t.is_young_specialist]
    mentors = [t for t in teachers if not t.is_young_specialist and t.experience_specialty >= 10]
    pairs = [
        MentoringPair(
            mentor=mentors[n % len(mentors)],
            mentee=mentee,
            starts_on=year_start,
            plan="Посещение уроков наставника, совместное проектирование уроков, анализ открытого урока.",
        )
        for n, mentee in enumerate(young[: len(young) // 2])
        if mentors and mentors[n % len(mentors)].pk != mentee.pk
    ]
    MentoringPair.objects.bulk_create(pairs)
    ctx.count(STEP, "mentoring pairs", len(pairs))

    highest = QualificationCategory.objects.filter(kind="category").order_by("-rank").first()
    made = 0
    if highest and methodist:
        admin = User.objects.filter(is_superuser=True).order_by("pk").first() or methodist
        for n, teacher in enumerate(t for t in teachers if t.category_id is None and t.experience_total >= 5):
            if n >= 6:
                break
            granted = (
                datetime.date(2021, 3, 1) + datetime.timedelta(days=n * 120)
                if n % 2
                else today - datetime.timedelta(days=60 * (n + 1))
            )
            attestation = Attestation(
                teacher=teacher,
                category=highest,
                decided_on=granted,
                order_number=f"№ {200 + n}-к",
                order_date=granted,
            )
            services.save_attestation(actor=admin, attestation=attestation)
            made += 1
    ctx.count(STEP, "attestations", made)
