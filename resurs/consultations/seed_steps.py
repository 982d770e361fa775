"""Demo consultations (`manage.py seed`; 000 § 2.2, 3.8): requests of the demo center in every status — new, with a
methodist, answered in writing, a meeting scheduled, held, closed (rated and not), cancelled, rejected — several of
them the demo teacher's (the `teacher` login sees them on «Мои консультации» and may rate the closed one), one filed
by the organization administrator for the school; a few closed and rated requests for the other active centers of
the region, so the counts by center, methodist, format and direction have something to show.

Order 965: after the centers (500, staff with accounts), the demo users (900) and the events (960). Rows are written
directly, with their times spread over the past months (no letters go out from a seed); a center that already has
requests is left as it is (idempotent).
"""

import datetime

from django.utils import timezone

from resurs.accounts.models import User
from resurs.catalogs.models import ContentDirection
from resurs.centers.models import Center
from resurs.people.models import Teacher
from resurs.people.seed import seed_step

from . import selectors
from .models import Consultation

STEP = "consultations"
S = Consultation.Status
K = Consultation.Kind

# (status, kind, days ago asked, the demo teacher's?, topic, question)
DEMO = [
    (
        S.NEW,
        K.REMOTE,
        1,
        True,
        "Цифровые образовательные ресурсы для 5 класса",
        "Какие платформы с интерактивными заданиями подойдут для уроков математики в 5 классе?",
    ),
    (
        S.NEW,
        K.INDIVIDUAL,
        2,
        False,
        "Подготовка к аттестации на первую категорию",
        "Какие материалы включить в портфолио и как описать результаты за межаттестационный период?",
    ),
    (
        S.ASSIGNED,
        K.INDIVIDUAL,
        4,
        True,
        "Индивидуальный образовательный маршрут ученика",
        "Как составить маршрут для ученика с низкой мотивацией и как отслеживать его выполнение?",
    ),
    (
        S.ANSWERED,
        K.REMOTE,
        9,
        True,
        "Критерии оценивания проектов",
        "Есть ли рекомендованные критерии оценивания индивидуальных проектов в 9 классе?",
    ),
    (
        S.SCHEDULED,
        K.GROUP,
        6,
        None,
        "Функциональная грамотность: банк заданий",
        "Просим провести групповую консультацию для методического объединения школы по работе с банком заданий.",
    ),
    (
        S.HELD,
        K.INDIVIDUAL,
        20,
        False,
        "Анализ урока по ФГОС",
        "Прошу помочь разобрать самоанализ открытого урока по обновлённым ФГОС.",
    ),
    (
        S.CLOSED,
        K.REMOTE,
        45,
        True,
        "Смысловое чтение на уроках истории",
        "Какие приёмы смыслового чтения эффективны при работе с историческими источниками?",
    ),
    (
        S.CLOSED,
        K.INDIVIDUAL,
        60,
        False,
        "Наставничество молодого учителя",
        "Как оформить план наставничества и какие формы работы с молодым специалистом выбрать?",
    ),
    (
        S.CLOSED,
        K.GROUP,
        75,
        False,
        "Формирующее оценивание",
        "Нужна групповая консультация для учителей начальных классов по техникам формирующего оценивания.",
    ),
    (
        S.CLOSED,
        K.REMOTE,
        30,
        True,
        "Рабочая программа по внеурочной деятельности",
        "Как оформить рабочую программу курса внеурочной деятельности в конструкторе программ?",
    ),
    (
        S.CANCELLED,
        K.REMOTE,
        15,
        True,
        "Электронный журнал: отчёты",
        "Как выгрузить отчёт об успеваемости класса за четверть?",
    ),
    (
        S.REJECTED,
        K.INDIVIDUAL,
        12,
        False,
        "Проверка олимпиадных работ",
        "Прошу проверить работы школьного этапа олимпиады по физике.",
    ),
]
RATINGS = {6: (5, "Очень полезно, все вопросы сняты."), 7: (4, "Спасибо, план наставничества готов."), 8: (5, "")}
OTHER = [
    (K.REMOTE, 40, "Работа с одарёнными детьми", "Как выстроить индивидуальную работу с одарёнными детьми?", 5),
    (K.INDIVIDUAL, 70, "Подготовка к ГИА", "Как организовать повторение перед ОГЭ?", 4),
    (K.GROUP, 100, "Цифровая среда школы", "Нужна консультация для педагогов по работе на платформе.", 3),
]


def _at(now, days, hours=0):
    return now - datetime.timedelta(days=days) + datetime.timedelta(hours=hours)


