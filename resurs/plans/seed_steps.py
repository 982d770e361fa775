"""Demo plans (`manage.py seed`): plans of the demo centers and their associations at every status of the agreement
workflow (000 § 4.1, 6.2.1), last period's plans agreed and executed, and this period's execution under way.

The step runs after the demo users (order 950), so that the plans are authored by the demo center head and agreed
by the demo coordinator where they hold those roles, and by `admin` elsewhere. The demo center (the one the demo
logins hold their roles on) gets every status: its own plan in a new revision, its associations' plans submitted
(after a return, so "what changed" shows) and returned, last period's plan agreed and executed, next period's plan
a draft. It does nothing when there are no centers yet (the centers app seeds them, at the demo scale), and an
owner that already has a plan is left as it is (idempotent).
"""

import calendar
import datetime
import itertools

from django.utils import timezone

from resurs.accounts.models import RoleAssignment, User
from resurs.catalogs.models import PlanSection, WorkForm
from resurs.centers.models import Center
from resurs.people.models import Teacher
from resurs.people.seed import seed_step
from resurs.territory.models import Organization

from . import services
from .models import Plan, PlanDeadline, PlanItem, PlanRevision

STEP = "plans"
OWNERS = {"tiny": 10, "demo": 30, "region": 60}
STATUSES = ["agreed", "submitted", "returned", "revising", "draft"]
DEMO_STATUSES = ["revising", "submitted", "returned"]  # the demo center's own plan, then its associations' plans
ITEMS = {"tiny": 8, "demo": 16, "region": 12}

# (section index in the catalog order, form of work, topic, audience, expected product)
TEMPLATES = [
    (2, "Заседание", "Утверждение плана работы на год", "члены профессионального объединения", "протокол заседания"),
    (1, "Круглый стол", "Анализ результатов работы за прошлый период", "руководители ОО", "аналитическая справка"),
    (3, "Мастер-класс", "Приёмы формирующего оценивания на уроке", "учителя", "методические рекомендации"),
    (4, "Семинар", "Трудные задания ЕГЭ: разбор и методика подготовки", "учителя 9–11 классов", "банк заданий"),
    (7, "Наставничество", "Школа молодого учителя: современный урок", "молодые учителя", "планы наставничества"),
    (0, "Семинар", "Информационное сопровождение работы центра на сайте", "ответственные за сайт", "публикации"),
    (5, "Конкурс", "Подготовка к муниципальному этапу олимпиады", "учителя", "рейтинг участников"),
    (6, "Консультация", "Диагностика профессиональных дефицитов педагогов", "педагоги", "карта дефицитов"),
    (8, "Педагогические чтения", "Обновлённые ФГОС: опыт реализации", "учителя", "сборник материалов"),
    (3, "Открытый урок", "Функциональная грамотность на уроках естествознания", "учителя", "видеозапись урока"),
    (2, "Методическая выставка", "Лучшие методические разработки педагогов", "педагоги", "каталог выставки"),
    (4, "Круглый стол", "Итоги ОГЭ и ЕГЭ прошлого года", "учителя-предметники", "план коррекционной работы"),
    (7, "Мастер-класс", "Работа с родителями: опыт наставников", "молодые учителя", "памятка"),
    (1, "Доклад", "Мониторинг качества образования по предмету", "члены ГМО", "аналитический отчёт"),
    (5, "Фестиваль педагогических идей", "Проектная деятельность с одарёнными детьми", "учителя", "сборник проектов"),
    (8, "Научно-практическая конференция", "Цифровая образовательная среда школы", "педагоги", "сборник тезисов"),
]
HEADERS = {
    "methodological_theme": "Совершенствование профессиональной компетентности педагогов как условие повышения "
    "качества образования",
    "goal": "Методическое сопровождение педагогов в условиях реализации обновлённых ФГОС",
    "tasks": "1. Выявить и распространить эффективные педагогические практики.\n"
    "2. Организовать сопровождение молодых учителей.\n3. Повысить качество подготовки к ГИА.",
    "expected_result": "Рост профессиональных компетенций педагогов; банк методических материалов",
    "organizational_forms": "Заседания, семинары, мастер-классы, открытые уроки, консультации, конкурсы",
}


