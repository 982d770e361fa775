#!/usr/bin/env python
"""Benchmark: Russian full-text search of the public bank of best practices over 100,000 products on PostgreSQL.

    .venv/bin/python bench/products_search.py [--products 100000] [--requests 30]

Uses PRODUCTS_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/resurs_products_bench; created if
missing) and migrates it. Once (skipped when they are there) it makes one region, municipality, school and center and
--products products from combined Russian titles, annotations and keywords (every word in some inflected form), 70 %
of them published, with their stored search text (search.normalize, as the services write it) and an author each.

Then each query is timed, round-robin after a warm-up, two ways:
- "page": the public bank page `/public/best-practices/?q=…` through Django's test client in this process (the full
  request cycle: middleware, view, the count and the first page of 20 with authors and levels, the template);
- "SQL": the same search's count (capped at 1,001 as the page's paginator does) and first page straight through the
  ORM (the database's share of the page).
Figures (p50 and p95 in ms, the number of products found) are printed as a Markdown table for bench/products_search.md.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/resurs_products_bench"
CENTER_NAME = "Ресурсный центр «Бенчмарк поиска»"

QUERIES = [
    "урок",  # a very common word: a third of the bank
    "уроков математики",
    "функциональной грамотности",
    "проектная деятельность",
    "наставничество молодых учителей",
    "рабочая программа по физике",
    "детей с ОВЗ",
    "смыслового чтения на уроках истории",
    "квантовая криптография",  # found nowhere
]

KINDS = ["lesson", "program", "project", "recommendations", "technology", "eer", "publication", "demonstration"]
OPENINGS = [
    "Технологическая карта урока",
    "Конспект уроков",
    "Рабочая программа",
    "Методические рекомендации по организации",
    "Проект",
    "Сборник заданий",
    "Электронный курс",
    "Технология",
    "Мастер-класс",
    "Программа внеурочной деятельности",
]
TOPICS = [
    "по математике",
    "по физике",
    "по русскому языку",
    "по литературе",
    "по истории",
    "по химии",
    "по биологии",
    "по информатике",
    "по географии",
    "по английскому языку",
    "в начальной школе",
    "по технологии",
]
THEMES = [
    "функциональная грамотность обучающихся",
    "формирование функциональной грамотности",
    "проектная деятельность школьников",
    "исследовательская деятельность",
    "смысловое чтение",
    "формирующее оценивание",
    "работа с одарёнными детьми",
    "обучение детей с ОВЗ",
    "подготовка к ОГЭ и ЕГЭ",
    "цифровая образовательная среда",
    "наставничество молодых учителей",
    "воспитательная работа классного руководителя",
    "патриотическое воспитание",
    "развитие критического мышления",
    "игровые технологии на уроках",
    "кейс-технология",
]
WORDS = [
    "ученики",
    "учащихся",
    "школьников",
    "класса",
    "классов",
    "задания",
    "заданий",
    "приёмы",
    "приёмов",
    "методика",
    "методики",
    "опыт",
    "опыта",
    "результаты",
    "результатов",
    "оценка",
    "оценивания",
    "групповая",
    "работа",
    "работы",
    "учителя",
    "учителей",
    "педагогов",
    "занятия",
    "занятий",
    "диагностика",
    "диагностики",
    "мотивация",
    "мотивации",
    "интерес",
    "интереса",
    "практикум",
    "практикума",
    "игра",
    "игры",
    "текст",
    "текстов",
]


def configure(url):
    import warnings

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic for a benchmark
    sys.path.insert(0, str(BASE_DIR))
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "resurs.settings"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else-0123456789abcdef")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")


def ensure_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def build(count):
    """The bench's center and `count` products (once)."""
    import datetime

    from django.db import connection, transaction
    from django.utils import timezone

    from resurs.catalogs.models import EducationLevel, Position
    from resurs.centers.models import Center, CenterKind
    from resurs.people.models import Teacher
    from resurs.products import search
    from resurs.products.models import Product, ProductAuthor
    from resurs.territory.models import Municipality, Organization, Region

    center = Center.objects.filter(name=CENTER_NAME).first()
    if center is not None and Product.objects.filter(center=center).count() >= count:
        return center
    region, _ = Region.objects.get_or_create(code="PB", defaults={"name": "Бенчмарк-край"})
    municipality, _ = Municipality.objects.get_or_create(
        code="PB1", defaults={"region": region, "name": "Бенчмарк-город"}
    )
    school, _ = Organization.objects.get_or_create(
        municipality=municipality, short_name="МБОУ СОШ № 1", defaults={"full_name": "МБОУ «Средняя школа № 1»"}
    )
    center, _ = Center.objects.get_or_create(
        name=CENTER_NAME,
        defaults={"organization": school, "kind": CenterKind.objects.first(), "term_start": datetime.date(2026, 1, 1)},
    )
    position = Position.objects.first()
    teachers = [
        Teacher.objects.get_or_create(
            surname=f"Автор{i}",
            name="Мария",
            patronymic="Ивановна",
            organization=school,
            defaults={"position": position},
        )[0]
        for i in range(50)
    ]
    levels = list(EducationLevel.objects.all())
    rng = random.Random(2026)
    have = Product.objects.filter(center=center).count()
    now = timezone.now()
    batch = 5000
    print(f"making {count - have} products…", flush=True)
    while have < count:
        size = min(batch, count - have)
        rows = []
        for n in range(size):
            title = f"{rng.choice(OPENINGS)} {rng.choice(TOPICS)}: {rng.choice(THEMES)}"
            annotation = " ".join(rng.choice(WORDS) for _ in range(25)) + ". " + rng.choice(THEMES) + "."
            keywords = ", ".join(rng.sample(THEMES, 2))
            published = rng.random() < 0.7
            rows.append(
                Product(
                    center=center,
                    kind=rng.choice(KINDS),
                    title=title,
                    annotation=annotation,
                    keywords=keywords,
                    year=2020 + rng.randrange(7),
                    status="published" if published else rng.choice(["draft", "review", "approved", "rejected"]),
                    published_at=now - datetime.timedelta(minutes=have + n) if published else None,
                    search_text=search.normalize(title, annotation, keywords, f"Автор{(have + n) % 50} Мария Ивановна"),
                )
            )
        with transaction.atomic():
            made = Product.objects.bulk_create(rows)
            ProductAuthor.objects.bulk_create(
                ProductAuthor(product=p, teacher=teachers[i % 50], organization=school) for i, p in enumerate(made)
            )
            Product.levels.through.objects.bulk_create(
                Product.levels.through(product_id=p.pk, educationlevel_id=levels[i % len(levels)].pk)
                for i, p in enumerate(made)
            )
        have += size
        print(f"  {have}", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE products_product")
    return center


def timed(function, requests):
    for _ in range(3):
        function()
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    url = os.environ.get("PRODUCTS_BENCH_DATABASE_URL", DEFAULT_URL)
    configure(url)
    ensure_database(url)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from resurs.products import search, selectors
    from resurs.products.views_public import CappedPaginator, bank_queryset

    # Pages render {% static %}; the manifest storage would need a collectstatic run first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0)
    build(args.products)
    total = selectors.published_products().count()
    client = Client()
    rows = []
    for query in QUERIES:
        url_ = f"/public/best-practices/?q={quote(query)}"

        def page(url_=url_):
            response = client.get(url_)
            assert response.status_code == 200, response.status_code

        def sql(query=query):
            queryset = bank_queryset({"q": query})
            CappedPaginator(queryset, 20).count  # noqa: B018  (the page's count, capped)
            list(queryset[:20])

        found = search.search(selectors.published_products(), query).count()
        page_p50, page_p95 = timed(page, args.requests)
        sql_p50, sql_p95 = timed(sql, args.requests)
        rows.append((query, found, page_p50, page_p95, sql_p50, sql_p95))
        print(f"{query}: {found} found, page p95 {page_p95:.1f} ms, SQL p95 {sql_p95:.1f} ms", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    print()
    print(
        f"{args.products} products, {total} published; PostgreSQL {version}; Python {platform.python_version()}; "
        f"{os.cpu_count()} CPUs; {args.requests} timed requests per query after 3 warm-ups"
    )
    print()
    print("| query | found | page p50, ms | page p95, ms | SQL p50, ms | SQL p95, ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for query, found, a, b, c, d in rows:
        print(f"| {query} | {found} | {a:.1f} | {b:.1f} | {c:.1f} | {d:.1f} |")
    worst = max(r[3] for r in rows)
    print()
    print(f"worst page p95: {worst:.1f} ms (target ≤ 100 ms)")


if __name__ == "__main__":
    main()
