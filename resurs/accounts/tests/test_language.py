"""Russian first: the browser's Accept-Language does not switch the interface; the user's own choice does."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("russian")]


def test_english_browser_still_gets_russian(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "ru"
    assert "Войти" in page.content.decode()


def test_chosen_language_wins(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ru")
    assert page["Content-Language"] == "en"
    assert "Log in" in page.content.decode()
