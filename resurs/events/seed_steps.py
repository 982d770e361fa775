"""Demo events (`manage.py seed`): a year of events of the demo centers (SPEC §6; 000 § 3.8) — past ones held, with
their registrations (linked to the plan items the plans step marked done), upcoming ones open for
registration, one of them full with a waitlist, one published, one draft; the demo teacher is registered for some.

Order 960: right after the plans (950), so held events fulfil plan items; the attendance, feedback and certificate
steps of the other parts of the events app run after it on these events. Rows are written directly (no letters go
out from a seed); an event title a center already has is not made again (idempotent).
"""

import datetime

from django.utils import timezone

from resurs.accounts.models import User
from resurs.catalogs.models import Position, Subject, WorkForm
from resurs.centers.models import Center
from resurs.people.models import Teacher
from resurs.people.seed import seed_step
from resurs.plans.models import PlanItem
from resurs.plans.services import record_event_held

from .models import Event, Registration, Speaker

STEP = "events"
CENTERS = {"tiny": 2, "demo": 6, "region": 10}
# (form, title, months from today, capacity or None, registrations wanted)
YEAR = [
    ("Семинар", "Формирующее оценивание на уроке", -10, 40, 28),
    ("Мастер-класс", "Приёмы смыслового чтения", -9, 25, 22),
    ("Круглый стол", "Итоги ОГЭ и ЕГЭ прошлого года", -8, None, 35),
    ("Заседание", "Заседание методического объединения: план на год", -7, None, 18),
    ("Открытый урок", "Функциональная грамотность на уроках естествознания", -6, 20, 20),
    ("Семинар", "Цифровая образовательная среда школы", -4, 50, 31),
    ("Педагогические чтения", "Обновлённые ФГОС: опыт реализации", -3, 60, 44),
    ("Наставничество", "Школа молодого учителя: современный урок", -1, 15, 14),
    ("Семинар", "Трудные задания ЕГЭ: разбор и методика подготовки", 1, 30, 12),
    ("Мастер-класс", "Проектная деятельность с одарёнными детьми", 1, 10, 14),  # full: a waitlist of 4
    ("Консультация", "Аттестация педагогов: вопросы и ответы", 2, None, 6),
    ("Научно-практическая конференция", "Наставничество в образовании", 3, 120, 0),
]


def _moment(today, months, day, hour=15):
    month = today.month - 1 + months
    year, month = today.year + month // 12, month % 12 + 1
    start = datetime.date(year, month, min(day, 28))
    return timezone.make_aware(datetime.datetime.combine(start, datetime.time(hour)))


@seed_step(960, name=STEP)
def events(ctx):
    """A year of events per demo center, with registrations and a waitlist; nothing when there are no centers."""
    if ctx.region is None:
        return
    centers = list(
        Center.objects.filter(organization__municipality__region=ctx.region, status="active")
        .select_related("organization")
        .order_by("pk")[: CENTERS[ctx.scale_name]]
    )
    demo = ctx.scopes.get("center")
    if demo is not None and demo not in centers:
        centers.insert(0, demo)
    forms = {f.name: f for f in WorkForm.objects.filter(is_active=True)}
    subjects = list(Subject.objects.filter(is_active=True).order_by("pk")[:6])
    teacher_position = Position.objects.filter(name="Учитель").first()
    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    demo_teacher = Teacher.objects.filter(user__username="teacher").first()
    rng = ctx.rng(STEP)
    today = ctx.today
    now = timezone.now()
    made = registrations = 0
    for index, center in enumerate(centers):
        teachers = list(
            Teacher.objects.filter(municipality_id=center.organization.municipality_id, is_active=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:200]
        )
        venues = [center.organization]
        items = list(
            # Items the plans step marked done: the held event is what fulfilled them (the plans demo keeps its
            # overdue, rescheduled and cancelled items as they are).
            PlanItem.objects.filter(plan__center=center, plan__association=None, date__lt=today, execution="done")
            .select_related("form")
            .order_by("date")
        )
        for number, (form_name, title, months, capacity, wanted) in enumerate(YEAR):
            form = forms.get(form_name) or next(iter(forms.values()))
            if Event.objects.filter(center=center, title=title).exists():
                continue
            starts = _moment(today, months, 5 + (number * 3 + index) % 20)
            past = starts < now
            status = Event.Status.HELD if past else Event.Status.OPEN
            if not past and number == len(YEAR) - 1:
                status = Event.Status.PUBLISHED
            online = form_name in ("Консультация",) or number % 5 == 4
            event = Event.objects.create(
                center=center,
                form=form,
                title=title,
                description="Для педагогов образовательных организаций муниципалитета.",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                format=Event.Format.ONLINE if online else Event.Format.IN_PERSON,
                venue=None if online else venues[0],
                room="" if online else "Актовый зал",
                online_url=f"https://vcs.example.ru/room/{index * 100 + number}" if online else "",
                capacity=capacity,
                registration_opens_at=min(starts - datetime.timedelta(days=30), now - datetime.timedelta(days=3)),
                registration_closes_at=starts - datetime.timedelta(hours=1),
                status=status,
                held_at=starts + datetime.timedelta(hours=2) if past else None,
                updated_by=admin,
            )
            event.subjects.set(rng.sample(subjects, min(2, len(subjects))))
            if teacher_position:
                event.positions.set([teacher_position])
            Speaker.objects.create(
                event=event, full_name="Методист ресурсного центра", organization_name=center.name, topic=title
            )
            made += 1
            chosen = rng.sample(teachers, min(wanted, len(teachers)))
            if demo_teacher and center == centers[0] and number % 2 == 0 and demo_teacher.pk not in chosen:
                chosen = [demo_teacher.pk, *chosen[:-1]] if chosen else [demo_teacher.pk]
            rows = []
            for position, teacher_id in enumerate(chosen):
                queued = starts - datetime.timedelta(days=20) + datetime.timedelta(minutes=position * 37)
                full = capacity is not None and position >= capacity
                rows.append(
                    Registration(
                        event=event,
                        teacher_id=teacher_id,
                        status=Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED,
                        source=Registration.Source.SELF if position % 3 else Registration.Source.CENTER,
                        registered_by=admin if position % 3 == 0 else None,
                        registered_at=queued,
                        queued_at=queued,
                    )
                )
            Registration.objects.bulk_create(rows)
            registrations += len(rows)
            if past and items:
                item = items.pop(0)
                event.plan_item = item
                event.save(update_fields=["plan_item"])
                record_event_held(item=item, event_id=event.pk, held_on=timezone.localdate(starts))
        if demo is not None and center.pk == demo.pk:
            Event.objects.get_or_create(
                center=center,
                title="Черновик: вебинар для молодых учителей",
                defaults={
                    "form": forms.get("Семинар") or next(iter(forms.values())),
                    "starts_at": _moment(today, 4, 10),
                    "ends_at": _moment(today, 4, 10, hour=17),
                    "format": Event.Format.ONLINE,
                    "online_url": "https://vcs.example.ru/room/draft",
                    "capacity": 50,
                    "status": Event.Status.DRAFT,
                },
            )
    ctx.count(STEP, "events", made)
    ctx.count(STEP, "registrations", registrations)


