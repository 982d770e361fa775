"""The attendance flow in Debian's Chromium (a phone-sized window): the organizer opens the check-in page of a
meeting, types a teacher's code (lower case, as typed on a phone), sees the teacher checked in, types it again and
is told nothing changed; the attendance page then shows the teacher present; the public verification page of a
certificate says it is valid."""

import pytest

from resurs.catalogs.defaults import install_defaults as install_catalogs
from resurs.centers.defaults import install as install_center_kinds
from resurs.events import services
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
    w.registration = Registration.objects.create(event=w.meeting, teacher=w.teacher, status="confirmed")
    w.url = live_server.url
    return w


def test_organizer_checks_a_teacher_in_by_code(page, site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site.url}/accounts/login/")
    page.fill("#id_username", "ev_organizer")
    page.fill("#id_password", "pass-12345")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{site.url}/")
    page.goto(f"{site.url}/events/{site.meeting.pk}/check-in/")
    page.fill("#id_code", site.registration.code.lower())
    page.locator("#check-in-form button[type=submit]").click()
    page.wait_for_load_state()
    assert f"Отмечен(а): {site.teacher.full_name}." in page.content()
    assert page.locator("#check-in-count strong").inner_text() == "1"
    page.fill("#id_code", site.registration.code)
    page.locator("#check-in-form button[type=submit]").click()
    page.wait_for_load_state()
    assert "ничего не изменилось" in page.content()
    page.screenshot(path="/tmp/events2-check-in.png", full_page=True)
    page.goto(f"{site.url}/events/{site.meeting.pk}/attendance/")
    row = page.locator(f"[data-registration='{site.registration.pk}']")
    assert row.get_attribute("data-attendance") == "present"
    certificate = services.issue_certificates(actor=site.organizer, event=site.meeting)[0]
    page.goto(f"{site.url}/public/certificates/{certificate.number}/")
    assert page.locator("#verification").get_attribute("data-result") == "valid"
    assert site.teacher.full_name in page.locator("#verification").inner_text()
