"""Capacity is never exceeded under concurrency (SPEC §6): 200 registrations from 20 threads at once for 50 seats on
PostgreSQL end with exactly 50 confirmed and 150 waitlisted, in the order the row lock served them, none lost."""

import threading

import pytest
from django.db import connection, connections

from resurs.events import services
from resurs.events.models import Registration
from resurs.events.tests.factories import EventFactory, build_events_world
from resurs.people.models import Teacher
from resurs.people.tests.factories import TeacherFactory

SEATS, REQUESTS, THREADS = 50, 200, 20


@pytest.mark.django_db(transaction=True)
def test_200_concurrent_registrations_for_50_seats(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises every write on the whole database, there is no race to test")
    w = build_events_world(world)
    event = EventFactory(center=w.center, capacity=SEATS)
    org = w.org
    teachers = list(
        Teacher.objects.filter(pk__in=[TeacherFactory(organization=org, email="").pk for _ in range(REQUESTS)])
    )
    barrier = threading.Barrier(THREADS)
    errors, done = [], []

    def worker(chunk):
        try:
            barrier.wait()
            for teacher in chunk:
                done.append(services.register(actor=w.organizer, event=event, teacher=teacher, source="center").pk)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    chunks = [teachers[i::THREADS] for i in range(THREADS)]
    threads = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = list(Registration.objects.filter(event=event).order_by("id"))
    assert len(rows) == len(done) == REQUESTS  # none lost
    assert len({r.teacher_id for r in rows}) == REQUESTS
    confirmed = [r for r in rows if r.status == "confirmed"]
    waitlisted = [r for r in rows if r.status == "waitlisted"]
    assert (len(confirmed), len(waitlisted)) == (SEATS, REQUESTS - SEATS)
    # Served one after another under the lock: every confirmed one came before every waitlisted one.
    assert max(r.queued_at for r in confirmed) <= min(r.queued_at for r in waitlisted)
    assert max(r.pk for r in confirmed) < min(r.pk for r in waitlisted)
    # The waitlist is promoted in its order when seats free up.
    first = sorted(waitlisted, key=lambda r: (r.queued_at, r.pk))[:3]
    for registration in confirmed[:3]:
        services.cancel_registration(actor=w.organizer, registration=registration)
    promoted = set(Registration.objects.filter(event=event, promoted_at__isnull=False).values_list("pk", flat=True))
    assert promoted == {r.pk for r in first}
    assert Registration.objects.filter(event=event, status="confirmed").count() == SEATS
