"""Own jobs, list exports and table imports through the API: the same job machinery and checks as the pages."""

import csv
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from resurs.audit.models import ActionLog
from resurs.common.models import Job
from resurs.common.testing import read_xlsx
from resurs.people.models import Teacher
from resurs.people.tests.factories import TeacherFactory

from .helpers import db_state, login, request, send, url

# --- jobs -----------------------------------------------------------------------------------------------------------


@pytest.fixture
def jobs(world):
    own = Job.objects.create(kind="common.export", title="Мой экспорт", user=world.department, status="done")
    own.result_file.save("export.xlsx", ContentFile(b"PK\x03\x04 content"))
    other = Job.objects.create(kind="common.export", title="Чужой экспорт", user=world.other_department)
    other.result_file.save("other.xlsx", ContentFile(b"PK\x03\x04 other"))
    pending = Job.objects.create(kind="common.export", title="В очереди", user=world.department)
    return own, other, pending


def test_jobs_are_the_requesters_own(api, world, jobs):
    own, other, pending = jobs
    response = request(api, world, "department", "get", "job-list")
    assert response.status_code == 200
    assert {r["id"] for r in response.json()["results"]} == {str(own.pk), str(pending.pk)}
    row = send(api, world, "get", "job-detail", own.pk).json()
    assert (row["title"], row["status"], row["download_url"]) == (
        "Мой экспорт",
        "done",
        f"/api/v1/jobs/{own.pk}/download/",
    )
    assert send(api, world, "get", "job-detail", pending.pk).json()["download_url"] is None
    assert send(api, world, "get", "job-detail", other.pk).status_code == 404
    assert send(api, world, "get", "job-detail", "not-a-uuid").status_code == 404


