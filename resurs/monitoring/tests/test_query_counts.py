"""Lists and list-like pages run as many queries for many rows as for a few (relations joined or prefetched)."""

import itertools

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from resurs.common.testing import count_queries
from resurs.monitoring.models import DataResponse
from resurs.territory.tests.factories import OrganizationFactory

from .factories import data_request, result, run, step, support

pytestmark = pytest.mark.django_db
_n = itertools.count(1)


def grow(w, k):
    """k more of everything in the municipality: schools with results, answers, support plans with steps."""
    for _ in range(k):
        school = OrganizationFactory(municipality=w.mun)
        result(school, 2025, n=20, low=next(_n) % 10)
        result(school, 2024, n=20, low=next(_n) % 10, procedure="oge", grade=9)
        DataResponse.objects.create(request=w.request, organization=school)
        case = support(school, centers=[w.center])
        case.partner_schools.set([w.org2])
        step(case)
    data_request(w.mun, [w.org2], title=f"Запрос {next(_n)}")
    run(w.mun)


PAGES = [
    ("department", "monitoring:indicator-list", ()),
    ("department", "monitoring:request-list", ()),
    ("department", "monitoring:request-detail", ("request",)),
    ("department", "monitoring:response-list", ()),
    ("department", "monitoring:result-list", ()),
    ("department", "monitoring:methodology-list", ()),
    ("department", "monitoring:run-list", ()),
    ("department", "monitoring:run-detail", ("run",)),
    ("department", "monitoring:support-list", ()),
    ("center_head", "monitoring:support-list", ()),
    ("department", "monitoring:municipality-dynamics", ("mun",)),
]


@pytest.mark.parametrize("actor, name, args", PAGES, ids=[f"{a}-{n}" for a, n, _x in PAGES])
def test_page_queries_do_not_grow(client, mw, actor, name, args):
    w = mw
    client.force_login(getattr(w, actor))
    url = reverse(name, args=[getattr(w, a).pk for a in args])
    grow(w, 2)
    client.get(url)
    with count_queries() as few:
        assert client.get(url).status_code == 200
    grow(w, 12)
    with count_queries() as many:
        assert client.get(url).status_code == 200
    assert many.count == few.count, (few.count, many.count)


API = [
    "monitoring-indicator-list",
    "monitoring-request-list",
    "monitoring-answer-list",
    "monitoring-result-list",
    "monitoring-methodology-list",
    "monitoring-run-list",
    "monitoring-run-result-list",
    "monitoring-support-list",
    "monitoring-support-step-list",
]


@pytest.mark.parametrize("name", API)
def test_api_list_queries_do_not_grow(mw, name):
    w = mw
    client = APIClient()
    client.force_authenticate(w.department)
    url = reverse(f"api:{name}")
    grow(w, 2)
    client.get(url)
    with count_queries() as few:
        assert client.get(url).status_code == 200
    grow(w, 12)
    with count_queries() as many:
        assert client.get(url).status_code == 200
    assert many.count == few.count, (few.count, many.count)
