"""Run by test_sqlite_concurrency.py in a subprocess, on a file database (DATABASE_URL): writers in threads at once,
each patching its own organization and adding subjects through the API. Prints what happened as JSON."""

import json
import os
import sys
import threading


def main(threads, rounds):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resurs.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections
    from rest_framework.test import APIClient

    from resurs.accounts.testing import make_user
    from resurs.catalogs.models import Subject
    from resurs.territory.models import Organization
    from resurs.territory.tests.factories import MunicipalityFactory, OrganizationFactory

    call_command("migrate", verbosity=0)
    admin = make_user("writer", is_superuser=True, is_staff=True)
    municipality = MunicipalityFactory()
    organizations = [OrganizationFactory(municipality=municipality) for _ in range(threads)]
    subjects_before = Subject.objects.count()
    start = threading.Barrier(threads)
    failures = []

    def writer(n):
        try:
            api = APIClient()
            api.force_authenticate(admin)
            organization, version = organizations[n], 1
            start.wait()
            for i in range(rounds):
                response = api.patch(
                    f"/api/v1/organizations/{organization.pk}/",
                    {"short_name": f"Школа {n}-{i}", "version": version},
                    format="json",
                )
                if response.status_code != 200:
                    failures.append(f"PATCH {n}-{i}: {response.status_code} {response.content[:200]!r}")
                    return
                version = response.json()["version"]
                response = api.post("/api/v1/catalogs/subject/", {"name": f"Предмет {n}-{i}"}, format="json")
                if response.status_code != 201:
                    failures.append(f"POST {n}-{i}: {response.status_code} {response.content[:200]!r}")
                    return
        except Exception as exc:  # the writer's own failure, reported rather than lost in the thread
            failures.append(f"{n}: {exc!r}")
        finally:
            connections.close_all()

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
    result = {
        "failures": failures,
        "journal_mode": journal_mode,
        "organizations": sorted(
            [o.short_name, o.version] for o in Organization.objects.filter(pk__in=[o.pk for o in organizations])
        ),
        "subjects_added": Subject.objects.count() - subjects_before,
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
