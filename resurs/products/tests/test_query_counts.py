"""Queries do not grow with the rows: the registry, a product's page with its authors, files and reviews, the
replication list, the publications and programmes lists, the API lists, the public bank and a product's public page —
each measured at two sizes."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from resurs.common.testing import count_queries
from resurs.people.tests.factories import TeacherFactory
from resurs.products.models import Presentation, ProductFile, Review
from resurs.products.tests.factories import (
    ProductFactory,
    add_author,
    build_products_world,
    level,
    publication,
    published,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    return build_products_world(world)


def queries(client, url):
    with count_queries() as counted:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return counted.count


def grow(w, n):
    for i in range(n):
        teacher = TeacherFactory(organization=w.org)
        for product in (
            ProductFactory(center=w.center, proposed_for_replication=True, status="approved"),
            published(center=w.center),
        ):
            add_author(product, teacher)
            product.levels.add(level("ООО"))
            product.subjects.add(w.subject)
        add_author(w.product, TeacherFactory(organization=w.org))
        ProductFile.objects.create(product=w.product, title=f"Ссылка {i}", url="https://example.org")
        publication(w.center, title=f"Пост {i}")
        Presentation.objects.create(center=w.center, title=f"Программа {i}", date=datetime.date(2026, 4, i % 28 + 1))
        Review.objects.create(product=w.product, reviewer=_reviewer(f"{n}-{i}"), total=3)


def _reviewer(name):
    from resurs.accounts.testing import make_user

    return make_user(f"reviewer-{name}")


@pytest.mark.parametrize("actor", ["head", "department"])
def test_staff_pages(w, actor):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(getattr(w, actor))
    urls = [
        reverse("products:product-list"),
        reverse("products:product-detail", args=[w.product.pk]),
        reverse("products:replication-list"),
        reverse("products:publication-list"),
        reverse("products:presentation-list"),
    ]
    grow(w, 2)
    [queries(client, u) for u in urls]
    few = [queries(client, u) for u in urls]
    grow(w, 12)
    assert [queries(client, u) for u in urls] == few


def test_api_lists(w):
    client = APIClient()
    client.force_authenticate(w.head)
    urls = ["/api/v1/products/", "/api/v1/product-publications/", "/api/v1/product-presentations/"]
    grow(w, 2)
    [queries(client, u) for u in urls]
    few = [queries(client, u) for u in urls]
    grow(w, 12)
    assert [queries(client, u) for u in urls] == few


def test_public_bank(w):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    grow(w, 2)
    page = published(center=w.center, title="Урок")
    add_author(page, w.teacher)
    urls = [
        reverse("portal:product-public-list"),
        reverse("portal:product-public-list") + "?q=урок",
        reverse("portal:product-public-detail", args=[page.pk]),
    ]
    [queries(client, u) for u in urls]
    few = [queries(client, u) for u in urls]
    grow(w, 12)
    for i in range(5):
        add_author(page, TeacherFactory(organization=w.org))
        ProductFile.objects.create(product=page, title=f"Файл {i}", url="https://example.org")
    assert [queries(client, u) for u in urls] == few
