"""The main flow in Debian's Chromium: an organization administrator fills the data request form, is told that the
parts do not add up, corrects and submits it; the department sees why a school is in the risk group."""

import pytest
from django.apps import apps

from resurs.catalogs.defaults import install_defaults as install_catalogs
from resurs.centers.defaults import install as install_center_kinds
from resurs.monitoring import shipped
from resurs.monitoring.models import DataResponse

from .factories import monitoring_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("russian"),
]


@pytest.fixture
def site(world, live_server, browser_settings):
    install_center_kinds()
    install_catalogs()
    shipped.load(apps)  # a transactional test's flush empties what the data migration shipped
    w = monitoring_world(world)
    w.url = live_server.url
    return w


def login(page, site, username):
    page.goto(f"{site.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass-12345")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{site.url}/")


def test_organization_submits_its_form_and_the_department_reads_the_explanation(page, site):
    login(page, site, "org_admin")
    page.goto(f"{site.url}/monitoring/answers/")
    page.locator(f"a[href='/monitoring/answers/{site.response.pk}/']").click()
    page.wait_for_load_state()
    page.fill("#id_STUDENTS_TOTAL", "100")
    page.fill("#id_STUDENTS_1_4", "40")
    page.fill("#id_STUDENTS_5_9", "45")
    page.fill("#id_STUDENTS_10_11", "16")
    page.locator("button[value=submit]").click()
    page.wait_for_load_state()
    assert "Сумма частей (STUDENTS_1_4, STUDENTS_5_9, STUDENTS_10_11) равна 101, а не 100." in page.content()
    assert DataResponse.objects.get(pk=site.response.pk).status == "pending"
    page.fill("#id_STUDENTS_10_11", "15")
    page.locator("button[value=submit]").click()
    page.wait_for_url(f"{site.url}/monitoring/answers/{site.response.pk}/")
    assert page.locator("#status").inner_text() == "сдан"
    response = DataResponse.objects.get(pk=site.response.pk)
    assert (response.status, response.values["STUDENTS_10_11"]) == ("submitted", "15")
    page.screenshot(path="/tmp/monitoring-answer.png", full_page=True)

    page.context.clear_cookies()
    login(page, site, "department")
    page.goto(f"{site.url}/monitoring/runs/{site.run.pk}/")
    page.locator(f"a[href='/monitoring/runs/{site.run.pk}/schools/{site.org.pk}/']").click()
    page.wait_for_load_state()
    assert page.locator("#groups").inner_text() == "группа риска (федеральный индикатор риска)"
    assert "Правило отнесло школу к группе." in page.content()
    page.screenshot(path="/tmp/monitoring-explanation.png", full_page=True)
