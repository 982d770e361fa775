"""Scope matrix of every endpoint: anonymous 401, no role 403, another scope 404 and absent from lists, in scope 200,
read-only roles 403 on writes; every refused request leaves the database exactly as it was."""

from typing import Any, NamedTuple

import pytest

from resurs.catalogs.models import CATALOG_MODELS
from resurs.catalogs.tests.factories import catalog_entry

from .helpers import db_state, login, request, result_ids, send


class Read(NamedTuple):
    actor: str
    name: str
    args: tuple = ()
    expected: int = 200
    visible: tuple = ()
    hidden: tuple = ()

    def __str__(self):
        return f"{self.actor}-get-{self.name}({','.join(map(str, self.args))})-{self.expected}"


class Write(NamedTuple):
    actor: str
    method: str
    name: str
    args: tuple = ()
    expected: int = 403
    data: Any = None

    def __str__(self):
        return f"{self.actor}-{self.method}-{self.name}({','.join(map(str, self.args))})-{self.expected}"


def denied_reads(name, args=(), also=()):
    """Anonymous 401 and no role 403 on a list or detail, plus other actors holding no view code (403)."""
    return [Read("anonymous", name, args, 401), Read("no_role", name, args, 403)] + [
        Read(a, name, args, 403) for a in also
    ]


REGION = {"name": "Новая область", "code": "R-NEW", "timezone": "Europe/Moscow"}
MUNICIPALITY = {"region": "@region", "name": "Новый город", "code": "M-NEW"}
DISTRICT = {"municipality": "@mun", "name": "Новый округ"}
ORGANIZATION = {"municipality": "@mun", "short_name": "СОШ № 99", "full_name": "Средняя школа № 99", "kind": "school"}
TEACHER = {
    "surname": "Петров",
    "name": "Пётр",
    "organization": "@org",
    "position": "@position",
    "experience_total": 5,
    "experience_specialty": 3,
}