COMMENTS = [
    "Полезно, много практических приёмов.",
    "Хотелось бы больше времени на вопросы.",
    "Спасибо, материалы пригодятся на уроках.",
    "Интересный опыт коллег.",
    "",
    "",
]


@seed_step(965, name="events_outcomes")
def outcomes(ctx):
    """The held demo events get their outcomes: attendance of the confirmed (mostly present, a few absent or
    excused), the survey answered by most attendees, certificates for the attendees and the speakers. An event that
    already has certificates is left as it is (idempotent)."""
    from .models import CODE_ALPHABET, Certificate, Feedback

    if ctx.region is None:
        return
    rng = ctx.rng("events_outcomes")
    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    held = (
        Event.objects.filter(status=Event.Status.HELD, center__organization__municipality__region=ctx.region)
        .exclude(certificates__isnull=False)
        .select_related("center")
        .order_by("pk")
    )
    marked = answers = issued = 0
    for event in held:
        day = timezone.localdate(event.starts_at)
        when = event.ends_at
        confirmed = list(
            event.registrations.filter(status=Registration.Status.CONFIRMED)
            .select_related("teacher__organization")
            .order_by("pk")
        )
        present = []
        for registration in confirmed:
            roll = rng.random()
            registration.attendance = "present" if roll < 0.88 else ("absent" if roll < 0.96 else "excused")
            registration.attendance_marked_at = when
            registration.attendance_marked_by = admin
            if registration.attendance == "present":
                present.append(registration)
                if rng.random() < 0.5:
                    registration.checked_in_at = event.starts_at
        Registration.objects.bulk_update(
            confirmed, ["attendance", "attendance_marked_at", "attendance_marked_by", "checked_in_at"]
        )
        marked += len(confirmed)
        feedback = [
            Feedback(
                registration=r,
                satisfaction=rng.choice([3, 4, 4, 5, 5, 5]),
                usefulness=rng.choice([3, 4, 4, 5, 5]),
                comment=rng.choice(COMMENTS),
                submitted_at=when + datetime.timedelta(days=1),
            )
            for r in present
            if rng.random() < 0.7
        ]
        Feedback.objects.bulk_create(feedback)
        answers += len(feedback)

        def number(year=day.year):
            return f"{year}-" + "".join(rng.choice(CODE_ALPHABET) for _ in range(8))

        certificates = [
            Certificate(
                event=event,
                number=number(),
                role=Certificate.Role.PARTICIPANT,
                registration=r,
                teacher=r.teacher,
                full_name=r.teacher.full_name,
                organization_name=r.teacher.organization.short_name,
                event_title=event.title,
                event_date=day,
                issued_at=when + datetime.timedelta(days=2),
                issued_by=admin,
            )
            for r in present
        ]
        for speaker in event.speakers.all():
            certificates.append(
                Certificate(
                    event=event,
                    number=number(),
                    role=Certificate.Role.SPEAKER,
                    speaker=speaker,
                    full_name=speaker.full_name,
                    organization_name=speaker.organization_name,
                    topic=speaker.topic,
                    event_title=event.title,
                    event_date=day,
                    issued_at=when + datetime.timedelta(days=2),
                    issued_by=admin,
                )
            )
        Certificate.objects.bulk_create(certificates)
        issued += len(certificates)
    ctx.count("events_outcomes", "attendance marks", marked)
    ctx.count("events_outcomes", "survey answers", answers)
    ctx.count("events_outcomes", "certificates", issued)
