#!/usr/bin/env python
"""Benchmark: the teacher list page and API list against the Django admin changelist, on PostgreSQL at region scale.

    make bench                      # or: .venv/bin/python bench/run.py [--requests 200]

Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/resurs_bench; the database is created if
missing), migrates it, seeds `--scale region` once (skipped when the region is there), then times each page
with Django's test client in this process (the full request cycle: middleware, session, views, templates, the
database round trips; no HTTP server or network) with production settings (DEBUG off). Queries are counted on
one extra request per page, so that capturing them does not slow the timed ones; the read queries of that request
are then replayed straight through the database cursor, round-robin too, and their summed time (the SQL p50/p95
columns) shows how much of the page time is the database and how much Python.
"""

import argparse
import gc
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/resurs_bench"

# (label, user, url); the admin changelist is the baseline the others are compared with.
SCENARIOS = [
    ("teacher list page", "department", "/people/teachers/"),
    ("teacher list page", "regional", "/people/teachers/"),
    ("API teacher list", "department", "/api/v1/teachers/"),
    ("API teacher list", "regional", "/api/v1/teachers/"),
    ("admin changelist", "admin", "/django-admin/people/teacher/"),
]
BASELINE = "admin changelist"


def configure(url):
    import warnings

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic for a benchmark
    sys.path.insert(0, str(BASE_DIR))
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "resurs.settings"
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-used-anywhere-else-0123456789abcdef")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # the test client speaks plain http
    os.environ.setdefault("LOG_LEVEL", "WARNING")


def ensure_database(url):
    """Create the benchmark database if it does not exist (connecting to the server's `postgres` database)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def prepare():
    import django

    django.setup()
    from django.conf import settings

    # Pages render {% static %}; the manifest storage would need a collectstatic run first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from resurs.territory.models import Region

    if not Region.objects.filter(code="66").exists():
        started = time.monotonic()
        call_command("seed", scale="region", stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"seeded the region scale in {time.monotonic() - started:.1f} s")
    from django.db import connection

    with connection.cursor() as cursor:
        # As autovacuum would have by now on a live server (since PostgreSQL 13 it vacuums after bulk inserts too):
        # statistics for the planner, and the visibility map that lets a COUNT(*) read an index alone.
        cursor.execute("VACUUM ANALYZE")


def measure(scenarios, requests, warmup=10, freeze_gc=False):
    """Time every scenario round-robin (one request of each per round), so that a change of the machine's load
    during the run weighs on all pages alike; then capture each page's queries on one more request and time them
    alone (`replay`)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from resurs.accounts.models import User

    runs = []
    for label, username, url in scenarios:
        client = Client()
        user = User.objects.get(username=username)
        client.force_login(user)
        status = client.get(url).status_code
        runs.append(
            {"label": label, "user": username, "url": url, "status": status, "client": client, "times": [], "cpu": []}
        )
    live = [r for r in runs if r["status"] == 200]
    gc.callbacks.append(GC_WATCH)
    for round_number in range(warmup + requests):
        if freeze_gc and round_number == warmup:
            # What a server can do once its workers are warm (gunicorn's post_fork hook, or after loading the
            # application): move every object alive now out of the collector's reach, so that a full collection
            # walks only what the requests allocate.
            gc.collect()
            gc.freeze()
        GC_WATCH.on = round_number >= warmup
        for run in live:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = run["client"].get(run["url"])
            elapsed, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000
            assert response.status_code == 200, (run["url"], response.status_code)
            if round_number >= warmup:
                run["times"].append(elapsed)
                run["cpu"].append(cpu)
    GC_WATCH.on = False
    gc.callbacks.remove(GC_WATCH)
    for run in live:
        with CaptureQueriesContext(connection) as queries:
            response = run["client"].get(run["url"])
        times = sorted(run.pop("times"))
        run.update(
            rows=_rows(run, response),
            p50=statistics.median(times),
            p95=_p95(times),
            mean=statistics.fmean(times),
            cpu=statistics.median(run.pop("cpu")),
            queries=len(queries),
            statements=_replayable(queries.captured_queries),
        )
    replay(live, requests, warmup)
    for run in runs:
        run.pop("client")
        run.pop("statements", None)
    return runs


def _p95(values):
    return statistics.quantiles(sorted(values), n=100, method="inclusive")[94]


# A queryset read with .iterator() runs as a server-side cursor: replay the SELECT it declares.
_DECLARE = re.compile(r'^DECLARE "[^"]+" NO SCROLL CURSOR WITH(?:OUT)? HOLD FOR ', re.IGNORECASE)


def _replayable(captured):
    """The read statements of a captured request, as SQL with their parameters inlined (what Django logged).
    Writes (the session renewal, at most once a minute) and savepoints are left out: replaying them would change
    the database and they are not part of every request."""
    statements = []
    for query in captured:
        sql = _DECLARE.sub("", query["sql"])
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append(sql)
    return statements


