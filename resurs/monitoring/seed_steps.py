"""Demo monitoring (`manage.py seed`, 004 § 2.2): four years of assessment aggregates for the schools of the demo
municipality (ВПР, ОГЭ, ЕГЭ; a few schools persistently low, a few unstable), their social passports, a run of the
municipal methodology for each of the last two years (so schools entering and leaving the groups show), a data request
of the demo center half answered (the demo organization's form still to fill), and a support plan of an identified
school with the demo center supporting it.

Runs after the plans and events (order 970). Idempotent: nothing is added when the demo municipality already has
assessment results. Only counts per organization: no pupil appears anywhere.
"""

import datetime

from django.utils import timezone

from resurs.accounts.models import User
from resurs.centers.models import Center
from resurs.people.seed import seed_step
from resurs.territory.models import Organization, OrganizationType

from . import services
from .models import (
    AssessmentResult,
    DataRequest,
    DataResponse,
    IdentificationRun,
    Indicator,
    IndicatorValue,
    Methodology,
    RunResult,
    SupportCase,
    SupportStep,
)

STEP = "monitoring"
# (procedure, subject, grade)
PROCEDURES = [
    ("vpr", "Русский язык", 4),
    ("vpr", "Математика", 4),
    ("vpr", "Русский язык", 5),
    ("vpr", "Математика", 5),
    ("vpr", "Русский язык", 7),
    ("vpr", "Математика", 7),
    ("oge", "Русский язык", 9),
    ("oge", "Математика", 9),
    ("ege", "Русский язык", 11),
    ("ege", "Математика (профильный уровень)", 11),
]
SOCIAL = [
    "SOC_LOW_INCOME",
    "SOC_SINGLE_PARENT",
    "SOC_HIGHER_EDUCATION",
    "SOC_NON_NATIVE",
    "SOC_REGISTERED",
    "SOC_DISABLED",
]
CONTINGENT = [
    "STUDENTS_TOTAL",
    "STUDENTS_1_4",
    "STUDENTS_5_9",
    "STUDENTS_10_11",
    "TEACHERS_TOTAL",
    "TEACHERS_U35",
    "VACANCIES",
]


def _marks(rng, n, low_share, strength):
    """n2..n5 adding up to n: n2 about `low_share`, the rest spread by the school's strength (0 weak … 1 strong)."""
    n2 = min(n, max(0, round(n * low_share + rng.uniform(-1, 1))))
    rest = n - n2
    n5 = round(rest * (0.1 + 0.3 * strength) * rng.uniform(0.7, 1.3))
    n4 = round(rest * (0.3 + 0.2 * strength) * rng.uniform(0.8, 1.2))
    n5, n4 = min(n5, rest), min(n4, rest - min(n5, rest))
    return n2, rest - n4 - n5, n4, n5


def _profile(index, rng):
    """The school's pattern of low results over the four years: persistently low, unstable, or ordinary."""
    if index % 7 == 1:
        return [0.36, 0.34, 0.38, 0.33]  # persistently low: the federal risk indicator fires
    if index % 7 == 4:
        return [0.05, 0.31, 0.06, 0.32]  # unstable
    if index % 7 == 5:
        return [0.33, 0.32, 0.12, 0.08]  # improving: leaves the groups
    base = rng.uniform(0.02, 0.15)
    return [max(0.0, base + rng.uniform(-0.04, 0.04)) for _ in range(4)]


