"""Teacher.municipality / Teacher.region (denormalised scope) always equal the main job's organization's."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection
from rest_framework.test import APIClient

from resurs.accounts.testing import grant_role, make_user
from resurs.audit.services import save_object
from resurs.common.errors import PermissionDeniedError
from resurs.common.scoping import instance_in_scope, restrict
from resurs.common.testing import count_queries
from resurs.common.tests.matrix import form_data
from resurs.people.forms import TeacherForm
from resurs.people.models import Teacher
from resurs.people.permissions import ALL
from resurs.people.tests.factories import TeacherFactory
from resurs.territory.forms import OrganizationForm
from resurs.territory.tests.factories import OrganizationFactory


def scope_of(teacher):
    teacher = Teacher.objects.get(pk=teacher.pk)
    return teacher.municipality_id, teacher.region_id


@pytest.fixture
def world(world):
    world.far_org = OrganizationFactory(municipality=world.far_mun)
    world.admin = make_user("admin", is_superuser=True, is_staff=True)
    return world


def test_factory_and_fixture_rows_carry_their_scope(world):
    assert scope_of(world.teacher) == (world.mun.pk, world.region.pk)
    assert scope_of(world.other_teacher) == (world.other_mun.pk, world.region.pk)


def test_created_through_the_form(client, world):
    client.force_login(world.department)
    data = form_data(TeacherForm, Teacher(), surname="Новикова", name="Анна", organization=world.org2)
    data.update(position=str(world.teacher.position.pk), experience_total="5", experience_specialty="3")
    response = client.post("/people/teachers/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert scope_of(Teacher.objects.get(surname="Новикова")) == (world.mun.pk, world.region.pk)


def test_moved_to_another_region_by_a_save(world):
    teacher = Teacher.objects.get(pk=world.teacher.pk)
    teacher.organization = world.far_org
    save_object(actor=world.admin, instance=teacher, version=teacher.version, code="people.teacher:change")
    assert scope_of(teacher) == (world.far_mun.pk, world.other_region.pk)
    assert scope_of(world.other_teacher) == (world.other_mun.pk, world.region.pk)


def test_save_with_update_fields_leaves_the_scope_alone_without_a_query(world):
    teacher = Teacher.objects.get(pk=world.teacher.pk)
    with count_queries() as queries:
        teacher.phone = "+7 1"
        teacher.save(update_fields=["phone"])
    assert queries.count == 1
    teacher.organization_id = world.other_org.pk
    teacher.save(update_fields=["organization"])  # the scope columns are written with the organization
    assert scope_of(teacher) == (world.other_mun.pk, world.region.pk)


def test_an_unsaved_move_out_of_scope_is_refused_before_the_columns_follow(world):
    """The department of `mun` cannot move its teacher into another municipality: the check walks the organization,
    not the (still old) scope columns."""
    teacher = Teacher.objects.get(pk=world.teacher.pk)
    teacher.organization = world.other_org
    assert not instance_in_scope(world.department, teacher, "people.teacher:change")
    with pytest.raises(PermissionDeniedError):
        save_object(actor=world.department, instance=teacher, version=teacher.version, code="people.teacher:change")
    stored = Teacher.objects.get(pk=world.teacher.pk)
    assert (stored.organization_id, stored.municipality_id, stored.version) == (world.org.pk, world.mun.pk, 1)


def test_created_and_moved_through_the_api(world):
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_login(world.admin)
    body = {
        "surname": "Апиева",
        "name": "Анна",
        "organization": world.far_org.pk,
        "position": world.teacher.position.pk,
        "experience_total": 3,
        "experience_specialty": 1,
    }
    response = api.post("/api/v1/teachers/", body, format="json")
    assert response.status_code == 201, response.json()
    created = Teacher.objects.get(surname="Апиева")
    assert scope_of(created) == (world.far_mun.pk, world.other_region.pk)
    assert "municipality" not in response.json() and "region" not in response.json()
    response = api.patch(
        f"/api/v1/teachers/{created.pk}/", {"organization": world.other_org.pk, "version": 1}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert scope_of(created) == (world.other_mun.pk, world.region.pk)


def test_imported_rows_carry_their_scope(client, world, django_capture_on_commit_callbacks):
    from resurs.people.tests.test_import_teachers import simple_row, upload, xlsx_file

    world.far_org.short_name = "Дальняя школа"
    world.far_org.save()
    rows = [simple_row("Первова", world.org), simple_row("Дальнова", world.far_org)]
    _response, job = upload(client, world.admin, xlsx_file(rows), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert (job.status, job.result["created"]) == ("done", 2), job.result
    assert scope_of(Teacher.objects.get(surname="Первова")) == (world.mun.pk, world.region.pk)
    assert scope_of(Teacher.objects.get(surname="Дальнова")) == (world.far_mun.pk, world.other_region.pk)


def test_teachers_follow_their_organization_to_another_municipality(client, world):
    both = make_user("both", "department", "municipality", world.mun)
    grant_role(both, "department", "municipality", world.other_mun)
    stays = TeacherFactory(organization=world.org2)
    client.force_login(both)
    data = form_data(OrganizationForm, world.org, user=both, municipality=world.other_mun)
    response = client.post(f"/territory/organizations/{world.org.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert scope_of(world.teacher) == (world.other_mun.pk, world.region.pk)
    assert scope_of(stays) == (world.mun.pk, world.region.pk)
    # The department of the old municipality no longer reaches the teacher; the new one does.
    assert list(restrict(Teacher.objects.all(), world.department, "people.teacher:view")) == [stays]
    assert world.teacher in restrict(Teacher.objects.all(), world.other_department, "people.teacher:view")


def test_a_teacher_loaded_before_the_move_is_saved_into_the_new_scope(world):
    teacher = Teacher.objects.select_related("organization__municipality").get(pk=world.teacher.pk)
    org = type(world.org).objects.get(pk=world.org.pk)
    org.municipality = world.far_mun
    org.save()
    teacher.phone = "+7 2"
    teacher.save()  # its loaded organization still says `mun`
    assert scope_of(teacher) == (world.far_mun.pk, world.other_region.pk)


def test_teachers_follow_their_municipality_to_another_region(world):
    """Only a superuser can move a municipality (the admin; the pages and the API refuse): the same save."""
    municipality = type(world.mun).objects.get(pk=world.mun.pk)
    municipality.region = world.other_region
    save_object(
        actor=world.admin, instance=municipality, version=municipality.version, code="territory.municipality:change"
    )
    assert scope_of(world.teacher) == (world.mun.pk, world.other_region.pk)
    assert scope_of(world.other_teacher) == (world.other_mun.pk, world.region.pk)
    assert list(restrict(Teacher.objects.all(), world.regional, "people.teacher:view")) == [world.other_teacher]


def test_saving_an_organization_that_stays_costs_one_update_that_changes_nothing(world):
    org = type(world.org).objects.get(pk=world.org.pk)
    org.director = "Иванов И. И."
    with count_queries() as queries:
        org.save()
    # SAVEPOINT, UPDATE organization, UPDATE teachers (none), RELEASE SAVEPOINT
    assert [q["sql"].split()[0] for q in queries.captured_queries].count("UPDATE") == 2
    assert scope_of(world.teacher) == (world.mun.pk, world.region.pk)


@pytest.mark.parametrize(
    "actor", ["regional", "department", "other_department", "org_admin", "other_org_admin", "teacher_user", "no_role"]
)
def test_restrict_reaches_what_the_organization_path_reaches(world, actor):
    """For every role and teacher code: the columns select exactly the teachers the organization's path selects."""
    TeacherFactory(organization=world.org2)
    TeacherFactory(organization=world.far_org)
    user = getattr(world, actor)
    for code in (f"people.teacher:{action}" for action in ALL):
        by_columns = set(restrict(Teacher.objects.all(), user, code).values_list("pk", flat=True))
        by_path = {t.pk for t in Teacher.objects.all() if instance_in_scope(user, t, code)}
        assert by_columns == by_path, code


def test_the_migration_fills_the_columns_of_existing_rows(world):
    Teacher.objects.update(municipality_id=world.far_mun.pk, region_id=world.other_region.pk)
    migration = importlib.import_module("resurs.people.migrations.0002_teacher_scope_columns")
    editor = SimpleNamespace(connection=connection, execute=lambda sql: connection.cursor().execute(sql))
    migration.fill(django_apps, editor)
    assert scope_of(world.teacher) == (world.mun.pk, world.region.pk)
    assert scope_of(world.other_teacher) == (world.other_mun.pk, world.region.pk)
