"""Token and session authentication, the token endpoint's throttling, the OpenAPI schema and the offline Swagger UI."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from resurs.audit.models import ActionLog
from resurs.people.models import Teacher

from .helpers import db_state, login

TOKEN_URL = "/api/v1/auth/token/"
PASSWORD = "pass-12345"  # make_user's default


def test_token_for_login_and_password(api, world):
    response = api.post(TOKEN_URL, {"username": "department", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    token = Token.objects.get(user=world.department)
    assert response.json() == {"token": token.key}
    again = api.post(TOKEN_URL, {"username": "department", "password": PASSWORD}, format="json")
    assert again.json() == {"token": token.key}
    assert list(ActionLog.objects.filter(code="api.token.issued").values_list("actor__username", "data")) == [
        ("department", {"new": False}),
        ("department", {"new": True}),
    ]


def test_token_authenticates_with_the_users_scope(world):
    token = Token.objects.create(user=world.department)
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get("/api/v1/teachers/")
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [world.teacher.pk]
    assert client.get(f"/api/v1/teachers/{world.other_teacher.pk}/").status_code == 404


def test_token_writes_need_no_csrf_but_session_writes_do(world):
    token = Token.objects.create(user=world.org_admin)
    by_token = APIClient(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Token {token.key}")
    response = by_token.patch(f"/api/v1/teachers/{world.teacher.pk}/", {"phone": "+7 900 000-00-00"}, format="json")
    assert response.status_code == 200
    assert Teacher.objects.get(pk=world.teacher.pk).phone == "+7 900 000-00-00"

    by_session = APIClient(enforce_csrf_checks=True)
    by_session.force_login(world.org_admin)
    before = db_state()
    response = by_session.patch(f"/api/v1/teachers/{world.teacher.pk}/", {"phone": "1"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert db_state() == before


def test_bad_token_is_401(world):
    client = APIClient(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    assert client.get("/api/v1/teachers/").status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {"username": "department", "password": "wrong-password"},
        {"username": "nobody", "password": PASSWORD},
        {"username": "inactive", "password": PASSWORD},
    ],
)
def test_wrong_credentials_get_no_token(api, world, body):
    world.department.__class__.objects.create_user(username="inactive", password=PASSWORD, is_active=False)
    before = db_state()
    response = api.post(TOKEN_URL, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}
    assert Token.objects.count() == 0
    assert db_state()["authtoken.Token"] == before["authtoken.Token"]


def test_token_endpoint_is_throttled(api, world, settings):
    settings.API_TOKEN_RATE = "3/min"
    for _ in range(3):
        assert api.post(TOKEN_URL, {"username": "department", "password": "wrong"}, format="json").status_code == 400
    response = api.post(TOKEN_URL, {"username": "department", "password": PASSWORD}, format="json")
    assert response.status_code == 429
    assert Token.objects.count() == 0


def test_repeated_failures_lock_the_login_name(api, world, settings):
    settings.API_TOKEN_RATE = "100/min"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api.post(TOKEN_URL, {"username": "department", "password": "wrong"}, format="json")
    response = api.post(TOKEN_URL, {"username": "department", "password": PASSWORD}, format="json")
    # django-axes refuses even the right password now, with the same answer as a wrong one.
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}
    assert Token.objects.count() == 0
    # Only that login name is locked.
    assert api.post(TOKEN_URL, {"username": "org_admin", "password": PASSWORD}, format="json").status_code == 200


# --- schema and docs ------------------------------------------------------------------------------------------------


def test_schema_generates_without_errors_or_warnings(tmp_path, db):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    expected = (
        {
            "/api/v1/auth/token/",
            "/api/v1/regions/",
            "/api/v1/regions/{id}/",
            "/api/v1/municipalities/",
            "/api/v1/districts/",
            "/api/v1/organizations/",
            "/api/v1/teachers/",
            "/api/v1/teachers/{id}/",
            "/api/v1/teachers/{id}/consent-give/",
            "/api/v1/teachers/{id}/consent-withdraw/",
            "/api/v1/users/",
            "/api/v1/roles/",
            "/api/v1/jobs/",
            "/api/v1/jobs/{id}/download/",
            "/api/v1/exports/{name}/",
            "/api/v1/imports/{name}/",
        }
        | {f"/api/v1/catalogs/{c}/" for c in ("subject", "position", "qualificationcategory", "contentdirection")}
        | {f"/api/v1/catalogs/{c}/{{id}}/" for c in ("workform", "plansection")}
    )
    assert expected <= paths
    # The list filters are the FilterSet's, ordering included.
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/teachers/"]["get"]["parameters"]}
    assert {"q", "organization", "municipality", "subject", "is_young_specialist", "ordering", "page"} <= set(
        parameters
    )
    assert "-experience" in parameters["ordering"]["schema"]["items"]["enum"]
    assert "version" in schema["components"]["schemas"]["PatchedTeacherRequest"]["properties"]
    assert set(schema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}


def test_schema_endpoint_needs_a_login(api, world):
    assert api.get("/api/schema/").status_code == 401
    login(api, world, "teacher_user")
    response = api.get("/api/schema/?format=json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Resurs API"


def test_swagger_ui_uses_only_local_assets(api, world):
    assert api.get("/api/docs/").status_code == 401
    login(api, world, "department")
    response = api.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(assets) >= 3  # stylesheet, bundle, standalone preset (and the favicon)
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), f"{asset} is not shipped"
    assert "//" not in "".join(a.removeprefix("/static/") for a in assets)
    assert not re.search(r"https?://(?!localhost|testserver)", html), "the page refers to an external address"
    assert "/api/schema/" in html
