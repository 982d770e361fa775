#!/usr/bin/env python
"""Benchmark: the recommendation job for every teacher of a region (50,000) on PostgreSQL; target ≤ 60 s.

    .venv/bin/python bench/recommendations.py [--events 300] [--products 200] [--runs 3]

Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/resurs_development_bench; created if missing),
migrates it and seeds `--scale region` once (50,000 teachers in 60 municipalities). Then, once, it makes the bench
data: a center in each municipality, --events upcoming open events and --products published products, each tagged
with one to three competences, a municipal diagnostic with four results per teacher (about 40 % of them deficits),
and a registration of every tenth teacher for an event. Each run is the real background job
(`development.recommendations`, started with `services.start_recommendations` by a superuser, executed by the jobs
facade as Celery does without a broker): it reads the open deficits, the candidates, the registrations and the open
route steps, ranks the proposals and stores one row per teacher. The figures go to bench/recommendations.md.
"""

import argparse
import datetime
import os
import platform
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/resurs_development_bench"
TITLE = "Бенчмарк рекомендаций: диагностика"


def configure(url):
    sys.path.insert(0, str(BASE_DIR))
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "resurs.settings"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else-0123456789abcdef")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("LOG_LEVEL", "WARNING")


def ensure_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def prepare():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from resurs.territory.models import Region

    if not Region.objects.filter(code="66").exists():
        started = time.monotonic()
        call_command("seed", scale="region", stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"seeded the region scale in {time.monotonic() - started:.1f} s")


def bench_data(events, products):
    """Centers, events, products, the diagnostic and registrations of the benchmark (made once)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from resurs.catalogs.models import Competence, WorkForm
    from resurs.centers.models import Center, CenterKind
    from resurs.development.models import DiagnosticProcedure, DiagnosticResult
    from resurs.events.models import Event, Registration
    from resurs.people.models import Teacher
    from resurs.products.models import Product
    from resurs.territory.models import Municipality, Organization, Region

    if DiagnosticProcedure.objects.filter(title=TITLE).exists():
        return
    started = time.monotonic()
    rng = random.Random(10)
    region = Region.objects.get(code="66")
    competences = list(Competence.objects.filter(is_active=True))
    form = WorkForm.objects.filter(is_active=True).first()
    kind = CenterKind.objects.first()
    now = timezone.now()
    with transaction.atomic():
        centers = []
        for n, municipality in enumerate(Municipality.objects.filter(region=region).order_by("pk")):
            organization = Organization.objects.filter(municipality=municipality).order_by("pk").first()
            centers.append(
                Center.objects.create(
                    organization=organization,
                    kind=kind,
                    name=f"Бенчмарк-центр {n + 1}",
                    status="active",
                    term_start=datetime.date(2026, 1, 1),
                    term_end=datetime.date(2028, 12, 31),
                )
            )
        made_events = Event.objects.bulk_create(
            [
                Event(
                    center=centers[n % len(centers)],
                    form=form,
                    title=f"Семинар {n + 1}",
                    starts_at=now + datetime.timedelta(days=1 + n % 120, hours=n % 8),
                    ends_at=now + datetime.timedelta(days=1 + n % 120, hours=n % 8 + 2),
                    status=Event.Status.OPEN if n % 3 else Event.Status.PUBLISHED,
                )
                for n in range(events)
            ]
        )
        through = Event.competences.through
        through.objects.bulk_create(
            [
                through(event_id=e.pk, competence_id=c.pk)
                for e in made_events
                for c in rng.sample(competences, rng.randint(1, 3))
            ]
        )
        made_products = Product.objects.bulk_create(
            [
                Product(
                    center=centers[n % len(centers)],
                    kind=Product.Kind.LESSON,
                    title=f"Методическая разработка {n + 1}",
                    year=2026,
                    status=Product.Status.PUBLISHED,
                    published_at=now - datetime.timedelta(days=n),
                )
                for n in range(products)
            ]
        )
        through = Product.competences.through
        through.objects.bulk_create(
            [
                through(product_id=p.pk, competence_id=c.pk)
                for p in made_products
                for c in rng.sample(competences, rng.randint(1, 3))
            ]
        )
        procedure = DiagnosticProcedure.objects.create(
            title=TITLE,
            level="regional",
            held_on=now.date() - datetime.timedelta(days=30),
            instrument="Тест",
            threshold=Decimal(50),
            municipality=Municipality.objects.filter(region=region).order_by("pk").first(),
        )
        teachers = list(Teacher.objects.filter(region=region).values_list("pk", flat=True))
        rows = []
        for teacher_id in teachers:
            for competence in rng.sample(competences, 4):
                score = rng.randint(1, 10)
                rows.append(
                    DiagnosticResult(
                        procedure=procedure,
                        teacher_id=teacher_id,
                        competence=competence,
                        score=Decimal(score),
                        max_score=Decimal(10),
                        is_deficit=score < 5,
                    )
                )
        DiagnosticResult.objects.bulk_create(rows, batch_size=5000)
        Registration.objects.bulk_create(
            [
                Registration(event=made_events[n % len(made_events)], teacher_id=t, status="confirmed")
                for n, t in enumerate(teachers[::10])
            ],
            batch_size=5000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"bench data: {len(centers)} centers, {events} events, {products} products, {len(rows)} results "
        f"for {len(teachers)} teachers, in {time.monotonic() - started:.1f} s"
    )


def run_job():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from resurs.accounts.models import User
    from resurs.common import jobs
    from resurs.common.models import Job
    from resurs.development import services

    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    job = Job.objects.create(kind=services.RECOMMENDATIONS_JOB, user=admin, title="bench", params={"language": "ru"})
    started = time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        jobs.run(str(job.pk))
    elapsed = time.monotonic() - started
    job.refresh_from_db()
    assert job.status == "done", job.error
    return elapsed, job.result, len(queries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--products", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    configure(url)
    ensure_database(url)
    prepare()
    bench_data(args.events, args.products)
    times = []
    for n in range(args.runs):
        elapsed, result, queries = run_job()
        times.append(elapsed)
        print(
            f"run {n + 1}: {elapsed:.1f} s, {result['teachers']} teachers, {result['proposals']} proposals, {queries} queries"
        )
    print(f"median {statistics.median(times):.1f} s, max {max(times):.1f} s (target ≤ 60 s)")
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}")


if __name__ == "__main__":
    main()
