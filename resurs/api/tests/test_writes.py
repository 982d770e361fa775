"""Writes through the API: the pages' services and checks apply (scope, full_clean, version, change log)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from resurs.accounts.testing import grant_role, make_user
from resurs.audit.models import ActionLog, ChangeLog
from resurs.catalogs.models import Position, QualificationCategory, Subject
from resurs.people.models import Consent, Teacher
from resurs.territory.models import EducationalDistrict, Municipality, Organization, Region

from .helpers import db_state, login, request, send


def changes_of(obj):
    return list(
        ChangeLog.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        ).values_list("action", "changes", "actor__username")
    )


# --- territory ------------------------------------------------------------------------------------------------------


def test_department_creates_an_organization(api, world):
    body = {
        "municipality": world.mun.pk,
        "kind": "kindergarten",
        "short_name": "Детский сад № 7",
        "full_name": "МБДОУ «Детский сад № 7»",
        "district": world.district.pk,
        "inn": "1234567890",
    }
    response = request(api, world, "department", "post", "organization-list", data=body)
    assert response.status_code == 201, response.json()
    created = Organization.objects.get(short_name="Детский сад № 7")
    data = response.json()
    assert data["id"] == created.pk
    assert data["version"] == 1
    assert {k: data[k] for k in body} == body
    assert (created.municipality, created.kind, created.district, created.inn, created.updated_by) == (
        world.mun,
        "kindergarten",
        world.district,
        "1234567890",
        world.department,
    )
    [(action, changes, actor)] = changes_of(created)
    assert (action, actor) == ("create", "department")
    assert changes["short_name"] == [None, "Детский сад № 7"]


def test_org_admin_edits_own_organization_and_the_change_is_logged(api, world):
    old = world.org.short_name
    response = request(
        api, world, "org_admin", "patch", "organization-detail", "org", data={"short_name": "Лицей № 1", "version": 1}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2
    assert response.json()["short_name"] == "Лицей № 1"
    world.org.refresh_from_db()
    assert (world.org.short_name, world.org.version, world.org.updated_by) == ("Лицей № 1", 2, world.org_admin)
    assert changes_of(world.org) == [("update", {"short_name": [old, "Лицей № 1"]}, "org_admin")]


def test_stale_version_is_409_and_nothing_changes(api, world):
    Organization.objects.filter(pk=world.org.pk).update(version=3)  # someone saved twice since version 1 was read
    login(api, world, "org_admin")
    before = db_state()
    response = send(api, world, "patch", "organization-detail", "org", data={"short_name": "Лицей № 1", "version": 1})
    assert response.status_code == 409
    assert response.json()["code"] == "concurrent_edit"
    assert response.json()["detail"].startswith("This record was changed by another user while you were editing it.")
    assert db_state() == before


def test_stale_version_names_who_changed_it(api, world):
    Organization.objects.filter(pk=world.org.pk).update(version=2, updated_by=world.department)
    response = request(api, world, "org_admin", "put", "organization-detail", "org", data=_organization(world.org, 1))
    assert response.status_code == 409
    assert response.json()["detail"].startswith(f"This record was changed by {world.department} while")


def test_update_with_current_version_passes(api, world):
    Organization.objects.filter(pk=world.org.pk).update(version=3)
    response = request(api, world, "org_admin", "put", "organization-detail", "org", data=_organization(world.org, 3))
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 4


def test_org_admin_cannot_move_the_organization_to_another_municipality(api, world):
    login(api, world, "org_admin")
    before = db_state()
    response = send(api, world, "patch", "organization-detail", "org", data={"municipality": world.other_mun.pk})
    assert response.status_code == 400
    assert response.json() == {"municipality": [f'Invalid pk "{world.other_mun.pk}" - object does not exist.']}
    assert db_state() == before


def _organization(org, version):
    return {
        "municipality": org.municipality_id,
        "kind": org.kind,
        "short_name": org.short_name,
        "full_name": "Новое полное имя",
        "version": version,
    }


def test_missing_required_fields_are_field_errors(api, world):
    login(api, world, "department")
    before = db_state()
    response = send(api, world, "post", "organization-list", data={"municipality": world.mun.pk})
    assert response.status_code == 400
    assert response.json() == {
        "short_name": ["This field is required."],
        "full_name": ["This field is required."],
    }
    assert db_state() == before


def test_district_of_another_municipality_is_refused(api, world):
    both = make_user("both", "department", "municipality", world.mun)
    grant_role(both, "department", "municipality", world.other_mun)
    world.both = both
    login(api, world, "both")
    before = db_state()
    body = {
        "municipality": world.mun.pk,
        "short_name": "СОШ № 5",
        "full_name": "СОШ № 5",
        "district": world.other_district.pk,
    }
    response = send(api, world, "post", "organization-list", data=body)
    assert response.status_code == 400
    assert response.json() == {"district": ["The educational district belongs to another municipality."]}
    response = send(api, world, "patch", "organization-detail", "org", data={"district": world.other_district.pk})
    assert response.status_code == 400
    assert response.json() == {"district": ["The educational district belongs to another municipality."]}
    assert db_state() == before


def test_choice_outside_scope_is_a_field_error(api, world):
    login(api, world, "department")
    before = db_state()
    body = {"municipality": world.other_mun.pk, "short_name": "СОШ № 5", "full_name": "СОШ № 5"}
    response = send(api, world, "post", "organization-list", data=body)
    assert response.status_code == 400
    assert response.json() == {"municipality": [f'Invalid pk "{world.other_mun.pk}" - object does not exist.']}
    assert db_state() == before


def test_duplicate_short_name_in_a_municipality_is_refused(api, world):
    login(api, world, "department")
    before = db_state()
    body = {"municipality": world.mun.pk, "short_name": world.org.short_name, "full_name": "Другая"}
    response = send(api, world, "post", "organization-list", data=body)
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The fields municipality, short_name must make a unique set."]}
    assert db_state() == before


def test_department_keeps_districts(api, world):
    response = request(
        api, world, "department", "post", "district-list", data={"municipality": world.mun.pk, "name": "Западный"}
    )
    assert response.status_code == 201, response.json()
    district = EducationalDistrict.objects.get(name="Западный")
    assert district.municipality == world.mun
    response = send(api, world, "patch", "district-detail", district.pk, data={"base_organization": world.org.pk})
    assert response.status_code == 200, response.json()
    district.refresh_from_db()
    assert district.base_organization == world.org
    # The base organization is chosen among the organizations the user may view.
    response = send(api, world, "patch", "district-detail", district.pk, data={"base_organization": world.other_org.pk})
    assert response.status_code == 400
    district.refresh_from_db()
    assert district.base_organization == world.org
    response = send(api, world, "delete", "district-detail", district.pk)
    assert response.status_code == 204
    assert not EducationalDistrict.objects.filter(pk=district.pk).exists()
    assert [c[0] for c in changes_of(district)] == ["delete", "update", "create"]


def test_deleting_a_record_in_use_is_a_coded_400(api, world):
    login(api, world, "department")
    before = db_state()
    response = send(api, world, "delete", "organization-detail", "org")  # world.teacher works there
    assert response.status_code == 400
    assert response.json() == {
        "code": "protected",
        "detail": "The record is in use by other records and cannot be deleted.",
    }
    assert db_state() == before


def test_department_deletes_an_unused_organization(api, world):
    response = request(api, world, "department", "delete", "organization-detail", "org2")
    assert response.status_code == 204
    assert not Organization.objects.filter(pk=world.org2.pk).exists()
    assert changes_of(world.org2)[0][0] == "delete"


def test_department_edits_its_municipality(api, world):
    response = request(
        api, world, "department", "patch", "municipality-detail", "mun", data={"department_name": "Управление"}
    )
    assert response.status_code == 200, response.json()
    world.mun.refresh_from_db()
    assert world.mun.department_name == "Управление"
    assert response.json()["region"] == world.region.pk


def test_a_municipality_stays_in_its_region(api, world):
    login(api, world, "admin")
    before = db_state()
    response = send(api, world, "patch", "municipality-detail", "mun", data={"region": world.other_region.pk})
    assert response.status_code == 400
    assert response.json() == {"region": ["A municipality cannot be moved to another region."]}
    assert db_state() == before
    response = send(api, world, "patch", "municipality-detail", "mun", data={"region": world.region.pk, "name": "Н"})
    assert response.status_code == 200


def test_superuser_edits_a_region_and_creates_a_municipality(api, world):
    response = request(api, world, "admin", "patch", "region-detail", "region", data={"timezone": "Asia/Omsk"})
    assert response.status_code == 200, response.json()
    assert Region.objects.get(pk=world.region.pk).timezone == "Asia/Omsk"
    response = send(
        api, world, "post", "municipality-list", data={"region": world.region.pk, "name": "Н", "code": "N1"}
    )
    assert response.status_code == 201, response.json()
    assert Municipality.objects.get(code="N1").region == world.region


def test_invalid_choice_value_is_a_field_error(api, world):
    login(api, world, "admin")
    before = db_state()
    response = send(api, world, "patch", "region-detail", "region", data={"timezone": "Mars/Olympus"})
    assert response.status_code == 400
    assert response.json() == {"timezone": ['"Mars/Olympus" is not a valid choice.']}
    assert db_state() == before


# --- catalogs -------------------------------------------------------------------------------------------------------


def test_department_keeps_catalogs(api, world):
    response = request(
        api, world, "department", "post", "catalog-qualificationcategory-list",
        data={"name": "Высшая категория", "kind": "category", "rank": 3, "validity_years": 5},
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    item = QualificationCategory.objects.get(name="Высшая категория")
    assert (item.kind, item.rank, item.validity_years, item.is_active) == ("category", 3, 5, True)
    response = send(api, world, "patch", "catalog-qualificationcategory-detail", item.pk, data={"is_active": False})
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.is_active is False
    assert item.version == 2
    response = send(api, world, "delete", "catalog-qualificationcategory-detail", item.pk)
    assert response.status_code == 204
    assert not QualificationCategory.objects.filter(pk=item.pk).exists()


def test_catalog_duplicate_name_is_a_field_error(api, world):
    Subject.objects.create(name="Предмет-дубль")
    login(api, world, "department")
    before = db_state()
    response = send(api, world, "post", "catalog-subject-list", data={"name": "Предмет-дубль"})
    assert response.status_code == 400
    assert response.json() == {"name": ["subject with this name already exists."]}
    assert db_state() == before


def test_catalog_entry_in_use_cannot_be_deleted(api, world):
    login(api, world, "department")
    before = db_state()
    response = send(api, world, "delete", "catalog-position-detail", world.teacher.position.pk)
    assert response.status_code == 400
    assert response.json()["code"] == "protected"
    assert db_state() == before
    assert Position.objects.filter(pk=world.teacher.position.pk).exists()


# --- teachers -------------------------------------------------------------------------------------------------------


@pytest.fixture
def catalogs(db):
    class C:
        pass

    c = C()
    c.math = Subject.objects.create(name="Предмет А")
    c.physics = Subject.objects.create(name="Предмет Б")
    c.first = QualificationCategory.objects.create(name="Категория тест", rank=2)
    return c


def teacher_body(world, catalogs, **changes):
    body = {
        "surname": "Петров",
        "name": "Пётр",
        "patronymic": "Петрович",
        "gender": "m",
        "birth_date": "1980-05-17",
        "organization": world.org.pk,
        "position": world.teacher.position.pk,
        "subjects": [catalogs.math.pk, catalogs.physics.pk],
        "category": catalogs.first.pk,
        "category_assigned_on": "2020-01-15",
        "category_expires_on": "2025-01-15",
        "experience_total": 20,
        "experience_specialty": 15,
        "is_innovator": True,
        "email": "petrov@example.org",
    }
    body.update(changes)
    return body


def test_org_admin_creates_a_teacher_with_subjects(api, world, catalogs):
    response = request(api, world, "org_admin", "post", "teacher-list", data=teacher_body(world, catalogs))
    assert response.status_code == 201, response.json()
    teacher = Teacher.objects.get(surname="Петров")
    data = response.json()
    assert data["id"] == teacher.pk
    assert sorted(data["subjects"]) == sorted([catalogs.math.pk, catalogs.physics.pk])
    assert data["organization"] == world.org.pk
    assert data["consent"] is None
    assert data["employments"] == []
    assert set(teacher.subjects.all()) == {catalogs.math, catalogs.physics}
    assert (teacher.birth_date, teacher.category, teacher.experience_total, teacher.is_innovator) == (
        datetime.date(1980, 5, 17),
        catalogs.first,
        20,
        True,
    )
    [(action, changes, actor)] = changes_of(teacher)
    assert (action, actor) == ("create", "org_admin")
    assert changes["subjects"] == [None, ["Предмет А", "Предмет Б"]]


def test_teacher_update_logs_subject_changes(api, world, catalogs):
    world.teacher.subjects.set([catalogs.math])
    response = request(
        api, world, "org_admin", "patch", "teacher-detail", "teacher", data={"subjects": [catalogs.physics.pk]}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["subjects"] == [catalogs.physics.pk]
    assert list(world.teacher.subjects.all()) == [catalogs.physics]
    assert changes_of(world.teacher) == [("update", {"subjects": [["Предмет А"], ["Предмет Б"]]}, "org_admin")]


@pytest.mark.parametrize(
    "changes,errors",
    [
        ({"birth_date": "2999-01-01"}, {"birth_date": ["Birth date is in the future."]}),
        (
            {"category_assigned_on": "2024-01-01", "category_expires_on": "2023-01-01"},
            {"category_expires_on": ["The category cannot expire before it was assigned."]},
        ),
        (
            {"experience_total": 3, "experience_specialty": 4},
            {"experience_specialty": ["Experience in the specialty cannot exceed total experience."]},
        ),
        ({"surname": ""}, {"surname": ["This field may not be blank."]}),
        ({"gender": "x"}, {"gender": ['"x" is not a valid choice.']}),
        ({"email": "no-at-sign"}, {"email": ["Enter a valid email address."]}),
        ({"experience_total": -1}, {"experience_total": ["Ensure this value is greater than or equal to 0."]}),
    ],
)
def test_teacher_validation_errors(api, world, catalogs, changes, errors):
    login(api, world, "org_admin")
    before = db_state()
    response = send(api, world, "post", "teacher-list", data=teacher_body(world, catalogs, **changes))
    assert response.status_code == 400
    assert response.json() == errors
    response = send(api, world, "patch", "teacher-detail", "teacher", data=changes)
    assert response.status_code == 400
    assert response.json() == errors
    assert db_state() == before


def test_specialty_checked_against_stored_total_on_partial_update(api, world):
    login(api, world, "org_admin")
    before = db_state()
    response = send(api, world, "patch", "teacher-detail", "teacher", data={"experience_specialty": 11})  # total 10
    assert response.status_code == 400
    assert response.json() == {"experience_specialty": ["Experience in the specialty cannot exceed total experience."]}
    assert db_state() == before


def test_teacher_cannot_be_moved_outside_the_scope(api, world):
    login(api, world, "org_admin")
    before = db_state()
    response = send(api, world, "patch", "teacher-detail", "teacher", data={"organization": world.org2.pk})
    assert response.status_code == 400
    assert response.json() == {"organization": [f'Invalid pk "{world.org2.pk}" - object does not exist.']}
    assert db_state() == before


def test_an_organization_outside_the_scope_answers_as_one_that_does_not_exist(api, world):
    """The scoped choice says nothing more about an organization beyond the reach than about a missing id."""
    from resurs.territory.models import Organization

    missing = Organization.objects.order_by("-pk").first().pk + 1000
    login(api, world, "org_admin")
    before = db_state()
    answers = []
    for pk in (world.other_org.pk, missing):
        response = send(api, world, "patch", "teacher-detail", "teacher", data={"organization": pk})
        answers.append((response.status_code, response.json()))
    assert answers == [
        (400, {"organization": [f'Invalid pk "{world.other_org.pk}" - object does not exist.']}),
        (400, {"organization": [f'Invalid pk "{missing}" - object does not exist.']}),
    ]
    assert db_state() == before


def test_teacher_concurrent_edit(api, world, catalogs):
    Teacher.objects.filter(pk=world.teacher.pk).update(version=5)
    login(api, world, "department")
    before = db_state()
    response = send(api, world, "put", "teacher-detail", "teacher", data=teacher_body(world, catalogs, version=4))
    assert response.status_code == 409
    assert response.json()["code"] == "concurrent_edit"
    assert db_state() == before
    response = send(api, world, "put", "teacher-detail", "teacher", data=teacher_body(world, catalogs, version=5))
    assert response.status_code == 200
    assert response.json()["version"] == 6


def test_version_is_ignored_on_create(api, world, catalogs):
    response = request(api, world, "org_admin", "post", "teacher-list", data=teacher_body(world, catalogs, version=7))
    assert response.status_code == 201
    assert response.json()["version"] == 1


# --- consent --------------------------------------------------------------------------------------------------------


def test_consent_give_and_withdraw(api, world):
    response = request(
        api,
        world,
        "org_admin",
        "post",
        "teacher-consent-give",
        "teacher",
        data={"given_on": "2025-01-10", "purpose": "Учёт участия в мероприятиях"},
    )
    assert response.status_code == 201, response.json()
    consent = Consent.objects.get(teacher=world.teacher)
    assert response.json() == {
        "id": consent.pk,
        "given_on": "2025-01-10",
        "purpose": "Учёт участия в мероприятиях",
        "withdrawn_on": None,
        "withdrawal_reason": "",
        "recorded_at": response.json()["recorded_at"],
    }
    assert consent.recorded_by == world.org_admin
    detail = send(api, world, "get", "teacher-detail", "teacher").json()
    assert detail["consent"]["id"] == consent.pk

    response = send(
        api,
        world,
        "post",
        "teacher-consent-withdraw",
        "teacher",
        data={"withdrawn_on": "2025-03-01", "reason": "Заявление"},
    )
    assert response.status_code == 200, response.json()
    consent.refresh_from_db()
    assert (consent.withdrawn_on, consent.withdrawal_reason) == (datetime.date(2025, 3, 1), "Заявление")
    assert response.json()["withdrawn_on"] == "2025-03-01"
    assert send(api, world, "get", "teacher-detail", "teacher").json()["consent"] is None
    assert list(
        ActionLog.objects.filter(object_id=str(world.teacher.pk)).order_by("pk").values_list("code", "actor__username")
    ) == [("people.consent.given", "org_admin"), ("people.consent.withdrawn", "org_admin")]


def test_second_consent_is_a_coded_400(api, world):
    Consent.objects.create(teacher=world.teacher, given_on=datetime.date(2024, 1, 1), purpose="P")
    login(api, world, "department")
    before = db_state()
    response = send(
        api, world, "post", "teacher-consent-give", "teacher", data={"given_on": "2025-01-10", "purpose": "P"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "consent_in_force",
        "detail": "A consent is already in force; withdraw it first.",
    }
    assert db_state() == before


def test_withdrawal_before_consent_is_a_coded_400_with_field(api, world):
    Consent.objects.create(teacher=world.teacher, given_on=datetime.date(2024, 6, 1), purpose="P")
    login(api, world, "department")
    before = db_state()
    response = send(api, world, "post", "teacher-consent-withdraw", "teacher", data={"withdrawn_on": "2024-05-01"})
    assert response.status_code == 400
    assert response.json() == {
        "code": "withdrawal_date",
        "detail": "A consent cannot be withdrawn before it was given.",
        "field": "withdrawn_on",
    }
    assert db_state() == before


def test_withdrawal_without_consent_is_a_coded_400(api, world):
    login(api, world, "department")
    before = db_state()
    response = send(api, world, "post", "teacher-consent-withdraw", "teacher", data={"withdrawn_on": "2024-05-01"})
    assert response.status_code == 400
    assert response.json() == {"code": "no_consent", "detail": "There is no consent in force to withdraw."}
    assert db_state() == before


def test_consent_fields_are_validated(api, world):
    login(api, world, "department")
    before = db_state()
    response = send(api, world, "post", "teacher-consent-give", "teacher", data={"given_on": "10.01.2025"})
    assert response.status_code == 400
    assert response.json() == {
        "given_on": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
        "purpose": ["This field is required."],
    }
    assert db_state() == before
