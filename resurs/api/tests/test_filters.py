"""List filters are the pages' FilterSets: same parameters, same scoped choices, same ordering."""

from urllib.parse import urlencode

from resurs.accounts.models import Role
from resurs.accounts.testing import grant_role
from resurs.catalogs.models import Subject
from resurs.people.tests.factories import TeacherFactory
from resurs.territory.tests.factories import OrganizationFactory

from .helpers import request, result_ids


def test_teacher_filters(api, world):
    physics = Subject.objects.create(name="Предмет фильтра")
    young = TeacherFactory(
        organization=world.org2,
        surname="Смирнова",
        experience_total=2,
        experience_specialty=1,
        is_young_specialist=True,
    )
    young.subjects.set([physics])

    def ids(query):
        return result_ids(request(api, world, "department", "get", "teacher-list", query=query))

    assert ids("") == {world.teacher.pk, young.pk}
    assert ids(f"organization={world.org2.pk}") == {young.pk}
    assert ids(f"subject={physics.pk}") == {young.pk}
    assert ids("is_young_specialist=true") == {young.pk}
    assert ids("experience_min=5") == {world.teacher.pk}
    assert ids(urlencode({"q": "Смирн"})) == {young.pk}  # SQLite folds the case of ASCII only
    assert ids(f"municipality={world.mun.pk}") == {world.teacher.pk, young.pk}


def test_teacher_ordering_is_the_filtersets(api, world):
    a = TeacherFactory(organization=world.org, surname="Аверина", experience_total=30, experience_specialty=1)
    b = TeacherFactory(organization=world.org, surname="Яковлева", experience_total=1, experience_specialty=1)
    response = request(api, world, "department", "get", "teacher-list", query="ordering=-experience")
    assert [r["id"] for r in response.json()["results"]] == [a.pk, world.teacher.pk, b.pk]
    response = request(api, world, "department", "get", "teacher-list", query="ordering=surname")
    assert [r["surname"] for r in response.json()["results"]] == ["Аверина", world.teacher.surname, "Яковлева"]


def test_filter_choice_outside_scope_is_a_400(api, world):
    response = request(api, world, "department", "get", "teacher-list", query=f"organization={world.other_org.pk}")
    assert response.status_code == 400
    assert response.json() == {
        "organization": ["Select a valid choice. That choice is not one of the available choices."]
    }
    response = request(api, world, "department", "get", "organization-list", query=f"municipality={world.other_mun.pk}")
    assert response.status_code == 400


def test_organization_filters(api, world):
    world.org2.district = world.district
    world.org2.is_base = True
    world.org2.save()
    kindergarten = OrganizationFactory(municipality=world.mun, kind="kindergarten", inn="7701000001")

    def ids(query):
        return result_ids(request(api, world, "regional", "get", "organization-list", query=query))

    assert ids(f"municipality={world.other_mun.pk}") == {world.other_org.pk}
    assert ids(f"district={world.district.pk}") == {world.org2.pk}
    assert ids("is_base=true") == {world.org2.pk}
    assert ids("kind=kindergarten") == {kindergarten.pk}
    assert ids("q=7701000001") == {kindergarten.pk}


def test_catalog_filters(api, world):
    active = Subject.objects.create(name="Активный предмет")
    retired = Subject.objects.create(name="Снятый предмет", is_active=False)
    ids = result_ids(request(api, world, "department", "get", "catalog-subject-list", query="is_active=false"))
    assert retired.pk in ids and active.pk not in ids
    ids = result_ids(
        request(api, world, "department", "get", "catalog-subject-list", query=urlencode({"q": "Активный"}))
    )
    assert ids == {active.pk}


def test_pagination(api, world):
    for _ in range(3):
        TeacherFactory(organization=world.org)
    response = request(api, world, "department", "get", "teacher-list", query="page_size=2&page=2")
    data = response.json()
    assert data["count"] == 4
    assert len(data["results"]) == 2
    assert data["previous"].endswith("page_size=2")
    assert data["next"] is None


def test_user_shows_only_the_assignments_in_the_readers_scope(api, world):
    grant_role(world.org_admin, "org_admin", "organization", world.other_org)
    response = request(api, world, "department", "get", "user-detail", "org_admin")
    assert [(a["role"], a["scope_kind"], a["scope_id"]) for a in response.json()["assignments"]] == [
        ("org_admin", "organization", world.org.pk)
    ]
    response = request(api, world, "regional", "get", "user-detail", "org_admin")
    assert sorted(a["scope_id"] for a in response.json()["assignments"]) == sorted([world.org.pk, world.other_org.pk])
    row = response.json()
    assert (row["username"], row["is_active"]) == ("org_admin", True)
    assert "password" not in row


def test_user_and_role_filters(api, world):
    world.other_org_admin.is_active = False
    world.other_org_admin.save()
    department_role = Role.objects.get(code="department")

    def ids(query):
        return result_ids(request(api, world, "regional", "get", "user-list", query=query))

    assert ids(f"role={department_role.pk}") == {world.department.pk, world.other_department.pk}
    assert ids("is_active=false") == {world.other_org_admin.pk}
    assert ids("q=other_dep") == {world.other_department.pk}
    roles = result_ids(request(api, world, "regional", "get", "role-list", query="q=org_admin"))
    assert roles == {Role.objects.get(code="org_admin").pk}
