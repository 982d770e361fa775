#!/usr/bin/env python
"""Benchmark: open a 300-item plan's page and export it (DOCX, XLSX) on the bench PostgreSQL database.

    .venv/bin/python bench/plans.py [--requests 100] [--items 300]

Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/resurs_bench; created if missing), migrates it
and, if the region scale is not there yet, seeds it as bench/run.py does. Then it makes (once) a bench center in the
region with a head, and an agreed plan of that center with --items items spread over the sections, venues, online
items and month-only dates, part of them done, rescheduled and cancelled, and submitted twice with comments, so that
every part of the plan page is drawn. Each scenario is timed with Django's test client in this process (the full
request cycle, no HTTP server), round-robin, after a warm-up; queries are counted on one more request. The DOCX
export is the POST that renders, stores and records the document (the download is a plain file response); the
documents the run issues are deleted at the end, with their files (kept in a temporary MEDIA_ROOT).
"""

import argparse
import datetime
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/resurs_bench"
CENTER_NAME = "Ресурсный центр «Бенчмарк планов»"
HEAD = "bench_plans_head"


def configure(url):
    sys.path.insert(0, str(BASE_DIR))
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "resurs.settings"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else-0123456789abcdef")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # the test client speaks plain http
    os.environ.setdefault("LOG_LEVEL", "WARNING")


def ensure_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def prepare(media_root):
    import django

    django.setup()
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = media_root
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from resurs.territory.models import Region

    if not Region.objects.filter(code="66").exists():
        started = time.monotonic()
        call_command("seed", scale="region", stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"seeded the region scale in {time.monotonic() - started:.1f} s")


def bench_plan(items):
    """The bench center, its head and coordinator, and its agreed plan of `items` items (made once)."""
    from django.db import transaction
    from django.utils import timezone

    from resurs.accounts.models import User
    from resurs.accounts.testing import grant_role
    from resurs.catalogs.models import PlanSection, WorkForm
    from resurs.centers.models import Center, CenterKind
    from resurs.plans import services
    from resurs.plans.models import Plan, PlanItem
    from resurs.territory.models import Organization

    with transaction.atomic():
        center = Center.objects.filter(name=CENTER_NAME).first()
        if center is None:
            org = Organization.objects.filter(municipality__region__code="66").order_by("pk").first()
            kind = CenterKind.objects.filter(is_active=True, planning_period="calendar").order_by("pk").first()
            center = Center.objects.create(
                organization=org, kind=kind, name=CENTER_NAME, term_start=datetime.date(2020, 1, 1)
            )
        head = User.objects.filter(username=HEAD).first()
        if head is None:
            head = User.objects.create_user(username=HEAD, password=None, last_name="Бенчмаркова", first_name="Анна")
            grant_role(head, "center_head", "center", center)
            coordinator = User.objects.create_user(username="bench_plans_coordinator", password=None)
            grant_role(coordinator, "coordinator", "center", center)
        coordinator = User.objects.get(username="bench_plans_coordinator")
        year = timezone.localdate().year
        plan = Plan.objects.filter(center=center, association=None, period_start__year=year).first()
        if plan is not None and plan.items.count() == items:
            return plan, head
        if plan is not None:
            plan.revisions.all().delete()
            plan.delete()
        plan = services.create_plan(actor=head, center=center, year=year, goal="Цель", tasks="Задачи")
        sections = list(PlanSection.objects.filter(is_active=True).order_by("sort_order"))
        forms = list(WorkForm.objects.filter(is_active=True).order_by("sort_order"))
        venues = list(Organization.objects.filter(municipality=center.organization.municipality).order_by("pk")[:20])
        rows = []
        for n in range(items):
            month = n % 12 + 1
            rows.append(
                PlanItem(
                    plan=plan,
                    section=sections[n % len(sections)],
                    form=forms[n % len(forms)],
                    topic=f"Мероприятие № {n + 1}: методическое сопровождение педагогов",
                    date=datetime.date(year, month, 1 + n % 28),
                    date_precision="month" if n % 10 == 9 else "day",
                    venue=venues[n % len(venues)] if n % 3 else None,
                    is_online=n % 3 == 0,
                    responsible=f"Ответственный {n % 9 + 1}",
                    audience="учителя",
                    expected_product="методические рекомендации",
                    sort_order=n + 1,
                )
            )
        PlanItem.objects.bulk_create(rows)
        services.submit(actor=head, plan=plan)
        first = plan.items.order_by("pk").first()
        services.return_plan(actor=coordinator, plan=plan, comment="Уточнить", item_comments={str(first.uid): "?"})
        PlanItem.objects.filter(pk=first.pk).update(topic="Мероприятие № 1 (исправлено)")
        services.submit(actor=head, plan=Plan.objects.get(pk=plan.pk))
        services.agree(actor=coordinator, plan=plan)
        today = timezone.localdate()
        past = list(plan.items.filter(date__lt=today).order_by("pk"))
        done = [i.pk for n, i in enumerate(past) if n % 5 < 3]
        PlanItem.objects.filter(pk__in=done).update(execution="done", done_on=today)
        PlanItem.objects.filter(pk__in=[i.pk for n, i in enumerate(past) if n % 5 == 3]).update(
            execution="rescheduled", new_date=plan.period_end, execution_reason="Перенос по заявке школ"
        )
        PlanItem.objects.filter(pk__in=[i.pk for n, i in enumerate(past) if n % 10 == 4]).update(
            execution="cancelled", execution_reason="Объединено с другим мероприятием"
        )
    return Plan.objects.get(pk=plan.pk), head


