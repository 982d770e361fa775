"""The main flow in Debian's Chromium, in Russian: the teacher asks for a consultation, the center head assigns a
methodist, the methodist answers in writing and closes the request, the teacher rates it on «Мои консультации»."""

import pytest

from resurs.catalogs.defaults import install_defaults as install_catalogs
from resurs.centers.defaults import install as install_center_kinds
from resurs.consultations.models import Consultation
from resurs.consultations.tests.factories import build_consultations_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("russian"),
]


@pytest.fixture
def site(world, live_server, browser_settings):
    install_center_kinds()
    install_catalogs()
    w = build_consultations_world(world)
    w.url = live_server.url
    return w


def login(page, site, username):
    page.context.clear_cookies()
    page.goto(f"{site.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass-12345")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{site.url}/")


def test_teacher_asks_head_assigns_methodist_answers_teacher_rates(page, site):
    login(page, site, "teacher")
    page.goto(f"{site.url}/consultations/my/")
    page.locator("#ask-link").click()
    page.wait_for_url(f"{site.url}/consultations/new/")
    page.select_option("#id_center", str(site.center.pk))
    page.select_option("#id_kind", "remote")
    page.select_option("#id_direction", str(site.direction.pk))
    page.fill("#id_topic", "Оценивание групповых проектов")
    page.fill("#id_question", "Как оценить вклад каждого ученика в групповой проект?")
    page.locator("#ask-button").click()
    consultation = Consultation.objects.get(topic="Оценивание групповых проектов")
    page.wait_for_url(f"{site.url}/consultations/{consultation.pk}/")
    assert page.locator("#consultation-status").get_attribute("data-status") == "new"
    assert page.locator("#consultation-status").inner_text() == "новый"

    login(page, site, "rc_head")
    page.goto(f"{site.url}/consultations/{consultation.pk}/")
    page.select_option("#assign-form select[name=methodist]", str(site.methodist.pk))
    page.locator("#assign-form button[type=submit]").click()
    page.wait_for_url(f"{site.url}/consultations/{consultation.pk}/")
    assert page.locator("#consultation-status").get_attribute("data-status") == "assigned"
    assert page.locator("#methodist").inner_text() == "Анна Петрова"

    login(page, site, "rc_methodist")
    page.goto(f"{site.url}/consultations/{consultation.pk}/")
    page.fill("#answer-form textarea[name=text]", "Используйте лист самооценки и взаимооценки участников группы.")
    page.locator("#answer-form button[type=submit]").click()
    page.wait_for_url(f"{site.url}/consultations/{consultation.pk}/")
    assert page.locator("#consultation-status").get_attribute("data-status") == "answered"
    assert page.locator("#response-time").count() == 1
    page.locator("#close-form button[type=submit]").click()
    page.wait_for_url(f"{site.url}/consultations/{consultation.pk}/")
    assert page.locator("#consultation-status").get_attribute("data-status") == "closed"

    login(page, site, "teacher")
    page.goto(f"{site.url}/consultations/my/")
    row = page.locator(f"#my-consultations [data-consultation='{consultation.pk}']")
    assert row.get_attribute("data-status") == "closed"
    row.locator("a").first.click()
    page.wait_for_url(f"{site.url}/consultations/{consultation.pk}/")
    assert "лист самооценки" in page.locator("#answer").inner_text()
    page.locator("#rate-form input[name=rating][value='5']").check()
    page.fill("#rate-form textarea[name=comment]", "Спасибо, всё понятно!")
    page.locator("#rate-form button[type=submit]").click()
    page.wait_for_url(f"{site.url}/consultations/{consultation.pk}/")
    assert page.locator("#rating [data-rating]").inner_text() == "5"
    consultation.refresh_from_db()
    assert (consultation.status, consultation.rating, consultation.rating_comment, consultation.methodist) == (
        "closed",
        5,
        "Спасибо, всё понятно!",
        site.methodist,
    )
    page.screenshot(path="/tmp/cons/consultation-rated.png", full_page=True)
