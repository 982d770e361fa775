"""Russian full-text search of the bank (SPEC §7): word forms find each other on both databases (SQLite here,
PostgreSQL with DATABASE_URL=postgres://… — the same function), every word is required, and unpublished products
are never found. On PostgreSQL the query is answered from the GIN index."""

import pytest
from django.db import connection

from resurs.products import search, selectors
from resurs.products.models import Product
from resurs.products.tests.factories import ProductFactory, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(db):
    b = type("Bank", (), {})()
    b.lessons = published(title="Уроки математики в 5 классе", annotation="Серия уроков с играми", keywords="")
    b.children = published(title="Работа с детьми с ОВЗ", annotation="Инклюзивное образование", keywords="")
    b.project = published(title="Проектная деятельность", annotation="Проекты школьников", keywords="ёлка")
    b.draft = ProductFactory(title="Урок-черновик", annotation="Урок математики", status=Product.Status.DRAFT)
    b.review = ProductFactory(title="Урок на экспертизе", annotation="Урок", status=Product.Status.REVIEW)
    b.approved = ProductFactory(title="Урок одобренный", annotation="Урок", status=Product.Status.APPROVED)
    return b


def found(text):
    return set(search.search(selectors.published_products(), text).values_list("title", flat=True))


@pytest.mark.parametrize("query", ["урок", "уроки", "уроков", "УРОКАМИ", "урок математика", "математике уроков"])
def test_word_forms_find_the_lessons(bank, query):
    assert found(query) == {"Уроки математики в 5 классе"}


def test_irregular_forms_and_yo(bank):
    assert found("ребёнок") == {"Работа с детьми с ОВЗ"}
    assert found("детей") == {"Работа с детьми с ОВЗ"}
    assert found("елки") == {"Проектная деятельность"}
    assert found("проектной") == {"Проектная деятельность"}


def test_every_word_is_required_and_no_words_is_everything(bank):
    assert found("урок проект") == set()
    assert found("  ,.!  ") == {"Уроки математики в 5 классе", "Работа с детьми с ОВЗ", "Проектная деятельность"}
    assert found("5") == {"Уроки математики в 5 классе"}
    assert found("кла") == set()  # a word, not a substring


def test_unpublished_products_are_never_found(bank):
    everything = set(search.search(Product.objects.all(), "урок").values_list("title", flat=True))
    assert everything == {"Уроки математики в 5 классе", "Урок-черновик", "Урок на экспертизе", "Урок одобренный"}
    assert found("урок черновик") == set()
    assert found("экспертиза") == set()


def test_normalize_and_lemmas():
    assert search.lemmas("Уроки, уроков; УРОК и в!") == ["урок", "урка"]  # урка: a rarer parse of «уроки»
    assert search.normalize("Дети", "", None) == " ребенок "
    assert search.forms("математика") == ("математик", "математика")
    assert search.normalize("") == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index exists on PostgreSQL only")
def test_postgresql_uses_the_gin_index(bank):
    queryset = search.search(Product.objects.all(), "уроков математике")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = queryset.explain()
        cursor.execute("RESET enable_seqscan")
    assert "Bitmap Index Scan on product_search_vector_gin" in plan, plan