def test_job_download(api, world, jobs):
    own, other, pending = jobs
    login(api, world, "department")
    response = api.get(url(world, "job-download", own.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK\x03\x04 content"
    assert response["Content-Disposition"] == 'attachment; filename="export.xlsx"'
    assert api.get(url(world, "job-download", other.pk)).status_code == 404
    assert api.get(url(world, "job-download", pending.pk)).status_code == 404


@pytest.mark.parametrize("actor,expected", [("anonymous", 401), ("no_role", 200)])
def test_jobs_need_a_login_only(api, world, jobs, actor, expected):
    response = request(api, world, actor, "get", "job-list")
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["results"] == []


def test_jobs_are_read_only(api, world, jobs):
    own = jobs[0]
    login(api, world, "department")
    before = db_state()
    assert send(api, world, "post", "job-list", data={"title": "x"}).status_code == 405
    assert send(api, world, "delete", "job-detail", own.pk).status_code == 405
    assert db_state() == before


# --- exports --------------------------------------------------------------------------------------------------------


def run_export(api, world, actor, name, data, capture):
    login(api, world, actor)
    with capture(execute=True):
        response = api.post(f"/api/v1/exports/{name}/", data, format="json")
    return response


def test_teacher_export_as_a_job_with_the_users_scope(api, world, django_capture_on_commit_callbacks):
    response = run_export(api, world, "department", "people.teachers", {}, django_capture_on_commit_callbacks)
    assert response.status_code == 202, response.json()
    job = Job.objects.get(pk=response.json()["id"])
    assert (job.user, job.kind, job.params) == (
        world.department,
        "common.export",
        {"export": "people.teachers", "filter": {}, "language": "en"},  # the requester's language
    )
    job.refresh_from_db()
    assert job.status == "done"
    rows = read_xlsx(job.result_file.open("rb"))
    assert [r[0] for r in rows[1:]] == [world.teacher.surname]  # not the other municipality's teacher
    entry = ActionLog.objects.get(code="people.teacher.exported")
    assert (entry.actor, entry.data) == (world.department, {"export": "people.teachers", "filter": {}})
    assert (response.json()["status"], response.json()["download_url"]) == ("queued", None)  # ran after the answer
    assert send(api, world, "get", "job-detail", job.pk).json()["download_url"] == f"/api/v1/jobs/{job.pk}/download/"
    download = api.get(f"/api/v1/jobs/{job.pk}/download/")
    assert read_xlsx(b"".join(download.streaming_content)) == rows


def test_export_takes_the_lists_filters(api, world, django_capture_on_commit_callbacks):
    young = TeacherFactory(organization=world.org2, surname="Юнина", is_young_specialist=True)
    response = run_export(
        api,
        world,
        "regional",
        "people.teachers",
        {"organization": world.org2.pk, "is_young_specialist": True},
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 202, response.json()
    job = Job.objects.get(pk=response.json()["id"])
    assert job.params["filter"] == {"organization": str(world.org2.pk), "is_young_specialist": "true"}
    rows = read_xlsx(job.result_file.open("rb"))
    assert [r[0] for r in rows[1:]] == [young.surname]
    assert ActionLog.objects.get(code="people.teacher.exported").data["filter"] == job.params["filter"]


def test_export_filters_in_the_query_string(api, world, django_capture_on_commit_callbacks):
    login(api, world, "department")
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"/api/v1/exports/people.teachers/?organization={world.org2.pk}")
    assert response.status_code == 202
    job = Job.objects.get(pk=response.json()["id"])
    assert job.params["filter"] == {"organization": str(world.org2.pk)}
    assert read_xlsx(job.result_file.open("rb"))[1:] == []


def test_organization_export_is_not_logged_as_personal_data(api, world, django_capture_on_commit_callbacks):
    response = run_export(api, world, "regional", "territory.organizations", {}, django_capture_on_commit_callbacks)
    assert response.status_code == 202
    job = Job.objects.get(pk=response.json()["id"])
    rows = read_xlsx(job.result_file.open("rb"))
    assert sorted(r[1] for r in rows[1:]) == sorted(o.short_name for o in (world.org, world.org2, world.other_org))
    assert not ActionLog.objects.filter(code__endswith=".exported").exists()


@pytest.mark.parametrize(
    "actor,name,data,expected",
    [
        ("anonymous", "people.teachers", {}, 401),
        ("no_role", "people.teachers", {}, 403),
        ("teacher_user", "people.teachers", {}, 403),  # views own record, holds no export code
        ("org_admin", "territory.organizations", {}, 403),
        ("department", "no.such.export", {}, 404),
        ("department", "people.teachers", {"organization": "@other_org"}, 400),
        ("department", "people.teachers", {"experience_min": "many"}, 400),
        ("department", "people.teachers", ["not", "an", "object"], 400),
    ],
)
def test_refused_exports_change_nothing(api, world, actor, name, data, expected):
    if isinstance(data, dict):
        data = {k: getattr(world, v[1:]).pk if str(v).startswith("@") else v for k, v in data.items()}
    login(api, world, actor)
    before = db_state()
    response = api.post(f"/api/v1/exports/{name}/", data, format="json")
    assert response.status_code == expected
    assert db_state() == before


def test_export_filter_errors_are_field_errors(api, world):
    login(api, world, "department")
    response = api.post("/api/v1/exports/people.teachers/", {"organization": world.other_org.pk}, format="json")
    assert response.json() == {
        "organization": ["Select a valid choice. That choice is not one of the available choices."]
    }


# --- imports --------------------------------------------------------------------------------------------------------


def teachers_csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Фамилия", "Имя", "Отчество", "Организация", "Должность", "Дата рождения"])
    writer.writerows(rows)
    return SimpleUploadedFile("teachers.csv", buffer.getvalue().encode("utf-8"))


def upload(api, world, actor, name, file, capture):
    login(api, world, actor)
    with capture(execute=True):
        return api.post(f"/api/v1/imports/{name}/", {"file": file}, format="multipart")


def test_teacher_import_runs_as_a_job(api, world, django_capture_on_commit_callbacks):
    file = teachers_csv(
        [
            ["Орлова", "Анна", "Ивановна", world.org.short_name, world.teacher.position.name, "01.02.1985"],
            ["Соколов", "Павел", "", world.org2.short_name, world.teacher.position.name, ""],
        ]
    )
    response = upload(api, world, "department", "people.teachers", file, django_capture_on_commit_callbacks)
    assert response.status_code == 202, response.json()
    job = Job.objects.get(pk=response.json()["id"])
    assert (job.user, job.kind, job.status) == (world.department, "common.import", "done")
    assert job.result == {
        "importer": "people.teachers",
        "file": "teachers.csv",
        "rows": 2,
        "created": 2,
        "error_count": 0,
        "errors": [],
    }
    assert set(Teacher.objects.filter(surname__in=["Орлова", "Соколов"]).values_list("surname", "organization")) == {
        ("Орлова", world.org.pk),
        ("Соколов", world.org2.pk),
    }
    assert send(api, world, "get", "job-detail", job.pk).json()["result"]["created"] == 2


def test_import_outside_the_scope_writes_nothing(api, world, django_capture_on_commit_callbacks):
    file = teachers_csv([["Орлова", "Анна", "", world.other_org.short_name, world.teacher.position.name, ""]])
    teachers = list(Teacher.objects.values_list("pk", flat=True))
    response = upload(api, world, "department", "people.teachers", file, django_capture_on_commit_callbacks)
    assert response.status_code == 202
    job = Job.objects.get(pk=response.json()["id"])
    assert job.status == "failed"
    assert job.result["error_count"] == 1
    assert list(Teacher.objects.values_list("pk", flat=True)) == teachers


@pytest.mark.parametrize(
    "actor,name,file,expected,body",
    [
        ("anonymous", "people.teachers", "csv", 401, None),
        ("no_role", "people.teachers", "csv", 403, {"code": "permission_denied"}),
        ("regional", "people.teachers", "csv", 403, {"code": "permission_denied"}),  # may export, not import
        ("department", "no.such.importer", "csv", 404, None),
        ("department", "people.teachers", None, 400, {"file": ["Attach the file to import."]}),
        ("department", "people.teachers", "exe", 400, {"code": "file_type", "field": "file"}),
        ("department", "people.teachers", "fake-xlsx", 400, {"code": "file_unreadable", "field": "file"}),
    ],
)
def test_refused_imports_change_nothing(api, world, actor, name, file, expected, body):
    files = {
        "csv": lambda: teachers_csv([["Орлова", "Анна", "", world.org.short_name, "Учитель", ""]]),
        "exe": lambda: SimpleUploadedFile("tool.exe", b"MZ\x90\x00"),
        "fake-xlsx": lambda: SimpleUploadedFile("teachers.xlsx", b"PK\x03\x04 not really a workbook"),
    }
    login(api, world, actor)
    before = db_state()
    data = {"file": files[file]()} if file else {}
    response = api.post(f"/api/v1/imports/{name}/", data, format="multipart")
    assert response.status_code == expected, response.content[:300]
    if body:
        assert {k: response.json()[k] for k in body} == body
    assert db_state() == before


def test_api_export_rows_are_those_of_the_export_scope(api, world, django_capture_on_commit_callbacks):
    """Export held in one municipality, view only in another: the API export leaves the other's teachers out."""
    from resurs.accounts.models import Role
    from resurs.accounts.testing import grant_role

    Role.objects.create(
        code="teacher_reader", name="Teacher reader", scope_kinds=["municipality"], permissions=["people.teacher:view"]
    )
    grant_role(world.department, "teacher_reader", "municipality", world.other_mun)
    listed = request(api, world, "department", "get", "teacher-list")
    assert world.other_teacher.pk in {row["id"] for row in listed.json()["results"]}  # seen, but not exportable
    response = run_export(api, world, "department", "people.teachers", {}, django_capture_on_commit_callbacks)
    assert response.status_code == 202, response.json()
    job = Job.objects.get(pk=response.json()["id"])
    rows = read_xlsx(job.result_file.open("rb"))
    assert [r[0] for r in rows[1:]] == [world.teacher.surname]
    assert job.result == {"rows": 1}