@seed_step(965, name=STEP)
def consultations(ctx):
    """Requests of the demo center in every status and a few closed ones of the other centers; nothing without a
    center or teachers."""
    if ctx.region is None:
        return
    centers = list(
        Center.objects.filter(organization__municipality__region=ctx.region, status="active")
        .select_related("organization")
        .order_by("pk")
    )
    demo = ctx.scopes.get("center") or (centers[0] if centers else None)
    if demo is None:
        return
    now = timezone.now().replace(second=0, microsecond=0)
    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    made = 0
    for center in [demo, *[c for c in centers if c.pk != demo.pk]]:
        if Consultation.objects.filter(center=center).exists():
            continue
        teachers = list(
            Teacher.objects.filter(municipality_id=center.organization.municipality_id, is_active=True)
            .exclude(user__username="teacher")
            .select_related("organization", "user")
            .order_by("pk")[:40]
        )
        if not teachers:
            continue
        directions = list(center.directions.all()) or list(ContentDirection.objects.filter(is_active=True)[:3])
        if not directions:
            continue
        methodists = list(selectors.center_methodists(center))
        manager = selectors.center_managers(center).first() or admin
        if center.pk == demo.pk:
            made += _demo_center(ctx, center, teachers, directions, methodists, manager, now)
        else:
            made += _other_center(center, teachers, directions, methodists, now)
    ctx.count(STEP, "consultations", made)


def _demo_center(ctx, center, teachers, directions, methodists, manager, now):
    demo_teacher = Teacher.objects.filter(user__username="teacher").select_related("organization", "user").first()
    org_admin = User.objects.filter(username="org_admin").first()
    made = 0
    for number, (status, kind, days, own, topic, question) in enumerate(DEMO):
        teacher = demo_teacher if own is True and demo_teacher is not None else teachers[number % len(teachers)]
        asked_by = teacher.user if teacher.user_id else None
        organization = teacher.organization
        if own is None:  # the organization administrator asks for its school (a group consultation)
            teacher = None
            organization = demo_teacher.organization if demo_teacher else organization
            asked_by = org_admin
        needs_methodist = status not in (S.NEW, S.CANCELLED, S.REJECTED)
        if needs_methodist and not methodists:
            continue
        asked = _at(now, days, hours=-(number % 5))
        c = Consultation(
            center=center,
            kind=kind,
            topic=topic,
            direction=directions[number % len(directions)],
            question=question,
            organization=organization,
            teacher=teacher,
            asked_by=asked_by,
            asked_at=asked,
            status=status,
            updated_by=manager,
        )
        if needs_methodist:
            c.methodist = methodists[number % len(methodists)]
            c.assigned_at = asked + datetime.timedelta(hours=3)
        if status in (S.ANSWERED, S.CLOSED) and kind == K.REMOTE:
            c.answer = (
                "Рекомендуем начать с методических рекомендаций центра; материалы и ссылки — в приложении к ответу."
            )
            c.answered_at = c.responded_at = asked + datetime.timedelta(hours=20 + number)
        if status in (S.SCHEDULED, S.HELD) or (status == S.CLOSED and kind != K.REMOTE):
            c.responded_at = asked + datetime.timedelta(hours=26 + number)
            if status == S.SCHEDULED:
                c.meeting_at = (now + datetime.timedelta(days=3)).replace(hour=15, minute=0)
            else:
                c.meeting_at = asked + datetime.timedelta(days=5)
                c.held_at = c.meeting_at + datetime.timedelta(hours=1)
                c.answer = "Разобрали вопросы заявителя, даны рекомендации и материалы."
            if kind == K.GROUP:
                c.meeting_place = f"{center.organization.short_name}, методический кабинет"
            else:
                c.meeting_url = "https://vcs.example.ru/room/consultation"
        if status == S.CLOSED:
            c.closed_at = (c.held_at or c.answered_at) + datetime.timedelta(days=1)
            rating = RATINGS.get(number)
            if rating:
                c.rating, c.rating_comment = rating
                c.rated_at = c.closed_at + datetime.timedelta(days=1)
        if status == S.CANCELLED:
            c.cancelled_at = asked + datetime.timedelta(hours=2)
        if status == S.REJECTED:
            c.reject_reason = (
                "Вопрос не относится к направлению центра: обратитесь в муниципальную предметную комиссию."
            )
            c.rejected_at = asked + datetime.timedelta(hours=5)
        c.save()
        made += 1
    return made


def _other_center(center, teachers, directions, methodists, now):
    made = 0
    for number, (kind, days, topic, question, rating) in enumerate(OTHER):
        teacher = teachers[number % len(teachers)]
        asked = _at(now, days)
        methodist = methodists[number % len(methodists)] if methodists else None
        responded = asked + datetime.timedelta(hours=30 + 10 * number)
        Consultation.objects.create(
            center=center,
            kind=kind,
            topic=topic,
            direction=directions[number % len(directions)],
            question=question,
            organization=teacher.organization,
            teacher=teacher,
            asked_by=teacher.user,
            asked_at=asked,
            status=S.CLOSED,
            methodist=methodist,
            assigned_at=asked + datetime.timedelta(hours=4),
            answer="Даны рекомендации и материалы.",
            answered_at=responded,
            responded_at=responded,
            closed_at=responded + datetime.timedelta(days=1),
            rating=rating,
            rated_at=responded + datetime.timedelta(days=2),
        )
        made += 1
    return made
