"""The route flow in Debian's Chromium: the teacher opens their route, adds a proposed event, the tutor agrees, the
teacher starts it, is marked present at the event (the step is done by itself) and completes it with a reflection."""

import datetime

import pytest
from django.utils import timezone

from resurs.catalogs.defaults import install_defaults as install_catalogs
from resurs.centers.defaults import install as install_center_kinds
from resurs.events import services as event_services
from resurs.events.models import Registration
from resurs.events.tests.factories import RegistrationFactory

from .. import services
from ..models import Route, RouteStep
from .factories import build_world, event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("russian"),
]


@pytest.fixture
def site(world, live_server, browser_settings):
    install_center_kinds()
    install_catalogs()
    w = build_world(world)
    w.url = live_server.url
    w.seminar = event(w.center, ["М2"], days=10, title="Семинар «Функциональная грамотность на уроке»")
    today = timezone.localdate()
    w.route = services.create_route(
        actor=w.teacher_user,
        teacher=w.teacher,
        period_start=today,
        period_end=today + datetime.timedelta(days=200),
        center=w.center,
        tutor=w.methodist,
        deficits=[w.deficit],
    )
    return w


def log_in(page, site, username):
    page.context.clear_cookies()
    page.goto(f"{site.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pass-12345")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{site.url}/")


def click(page, text):
    page.get_by_role("button", name=text).first.click()
    page.wait_for_load_state()


def test_route_with_a_proposed_event_done_by_attendance(page, site):
    url = f"{site.url}/development/routes/{site.route.pk}/"
    log_in(page, site, "teacher")
    page.goto(url)
    proposals = page.locator("#proposals")
    assert "Функциональная грамотность на уроке" in proposals.inner_text()
    assert page.get_by_role("button", name="Согласовать как тьютор").count() == 0
    click(page, "Добавить в маршрут")
    assert "Функциональная грамотность на уроке" in page.locator("#steps").inner_text()
    step = RouteStep.objects.get(route=site.route)
    assert step.event == site.seminar

    log_in(page, site, "dev_methodist")
    page.goto(url)
    click(page, "Согласовать как тьютор")
    assert Route.objects.get(pk=site.route.pk).status == "agreed"

    log_in(page, site, "teacher")
    page.goto(url)
    click(page, "Начать выполнение")
    registration = RegistrationFactory(event=site.seminar, teacher=site.teacher)
    event_services.mark_attendance(
        actor=site.methodist,
        event=site.seminar,
        marks={registration.pk: Registration.Attendance.PRESENT},
        now=site.seminar.starts_at + datetime.timedelta(minutes=5),
    )
    page.goto(url)
    assert "посещение мероприятия" in page.locator("#steps").inner_text()
    page.fill("textarea[name=reflection]", "Освоила приёмы формирования функциональной грамотности")
    click(page, "Завершить маршрут")
    route = Route.objects.get(pk=site.route.pk)
    assert (route.status, route.reflection) == ("completed", "Освоила приёмы формирования функциональной грамотности")
    page.goto(f"{site.url}/development/")
    assert "завершён" in page.locator("#routes").inner_text()
