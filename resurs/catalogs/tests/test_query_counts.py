"""Reference-list pages run a fixed number of queries, whatever the number of entries (5 or 500)."""

import pytest

from resurs.catalogs.models import CATALOG_MODELS
from resurs.common.testing import count_queries


def page_queries(client, url):
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries.count


@pytest.mark.parametrize("catalog", sorted(CATALOG_MODELS))
def test_list_queries_do_not_grow_with_rows(client, world, catalog):
    model = CATALOG_MODELS[catalog]
    url = f"/catalogs/{catalog}/"
    client.force_login(world.department)
    model.objects.bulk_create(model(name=f"Запись a{i}", sort_order=i) for i in range(5))
    page_queries(client, url)
    few = page_queries(client, url)
    model.objects.bulk_create(model(name=f"Запись b{i}", sort_order=i) for i in range(495))
    assert page_queries(client, url) == few
    assert page_queries(client, url + "?page=4") == few