def current_start_year(kind, today):
    if kind.planning_period == "academic":
        return today.year if today.month >= 9 else today.year - 1
    return today.year


def _holder(role, center):
    """A demo user holding `role` on the center, if any."""
    ids = RoleAssignment.objects.filter(role__code=role, scope_kind="center", scope_id=center.pk).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("pk").first()


def _responsibles(center):
    teachers = Teacher.objects.filter(organization=center.organization).order_by("pk")[:5]
    names = [f"{t.surname} " + "".join(f"{part[0]}." for part in (t.name, t.patronymic) if part) for t in teachers]
    return names or ["Руководитель ресурсного центра"]


def _add_items(plan, count, rng, sections, forms, venues, people):
    """`count` items over the months of the period, from the templates; a few with the month only or online."""
    items = []
    start = plan.period_start
    months = [(start.year + (start.month + m - 1) // 12, (start.month + m - 1) % 12 + 1) for m in range(12)]
    for n in range(count):
        section_index, form_name, topic, audience, product = TEMPLATES[(n + plan.pk) % len(TEMPLATES)]
        year, month = months[(n * 12) // count]
        month_only = rng.random() < 0.15
        day = 1 if month_only else rng.randint(3, calendar.monthrange(year, month)[1] - 2)
        online = rng.random() < 0.15
        items.append(
            PlanItem(
                plan=plan,
                section=sections[section_index % len(sections)],
                form=forms.get(form_name) or next(iter(forms.values())),
                topic=topic,
                date=datetime.date(year, month, day),
                date_precision="month" if month_only else "day",
                venue=None if online else rng.choice(venues),
                is_online=online,
                responsible=rng.choice(people),
                audience=audience,
                expected_product=product,
                sort_order=n + 1,
            )
        )
    PlanItem.objects.bulk_create(items)
    return items


def _at(day, hour=10):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def _decided(plan, day):
    """Seed realism: the verdict a few days after the submission, not at the moment the seed runs."""
    revision = plan.revisions.order_by("-number").first()
    PlanRevision.objects.filter(pk=revision.pk).update(decided_at=_at(day, 15))


def _execute(plan, actor, today, rng, complete=False):
    """Items due before today: mostly done, some rescheduled or cancelled, a few left overdue (000 § 3.8)."""
    for item in plan.items.order_by("date", "pk"):
        if item.due_date >= today and not complete:
            continue
        roll = rng.random()
        if roll < 0.72 or (complete and roll < 0.85):
            services.set_execution(actor=actor, item=item, execution="done", done_on=min(item.due_date, today))
        elif roll < 0.84:
            later = item.date + datetime.timedelta(days=rng.randint(20, 60))
            if later <= plan.period_end:
                services.set_execution(
                    actor=actor, item=item, execution="rescheduled", new_date=later, reason="Карантин в школах"
                )
        elif roll < 0.92:
            services.set_execution(
                actor=actor, item=item, execution="cancelled", reason="Мероприятие объединено с другим"
            )


def _make(status, *, owner, year, ctx, rng, actors, catalogs, today, deadline):
    center, association = owner
    head, coordinator = actors
    sections, forms = catalogs
    plan = services.create_plan(actor=head, center=center, association=association, year=year, **HEADERS)
    venues = [center.organization] * 3 + list(
        Organization.objects.filter(municipality_id=center.organization.municipality_id).order_by("pk")[:4]
    )
    _add_items(plan, ITEMS[ctx.scale_name], rng, sections, forms, venues, _responsibles(center))
    if status == "draft":
        return plan
    submitted_on = min(deadline - datetime.timedelta(days=rng.randint(1, 10)), today)
    if rng.random() < 0.2:
        submitted_on = min(deadline + datetime.timedelta(days=rng.randint(2, 8)), today)  # late, marked not blocked
    services.submit(actor=head, plan=plan, now=_at(submitted_on))
    if status in ("submitted", "returned"):
        first, second = plan.items.order_by("date", "pk")[:2]
        services.return_plan(
            actor=coordinator,
            plan=plan,
            comment="Уточните сроки и ответственных, добавьте мероприятия для молодых учителей.",
            item_comments={str(first.uid): "Уточните дату проведения.", str(second.uid): "Укажите площадку."},
        )
        _decided(plan, submitted_on + datetime.timedelta(days=3))
        if status == "submitted":  # resubmitted after the return: the coordinator sees what changed
            plan.refresh_from_db()
            services.save_item(
                actor=head,
                plan=plan,
                version=plan.version,
                item=first,
                date=first.date.replace(day=min(first.date.day + 7, 28)),
                date_precision="day",
            )
            plan.refresh_from_db()
            services.submit(actor=head, plan=plan, now=_at(min(submitted_on + datetime.timedelta(days=6), today)))
        return plan
    services.agree(actor=coordinator, plan=plan)
    _decided(plan, min(submitted_on + datetime.timedelta(days=5), today))
    _execute(plan, head, today, rng, complete=plan.period_end < today)
    if status == "revising":
        plan = services.start_revision(actor=head, plan=Plan.objects.get(pk=plan.pk))
    return plan


@seed_step(950, name=STEP)
def plans(ctx):
    """Plans at every status for the demo centers, with realistic execution; nothing when there are no centers."""
    if ctx.region is None:
        return
    centers = list(
        Center.objects.filter(organization__municipality__region=ctx.region, status="active")
        .select_related("kind", "organization")
        .order_by("pk")
    )
    if not centers:
        ctx.count(STEP, "plans", 0)
        return
    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    sections = list(PlanSection.objects.filter(is_active=True).order_by("sort_order", "name"))
    forms = {f.name: f for f in WorkForm.objects.filter(is_active=True)}
    if admin is None or not sections or not forms:
        return
    rng = ctx.rng(STEP)
    today = ctx.today
    owners = []
    for center in centers:
        owners.append((center, None))
        owners += [(center, a) for a in center.associations.filter(is_active=True).order_by("pk")]
    owners = owners[: OWNERS[ctx.scale_name]]
    demo = ctx.scopes.get("center") or centers[0]
    demo_statuses, other_statuses = iter(DEMO_STATUSES), itertools.cycle(STATUSES)
    made = 0
    for center, association in owners:
        if Plan.objects.filter(center=center, association=association).exists():
            continue
        is_demo = center.pk == demo.pk
        status = next(demo_statuses, "agreed") if is_demo else next(other_statuses)
        actors = (_holder("center_head", center) or admin, _holder("coordinator", center) or admin)
        year = current_start_year(center.kind, today)
        start, _end = services.period_for(center.kind, year)
        deadline_day = start + datetime.timedelta(days=19)
        PlanDeadline.objects.get_or_create(
            municipality_id=center.organization.municipality_id, period_start=start, defaults={"deadline": deadline_day}
        )
        common = {"ctx": ctx, "rng": rng, "actors": actors, "catalogs": (sections, forms), "today": today}
        if association is None:
            previous_start, _ = services.period_for(center.kind, year - 1)
            _make(
                "agreed",
                owner=(center, None),
                year=year - 1,
                deadline=previous_start + datetime.timedelta(days=19),
                **common,
            )
            made += 1
        _make(status, owner=(center, association), year=year, deadline=deadline_day, **common)
        made += 1
        if is_demo and association is None:
            next_start, _ = services.period_for(center.kind, year + 1)
            _make("draft", owner=(center, None), year=year + 1, deadline=next_start, **common)
            made += 1
    ctx.count(STEP, "plans", made)
