"""Authentication flows: login/logout, login required, password reset and change, throttling, sessions, language."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from resurs.accounts.models import User
from resurs.common.middleware import PUBLIC_PREFIXES

PASSWORD = "pass-12345"


def log_in(client, username, password=PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def logged_in_as(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id).username if user_id else None


# --- login / logout -------------------------------------------------------------------------------------------


def test_login_and_logout(client, world):
    response = log_in(client, "department")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_as(client) == "department"
    assert client.get("/").status_code == 200

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert logged_in_as(client) is None
    assert client.get("/").status_code == 302


def test_login_goes_back_to_the_page_asked_for(client, world):
    response = client.post(
        "/accounts/login/", {"username": "department", "password": PASSWORD, "next": "/accounts/users/"}
    )
    assert response["Location"] == "/accounts/users/"


def test_wrong_password_is_refused(client, world):
    response = log_in(client, "department", "wrong-password", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert logged_in_as(client) is None
    assert "Please enter a correct" in response.content.decode()


def test_logout_needs_post(client, world):
    client.force_login(world.department)
    assert client.get("/accounts/logout/").status_code == 405
    assert logged_in_as(client) == "department"


# --- login required everywhere except the public prefixes -----------------------------------------------------

SAMPLE_VALUES = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000001", "slug": "x", "str": "x", "path": "x"}


def _routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _sample_path(route):
    if route.startswith("^") or "(?P" in route:
        return None  # regular-expression routes (django admin internals): covered by the prefix below
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE_VALUES.get(m.group(1) or "str", "x"), route)
    return "/" + path


def test_every_page_outside_the_public_prefixes_requires_login(client, db):
    paths = sorted({p for p in (_sample_path(r) for r in _routes()) if p})
    private = [p for p in paths if not p.startswith(PUBLIC_PREFIXES)]
    assert "/accounts/users/" in private
    assert "/accounts/profile/" in private
    assert "/" in private
    assert len(private) > 20
    for path in private:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/?next="), path
        response = client.post(path)
        assert response.status_code == 302, path


def test_public_pages_answer_anonymous_users(client, db):
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/accounts/password-reset/").status_code == 200
    assert client.get("/accounts/password-reset/done/").status_code == 200
    assert client.get("/accounts/reset/done/").status_code == 200


def test_public_prefixes_are_exactly_these():
    # Widening the public area is a security decision: this test has to be changed with it.
    assert PUBLIC_PREFIXES == (
        "/accounts/login/",
        "/accounts/password-reset/",
        "/accounts/reset/",
        "/i18n/",
        "/static/",
        "/api/",
        "/public/",
    )


# --- password reset and password change -----------------------------------------------------------------------


def _link(letter):
    match = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", letter.body)
    assert match, letter.body
    return match.group(1)


def test_password_reset_by_email_end_to_end(client, world):
    User.objects.filter(pk=world.department.pk).update(email="dept@example.org")
    response = client.post("/accounts/password-reset/", {"email": "DEPT@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/done/"
    [letter] = mail.outbox
    assert letter.to == ["dept@example.org"]
    assert "department" in letter.body

    response = client.get(_link(letter))  # the token is moved into the session, the URL no longer carries it
    assert response.status_code == 302
    form_url = response["Location"]
    assert form_url.endswith("/set-password/")
    assert client.get(form_url).status_code == 200
    response = client.post(form_url, {"new_password1": "Brand-New-Secret-7", "new_password2": "Brand-New-Secret-7"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/reset/done/"

    other = Client()
    assert log_in(other, "department", PASSWORD).status_code == 200  # the old password no longer works
    assert logged_in_as(other) is None
    assert log_in(other, "department", "Brand-New-Secret-7").status_code == 302
    assert logged_in_as(other) == "department"
    # The link works once.
    response = Client().get(_link(letter))
    assert (response.status_code, response.context["validlink"]) == (200, False)


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client, world):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/done/"
    assert mail.outbox == []


def test_new_user_sets_password_from_the_letter(client, world, acc, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://resurs.example.org"
    client.force_login(world.department)
    data = {
        "username": "invited",
        "last_name": "Сидорова",
        "first_name": "Анна",
        "email": "invited@example.org",
        "send_password_email": "on",
        "role": acc.t_org.pk,
        "scope": f"organization:{world.org.pk}",
        "starts_on": timezone.localdate().isoformat(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/users/new/", data)
    assert response.status_code == 302
    [letter] = mail.outbox
    assert letter.to == ["invited@example.org"]
    assert "https://resurs.example.org/accounts/reset/" in letter.body  # SITE_URL, not the request's host

    invited = Client()
    form_url = invited.get(_link(letter))["Location"]
    response = invited.post(form_url, {"new_password1": "Invited-Secret-9", "new_password2": "Invited-Secret-9"})
    assert response["Location"] == "/accounts/reset/done/"
    assert log_in(invited, "invited", "Invited-Secret-9").status_code == 302
    assert logged_in_as(invited) == "invited"
    assert invited.get("/accounts/profile/").context["assignments"][0].role == acc.t_org


def test_password_change(client, world):
    client.force_login(world.department)
    assert client.get("/accounts/password-change/").status_code == 200
    response = client.post(
        "/accounts/password-change/",
        {"old_password": "wrong", "new_password1": "Another-Secret-5", "new_password2": "Another-Secret-5"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    assert User.objects.get(pk=world.department.pk).check_password(PASSWORD)

    response = client.post(
        "/accounts/password-change/",
        {"old_password": PASSWORD, "new_password1": "Another-Secret-5", "new_password2": "Another-Secret-5"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-change/done/"
    assert client.get("/accounts/password-change/done/").status_code == 200  # the session survives the change
    assert User.objects.get(pk=world.department.pk).check_password("Another-Secret-5")
    assert log_in(Client(), "department", "Another-Secret-5").status_code == 302


def test_password_change_rejects_weak_passwords(client, world):
    client.force_login(world.department)
    response = client.post(
        "/accounts/password-change/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    assert User.objects.get(pk=world.department.pk).check_password(PASSWORD)


# --- throttling (django-axes) ---------------------------------------------------------------------------------


def test_lockout_after_five_failures_per_user_and_address(client, world):
    assert settings.AXES_FAILURE_LIMIT == 5
    statuses = [log_in(client, "department", "wrong-password", REMOTE_ADDR="10.0.0.1").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure already answers with the lock-out page
    # The sixth attempt, with the right password, is refused with the lock-out page.
    response = log_in(client, "department", PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert logged_in_as(client) is None
    html = response.content.decode()
    assert "Too many failed login attempts. Try again in 15 minutes or reset your password." in html
    assert 'href="/accounts/password-reset/"' in html
    assert 'id="locked-out"' in html

    # Another user from the same address is not locked...
    other = Client()
    assert log_in(other, "org_admin", PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert logged_in_as(other) == "org_admin"
    # ...nor the same user from another address.
    elsewhere = Client()
    assert log_in(elsewhere, "department", PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert logged_in_as(elsewhere) == "department"


def test_lockout_page_is_translatable():
    # The page's sentence goes through gettext (the Russian catalogue is compiled from these msgids).
    source = (Path(settings.BASE_DIR) / "templates/registration/locked_out.html").read_text()
    assert "{% blocktranslate count minutes=" in source
    assert "Too many failed login attempts." in source


def test_four_failures_do_not_lock_and_success_resets_the_count(client, world):
    for _attempt in range(4):
        log_in(client, "department", "wrong-password")
    assert log_in(client, "department").status_code == 302
    client.post("/accounts/logout/")
    for _attempt in range(4):
        log_in(client, "department", "wrong-password")
    assert log_in(client, "department").status_code == 302


# --- session idle expiry --------------------------------------------------------------------------------------


def test_session_idle_expiry_is_read_from_the_environment():
    env = {**os.environ, "SESSION_IDLE_MINUTES": "7", "DEBUG": "0", "SECRET_KEY": "x"}
    code = "import resurs.settings as s; print(s.SESSION_COOKIE_AGE, s.SESSION_SAVE_EVERY_REQUEST)"
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed snippet
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=settings.BASE_DIR, check=True
    )
    assert result.stdout.split() == ["420", "False"]  # renewed by SessionActivityMiddleware instead
    env["SESSION_IDLE_MINUTES"] = "45"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=settings.BASE_DIR, check=True
    )
    assert result.stdout.split() == ["2700", "False"]


def test_session_is_renewed_on_every_request_and_ends_when_idle(client, world):
    from django.contrib.sessions.backends.db import SessionStore

    log_in(client, "department")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert settings.SESSION_COOKIE_NAME in client.get("/").cookies  # the first request after login renews it
    assert settings.SESSION_COOKIE_NAME not in client.get("/").cookies  # then at most once a minute
    store = SessionStore(session_key=key)
    store["_seen"] -= 61  # the last renewal was over a minute ago
    store.save()
    response = client.get("/")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE
    session = Session.objects.get(session_key=cookie.value)
    renewed_until = session.expire_date
    assert abs((renewed_until - timezone.now()).total_seconds() - settings.SESSION_COOKIE_AGE) < 60

    # Idle beyond the limit: the stored session has expired, the next request goes to the login page.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/profile/"


# --- language switch ------------------------------------------------------------------------------------------


def test_language_switch_to_english_and_back(client, world, russian):
    client.force_login(world.department)
    assert '<html lang="ru">' in client.get("/").content.decode()

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/profile/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/accounts/profile/").content.decode()
    assert '<html lang="en">' in html
    assert "My profile" in html

    client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert '<html lang="ru">' in client.get("/").content.decode()


def test_language_switch_works_before_login(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/accounts/login/").content.decode()


@pytest.mark.parametrize("language", ["de", "xx"])
def test_unknown_language_is_ignored(client, db, language, russian):
    client.post("/i18n/setlang/", {"language": language, "next": "/accounts/login/"})
    assert '<html lang="ru">' in client.get("/accounts/login/").content.decode()