@seed_step(970, name=STEP)
def monitoring(ctx):
    if ctx.region is None or "organization" not in ctx.scopes:
        return
    demo_org = ctx.scopes["organization"]
    municipality = demo_org.municipality
    if AssessmentResult.objects.filter(organization__municipality=municipality).exists():
        return
    rng = ctx.rng(STEP)
    schools = list(Organization.objects.filter(municipality=municipality, kind=OrganizationType.SCHOOL).order_by("pk"))
    if not schools:
        return
    last = ctx.today.year - 1
    years = list(range(last - 3, last + 1))
    rows = []
    for index, school in enumerate(schools):
        profile = _profile(index, rng)
        strength = rng.random()
        for year, low_share in zip(years, profile, strict=True):
            for procedure, subject, grade in PROCEDURES:
                n = rng.randint(12, 55) if procedure != "ege" else rng.randint(4, 30)
                share = min(0.9, max(0.0, low_share + rng.uniform(-0.03, 0.03)))
                if procedure == "ege":
                    below = round(n * share * 0.5)
                    rows.append(
                        AssessmentResult(
                            organization=school,
                            year=year,
                            procedure=procedure,
                            subject=subject,
                            grade=grade,
                            participants=n,
                            below_minimum=below,
                            average_score=round(72 - 40 * share + 10 * strength, 1),
                        )
                    )
                    continue
                n2, n3, n4, n5 = _marks(rng, n, share, strength)
                extra = {}
                if procedure == "vpr":
                    raised = rng.randint(0, max(1, n // 8))
                    lowered = rng.randint(0, max(1, n // 10))
                    extra = {"marks_raised": raised, "marks_lowered": lowered, "marks_confirmed": n - raised - lowered}
                rows.append(
                    AssessmentResult(
                        organization=school,
                        year=year,
                        procedure=procedure,
                        subject=subject,
                        grade=grade,
                        participants=n,
                        mark2=n2,
                        mark3=n3,
                        mark4=n4,
                        mark5=n5,
                        **extra,
                    )
                )
    AssessmentResult.objects.bulk_create(rows, batch_size=1000)
    ctx.count(STEP, "assessment results", len(rows))

    department = _holder("department", municipality) or User.objects.filter(is_superuser=True).order_by("pk").first()
    center = (
        ctx.scopes.get("center")
        or Center.objects.filter(organization__municipality=municipality, status="active").order_by("pk").first()
    )
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=SOCIAL + CONTINGENT)}
    now = timezone.now()

    # The social passports of the last year, as submitted and accepted answers (the social index reads them).
    passport = DataRequest.objects.create(
        municipality=municipality,
        center=center,
        title="Социальный паспорт школы",
        year=last,
        deadline=datetime.date(last, 10, 1),
        updated_by=department,
    )
    passport.indicators.set([indicators[c] for c in SOCIAL])
    values = []
    for index, school in enumerate(schools):
        hard = index % 5 == 2
        answer = {
            "SOC_LOW_INCOME": rng.randint(25, 45) if hard else rng.randint(3, 20),
            "SOC_SINGLE_PARENT": rng.randint(25, 40) if hard else rng.randint(8, 22),
            "SOC_HIGHER_EDUCATION": rng.randint(5, 15) if hard else rng.randint(20, 55),
            "SOC_NON_NATIVE": rng.randint(5, 25) if hard else rng.randint(0, 6),
            "SOC_REGISTERED": rng.randint(3, 8) if hard else rng.randint(0, 3),
            "SOC_DISABLED": rng.randint(2, 10),
        }
        response = DataResponse.objects.create(
            request=passport,
            organization=school,
            status="accepted",
            submitted_at=now,
            values={k: str(v) for k, v in answer.items()},
            updated_by=department,
        )
        values += [
            IndicatorValue(organization=school, indicator=indicators[c], year=last, value=v, response=response)
            for c, v in answer.items()
        ]
    IndicatorValue.objects.bulk_create(values)

    # Runs of the municipal methodology for the last two years.
    methodology = Methodology.objects.get(code="municipal")
    version = methodology.current
    runs = []
    for year in (last - 1, last):
        run = IdentificationRun.objects.create(
            municipality=municipality,
            methodology_version=version,
            year=year,
            parameters=services.check_rules(version.rules),
            started_by=department,
        )
        services.execute_run(run)
        runs.append(run)
    ctx.count(STEP, "identification runs", len(runs))

    # This year's request of the demo center: half answered, one returned, the demo school's form still to fill.
    request = DataRequest.objects.create(
        municipality=municipality,
        center=center,
        title="Контингент и кадры на 1 сентября",
        year=ctx.today.year,
        deadline=ctx.today + datetime.timedelta(days=10),
        note="Данные на 1 сентября текущего года; сумма по уровням равна общей численности.",
        updated_by=(_holder("center_head", center) if center else None) or department,
    )
    request.indicators.set([indicators[c] for c in CONTINGENT])
    DataResponse.objects.create(request=request, organization=demo_org)
    for index, school in enumerate(s for s in schools if s.pk != demo_org.pk):
        if index >= 2 and index % 2:
            DataResponse.objects.create(request=request, organization=school)
            continue
        s14, s59, s1011 = rng.randint(100, 400), rng.randint(120, 450), rng.randint(0, 120)
        answer = {
            "STUDENTS_TOTAL": s14 + s59 + s1011,
            "STUDENTS_1_4": s14,
            "STUDENTS_5_9": s59,
            "STUDENTS_10_11": s1011,
            "TEACHERS_TOTAL": rng.randint(25, 70),
            "TEACHERS_U35": rng.randint(2, 15),
            "VACANCIES": rng.randint(0, 4),
        }
        status = "returned" if index == 1 else "submitted"
        DataResponse.objects.create(
            request=request,
            organization=school,
            status=status,
            submitted_at=now,
            values={k: str(v) for k, v in answer.items()},
            return_comment="Проверьте численность педагогов до 35 лет." if status == "returned" else "",
        )
    ctx.count(STEP, "data requests", 2)

    # Support of the first school the last run placed in a group.
    found = (
        RunResult.objects.filter(run=runs[-1])
        .exclude(groups=[])
        .select_related("organization")
        .order_by("organization__pk")
        .first()
    )
    if found is not None:
        case = SupportCase.objects.create(
            organization=found.organization,
            year=last,
            group=found.groups[0],
            run=runs[-1],
            goal="Снизить долю обучающихся, не преодолевших минимальный порог, ниже 15 % за два года.",
            updated_by=department,
        )
        if center is not None:
            case.supporting_centers.set([center])
        partners = [s for s in schools if s.pk != found.organization_id][:1]
        case.partner_schools.set(partners)
        today = ctx.today
        for title, responsible, days, status in (
            ("Диагностика профессиональных дефицитов учителей математики", "Методист центра", -40, "done"),
            ("Взаимопосещение уроков со школой-партнёром", "Заместитель директора по УВР", 20, "in_progress"),
            ("Семинар «Формирующее оценивание на уроках»", "Руководитель ГМО учителей математики", 60, "planned"),
        ):
            SupportStep.objects.create(
                case=case,
                title=title,
                responsible=responsible,
                deadline=today + datetime.timedelta(days=days),
                status=status,
                result="Выявлены дефициты по теме «Текстовые задачи»" if status == "done" else "",
            )
        ctx.count(STEP, "support plans", 1)


def _holder(role, scope):
    from resurs.accounts.models import RoleAssignment

    kind = "center" if isinstance(scope, Center) else "municipality"
    assignment = (
        RoleAssignment.objects.filter(role__code=role, scope_kind=kind, scope_id=scope.pk)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return assignment.user if assignment else None