READS = [
    # Regions: regional operators of the region; a department holds the code but reaches no region.
    *denied_reads("region-list", also=["teacher_user"]),
    Read("regional", "region-list", visible=("region",), hidden=("other_region",)),
    Read("far_regional", "region-list", visible=("other_region",), hidden=("region",)),
    Read("department", "region-list", hidden=("region", "other_region")),
    Read("admin", "region-list", visible=("region", "other_region")),
    *denied_reads("region-detail", ["region"]),
    Read("regional", "region-detail", ["region"]),
    Read("regional", "region-detail", ["other_region"], 404),
    Read("far_regional", "region-detail", ["region"], 404),
    # Municipalities.
    *denied_reads("municipality-list", also=["teacher_user"]),
    Read("regional", "municipality-list", visible=("mun", "other_mun"), hidden=("far_mun",)),
    Read("department", "municipality-list", visible=("mun",), hidden=("other_mun", "far_mun")),
    Read("other_department", "municipality-list", visible=("other_mun",), hidden=("mun", "far_mun")),
    *denied_reads("municipality-detail", ["mun"], also=["teacher_user"]),
    Read("department", "municipality-detail", ["mun"]),
    Read("regional", "municipality-detail", ["mun"]),
    Read("other_department", "municipality-detail", ["mun"], 404),
    Read("far_regional", "municipality-detail", ["mun"], 404),
    # Educational districts.
    *denied_reads("district-list", also=["teacher_user"]),
    Read("department", "district-list", visible=("district",), hidden=("other_district",)),
    Read("other_department", "district-list", visible=("other_district",), hidden=("district",)),
    Read("regional", "district-list", visible=("district", "other_district")),
    Read("far_regional", "district-list", hidden=("district", "other_district")),
    *denied_reads("district-detail", ["district"]),
    Read("department", "district-detail", ["district"]),
    Read("department", "district-detail", ["other_district"], 404),
    # Organizations.
    *denied_reads("organization-list", also=["teacher_user"]),
    Read("department", "organization-list", visible=("org", "org2"), hidden=("other_org",)),
    Read("org_admin", "organization-list", visible=("org",), hidden=("org2", "other_org")),
    Read("regional", "organization-list", visible=("org", "org2", "other_org")),
    Read("far_regional", "organization-list", hidden=("org", "org2", "other_org")),
    *denied_reads("organization-detail", ["org"], also=["teacher_user"]),
    Read("org_admin", "organization-detail", ["org"]),
    Read("org_admin", "organization-detail", ["org2"], 404),
    Read("department", "organization-detail", ["other_org"], 404),
    Read("other_department", "organization-detail", ["org"], 404),
    # Teachers (personal data).
    *denied_reads("teacher-list"),
    Read("department", "teacher-list", visible=("teacher",), hidden=("other_teacher",)),
    Read("other_department", "teacher-list", visible=("other_teacher",), hidden=("teacher",)),
    Read("org_admin", "teacher-list", visible=("teacher",), hidden=("other_teacher",)),
    Read("regional", "teacher-list", visible=("teacher", "other_teacher")),
    Read("far_regional", "teacher-list", hidden=("teacher", "other_teacher")),
    Read("teacher_user", "teacher-list", visible=("teacher",), hidden=("other_teacher",)),
    *denied_reads("teacher-detail", ["teacher"]),
    Read("department", "teacher-detail", ["teacher"]),
    Read("teacher_user", "teacher-detail", ["teacher"]),
    Read("department", "teacher-detail", ["other_teacher"], 404),
    Read("org_admin", "teacher-detail", ["other_teacher"], 404),
    Read("teacher_user", "teacher-detail", ["other_teacher"], 404),
    # Users: those holding roles in the reader's scope, and teachers' logins through their teacher record.
    *denied_reads("user-list", also=["teacher_user"]),
    Read(
        "department",
        "user-list",
        visible=("department", "org_admin", "teacher_user"),
        hidden=("other_department", "other_org_admin", "regional", "no_role"),
    ),
    Read(
        "regional",
        "user-list",
        visible=("department", "other_department", "org_admin", "other_org_admin", "regional", "teacher_user"),
        hidden=("far_regional", "no_role"),
    ),
    Read("org_admin", "user-list", visible=("org_admin",), hidden=("department", "other_org_admin")),
    *denied_reads("user-detail", ["org_admin"], also=["teacher_user"]),
    Read("department", "user-detail", ["org_admin"]),
    Read("department", "user-detail", ["other_department"], 404),
    Read("org_admin", "user-detail", ["department"], 404),
    # Roles: global reference data, read by those who hold the code.
    *denied_reads("role-list", also=["teacher_user", "org_admin"]),
    Read("regional", "role-list"),
    Read("department", "role-list"),
]

for _catalog in CATALOG_MODELS:
    READS += [
        *denied_reads(f"catalog-{_catalog}-list"),
        # Global reference data: every role reads every entry.
        Read("teacher_user", f"catalog-{_catalog}-list", visible=(f"{_catalog}_item",)),
        Read("org_admin", f"catalog-{_catalog}-list", visible=(f"{_catalog}_item",)),
        *denied_reads(f"catalog-{_catalog}-detail", [f"{_catalog}_item"]),
        Read("regional", f"catalog-{_catalog}-detail", [f"{_catalog}_item"]),
    ]


