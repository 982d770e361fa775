"""Reference-list pages run a fixed number of queries, whatever the number of entries (5 or 500)."""

import pytest

from resurs.catalogs.models import CATALOG_MODELS
from resurs.catalogs.tests.factories import catalog_entry
from resurs.common.testing import count_queries


def page_queries(client, url):
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries.count


def entries(model, tag, count):
    return [catalog_entry(model, f"Запись {tag}{i}", sort_order=i) for i in range(count)]


@pytest.mark.parametrize("catalog", sorted(CATALOG_MODELS))
def test_list_queries_do_not_grow_with_rows(client, world, catalog):
    model = CATALOG_MODELS[catalog]
    url = f"/catalogs/{catalog}/"
    client.force_login(world.department)
    model.objects.bulk_create(entries(model, "a", 5))
    page_queries(client, url)
    few = page_queries(client, url)
    model.objects.bulk_create(entries(model, "b", 495))
    assert page_queries(client, url) == few
    assert page_queries(client, url + "?page=4") == few
