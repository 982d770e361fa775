#!/usr/bin/env python
"""Benchmark: the participant registry (000 § 6.3.1) at 1M participations on PostgreSQL.

    .venv/bin/python bench/participants.py [--participations 1000000] [--requests 30]

Uses BENCH_PARTICIPANTS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/resurs_events2_bench; created if
missing), migrates it and, once, loads a bench region (bench-only loader, not the demo `seed`): 4 municipalities,
160 schools, 16,000 teachers, 8 centers (2 per municipality) with 5,000 held events over two years and
`--participations` confirmed registrations with attendance marked (present 88 %, absent 8 %, excused 4 %), written
with `INSERT … SELECT generate_series` (a few seconds per million rows). Then it times, with Django's test client in
this process (the full request cycle, DEBUG off), round-robin after a warm-up, the registry page and its API for a
center's methodist and a municipality's department, unfiltered and filtered (attendance, period, organization,
format), and counts the queries of one more request of each. The figures are written to bench/participants.md.
"""

import argparse
import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/resurs_events2_bench"
REGION = "Бенчмарк-регион участников"
MUNICIPALITIES = 4
SCHOOLS = 40  # per municipality
TEACHERS = 100  # per school
CENTERS = 2  # per municipality
EVENTS = 5000


def configure(url):
    import warnings

    warnings.filterwarnings("ignore", message="No directory at")
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
            print(f"created database {name}")


