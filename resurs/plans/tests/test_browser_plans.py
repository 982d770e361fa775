"""The plan agreement flow in Debian's Chromium: the head submits, the coordinator returns it, the head resubmits,
the coordinator agrees — each sees only the buttons their role allows, and the coordinator is notified."""

import datetime

import pytest

from resurs.accounts.testing import make_user
from resurs.catalogs.defaults import install_defaults as install_catalogs
from resurs.catalogs.models import PlanSection, WorkForm
from resurs.centers.defaults import install as install_center_kinds
from resurs.centers.tests.factories import CenterFactory
from resurs.plans import services
from resurs.plans.models import Plan

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("russian"),
]


@pytest.fixture
def site(world, live_server, browser_settings):
    # An earlier transactional (browser) test flushed the database: reinstall what the data migrations ship.
    install_center_kinds()
    install_catalogs()
    world.url = live_server.url
    world.center = CenterFactory(organization=world.org, name="Ресурсный центр «Цифровая школа»")
    world.head = make_user("head", "center_head", "center", world.center)
    world.coordinator = make_user("coord", "coordinator", "center", world.center)
    world.plan = services.create_plan(actor=world.head, center=world.center, year=2026, goal="Развитие")
    services.save_item(
        actor=world.head,
        plan=world.plan,
        version=world.plan.version,
        section=PlanSection.objects.first(),
        form=WorkForm.objects.first(),
        topic="Семинар «Цифровые инструменты»",
        date=datetime.date(2026, 3, 10),
        responsible="Иванова М. П.",
    )
    return world


def log_in(page, site, username):
    page.context.clear_cookies()
    page.goto(f"{site.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass-12345")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{site.url}/")


def press(page, value):
    page.locator(f"button[name=action][value={value}]").click()
    page.wait_for_load_state()


def test_submit_return_resubmit_agree(page, site):
    url = f"{site.url}/plans/{site.plan.pk}/"
    log_in(page, site, "head")
    page.goto(url)
    assert page.locator("button[name=action][value=agree]").count() == 0
    press(page, "submit")
    assert Plan.objects.get(pk=site.plan.pk).status == "submitted"

    log_in(page, site, "coord")
    assert page.locator("#nav-notifications .badge").inner_text() == "1"
    page.goto(url)
    assert page.locator("button[name=action][value=submit]").count() == 0
    page.locator(f"a[href='/plans/{site.plan.pk}/return/']").click()
    page.locator("textarea[name=comment]").fill("Уточните дату семинара")
    page.locator("main form button[type=submit].btn-warning").click()
    page.wait_for_load_state()
    assert Plan.objects.get(pk=site.plan.pk).status == "returned"

    log_in(page, site, "head")
    page.goto(url)
    assert "Уточните дату семинара" in page.content()
    press(page, "submit")

    log_in(page, site, "coord")
    page.goto(url)
    press(page, "agree")
    plan = Plan.objects.get(pk=site.plan.pk)
    assert (plan.status, plan.agreed_revision.number) == ("agreed", 2)
    assert page.locator("[data-status=agreed]").count() >= 1
