"""Fixtures of the API tests: the shared world plus districts, a far regional operator, a superuser and a user
who reads the whole region but edits one organization (visible but not allowed)."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from resurs.accounts.testing import grant_role, make_user
from resurs.territory.tests.factories import DistrictFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # throttle counters live in the cache
    yield
    cache.clear()


@pytest.fixture
def api():
    # English messages: the tests compare exact texts, whatever the state of the Russian catalogue.
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def world(world):
    world.district = DistrictFactory(municipality=world.mun, name="Северный округ")
    world.other_district = DistrictFactory(municipality=world.other_mun, name="Южный округ")
    world.far_regional = make_user("far_regional", "regional", "region", world.other_region)
    world.admin = make_user("admin", is_superuser=True, is_staff=True)
    # Reads the whole region (regional operator), edits only other_org's records (organization administrator).
    world.mixed = make_user("mixed", "regional", "region", world.region)
    grant_role(world.mixed, "org_admin", "organization", world.other_org)
    return world