def replay(runs, requests, warmup=10):
    """Run each page's captured read queries directly through the cursor (execute + fetchall, as Django reads them),
    round-robin like the pages; record p50/p95 of the summed time of one page's queries."""
    from django.db import connection

    for run in runs:
        run["sql_times"] = []
    with connection.cursor() as cursor:
        for round_number in range(warmup + requests):
            for run in runs:
                started = time.perf_counter()
                for sql in run["statements"]:
                    cursor.execute(sql)
                    cursor.fetchall()
                elapsed = (time.perf_counter() - started) * 1000
                if round_number >= warmup:
                    run["sql_times"].append(elapsed)
    for run in runs:
        sql_times = run.pop("sql_times")
        run.update(sql_p50=statistics.median(sql_times), sql_p95=_p95(sql_times), replayed=len(run["statements"]))


def _rows(run, response):
    """How many teachers the page lists in all (its paginator's count)."""
    from resurs.accounts.models import User
    from resurs.common.scoping import restrict
    from resurs.people.models import Teacher

    if run["url"].startswith("/api/"):
        return response.json().get("count")
    return restrict(Teacher.objects.all(), User.objects.get(username=run["user"]), "people.teacher:view").count()


def report(results, requests, gc_note="default gc"):
    from django.db import connection

    baseline = next((r for r in results if r["label"] == BASELINE and r["status"] == 200), None)
    print()
    print(
        f"{requests} requests each, round-robin, {gc_note}; load average before: {LOAD_BEFORE}; after: "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    full = [ms for generation, ms in GC_WATCH.pauses if generation == 2]
    young = [ms for generation, ms in GC_WATCH.pauses if generation < 2]
    print(
        f"garbage collection during the timed requests: {len(full)} full, "
        f"{sum(full):.0f} ms in all, longest {max(full, default=0):.0f} ms; {len(young)} young, "
        f"{sum(young):.0f} ms in all, longest {max(young, default=0):.0f} ms"
    )
    print(
        f"PostgreSQL {connection.pg_version // 10000}; Python {platform.python_version()}; "
        f"{os.cpu_count()} CPUs; {platform.processor() or platform.machine()}"
    )
    header = (
        "page",
        "user",
        "rows",
        "p50 ms",
        "p95 ms",
        "mean ms",
        "CPU p50 ms",
        "SQL p50 ms",
        "SQL p95 ms",
        "SQL ÷ page p50",
        "queries",
        "÷ admin: p50",
        "p95",
        "CPU",
    )
    lines = [header]
    for r in results:
        if r["status"] != 200:
            lines.append((r["label"], r["user"], f"HTTP {r['status']} at {r['url']}", *[""] * (len(header) - 3)))
            continue
        ratios = [f"{r[k] / baseline[k]:.2f}" if baseline else "—" for k in ("p50", "p95", "cpu")]
        lines.append(
            (
                r["label"],
                r["user"],
                str(r["rows"]),
                f"{r['p50']:.1f}",
                f"{r['p95']:.1f}",
                f"{r['mean']:.1f}",
                f"{r['cpu']:.1f}",
                f"{r['sql_p50']:.1f}",
                f"{r['sql_p95']:.1f}",
                f"{r['sql_p50'] / r['p50']:.2f}",
                str(r["queries"]) if r["replayed"] == r["queries"] else f"{r['queries']} ({r['replayed']} read)",
                *ratios,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for n, line in enumerate(lines):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    failed = [
        r
        for r in results
        if r["status"] == 200
        and r["label"] != BASELINE
        and (r["p95"] > 100 or (baseline and r["p95"] > 0.5 * baseline["p95"]))
    ]
    print()
    print(
        "SQL: the page's read queries replayed through the cursor (execute + fetchall), summed per page; "
        "page time minus SQL time is roughly Python (Django, templates, serialisation)."
    )
    print(
        "target p95 <= 100 ms and <= 0.5 x admin changelist: "
        + ("missed by " + ", ".join(f"{r['label']} ({r['user']})" for r in failed) if failed else "met")
    )


LOAD_BEFORE = ""


class GcWatch:
    """A gc callback: (generation, ms) of every collection while `on`."""

    def __init__(self):
        self.pauses, self.on, self.started = [], False, 0.0

    def __call__(self, phase, info):
        if phase == "start":
            self.started = time.perf_counter()
        elif self.on:
            self.pauses.append((info["generation"], (time.perf_counter() - self.started) * 1000))


GC_WATCH = GcWatch()


def main():
    global LOAD_BEFORE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", help="measure only scenarios whose label contains this text")
    parser.add_argument(
        "--freeze-gc", action="store_true", help="gc.freeze() after the warm-up (see README: garbage collection)"
    )
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    configure(url)
    ensure_database(url)
    prepare()
    LOAD_BEFORE = " ".join(f"{x:.1f}" for x in os.getloadavg())
    scenarios = [s for s in SCENARIOS if not args.only or args.only in s[0] or s[0] == BASELINE]
    results = measure(scenarios, args.requests, freeze_gc=args.freeze_gc)
    report(results, args.requests, gc_note="gc.freeze() after the warm-up" if args.freeze_gc else "default gc")


if __name__ == "__main__":
    main()