WRITES = [
    # Regions: no shipped role edits a region.
    Write("anonymous", "patch", "region-detail", ["region"], 401, {"name": "X"}),
    Write("no_role", "patch", "region-detail", ["region"], 403, {"name": "X"}),
    Write("regional", "patch", "region-detail", ["region"], 403, {"name": "X"}),
    Write("regional", "put", "region-detail", ["region"], 403, REGION),
    Write("regional", "post", "region-list", (), 403, REGION),
    Write("regional", "delete", "region-detail", ["region"], 405),  # never deleted here
    Write("department", "patch", "region-detail", ["region"], 403, {"name": "X"}),
    # Municipalities: the department edits its own, nobody but a superuser creates one.
    Write("anonymous", "post", "municipality-list", (), 401, MUNICIPALITY),
    Write("no_role", "post", "municipality-list", (), 403, MUNICIPALITY),
    Write("department", "post", "municipality-list", (), 403, MUNICIPALITY),
    Write("regional", "patch", "municipality-detail", ["mun"], 403, {"name": "X"}),
    Write("other_department", "patch", "municipality-detail", ["mun"], 404, {"name": "X"}),
    Write("department", "delete", "municipality-detail", ["mun"], 405),
    # Districts.
    Write("anonymous", "post", "district-list", (), 401, DISTRICT),
    Write("regional", "post", "district-list", (), 403, DISTRICT),
    Write("regional", "patch", "district-detail", ["district"], 403, {"name": "X"}),
    Write("regional", "delete", "district-detail", ["district"], 403),
    Write("org_admin", "patch", "district-detail", ["district"], 403, {"name": "X"}),
    Write("other_department", "patch", "district-detail", ["district"], 404, {"name": "X"}),
    Write("other_department", "delete", "district-detail", ["district"], 404),
    Write("other_department", "post", "district-list", (), 400, DISTRICT),  # municipality outside: invalid choice
    # Organizations.
    Write("anonymous", "patch", "organization-detail", ["org"], 401, {"short_name": "X"}),
    Write("no_role", "patch", "organization-detail", ["org"], 403, {"short_name": "X"}),
    Write("regional", "patch", "organization-detail", ["org"], 403, {"short_name": "X"}),
    Write("regional", "post", "organization-list", (), 403, ORGANIZATION),
    Write("regional", "delete", "organization-detail", ["org2"], 403),
    Write("org_admin", "post", "organization-list", (), 403, ORGANIZATION),
    Write("org_admin", "delete", "organization-detail", ["org"], 403),
    Write("org_admin", "patch", "organization-detail", ["org2"], 404, {"short_name": "X"}),
    Write("other_department", "patch", "organization-detail", ["org"], 404, {"short_name": "X"}),
    Write("other_department", "delete", "organization-detail", ["org2"], 404),
    Write("other_department", "post", "organization-list", (), 400, ORGANIZATION),
    Write("mixed", "patch", "organization-detail", ["org"], 403, {"short_name": "X"}),  # visible, not allowed
    # Teachers.
    Write("anonymous", "post", "teacher-list", (), 401, TEACHER),
    Write("no_role", "post", "teacher-list", (), 403, TEACHER),
    Write("regional", "post", "teacher-list", (), 403, TEACHER),
    Write("regional", "patch", "teacher-detail", ["teacher"], 403, {"surname": "X"}),
    Write("regional", "delete", "teacher-detail", ["teacher"], 405),  # erasure is not a plain delete
    Write("teacher_user", "patch", "teacher-detail", ["teacher"], 403, {"surname": "X"}),
    Write("teacher_user", "post", "teacher-list", (), 403, TEACHER),
    Write("other_department", "patch", "teacher-detail", ["teacher"], 404, {"surname": "X"}),
    Write("department", "delete", "teacher-detail", ["teacher"], 405),
    Write("other_org_admin", "put", "teacher-detail", ["teacher"], 404, TEACHER),
    Write("org_admin", "patch", "teacher-detail", ["other_teacher"], 404, {"surname": "X"}),
    Write("other_department", "post", "teacher-list", (), 400, TEACHER),  # organization outside: invalid choice
    Write("mixed", "patch", "teacher-detail", ["teacher"], 403, {"surname": "X"}),  # visible, not allowed
    Write("anonymous", "delete", "teacher-detail", ["teacher"], 401),
    # Consent actions need the change code on the teacher.
    Write("anonymous", "post", "teacher-consent-give", ["teacher"], 401, {"given_on": "2025-01-10", "purpose": "P"}),
    Write("no_role", "post", "teacher-consent-give", ["teacher"], 403, {"given_on": "2025-01-10", "purpose": "P"}),
    Write("regional", "post", "teacher-consent-give", ["teacher"], 403, {"given_on": "2025-01-10", "purpose": "P"}),
    Write("teacher_user", "post", "teacher-consent-give", ["teacher"], 403, {"given_on": "2025-01-10", "purpose": "P"}),
    Write("mixed", "post", "teacher-consent-give", ["teacher"], 403, {"given_on": "2025-01-10", "purpose": "P"}),
    Write(
        "other_department", "post", "teacher-consent-give", ["teacher"], 404, {"given_on": "2025-01-10", "purpose": "P"}
    ),
    Write("regional", "post", "teacher-consent-withdraw", ["teacher"], 403, {"withdrawn_on": "2025-02-01"}),
    Write("other_org_admin", "post", "teacher-consent-withdraw", ["teacher"], 404, {"withdrawn_on": "2025-02-01"}),
    # Users and roles are read-only here (405), and refused before that to whoever holds no view code.
    Write("anonymous", "post", "user-list", (), 401, {"username": "x"}),
    Write("no_role", "post", "user-list", (), 403, {"username": "x"}),
    Write("department", "post", "user-list", (), 405, {"username": "x"}),
    Write("department", "patch", "user-detail", ["org_admin"], 405, {"last_name": "X"}),
    Write("department", "delete", "user-detail", ["org_admin"], 405),
    Write("regional", "post", "role-list", (), 405, {"code": "x", "name": "X"}),
    Write("department", "patch", "role-detail", ["role"], 405, {"permissions": ["people.teacher:view"]}),
    Write("org_admin", "patch", "role-detail", ["role"], 403, {"permissions": []}),
]

