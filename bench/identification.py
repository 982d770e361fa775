#!/usr/bin/env python
"""Benchmark: identification of ШНОР/ШФНСУ over 1,500 schools × 5 years × 30 procedures (target ≤ 10 s).

    .venv/bin/python bench/identification.py [--schools 1500] [--years 5] [--procedures 30] [--repeat 3]

Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/resurs_monitoring; created if missing) and
migrates it. Makes (once) a bench municipality with --schools schools, their aggregates for --years years and
--procedures procedures per year (ВПР, ОГЭ, ЕГЭ subjects and grades; 225,000 rows at the defaults) and the six
social-passport values of the last year per school. Then it times, --repeat times each:

- the engine alone (`identification.identify`) over the rows already in memory, with the shipped municipal
  methodology (federal risk indicator, bottom 10 % in 2 of 3 years with unstable, social index);
- a whole run (`services.execute_run`): the rows read from the database, the rules, the 1,500 results with their
  explanations written in one transaction — what the background job does.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/resurs_monitoring"
MUNICIPALITY_CODE = "BENCH-IDENT"


def configure(url):
    sys.path.insert(0, str(BASE_DIR))
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "resurs.settings"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else-0123456789abcdef")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("LOG_LEVEL", "WARNING")


def ensure_database(url):
    if not url.startswith("postgres"):
        return
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def procedures(count):
    subjects = ["Русский язык", "Математика", "Окружающий мир", "История", "Биология", "География", "Физика"]
    found = []
    for grade in (4, 5, 6, 7, 8):
        for subject in subjects:
            found.append(("vpr", subject, grade))
    for subject in subjects[:4]:
        found.append(("oge", subject, 9))
        found.append(("ege", subject, 11))
    return found[:count]


def build(args):
    from django.db import transaction

    from resurs.monitoring.models import AssessmentResult, Indicator, IndicatorValue
    from resurs.territory.models import Municipality, Organization, Region

    municipality = Municipality.objects.filter(code=MUNICIPALITY_CODE).first()
    if municipality is not None and municipality.organizations.count() == args.schools:
        return municipality
    started = time.perf_counter()
    rng = random.Random(1)
    with transaction.atomic():
        region, _ = Region.objects.get_or_create(code="BENCH-R", defaults={"name": "Бенчмарк-регион"})
        if municipality is not None:
            AssessmentResult.objects.filter(organization__municipality=municipality).delete()
            IndicatorValue.objects.filter(organization__municipality=municipality).delete()
            municipality.identification_runs.all().delete()
            municipality.organizations.all().delete()
            municipality.delete()
        municipality = Municipality.objects.create(region=region, name="Бенчмарк-город", code=MUNICIPALITY_CODE)
        Organization.objects.bulk_create(
            [
                Organization(municipality=municipality, short_name=f"Школа {i}", full_name=f"Школа {i}")
                for i in range(args.schools)
            ]
        )
        schools = list(municipality.organizations.order_by("pk"))
        last = 2025
        rows = []
        kinds = procedures(args.procedures)
        for school in schools:
            level = rng.random() ** 3 * 0.5
            for year in range(last - args.years + 1, last + 1):
                for procedure, subject, grade in kinds:
                    n = rng.randint(3, 60)
                    low = min(n, int(n * max(0.0, level + rng.uniform(-0.1, 0.1))))
                    if procedure == "ege":
                        rows.append(
                            AssessmentResult(
                                organization=school,
                                year=year,
                                procedure=procedure,
                                subject=subject,
                                grade=grade,
                                participants=n,
                                below_minimum=low,
                            )
                        )
                    else:
                        rest = n - low
                        rows.append(
                            AssessmentResult(
                                organization=school,
                                year=year,
                                procedure=procedure,
                                subject=subject,
                                grade=grade,
                                participants=n,
                                mark2=low,
                                mark3=rest // 2,
                                mark4=rest - rest // 2 - rest // 5,
                                mark5=rest // 5,
                            )
                        )
                if len(rows) >= 20000:
                    AssessmentResult.objects.bulk_create(rows, batch_size=5000)
                    rows = []
        AssessmentResult.objects.bulk_create(rows, batch_size=5000)
        social = {i.code: i for i in Indicator.objects.filter(code__startswith="SOC_")}
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(organization=school, indicator=indicator, year=last, value=rng.randint(0, 40))
                for school in schools
                for indicator in social.values()
            ],
            batch_size=5000,
        )
    print(
        f"built {args.schools} schools × {args.years} years × {args.procedures} procedures in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return municipality


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=1500)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--procedures", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    configure(url)
    ensure_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from resurs.monitoring import identification, services
    from resurs.monitoring.models import AssessmentResult, IdentificationRun, Methodology, RunResult

    municipality = build(args)
    rows = AssessmentResult.objects.filter(organization__municipality=municipality).count()
    version = Methodology.objects.get(code="municipal").current
    year = 2025
    engine, whole = [], []
    for _ in range(args.repeat):
        run = IdentificationRun.objects.create(
            municipality=municipality,
            methodology_version=version,
            year=year,
            parameters=services.check_rules(version.rules),
        )
        schools, results, social = services.load_inputs(run)
        started = time.perf_counter()
        identification.identify(run.parameters, schools, results, year, social)
        engine.append(time.perf_counter() - started)
        started = time.perf_counter()
        outcome = services.execute_run(run)
        whole.append(time.perf_counter() - started)
    run.refresh_from_db()
    assert RunResult.objects.filter(run=run).count() == args.schools
    IdentificationRun.objects.filter(municipality=municipality).exclude(pk=run.pk).delete()
    print(f"rows: {rows}; schools per group: {outcome['groups']}")
    print(f"engine alone:   median {statistics.median(engine):.2f} s, max {max(engine):.2f} s")
    print(f"whole run (job): median {statistics.median(whole):.2f} s, max {max(whole):.2f} s (target ≤ 10 s)")
    print(
        f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"database {django.db.connection.vendor}"
    )


if __name__ == "__main__":
    main()
