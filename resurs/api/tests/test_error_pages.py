"""Error pages in production (the suite runs with DEBUG=0): Russian pages for people, Russian JSON under /api/."""

import pytest
from rest_framework.test import APIClient

from resurs.common import views_pages
from resurs.people.api.viewsets import TeacherViewSet

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("russian")]


def text(response):
    return response.content.decode()


def test_unknown_page_is_a_russian_404_in_the_site_layout(client, world):
    client.force_login(world.department)
    response = client.get("/nowhere/")
    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert '<h1 class="h3 mb-3">Страница не найдена</h1>' in text(response)
    assert "Такой страницы нет, запись удалена или она вне того, что вам доступно." in text(response)
    assert 'id="nav-notifications"' in text(response)  # the site's navigation bar: the base layout


def test_record_outside_scope_is_the_same_404(client, world):
    client.force_login(world.department)
    response = client.get(f"/people/teachers/{world.other_teacher.pk}/")
    assert response.status_code == 404
    assert "Страница не найдена" in text(response)


def test_forbidden_page_is_a_russian_403(client, world):
    client.force_login(world.no_role)
    response = client.get("/people/teachers/")
    assert response.status_code == 403
    assert '<h1 class="h3 mb-3">Доступ запрещён</h1>' in text(response)
    assert "У вас нет права на это действие." in text(response)


def test_failing_view_is_a_standalone_russian_500(client, world, monkeypatch):
    def boom(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views_pages.HomeView, "get", boom)
    client.force_login(world.department)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "<h1>Ошибка сервера</h1>" in text(response)
    assert "Что-то пошло не так на сервере" in text(response)
    assert "boom" not in text(response)
    assert "nav-notifications" not in text(response)  # standalone: no layout that needs the context or the database


def test_bad_host_is_a_russian_400(client):
    response = client.get("/accounts/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "<h1>Неверный запрос</h1>" in text(response)


def test_api_401_403_404_speak_russian(world):
    api = APIClient()
    response = api.get("/api/v1/teachers/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Учетные данные не были предоставлены."}

    api.force_authenticate(world.no_role)
    response = api.get("/api/v1/teachers/")
    assert response.status_code == 403
    assert response.json() == {"detail": "У вас недостаточно прав для выполнения данного действия."}

    api.force_authenticate(world.department)
    response = api.get(f"/api/v1/teachers/{world.other_teacher.pk}/")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Страница не найдена."
    }  # not get_object_or_404's English "No Teacher matches…"


def test_api_unknown_address_is_json_404(world):
    api = APIClient()
    api.force_authenticate(world.department)
    response = api.get("/api/v1/nowhere/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Страница не найдена."}


def test_api_failure_is_json_500(world, monkeypatch):
    def boom(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(TeacherViewSet, "list", boom)
    api = APIClient(raise_request_exception=False)
    api.force_authenticate(world.department)
    response = api.get("/api/v1/teachers/")
    assert response.status_code == 500
    assert response.json() == {"detail": "Ошибка сервера."}


def test_english_when_the_user_chose_it(client, world, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.department)
    response = client.get("/nowhere/")
    assert response.status_code == 404
    assert "Page not found" in text(response)
