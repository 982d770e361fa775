"""Demo products (`manage.py seed`): each demo center's registry of methodological products in every status
(000 § 6.3.2) — published ones filling the public bank of best practices (001 § 2.2) with their authors, files and
download counts, approved ones proposed for replication (000 § 6.3.4), one under expert review with an assigned and a
scored review (003 § 4.9), one returned for revision, one rejected, drafts — and the center's publications (000 §
6.3.3) and two presentation programmes of the year, one complete and one showing what it lacks (000 § 3.9–3.10).

Order 970: after the events (960), whose events the programmes are made of. Rows are written directly; a product
title a center already has is not made again (idempotent).
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from resurs.accounts.models import User
from resurs.catalogs.models import ContentDirection, EducationLevel, Subject
from resurs.centers.models import Center
from resurs.events.models import Event
from resurs.people.models import Teacher
from resurs.people.seed import seed_step

from . import services
from .models import Criterion, Presentation, PresentationItem, Product, ProductAuthor, ProductFile, Publication, Review

STEP = "products"
CENTERS = {"tiny": 2, "demo": 6, "region": 10}
S = Product.Status
K = Product.Kind
# (kind, title, annotation, keywords, status, proposed for replication)
PRODUCTS = [
    (
        K.LESSON,
        "Технологическая карта урока математики «Дроби в жизни»",
        "Урок открытия нового знания в 5 классе с заданиями на функциональную грамотность.",
        "урок, математика, функциональная грамотность",
        S.PUBLISHED,
        True,
    ),
    (
        K.PROGRAM,
        "Программа внеурочной деятельности «Юный исследователь»",
        "Программа для обучающихся 5–7 классов: исследовательские проекты по естествознанию.",
        "внеурочная деятельность, исследование, проект",
        S.PUBLISHED,
        False,
    ),
    (
        K.RECOMMENDATIONS,
        "Методические рекомендации по формирующему оцениванию",
        "Приёмы формирующего оценивания на уроках: критерии, самооценка, обратная связь учителя.",
        "оценивание, обратная связь, критерии",
        S.PUBLISHED,
        True,
    ),
    (
        K.TECHNOLOGY,
        "Технология смыслового чтения на уроках истории",
        "Приёмы работы с историческими источниками и текстами учебника.",
        "чтение, история, текст",
        S.PUBLISHED,
        False,
    ),
    (
        K.EER,
        "Электронный курс «Подготовка к ОГЭ по русскому языку»",
        "Задания, разборы и тренажёры для подготовки девятиклассников к экзамену.",
        "ОГЭ, русский язык, подготовка к экзаменам",
        S.PUBLISHED,
        False,
    ),
    (
        K.PROJECT,
        "Проект «Наставничество молодых учителей»",
        "Модель наставничества в школе: пары наставник — молодой учитель, план на год, результаты.",
        "наставничество, молодые учителя",
        S.PUBLISHED,
        False,
    ),
    (
        K.DEMONSTRATION,
        "Демонстрационные материалы «Опыты по физике дома»",
        "Видеоролики и инструкции простых опытов для уроков физики в 7–8 классах.",
        "физика, опыты, видео",
        S.APPROVED,
        True,
    ),
    (
        K.LESSON,
        "Урок литературы с использованием кейс-технологии",
        "Разработка урока литературы в 8 классе по повести А. С. Пушкина «Капитанская дочка».",
        "литература, кейс, урок",
        S.REVIEW,
        False,
    ),
    (
        K.PUBLICATION,
        "Статья «Цифровые инструменты учителя начальных классов»",
        "Обзор сервисов для уроков в начальной школе.",
        "начальная школа, цифровые инструменты",
        S.REVISION,
        False,
    ),
    (
        K.PROGRAM,
        "Программа кружка «Занимательная грамматика»",
        "Программа кружка для 3–4 классов.",
        "грамматика, кружок",
        S.REJECTED,
        False,
    ),
    (
        K.PROJECT,
        "Проект «Школьный музей боевой славы»",
        "Проект патриотического воспитания: экспозиция, экскурсии, исследовательские работы.",
        "музей, воспитание, проект",
        S.DRAFT,
        False,
    ),
    (
        K.RECOMMENDATIONS,
        "Рекомендации по работе с детьми с ОВЗ на уроках",
        "Адаптация заданий и организация урока для детей с ограниченными возможностями здоровья.",
        "ОВЗ, инклюзия, урок",
        S.DRAFT,
        False,
    ),
]
PUBLICATIONS = [
    (Publication.Channel.SITE, "Страница ресурсного центра: итоги семинара", -40),
    (Publication.Channel.SOCIAL, "Пост ВКонтакте о мастер-классе", -30),
    (Publication.Channel.MEDIA, "Статья в районной газете о работе центра", -25),
    (Publication.Channel.JOURNAL, "Публикация в журнале «Методист»", -60),
    (Publication.Channel.SOCIAL, "Видео открытого урока в Telegram-канале", -10),
]


def _pdf(title):
    """A small real PDF (one page with the product's title in ASCII) for the demo downloads."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.multi_cell(0, 8, "Resurs demo: methodological product", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 8, title.encode("ascii", "ignore").decode().strip() or "product", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@seed_step(970, name=STEP)
def products(ctx):
    """Products in every status per demo center, a populated bank, publications and two programmes a year."""
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
    if not centers:
        return
    directions = list(ContentDirection.objects.filter(is_active=True).order_by("sort_order")[:6])
    subjects = list(Subject.objects.filter(is_active=True).order_by("sort_order")[:8])
    levels = {lv.short_name: lv for lv in EducationLevel.objects.filter(is_active=True)}
    criteria = list(Criterion.objects.filter(is_active=True).order_by("sort_order"))
    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    expert = User.objects.filter(username="expert").first()
    department = User.objects.filter(username="department").first()
    rng = ctx.rng(STEP)
    now = timezone.now()
    today = ctx.today
    made = published = 0
    for index, center in enumerate(centers):
        teachers = list(
            Teacher.objects.filter(municipality_id=center.organization.municipality_id, is_active=True)
            .select_related("organization")
            .order_by("pk")[:60]
        )
        if not teachers:
            continue
        for number, (kind, title, annotation, keywords, status, proposed) in enumerate(PRODUCTS):
            if Product.objects.filter(center=center, title=title).exists():
                continue
            moment = now - datetime.timedelta(days=200 - number * 12 - index)
            product = Product.objects.create(
                center=center,
                kind=kind,
                title=title,
                annotation=annotation,
                keywords=keywords,
                direction=directions[(number + index) % len(directions)] if directions else None,
                year=(now - datetime.timedelta(days=400 * (number % 2))).year,
                status=status,
                created_by=admin,
                updated_by=admin,
                submitted_at=moment if status != S.DRAFT else None,
                decided_at=moment + datetime.timedelta(days=20)
                if status in (S.APPROVED, S.PUBLISHED, S.REVISION, S.REJECTED)
                else None,
                decided_by=department if status in (S.APPROVED, S.PUBLISHED, S.REVISION, S.REJECTED) else None,
                decision_comment={
                    S.REVISION: "Добавьте описание результатов апробации и примеры заданий.",
                    S.REJECTED: "Продукт не соответствует направлению центра и не содержит новизны.",
                }.get(status, ""),
                published_at=moment + datetime.timedelta(days=25) if status == S.PUBLISHED else None,
                proposed_for_replication=proposed,
                proposed_at=moment + datetime.timedelta(days=26) if proposed else None,
                download_count=rng.randint(3, 120) if status == S.PUBLISHED else 0,
            )
            if subjects:
                product.subjects.set(rng.sample(subjects, min(2, len(subjects))))
            product.levels.set([lv for short, lv in levels.items() if short in ("ООО", "СОО")][: 1 + number % 2])
            authors = rng.sample(teachers, min(1 + number % 3, len(teachers)))
            ProductAuthor.objects.bulk_create(
                ProductAuthor(product=product, teacher=t, organization=t.organization, sort_order=i)
                for i, t in enumerate(authors, start=1)
            )
            item = ProductFile(
                product=product,
                title=f"{title[:80]} (PDF)",
                file_type="pdf",
                added_by=admin,
                downloads=product.download_count,
            )
            content = _pdf(title)
            item.file.save(f"product-{product.pk}.pdf", ContentFile(content), save=False)
            item.size = len(content)
            item.save()
            ProductFile.objects.create(
                product=product,
                title="Страница продукта на сайте центра",
                url=f"https://rc{index + 1}.example.ru/p/{number}",
                added_by=admin,
            )
            if expert is not None and status in (S.REVIEW, S.REVISION, S.REJECTED, S.APPROVED, S.PUBLISHED):
                scored = status != S.REVIEW or index % 2 == 0
                value = {S.REJECTED: 1, S.REVISION: 3}.get(status, 4)
                Review.objects.create(
                    product=product,
                    reviewer=expert,
                    assigned_by=admin,
                    scores={str(c.pk): value for c in criteria} if scored else {},
                    total=value * len(criteria) if scored else 0,
                    comment="Продукт актуален и может быть рекомендован." if value == 4 else "Нужна доработка.",
                    recommendation={1: "reject", 3: "revise"}.get(value, "approve") if scored else "",
                    submitted_at=moment + datetime.timedelta(days=10) if scored else None,
                )
            services.reindex(product)
            made += 1
            published += status == S.PUBLISHED
        _publications_and_programmes(center, today, admin)
    ctx.count(STEP, "products", made)
    ctx.count(STEP, "published", published)


def _publications_and_programmes(center, today, admin):
    made = {}
    for channel, title, days in PUBLICATIONS:
        made[title], _created = Publication.objects.get_or_create(
            center=center,
            title=title,
            defaults={
                "channel": channel,
                "date": today + datetime.timedelta(days=days),
                "url": "https://vk.com/wall-1_1" if channel == "social" else "",
                "updated_by": admin,
            },
        )
    events = list(Event.objects.filter(center=center).exclude(status="cancelled").order_by("starts_at")[:4])
    spring, created = Presentation.objects.get_or_create(
        center=center,
        title=f"Предъявление опыта работы центра: весна {today.year}",
        defaults={
            "date": datetime.date(today.year, 4, 20),
            "updated_by": admin,
            "description": "Аналитический доклад, открытые уроки, освещение в социальных сетях.",
        },
    )
    if created and len(events) >= 3:
        PresentationItem.objects.create(presentation=spring, kind="report", event=events[0])
        PresentationItem.objects.create(presentation=spring, kind="lesson", event=events[1])
        PresentationItem.objects.create(presentation=spring, kind="extracurricular", event=events[2])
        PresentationItem.objects.create(
            presentation=spring, kind="coverage", publication=made["Пост ВКонтакте о мастер-классе"]
        )
    autumn, created = Presentation.objects.get_or_create(
        center=center,
        title=f"Предъявление опыта работы центра: осень {today.year}",
        defaults={"date": datetime.date(today.year, 11, 15), "updated_by": admin},
    )
    if created and events:
        # Incomplete on purpose: one lesson and coverage in the press only — the page shows what is missing.
        PresentationItem.objects.create(presentation=autumn, kind="lesson", event=events[-1])
        PresentationItem.objects.create(
            presentation=autumn, kind="coverage", publication=made["Статья в районной газете о работе центра"]
        )
