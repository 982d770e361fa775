"""The public bank of best practices (SPEC §7; 001 § 2.2): no login; published products only — in the list, in the
search and on their pages; filters; files served as attachments with a safe type, each download counted."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from resurs.common.tests.matrix import db_state
from resurs.products.models import Product, ProductFile
from resurs.products.tests.factories import ProductFactory, add_author, build_products_world, level, published

pytestmark = pytest.mark.django_db
S = Product.Status


@pytest.fixture
def w(world):
    w = build_products_world(world)
    w.lessons = published(
        center=w.center, title="Уроки математики с играми", annotation="Серия уроков", direction=w.direction, year=2025
    )
    add_author(w.lessons, w.teacher)
    w.lessons.levels.set([level("НОО")])
    w.lessons.subjects.set([w.subject])
    w.robots = published(
        center=w.sibling_center, title="Робототехника в школе", annotation="Кружок", kind="program", keywords="роботы"
    )
    w.hidden = {
        status: ProductFactory(center=w.center, title=f"Урок математики ({status})", status=status)
        for status in (S.DRAFT, S.REVIEW, S.REVISION, S.APPROVED, S.REJECTED)
    }
    w.file = ProductFile(product=w.lessons, title="Конспект урока", file_type="pdf", size=14)
    w.file.file.save("konspekt.pdf", ContentFile(b"%PDF-1.4 lesson"), save=True)
    w.hidden_file = ProductFile(product=w.hidden[S.APPROVED], title="Черновик", file_type="pdf", size=10)
    w.hidden_file.file.save("draft.pdf", ContentFile(b"%PDF-1.4 x"), save=True)
    return w


def listed(client, **params):
    response = client.get(reverse("portal:product-public-list"), params)
    assert response.status_code == 200
    return [p.title for p in response.context["products"]]


def test_bank_lists_published_only_without_login(client, w):
    assert set(listed(client)) == {"Робототехника в школе", "Уроки математики с играми"}
    content = client.get(reverse("portal:product-public-list")).content.decode()
    for product in w.hidden.values():
        assert product.title not in content


@pytest.mark.parametrize("q", ["урок", "уроков", "математике", "урокам математики", "игры"])
def test_search_with_word_forms_finds_published_only(client, w, q):
    assert listed(client, q=q) == ["Уроки математики с играми"]


def test_filters(client, w):
    assert listed(client, direction=w.direction.pk) == ["Уроки математики с играми"]
    assert listed(client, subject=w.subject.pk) == ["Уроки математики с играми"]
    assert listed(client, level=level("НОО").pk) == ["Уроки математики с играми"]
    assert listed(client, kind="program") == ["Робототехника в школе"]
    assert listed(client, center=w.sibling_center.pk) == ["Робототехника в школе"]
    assert listed(client, year=2025) == ["Уроки математики с играми"]
    assert listed(client, year="abc", center="²", level="99999999999999999999") != []  # no filter, not a 500
    assert listed(client, q="робот", kind="lesson") == []


def test_product_page_and_unpublished_is_404(client, w):
    response = client.get(reverse("portal:product-public-detail", args=[w.lessons.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert w.teacher.full_name in content and "Конспект урока" in content
    for product in w.hidden.values():
        assert client.get(reverse("portal:product-public-detail", args=[product.pk])).status_code == 404


def test_download_counted_as_attachment_with_safe_type(client, w):
    url = reverse("portal:product-public-file", args=[w.file.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 lesson"
    client.get(url)
    w.lessons.refresh_from_db()
    w.file.refresh_from_db()
    assert (w.lessons.download_count, w.file.downloads) == (2, 2)


def test_file_of_unpublished_product_is_404_and_not_counted(client, w):
    before = db_state()
    assert client.get(reverse("portal:product-public-file", args=[w.hidden_file.pk])).status_code == 404
    assert db_state() == before


def test_the_count_is_capped(client, w, monkeypatch):
    from resurs.products.views_public import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "CAP", 1)
    response = client.get(reverse("portal:product-public-list"))
    assert response.context["capped"] is True
    assert "More than 1 products found" in response.content.decode()
    assert len(response.context["products"]) == 2