for _catalog in CATALOG_MODELS:
    WRITES += [
        Write("anonymous", "post", f"catalog-{_catalog}-list", (), 401, {"name": "Новая запись"}),
        Write("no_role", "post", f"catalog-{_catalog}-list", (), 403, {"name": "Новая запись"}),
        Write("regional", "post", f"catalog-{_catalog}-list", (), 403, {"name": "Новая запись"}),
        Write("org_admin", "post", f"catalog-{_catalog}-list", (), 403, {"name": "Новая запись"}),
        Write("regional", "patch", f"catalog-{_catalog}-detail", [f"{_catalog}_item"], 403, {"name": "X"}),
        Write("teacher_user", "delete", f"catalog-{_catalog}-detail", [f"{_catalog}_item"], 403),
    ]


@pytest.fixture
def world(world):
    from resurs.accounts.models import Role

    for name, model in CATALOG_MODELS.items():
        entry = catalog_entry(model, f"Тестовая запись {name}")
        entry.save()
        setattr(world, f"{name}_item", entry)
    world.role = Role.objects.get(code="teacher")
    world.position = world.teacher.position
    return world


def resolve(world, data):
    """'@name' in a body becomes the pk of that world object."""
    if not isinstance(data, dict):
        return data
    return {k: getattr(world, v[1:]).pk if isinstance(v, str) and v.startswith("@") else v for k, v in data.items()}


@pytest.mark.parametrize("case", READS, ids=str)
def test_read(api, world, case):
    login(api, world, case.actor)
    before = db_state()
    response = send(api, world, "get", case.name, *case.args)
    assert response.status_code == case.expected, response.content[:300]
    if case.expected == 200 and case.name.endswith("-list"):
        ids = result_ids(response)
        for name in case.visible:
            assert getattr(world, name).pk in ids, f"{name} missing"
        for name in case.hidden:
            assert getattr(world, name).pk not in ids, f"{name} leaked"
    elif case.expected == 200:
        assert response.json()["id"] == getattr(world, case.args[0]).pk
    assert db_state() == before


@pytest.mark.parametrize("case", WRITES, ids=str)
def test_refused_write(api, world, case):
    login(api, world, case.actor)
    before = db_state()
    response = send(api, world, case.method, case.name, *case.args, data=resolve(world, case.data))
    assert response.status_code == case.expected, response.content[:300]
    assert db_state() == before


def test_anonymous_gets_a_token_challenge(api, world):
    response = api.get("/api/v1/teachers/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_role_list_is_every_role(api, world):
    from resurs.accounts.models import Role

    response = request(api, world, "regional", "get", "role-list")
    assert result_ids(response) == set(Role.objects.values_list("pk", flat=True))
    row = next(r for r in response.json()["results"] if r["code"] == "teacher")
    assert row["scope_kinds"] == ["self"]
    assert "people.teacher:view" in row["permissions"]


def test_catalog_lists_are_global(api, world):
    department = result_ids(request(api, world, "department", "get", "catalog-subject-list"))
    teacher = result_ids(request(api, world, "teacher_user", "get", "catalog-subject-list"))
    assert department == teacher
    assert world.subject_item.pk in department
