"""Every list endpoint runs as many queries for 500 rows as for 5 (relations are joined or prefetched)."""

import datetime
import itertools

import pytest

from resurs.accounts.models import Role, RoleAssignment, User
from resurs.catalogs.models import CATALOG_MODELS, Subject
from resurs.catalogs.tests.factories import catalog_entry
from resurs.common.models import Job
from resurs.common.testing import count_queries
from resurs.people.models import Consent, Employment, Teacher, set_scope_columns
from resurs.territory.models import EducationalDistrict, Municipality, Organization, Region

from .helpers import login, url

_serial = itertools.count(1)


def n():
    return next(_serial)


def regions(world, k):
    Region.objects.bulk_create([Region(name=f"Регион-счёт {i}", code=f"RG{i}") for i in (n() for _ in range(k))])


def municipalities(world, k):
    Municipality.objects.bulk_create(
        [Municipality(region=world.region, name=f"Город-счёт {i}", code=f"MC{i}") for i in (n() for _ in range(k))]
    )


def districts(world, k):
    EducationalDistrict.objects.bulk_create(
        [
            EducationalDistrict(municipality=world.mun, name=f"Округ {n()}", base_organization=world.org)
            for _ in range(k)
        ]
    )


def organizations(world, k):
    Organization.objects.bulk_create(
        [
            Organization(
                municipality=world.mun, short_name=f"Школа {i}", full_name=f"Школа {i}", district=world.district
            )
            for i in (n() for _ in range(k))
        ]
    )


def teachers(world, k):
    subjects = [Subject.objects.create(name=f"Предмет {n()}") for _ in range(2)]
    created = [
        Teacher(surname=f"Фамилия{n()}", name="Имя", organization=world.org, position=world.teacher.position)
        for _ in range(k)
    ]
    set_scope_columns(created)  # bulk_create does not call save()
    Teacher.objects.bulk_create(created)
    Teacher.subjects.through.objects.bulk_create(
        [Teacher.subjects.through(teacher=t, subject=s) for t in created for s in subjects]
    )
    Consent.objects.bulk_create([Consent(teacher=t, given_on=datetime.date(2024, 1, 1), purpose="P") for t in created])
    Employment.objects.bulk_create(
        [Employment(teacher=t, organization=world.org2, position=world.teacher.position) for t in created]
    )


def users(world, k):
    role = Role.objects.get(code="org_admin")
    created = User.objects.bulk_create([User(username=f"user{n()}") for _ in range(k)])
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(
                user=u,
                role=role,
                scope_kind="organization",
                scope_id=world.org.pk,
                scope_label="",
                region_id=world.region.pk,
                municipality_id=world.mun.pk,
                organization_id=world.org.pk,
            )
            for u in created
        ]
    )


def roles(world, k):
    Role.objects.bulk_create(
        [Role(code=f"role{i}", name=f"Роль {i}", scope_kinds=["region"]) for i in (n() for _ in range(k))]
    )


def jobs(world, k):
    Job.objects.bulk_create([Job(kind="common.export", title="Экспорт", user=world.department) for _ in range(k)])


def catalog(model):
    def make(world, k):
        model.objects.bulk_create([catalog_entry(model, f"Запись {n()}") for _ in range(k)])

    return make


LISTS = [
    ("admin", "region-list", regions),
    ("regional", "municipality-list", municipalities),
    ("department", "district-list", districts),
    ("department", "organization-list", organizations),
    ("department", "teacher-list", teachers),
    ("department", "user-list", users),
    ("regional", "role-list", roles),
    ("department", "job-list", jobs),
] + [("teacher_user", f"catalog-{name}-list", catalog(model)) for name, model in CATALOG_MODELS.items()]


@pytest.mark.parametrize("actor,name,make", LISTS, ids=[c[1] for c in LISTS])
def test_list_query_count_does_not_grow(api, world, actor, name, make):
    login(api, world, actor)
    address = url(world, name, query="page_size=500")

    def measure():
        with count_queries() as queries:
            response = api.get(address)
        assert response.status_code == 200
        return queries.count, len(response.json()["results"])

    _, base = measure()
    make(world, 5)
    few_queries, few_rows = measure()
    assert few_rows == base + 5
    make(world, 500 - few_rows)
    many_queries, many_rows = measure()
    assert many_rows == 500
    assert many_queries == few_queries