def measure(scenarios, requests, warmup=10):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = []
    for run in scenarios:
        run["times"], run["cpu"] = [], []
    for _round in range(warmup + requests):
        for run in scenarios:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = getattr(run["client"], run["method"])(run["url"])
            elapsed, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000
            assert response.status_code == run["status"], (run["url"], response.status_code)
            if _round >= warmup:
                run["times"].append(elapsed)
                run["cpu"].append(cpu)
    for run in scenarios:
        with CaptureQueriesContext(connection) as queries:
            getattr(run["client"], run["method"])(run["url"])
        times = sorted(run["times"])
        results.append(
            {
                "label": run["label"],
                "p50": statistics.median(times),
                "p95": statistics.quantiles(times, n=100, method="inclusive")[94],
                "mean": statistics.fmean(times),
                "cpu": statistics.median(run["cpu"]),
                "queries": len(queries),
            }
        )
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="timed requests per scenario (at least 50)")
    parser.add_argument("--items", type=int, default=300)
    args = parser.parse_args()
    if args.requests < 50:
        parser.error("--requests must be at least 50")
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    configure(url)
    ensure_database(url)
    with tempfile.TemporaryDirectory(prefix="resurs-bench-media-") as media_root:
        prepare(media_root)
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        from resurs.documents.models import GeneratedDocument

        plan, head = bench_plan(args.items)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        client = Client()
        client.force_login(head)
        scenarios = [
            {"label": "plan page", "method": "get", "url": reverse("plans:plan-detail", args=[plan.pk]), "status": 200},
            {
                "label": "DOCX export",
                "method": "post",
                "url": reverse("plans:export-docx", args=[plan.pk]),
                "status": 302,
            },
            {
                "label": "XLSX export",
                "method": "get",
                "url": reverse("plans:export-xlsx", args=[plan.pk]),
                "status": 200,
            },
        ]
        for scenario in scenarios:
            scenario["client"] = client
        issued_before = set(GeneratedDocument.objects.filter(object_id=str(plan.pk)).values_list("pk", flat=True))
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        try:
            results = measure(scenarios, args.requests)
        finally:
            GeneratedDocument.objects.filter(object_id=str(plan.pk)).exclude(pk__in=issued_before).delete()
        print()
        print(
            f"plan of {plan.items.count()} items, {args.requests} requests per scenario; "
            f"PostgreSQL {connection.pg_version // 10000}; Python {platform.python_version()}; {os.cpu_count()} CPUs; "
            f"load average before: {load}"
        )
        print("| scenario | p50 ms | p95 ms | mean ms | CPU p50 ms | queries |")
        print("|---|---|---|---|---|---|")
        for r in results:
            print(
                f"| {r['label']} | {r['p50']:.1f} | {r['p95']:.1f} | {r['mean']:.1f} | {r['cpu']:.1f} | {r['queries']} |"
            )


if __name__ == "__main__":
    main()