def load(participations):
    """The bench region, once: territory, teachers, centers with staff, events, and the registrations by SQL."""
    from django.db import transaction
    from django.utils import timezone

    from resurs.accounts.testing import make_user
    from resurs.catalogs.models import Position, Subject, WorkForm
    from resurs.events.models import Event, Registration
    from resurs.people.models import Teacher
    from resurs.territory.models import Region

    region = Region.objects.filter(name=REGION).first()
    if region is not None:
        have = Registration.objects.filter(event__center__organization__municipality__region=region).count()
        print(f"bench region present: {have} participations")
        if not have:
            insert_participations(region, participations)
        return region
    started = time.perf_counter()
    from resurs.centers.tests.factories import CenterFactory
    from resurs.territory.tests.factories import MunicipalityFactory, OrganizationFactory, RegionFactory

    with transaction.atomic():
        region = RegionFactory(name=REGION, code="BP")
        position = Position.objects.filter(name="Учитель").first() or Position.objects.first()
        forms = list(WorkForm.objects.filter(is_active=True))
        subjects = list(Subject.objects.filter(is_active=True)[:10])
        now = timezone.now()
        event_rows = []
        for m in range(MUNICIPALITIES):
            municipality = MunicipalityFactory(region=region, name=f"Бенч-округ {m + 1}")
            schools = [
                OrganizationFactory(municipality=municipality, short_name=f"Школа {m + 1}-{s + 1}", kind="school")
                for s in range(SCHOOLS)
            ]
            Teacher.objects.bulk_create(
                Teacher(
                    surname=f"Учитель{m}{s:02d}{t:03d}",
                    name="Анна",
                    patronymic="Ивановна",
                    organization=school,
                    position=position,
                    municipality_id=municipality.pk,
                    region_id=region.pk,
                )
                for s, school in enumerate(schools)
                for t in range(TEACHERS)
            )
            for c in range(CENTERS):
                center = CenterFactory(organization=schools[c], name=f"Бенч-центр {m + 1}-{c + 1}")
                if m == 0 and c == 0:
                    make_user("bench_participants_methodist", "methodist", "center", center)
                for e in range(EVENTS // (MUNICIPALITIES * CENTERS)):
                    starts = now - datetime.timedelta(days=730 * (e + 1) / (EVENTS // (MUNICIPALITIES * CENTERS)) + 1)
                    event_rows.append(
                        Event(
                            center=center,
                            form=forms[e % len(forms)],
                            title=f"Семинар {m + 1}-{c + 1}-{e + 1}",
                            starts_at=starts,
                            ends_at=starts + datetime.timedelta(hours=2),
                            format="online" if e % 4 == 3 else "in_person",
                            venue=None if e % 4 == 3 else schools[c],
                            online_url="https://vcs.example.ru/b" if e % 4 == 3 else "",
                            status="held",
                            held_at=starts,
                        )
                    )
            make_user(f"bench_participants_department_{m + 1}", "department", "municipality", municipality)
        Event.objects.bulk_create(event_rows, batch_size=2000)
        through = Event.subjects.through
        through.objects.bulk_create(
            through(event_id=e.pk, subject_id=subjects[i % len(subjects)].pk) for i, e in enumerate(event_rows)
        )
    print(f"territory, teachers and events in {time.perf_counter() - started:.0f} s")
    insert_participations(region, participations)
    print(f"loaded in {time.perf_counter() - started:.0f} s")
    return region


def insert_participations(region, participations):
    """Each event takes a window of its municipality's teachers (an array per municipality: O(1) per row)."""
    from django.db import connection

    from resurs.events.models import Event

    started = time.perf_counter()
    events = Event.objects.filter(center__organization__municipality__region=region).count()
    per_event = participations // events
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH ev AS (
                SELECT e.id, e.starts_at, o.municipality_id,
                       row_number() OVER (PARTITION BY o.municipality_id ORDER BY e.id) AS k
                FROM events_event e JOIN centers_center c ON c.id = e.center_id
                JOIN territory_organization o ON o.id = c.organization_id
                JOIN territory_municipality m ON m.id = o.municipality_id
                WHERE m.region_id = %(region)s
            ), te AS (
                SELECT municipality_id, array_agg(id ORDER BY id) AS ids
                FROM people_teacher WHERE region_id = %(region)s GROUP BY municipality_id
            )
            INSERT INTO events_registration
                (event_id, teacher_id, status, source, registered_at, queued_at, code, attendance,
                 attendance_marked_at, version, created_at, updated_at)
            SELECT ev.id, te.ids[((ev.k * 37 + g.i) %% array_length(te.ids, 1)) + 1], 'confirmed', 'self',
                   ev.starts_at - interval '10 days', ev.starts_at - interval '10 days',
                   'B' || lpad(to_hex(ev.id), 6, '0') || lpad(to_hex(g.i), 4, '0'),
                   CASE WHEN (ev.id * 7 + g.i) %% 100 < 88 THEN 'present'
                        WHEN (ev.id * 7 + g.i) %% 100 < 96 THEN 'absent' ELSE 'excused' END,
                   ev.starts_at + interval '3 hours', 1, now(), now()
            FROM ev JOIN te ON te.municipality_id = ev.municipality_id
            CROSS JOIN generate_series(0, %(per_event)s - 1) AS g(i)
            """,
            {"region": region.pk, "per_event": per_event},
        )
        print(f"inserted {cursor.rowcount} participations in {time.perf_counter() - started:.0f} s")
        # As autovacuum would have by now on a live server: planner statistics and the visibility map.
        cursor.execute("VACUUM ANALYZE events_registration")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run(requests):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from resurs.accounts.models import User
    from resurs.events.models import Event, Registration
    from resurs.territory.models import Organization, Region

    region = Region.objects.get(name=REGION)
    methodist = User.objects.get(username="bench_participants_methodist")
    department = User.objects.get(username="bench_participants_department_1")
    school = Organization.objects.filter(municipality__region=region).order_by("pk").first()
    year_ago = (datetime.date.today() - datetime.timedelta(days=365)).isoformat()
    total = Registration.objects.filter(event__center__organization__municipality__region=region).count()
    events = Event.objects.filter(center__organization__municipality__region=region).count()
    scenarios = []
    for label, user in (("center methodist", methodist), ("municipality department", department)):
        for what, url in (
            ("page, no filter", "/events/participants/"),
            ("page, present, last year", f"/events/participants/?attendance=present&date_from={year_ago}"),
            ("page, one school, remote", f"/events/participants/?organization={school.pk}&event_format=online"),
            ("page, 100th page", "/events/participants/?page=100"),
            ("API, present", "/api/v1/event-registrations/?attendance=present"),
        ):
            scenarios.append((label, user, what, url))
    clients = {}
    for _label, user, _what, _url in scenarios:
        if user.pk not in clients:
            client = Client()
            client.force_login(user)
            clients[user.pk] = client
    times = {i: [] for i in range(len(scenarios))}
    queries = {}
    for i, (_label, user, _what, url) in enumerate(scenarios):  # warm-up and query count
        client = clients[user.pk]
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries[i] = len(captured)
    for _ in range(requests):
        for i, (_label, user, _what, url) in enumerate(scenarios):
            started = time.perf_counter()
            clients[user.pk].get(url)
            times[i].append(time.perf_counter() - started)
    rows = []
    for i, (label, _user, what, _url) in enumerate(scenarios):
        ms = [t * 1000 for t in times[i]]
        rows.append((label, what, statistics.median(ms), percentile(ms, 0.95), queries[i]))
    return total, events, rows


def write(path, total, events, rows, requests):
    import django

    lines = [
        "# Participant registry at scale (bench/participants.py)",
        "",
        f"{total:,} participations (confirmed registrations with attendance) of {events:,} held events in one bench "
        f"region (4 municipalities, 16,000 teachers, 8 centers), PostgreSQL; Django {django.get_version()}, "
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPU cores shared with other "
        f"work. Django's test client in one process (full request cycle, DEBUG off), {requests} timed requests "
        "per row after a warm-up; queries counted on one more request.",
        "",
        "| user | request | p50, ms | p95, ms | queries |",
        "|---|---|---:|---:|---:|",
    ]
    lines += [f"| {u} | {w} | {p50:.0f} | {p95:.0f} | {q} |" for u, w, p50, p95, q in rows]
    lines += [
        "",
        "The center's methodist sees the participations of their center's events (a quarter of a municipality's); "
        "the department those of the whole municipality (a quarter of the region). Each page shows the counts of "
        "participations, unique teachers and unique organizations over the filtered rows (three aggregate queries "
        "over the same filter), then 50 rows.",
        "",
        "Run: `.venv/bin/python bench/participants.py` (`--participations`, `--requests`).",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participations", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--load-only", action="store_true", help="load the bench region and stop")
    args = parser.parse_args()
    url = os.environ.get("BENCH_PARTICIPANTS_DATABASE_URL", DEFAULT_URL)
    configure(url)
    ensure_database(url)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Pages render {% static %}; the manifest storage would need a collectstatic run first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    call_command("migrate", verbosity=0, interactive=False)
    load(args.participations)
    if args.load_only:
        return
    total, events, rows = run(args.requests)
    for row in rows:
        print("{:<24} {:<28} p50 {:>7.0f} ms  p95 {:>7.0f} ms  {:>3} queries".format(*row))
    write(BASE_DIR / "bench" / "participants.md", total, events, rows, args.requests)


if __name__ == "__main__":
    main()
