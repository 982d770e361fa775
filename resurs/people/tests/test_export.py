"""Teacher XLSX export (personal data, 152-ФЗ): the user's scope and filters, a logged action, the file re-opened."""

import datetime

import pytest
from django.conf import settings
from django.utils.translation import override

from resurs.audit.models import ActionLog
from resurs.catalogs.tests.factories import CategoryFactory, SubjectFactory
from resurs.common.models import Job
from resurs.common.testing import read_xlsx
from resurs.people.tests.factories import TeacherFactory
from resurs.territory.tests.factories import OrganizationFactory

HEADER = [
    "Surname",
    "First name",
    "Patronymic",
    "Birth date",
    "Municipality",
    "Organization",
    "Position",
    "Subjects",
    "Category",
    "Category assigned on",
    "Category expires on",
    "Total experience, years",
    "Experience in the specialty, years",
    "Young specialist",
    "Innovator",
    "E-mail",
    "Phone",
]


@pytest.fixture
def world(world):
    world.mun.name = "Город Светлый"
    world.mun.save()
    world.org.short_name = "Лицей «Светлый»"
    world.org.save()
    world.teacher.surname, world.teacher.name, world.teacher.patronymic = "Андреева", "Мария", "Петровна"
    world.teacher.birth_date = datetime.date(1980, 5, 17)
    world.teacher.category = CategoryFactory(name="Высшая")
    world.teacher.category_assigned_on = datetime.date(2021, 3, 1)
    world.teacher.category_expires_on = datetime.date(2026, 3, 1)
    world.teacher.is_innovator = True
    world.teacher.email = "andreeva@school.ru"
    world.teacher.phone = "+7 900 000-00-01"
    world.teacher.save()
    world.teacher.subjects.set([SubjectFactory(name="Химия"), SubjectFactory(name="Биология")])
    world.teacher2 = TeacherFactory(
        organization=world.org2,
        surname="Борисова",
        name="Анна",
        patronymic="",
        experience_total=2,
        experience_specialty=1,
    )
    world.far_teacher = TeacherFactory(organization=OrganizationFactory(municipality=world.far_mun), surname="Дальняя")
    return world


def export(client, user, query, django_capture_on_commit_callbacks):
    """Start the export as `user` from the English interface; the job runs (in-process) when the request commits."""
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language the user chose (Russian by default)
    with override("en"), django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"/people/teachers/?_export=xlsx{query}")
    return response


def finished_job_rows(client, response):
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert (job.status, job.progress, job.error) == ("done", 100, "")
    download = client.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200
    return job, read_xlsx(b"".join(download.streaming_content))


def test_department_exports_its_municipality(client, world, django_capture_on_commit_callbacks):
    response = export(client, world.department, "", django_capture_on_commit_callbacks)
    job, rows = finished_job_rows(client, response)
    assert rows[0] == HEADER
    position = world.teacher.position.name
    assert rows[1:] == [
        [
            "Андреева",
            "Мария",
            "Петровна",
            datetime.datetime(1980, 5, 17),
            "Город Светлый",
            "Лицей «Светлый»",
            position,
            "Биология, Химия",
            "Высшая",
            datetime.datetime(2021, 3, 1),
            datetime.datetime(2026, 3, 1),
            10,
            8,
            "no",
            "yes",
            "andreeva@school.ru",
            "+7 900 000-00-01",
        ],
        ["Борисова", "Анна", None, None, "Город Светлый", world.org2.short_name, position, None, None, None, None]
        + [2, 1, "no", "no", None, None],
    ]
    assert (job.user, job.result) == (world.department, {"rows": 2})
    entry = ActionLog.objects.get(code="people.teacher.exported")
    assert (entry.actor, entry.data) == (world.department, {"export": "people.teachers", "filter": {}})


def test_filters_apply_and_are_logged(client, world, django_capture_on_commit_callbacks):
    query = f"&organization={world.org2.pk}&page=2"
    _job, rows = finished_job_rows(client, export(client, world.department, query, django_capture_on_commit_callbacks))
    assert [r[0] for r in rows[1:]] == ["Борисова"]
    entry = ActionLog.objects.get(code="people.teacher.exported")
    assert (entry.actor, entry.data) == (
        world.department,
        {"export": "people.teachers", "filter": {"organization": str(world.org2.pk)}},
    )


def test_a_filter_outside_the_scope_exports_nothing(client, world, django_capture_on_commit_callbacks):
    query = f"&organization={world.other_org.pk}"
    job, rows = finished_job_rows(client, export(client, world.department, query, django_capture_on_commit_callbacks))
    assert rows == [HEADER]
    assert job.result == {"rows": 0}


def test_regional_operator_exports_the_region(client, world, django_capture_on_commit_callbacks):
    _job, rows = finished_job_rows(client, export(client, world.regional, "", django_capture_on_commit_callbacks))
    assert rows[0] == HEADER
    assert sorted(r[0] for r in rows[1:]) == sorted(["Андреева", "Борисова", world.other_teacher.surname])
    assert ActionLog.objects.get(code="people.teacher.exported").actor == world.regional


@pytest.mark.parametrize("actor", ["teacher_user", "no_role"])
def test_without_the_export_code_no_job_and_no_log(client, world, actor, django_capture_on_commit_callbacks):
    response = export(client, getattr(world, actor), "", django_capture_on_commit_callbacks)
    assert response.status_code == 403
    assert Job.objects.count() == 0
    assert ActionLog.objects.count() == 0


def viewer_role():
    """A role that may read teachers but not export them (as an administrator may configure)."""
    from resurs.accounts.models import Role

    return Role.objects.create(
        code="teacher_reader", name="Teacher reader", scope_kinds=["municipality"], permissions=["people.teacher:view"]
    )


def test_export_rows_are_those_of_the_export_scope_not_the_view_scope(
    client, world, django_capture_on_commit_callbacks
):
    """Export held in one municipality, view only in another: the other's teachers (personal data) stay out."""
    from resurs.accounts.testing import grant_role

    viewer_role()
    grant_role(world.department, "teacher_reader", "municipality", world.other_mun)
    # The page does show the other municipality's teacher to this user: only the export is narrower.
    client.force_login(world.department)
    listed = client.get("/people/teachers/")
    assert world.other_teacher.surname in listed.content.decode()
    _job, rows = finished_job_rows(client, export(client, world.department, "", django_capture_on_commit_callbacks))
    assert [r[0] for r in rows[1:]] == ["Андреева", "Борисова"]
    assert _job.result == {"rows": 2}


def test_a_filter_into_the_view_only_scope_exports_nothing(client, world, django_capture_on_commit_callbacks):
    from resurs.accounts.testing import grant_role

    viewer_role()
    grant_role(world.department, "teacher_reader", "municipality", world.other_mun)
    query = f"&organization={world.other_org.pk}"
    job, rows = finished_job_rows(client, export(client, world.department, query, django_capture_on_commit_callbacks))
    assert rows == [HEADER]
    assert job.result == {"rows": 0}
