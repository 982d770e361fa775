"""Demo products of the `seed` command: nothing without centers; with centers, a registry in every status, a populated
public bank with files, programmes (one complete, one not); a second run changes nothing."""

import io

import pytest
from django.core.management import call_command

from resurs.centers.tests.factories import CenterFactory
from resurs.products import search, selectors
from resurs.products.models import Presentation, Product, ProductFile, Review
from resurs.products.seed_steps import PRODUCTS
from resurs.territory.models import Organization, Region

pytestmark = pytest.mark.django_db


def seed():
    out = io.StringIO()
    call_command("seed", scale="tiny", seed=1, stdout=out)
    return out.getvalue()


def test_without_centers_nothing():
    seed()
    assert Product.objects.count() == 0


def test_every_status_a_populated_bank_and_idempotent():
    seed()
    region = Region.objects.get(code="T1")
    schools = list(Organization.objects.filter(municipality__region=region, kind="school").order_by("pk")[:2])
    centers = [CenterFactory(organization=org, name=f"Ресурсный центр {n}") for n, org in enumerate(schools, 1)]
    seed()
    assert Product.objects.filter(center=centers[0]).count() == len(PRODUCTS)
    assert set(Product.objects.values_list("status", flat=True)) == set(Product.Status.values)
    bank = selectors.published_products()
    assert bank.count() == 2 * sum(1 for row in PRODUCTS if row[4] == "published")
    assert search.search(bank, "уроков математики").filter(center=centers[0]).count() == 1
    assert ProductFile.objects.filter(product__in=bank).exclude(file="").count() == bank.count()
    assert Review.objects.filter(product__status="review").exists()
    programmes = Presentation.objects.filter(center=centers[0]).order_by("date")
    assert [bool(selectors.completeness(p)) for p in programmes] == [False, True]
    before = (Product.objects.count(), Presentation.objects.count(), ProductFile.objects.count())
    seed()
    assert (Product.objects.count(), Presentation.objects.count(), ProductFile.objects.count()) == before
