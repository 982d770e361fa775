"""Product pages beyond the matrix: the product page under review shows the experts' scores, the expert's link and the
decision form; a refused decision shows its code; the list exports an XLSX re-opened here; a programme shows what it
lacks."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from resurs.common.exporters import export
from resurs.common.exports import filtered_queryset
from resurs.common.testing import read_xlsx
from resurs.products import services
from resurs.products.exports import ProductExporter
from resurs.products.models import Presentation, Product
from resurs.products.tests.factories import add_author, build_products_world, full_scores, publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(world):
    w = build_products_world(world)
    Product.objects.filter(pk=w.product.pk).update(status="review")
    w.product.refresh_from_db()
    w.review = services.assign_reviewer(actor=w.head, product=w.product, reviewer=w.expert)
    services.assign_reviewer(actor=w.head, product=w.product, reviewer=w.expert2)
    services.submit_review(
        actor=w.expert2,
        review=w.product.reviews.get(reviewer=w.expert2),
        scores=full_scores(w, 3),
        comment="Доработать",
        recommendation="revise",
    )
    return w


def page(user, url):
    client = Client()
    client.force_login(user)
    return client, client.get(url)


def test_product_page_under_review(w):
    _, response = page(w.expert, reverse("products:product-detail", args=[w.product.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="review-link"' in content and 'id="decision-form"' not in content
    _, response = page(w.department, reverse("products:product-detail", args=[w.product.pk]))
    content = response.content.decode()
    assert 'id="decision-form"' in content and 'id="assign-form"' in content
    assert "<td>15</td>" in content and "Доработать" in content


def test_refused_decision_shows_its_code(w):
    client, _ = page(w.department, reverse("products:product-detail", args=[w.product.pk]))
    response = client.post(reverse("products:product-action", args=[w.product.pk, "reject"]), {"comment": ""})
    assert response.status_code == 400
    assert 'data-error-code="comment_required"' in response.content.decode()


def test_export_xlsx(w):
    add_author(w.sibling_product, w.teacher2)
    queryset, _ = filtered_queryset("products.product", w.department, {"center": str(w.center.pk)})
    rows = read_xlsx(export(ProductExporter(queryset)))
    assert rows[0][:4] == ["Title", "Kind", "Center", "Authors"]
    assert [r[0] for r in rows[1:]] == ["Технологическая карта урока «Дроби»"]
    assert rows[1][3] == f"{w.teacher.full_name} ({w.org})"


def test_programme_page_shows_what_is_missing(w):
    programme = Presentation.objects.create(center=w.center, title="Весна", date=datetime.date(2026, 4, 1))
    services.add_item(actor=w.head, presentation=programme, kind="coverage", publication=publication(w.center))
    _, response = page(w.head, reverse("products:presentation-detail", args=[programme.pk]))
    content = response.content.decode()
    assert 'data-missing="no_report"' in content and 'data-missing="few_lessons"' in content
    assert 'data-missing="no_social"' not in content
    _, response = page(w.head, reverse("products:presentation-list"))
    assert 'data-below="1"' in response.content.decode()


def test_product_page_in_russian(w, russian):
    _, response = page(w.expert, reverse("products:product-detail", args=[w.product.pk]))
    assert response.status_code == 200
