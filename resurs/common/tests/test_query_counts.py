"""The job list and the home page run a fixed number of queries, whatever the number of jobs (5 or 500)."""

import pytest

from resurs.common.models import Job
from resurs.common.testing import count_queries


def page_queries(client, url):
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries.count


@pytest.mark.parametrize("url", ["/jobs/", "/"])
def test_job_pages_queries_do_not_grow_with_rows(client, world, url):
    client.force_login(world.department)
    Job.objects.bulk_create(Job(kind="common.export", user=world.department, title=f"Выгрузка {i}") for i in range(5))
    page_queries(client, url)
    few = page_queries(client, url)
    Job.objects.bulk_create(
        Job(kind="common.export", user=world.department, title=f"Выгрузка {i}") for i in range(5, 500)
    )
    assert page_queries(client, url) == few
