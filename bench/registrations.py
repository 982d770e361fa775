#!/usr/bin/env python
"""Benchmark: a burst of event registrations against a running server (gunicorn, production settings).

    .venv/bin/python bench/registrations.py [--requests 500] [--seats 100] [--clients 100] [--workers 4]

Uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/resurs_bench; created if missing), migrates it,
creates a fresh center, an open event with `--seats` seats, `--requests` teachers of its municipality and an
organizer with an API token; starts gunicorn (`--workers` processes × 4 threads) on a free port, waits for it, then
`--clients` threads fire all the registrations at once (a barrier releases them together), each
`POST /api/v1/event-registrations/ {event, teacher}` with the organizer's token — the same service as the pages.
Reports registrations per second (all requests ÷ wall time of the burst), p50/p95/max latency, and the confirmed and
waitlisted counts read back from the database (exactly `--seats` confirmed, none lost, or the run fails).
"""

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/resurs_bench"
SECRET = "bench-only-secret-key-not-used-anywhere-else-0123456789abcdef"


def environment(url):
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "resurs.settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", SECRET),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONPATH": str(BASE_DIR),
    }


def ensure_database(url):
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def prepare(url, requests, seats):
    """Migrate, then a fresh center, event, teachers and an organizer token; returns (event id, teacher ids, token)."""
    os.environ.update(environment(url))
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from rest_framework.authtoken.models import Token

    from resurs.accounts.testing import make_user
    from resurs.centers.tests.factories import CenterFactory
    from resurs.events.tests.factories import EventFactory
    from resurs.people.models import Teacher
    from resurs.people.tests.factories import TeacherFactory
    from resurs.territory.tests.factories import MunicipalityFactory, OrganizationFactory, RegionFactory

    stamp = str(int(time.time()))
    _fresh_sequences(int(stamp) % 10**6 * 1000)
    org = OrganizationFactory(municipality=MunicipalityFactory(region=RegionFactory()))
    center = CenterFactory(organization=org, name=f"Бенчмарк {stamp}")
    organizer = make_user(f"bench_org_{stamp}", "center_organizer", "center", center)
    token = Token.objects.create(user=organizer).key
    event = EventFactory(center=center, capacity=seats, title=f"Бенчмарк регистрации {stamp}")
    for _ in range(requests):
        TeacherFactory(organization=org, email="")
    ids = list(Teacher.objects.filter(organization=org).values_list("pk", flat=True))
    from django.db import connection

    connection.close()
    return event.pk, ids, token


def _fresh_sequences(start):
    """Factory sequences start anew in each process: move them past what earlier runs stored (unique names)."""
    import importlib

    import factory

    for name in ("territory", "people", "centers", "catalogs", "events", "accounts"):
        try:
            module = importlib.import_module(f"resurs.{name}.tests.factories")
        except ImportError:
            continue
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, factory.django.DjangoModelFactory):
                value.reset_sequence(start, force=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url, workers):
    port = free_port()
    command = [
        str(BASE_DIR / ".venv/bin/gunicorn"),
        "resurs.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        "4",
        "--worker-class",
        "gthread",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=BASE_DIR, env=environment(url))
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/v1/", timeout=2)
            return server, base
        except urllib.error.HTTPError:  # 401 without a token: the server answers
            return server, base
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the server did not start")


def burst(base, event, teachers, token, clients):
    barrier = threading.Barrier(clients)
    results = []

    def one(teacher):
        body = json.dumps({"event": event, "teacher": teacher}).encode()
        request = urllib.request.Request(
            f"{base}/api/v1/event-registrations/",
            data=body,
            headers={"Content-Type": "application/json", "Authorization": f"Token {token}"},
            method="POST",
        )
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, payload = response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            status, payload = exc.code, {}
        return status, payload.get("status"), time.perf_counter() - started

    def client(chunk):
        barrier.wait()
        return [one(t) for t in chunk]

    chunks = [teachers[i::clients] for i in range(clients)]
    cpu = time.process_time()
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for rows in pool.map(client, chunks):
            results.extend(rows)
    return results, time.perf_counter() - started, time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--conn-max-age", type=int, default=60, help="the server's persistent connections (0: one per request)"
    )
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    event, teachers, token = prepare(url, args.requests, args.seats)
    sep = "&" if "?" in url else "?"
    server, base = start_server(f"{url}{sep}conn_max_age={args.conn_max_age}", args.workers)
    try:
        results, wall, client_cpu = burst(base, event, teachers, token, args.clients)
    finally:
        server.terminate()
        server.wait(timeout=30)
    from resurs.events.models import Registration

    rows = Registration.objects.filter(event_id=event)
    confirmed = rows.filter(status="confirmed").count()
    waitlisted = rows.filter(status="waitlisted").count()
    latencies = sorted(r[2] * 1000 for r in results)
    statuses = {}
    for status, _state, _t in results:
        statuses[status] = statuses.get(status, 0) + 1
    p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)]
    print(
        f"{platform.node()}: python {platform.python_version()}, gunicorn {args.workers}×4 threads, "
        f"{url.rsplit('/', 1)[-1]}, CONN_MAX_AGE {args.conn_max_age}"
    )
    print(f"requests {len(results)} from {args.clients} clients at once for {args.seats} seats; HTTP {statuses}")
    print(f"wall {wall:.2f} s → {len(results) / wall:.1f} registrations/s; the client's own CPU {client_cpu:.2f} s")
    print(f"latency ms: p50 {statistics.median(latencies):.0f}, p95 {p95:.0f}, max {latencies[-1]:.0f}")
    print(f"stored: confirmed {confirmed}, waitlisted {waitlisted}, total {rows.count()}")
    ok = confirmed == args.seats and rows.count() == len(results) == args.requests and statuses == {201: args.requests}
    print("OK" if ok else "FAILED: capacity or count mismatch")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
