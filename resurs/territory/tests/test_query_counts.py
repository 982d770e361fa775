"""Territory list pages run a fixed number of queries, whatever the number of rows (5 or 500)."""

import pytest

from resurs.accounts.testing import make_user
from resurs.common.testing import count_queries
from resurs.territory.models import EducationalDistrict, Municipality, Organization, Region


def page_queries(client, url):
    with count_queries() as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries.count


def add_regions(world, prefix, n):
    Region.objects.bulk_create(Region(name=f"Регион {prefix}{i}", code=f"R{prefix}{i}") for i in range(n))


def add_municipalities(world, prefix, n):
    Municipality.objects.bulk_create(
        Municipality(region=world.region, name=f"Район {prefix}{i}", code=f"M{prefix}{i}") for i in range(n)
    )


def add_districts(world, prefix, n):
    EducationalDistrict.objects.bulk_create(
        EducationalDistrict(municipality=world.mun, name=f"Округ {prefix}{i}", base_organization=world.org)
        for i in range(n)
    )


def add_organizations(world, prefix, n):
    district, _ = EducationalDistrict.objects.get_or_create(municipality=world.mun, name="Округ организаций")
    Organization.objects.bulk_create(
        Organization(
            municipality=world.mun, district=district, short_name=f"Школа {prefix}{i}", full_name=f"МБОУ {prefix}{i}"
        )
        for i in range(n)
    )


@pytest.mark.parametrize(
    "url, actor, add",
    [
        ("/territory/regions/", "admin", add_regions),
        ("/territory/municipalities/", "regional", add_municipalities),
        ("/territory/districts/", "department", add_districts),
        ("/territory/organizations/", "department", add_organizations),
        ("/territory/organizations/", "regional", add_organizations),
    ],
)
def test_list_queries_do_not_grow_with_rows(client, world, url, actor, add):
    world.admin = make_user("admin", is_superuser=True)
    client.force_login(getattr(world, actor))
    add(world, "a", 5)
    page_queries(client, url)  # warm the per-process caches (content types, session)
    few = page_queries(client, url)
    add(world, "b", 495)
    assert page_queries(client, url) == few
    assert page_queries(client, url + "?page=3") == few
