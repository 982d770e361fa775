"""The main flow in Debian's Chromium: a logged-in teacher opens the public event page, registers with one button
and sees the registration, its check-in code and QR code in "My registrations"."""

import pytest

from resurs.catalogs.defaults import install_defaults as install_catalogs
from resurs.centers.defaults import install as install_center_kinds
from resurs.events.models import Registration
from resurs.events.tests.factories import build_events_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("russian"),
]


@pytest.fixture
def site(world, live_server, browser_settings):
    install_center_kinds()
    install_catalogs()
    w = build_events_world(world)
    w.url = live_server.url
    return w


def test_teacher_registers_from_the_public_page(page, site):
    page.goto(f"{site.url}/accounts/login/")
    page.fill("#id_username", "teacher")
    page.fill("#id_password", "pass-12345")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{site.url}/")
    page.goto(f"{site.url}/public/events/")
    page.locator(f"[data-event='{site.event.pk}']").click()
    page.wait_for_load_state()
    assert page.locator("#event-title").inner_text() == site.event.title
    page.locator("#register-button").click()
    page.wait_for_url(f"{site.url}/events/my/")
    registration = Registration.objects.get(event=site.event, teacher=site.teacher)
    card = page.locator(f"[data-registration='{registration.pk}']")
    assert card.get_attribute("data-status") == "confirmed"
    assert card.locator("[data-code]").inner_text() == registration.code
    assert card.locator(".qr svg").count() == 1
    assert "Вы записаны" in page.content() or registration.code in page.content()
    page.screenshot(path="/tmp/ev-core-my-registrations.png", full_page=True)
    page.goto(f"{site.url}/public/events/{site.event.pk}/")
    assert page.locator("#my-status").count() == 1
