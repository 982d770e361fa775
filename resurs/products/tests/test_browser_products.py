"""The main flow in Debian's Chromium: the expert scores a product under review, the department approves it, the
center head publishes it, and a visitor without a login finds it in the bank of best practices by another word form."""

import pytest

from resurs.catalogs.defaults import install_defaults as install_catalogs
from resurs.centers.defaults import install as install_center_kinds
from resurs.products import services
from resurs.products.models import Criterion, Product
from resurs.products.tests.factories import build_products_world

pytestmark = [
    pytest.mark.browser,
    # Transactional like every browser test (sorted last); the fixture reinstalls the shipped rows it needs.
    # No serialized_rollback: reloading the snapshot after another browser test's flush collides with the content
    # types that flush recreated.
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("russian"),
]


@pytest.fixture
def site(world, live_server, browser_settings):
    install_center_kinds()
    install_catalogs()
    for order, name in enumerate(["Актуальность", "Новизна", "Практическая значимость"], start=1):
        Criterion.objects.get_or_create(name=name, defaults={"max_score": 5, "sort_order": order})
    w = build_products_world(world)
    w.lesson = services.create_product(
        actor=w.methodist,
        center=w.center,
        authors=[w.teacher],
        kind="lesson",
        title="Уроки геометрии в 7 классе",
        annotation="Серия уроков с практическими задачами",
        year=2026,
    )
    services.submit(actor=w.methodist, product=w.lesson)
    services.assign_reviewer(actor=w.head, product=w.lesson, reviewer=w.expert)
    w.url = live_server.url
    return w


def login(page, site, username):
    page.context.clear_cookies()
    page.goto(f"{site.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass-12345")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{site.url}/")


def test_review_decision_publication_and_the_public_search(page, site):
    product_url = f"{site.url}/products/{site.lesson.pk}/"
    login(page, site, "expert")
    page.goto(product_url)
    page.locator("#review-link").click()
    for criterion in Criterion.objects.filter(is_active=True):
        page.fill(f"#id_score_{criterion.pk}", "5")
    page.select_option("#id_recommendation", "approve")
    page.fill("#id_comment", "Рекомендую к публикации")
    page.locator("#review-form button[type=submit]").click()
    page.wait_for_url(product_url)
    total = 5 * Criterion.objects.filter(is_active=True).count()
    assert f"\t{total}\t" in page.locator("#reviews").inner_text()

    login(page, site, "department")
    page.goto(product_url)
    page.locator("#decision-form button.btn-success").click()
    page.wait_for_url(product_url)
    assert page.locator("#product-status").get_attribute("data-status") == "approved"

    login(page, site, "pr_head")
    page.goto(product_url)
    page.locator("#publish-button").click()
    page.wait_for_url(product_url)
    assert Product.objects.get(pk=site.lesson.pk).status == "published"

    page.context.clear_cookies()
    page.goto(f"{site.url}/public/best-practices/")
    page.fill("#q", "урок геометрия")
    page.locator("#bank-filters button[type=submit]").click()
    page.wait_for_load_state()
    found = page.locator("#products [data-product]")
    assert found.count() == 1
    found.first.click()
    page.wait_for_load_state()
    assert "Уроки геометрии в 7 классе" in page.locator("h1").inner_text()
    assert site.teacher.full_name in page.locator("#authors").inner_text()
    page.screenshot(path="/tmp/products-public-page.png", full_page=True)
