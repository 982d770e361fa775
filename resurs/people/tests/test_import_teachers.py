"""Teacher import (SPEC §3): all-or-nothing, row-by-row report, duplicates reported, as a background job."""

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from resurs.accounts.testing import grant_role, make_user
from resurs.audit.models import ActionLog, ChangeLog
from resurs.catalogs.tests.factories import CategoryFactory, PositionFactory, SubjectFactory
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.importers import start_import
from resurs.common.models import Job
from resurs.common.testing import read_xlsx
from resurs.people.imports import TeacherImporter
from resurs.people.models import Teacher
from resurs.people.tests.factories import TeacherFactory

HEADERS = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Пол",
    "Дата рождения",
    "Организация",
    "Должность",
    "Предметы",
    "Категория",
    "Дата присвоения категории",
    "Дата окончания категории",
    "Стаж общий",
    "Стаж по специальности",
    "Молодой специалист",
    "Инноватор",
    "E-mail",
    "Телефон",
]
IMPORT_URL = "/people/teachers/import/"


def xlsx_file(rows, name="teachers.xlsx", headers=HEADERS):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_file(rows, name="teachers.csv", encoding="cp1251", delimiter=";", headers=HEADERS):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(encoding))


def simple_row(surname, org, birth="01.02.1985", email=""):
    """A valid row with the required columns and a birth date; everything else empty."""
    row = [surname, "Анна", "Сергеевна", "", birth, org.short_name, "Учитель"] + [""] * 8 + [email, ""]
    assert len(row) == len(HEADERS)
    return row


@pytest.fixture
def catalogs(world):
    return {
        "position": PositionFactory(name="Учитель"),
        "math": SubjectFactory(name="Математика"),
        "physics": SubjectFactory(name="Физика"),
        "first": CategoryFactory(name="Первая"),
    }


def upload(client, user, file, django_capture_on_commit_callbacks):
    """POST the file as `user` (English interface), run the job, return (response, job or None)."""
    client.force_login(user)
    before = set(Job.objects.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(IMPORT_URL, {"file": file}, HTTP_ACCEPT_LANGUAGE="en")
    new = Job.objects.exclude(pk__in=before)
    return response, new.get() if new.exists() else None


def snapshot():
    return sorted(Teacher.objects.values_list("pk", "surname", "name", "patronymic", "birth_date", "email"))


@pytest.mark.django_db
def test_valid_xlsx_creates_exact_records(client, world, catalogs, django_capture_on_commit_callbacks):
    rows = [
        [
            "Петрова",
            "Ольга",
            "Ивановна",
            "ж",
            datetime.datetime(1980, 3, 15),
            world.org.short_name,
            "учитель",
            "Математика, физика",
            "Первая",
            "10.01.2020",
            datetime.datetime(2025, 1, 10),
            20,
            "15",
            "нет",
            "да",
            "Petrova@example.ru",
            79001234567,
        ],
        ["Сидоров", "Игорь", "", "М", "", world.org2.short_name, "Учитель", "", "", "", "", "", "", "Да", "", "", ""],
    ]
    response, job = upload(client, world.department, xlsx_file(rows), django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse("job-detail", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.progress, job.error) == ("done", 100, "")
    assert job.params["path"].startswith("imports/")
    assert not default_storage.exists(job.params["path"])  # the upload (personal data) is not kept
    assert job.result == {
        "importer": "people.teachers",
        "file": "teachers.xlsx",
        "rows": 2,
        "created": 2,
        "error_count": 0,
        "errors": [],
    }
    petrova = Teacher.objects.get(surname="Петрова")
    assert (petrova.name, petrova.patronymic, petrova.gender, petrova.birth_date) == (
        "Ольга",
        "Ивановна",
        "f",
        datetime.date(1980, 3, 15),
    )
    assert (petrova.organization, petrova.position, petrova.category) == (
        world.org,
        catalogs["position"],
        catalogs["first"],
    )
    assert sorted(s.name for s in petrova.subjects.all()) == ["Математика", "Физика"]
    assert (petrova.category_assigned_on, petrova.category_expires_on) == (
        datetime.date(2020, 1, 10),
        datetime.date(2025, 1, 10),
    )
    assert (petrova.experience_total, petrova.experience_specialty) == (20, 15)
    assert (petrova.is_young_specialist, petrova.is_innovator) == (False, True)
    assert (petrova.email, petrova.phone, petrova.updated_by, petrova.version) == (
        "Petrova@example.ru",
        "79001234567",
        world.department,
        1,
    )
    sidorov = Teacher.objects.get(surname="Сидоров")
    assert (sidorov.name, sidorov.patronymic, sidorov.gender, sidorov.birth_date, sidorov.organization) == (
        "Игорь",
        "",
        "m",
        None,
        world.org2,
    )
    assert (sidorov.category, sidorov.experience_total, sidorov.is_young_specialist, sidorov.email) == (
        None,
        0,
        True,
        "",
    )
    assert list(sidorov.subjects.all()) == []
    entry = ActionLog.objects.get(code="people.teacher.imported")
    assert entry.actor == world.department
    assert entry.data == {"importer": "people.teachers", "file": "teachers.xlsx", "rows": 2, "created": 2}
    assert ChangeLog.objects.filter(object_id__in=[str(petrova.pk), str(sidorov.pk)]).count() == 0

    page = client.get(reverse("job-detail", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert 'data-import-created="2"' in page.content.decode()
    assert "2 records created." in page.content.decode()


@pytest.mark.django_db
def test_one_bad_cell_among_good_rows_writes_nothing(client, world, catalogs, django_capture_on_commit_callbacks):
    rows = [simple_row(f"Учитель{i}", world.org) for i in range(60)]
    rows[35][4] = "31.02.1980"  # sheet row 37
    before = snapshot()
    response, job = upload(client, world.department, xlsx_file(rows), django_capture_on_commit_callbacks)

    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.progress) == ("failed", 100)
    assert job.error == "The file has 1 error; nothing was written."
    assert job.result["error_count"] == 1
    assert job.result["created"] == 0
    assert job.result["errors"] == [
        {"row": 37, "column": "Дата рождения", "message": "«31.02.1980» is not a date; use the format dd.mm.yyyy."}
    ]
    assert snapshot() == before
    assert not ActionLog.objects.filter(code="people.teacher.imported").exists()

    page = client.get(reverse("job-detail", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<td>37</td><td>Дата рождения</td><td>«31.02.1980» is not a date; use the format dd.mm.yyyy.</td>" in page
    assert "The file has 1 error; nothing was written." in page


def run_rows(user, rows, file_factory=xlsx_file):
    """Start the import directly (as the REST endpoint does) in English and return the finished job."""
    with translation.override("en"):
        return start_import(name="people.teachers", user=user, upload=file_factory(rows))


@pytest.mark.django_db
def test_row_errors_are_reported_by_row_and_column(world, catalogs, django_capture_on_commit_callbacks):
    rows = [
        simple_row("Первый", world.org),  # 2: valid
        simple_row("Второй", world.org)[:5] + ["Нет такой школы", "Учитель"] + [""] * 11,  # 3
        ["", "Анна", "", "х", "2099-01-01", world.org.short_name, "Повар"] + [""] * 11,  # 4
        [
            "Пятый",
            "Анна",
            "",
            "",
            "",
            world.org.short_name,
            "Учитель",
            "Математика, Алхимия",
            "Сверхвысшая",
            "01.01.2020",
            "01.01.2019",
            "5",
            "7",
            "может быть",
            "",
            "not-an-email",
            "",
        ],  # 5
    ]
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.department, rows)
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.result["errors"] == [
        {"row": 3, "column": "Организация", "message": "Organization «Нет такой школы» was not found."},
        {"row": 4, "column": "Фамилия", "message": "A value is required."},
        {"row": 4, "column": "Пол", "message": "«х» is not one of: female, male."},
        {"row": 4, "column": "Должность", "message": "«Повар» is not in the catalog «positions»."},
        {"row": 5, "column": "Предметы", "message": "«Алхимия» is not in the catalog «subjects»."},
        {"row": 5, "column": "Категория", "message": "«Сверхвысшая» is not in the catalog «qualification categories»."},
        {
            "row": 5,
            "column": "Стаж по специальности",
            "message": "Experience in the specialty cannot exceed total experience.",
        },
        {"row": 5, "column": "Молодой специалист", "message": "«может быть» is not yes or no."},
        {"row": 5, "column": "E-mail", "message": "«not-an-email» is not an e-mail address."},
    ]
    assert job.result["error_count"] == 9
    assert snapshot() == before


@pytest.mark.django_db
def test_model_checks_are_reported(world, catalogs, django_capture_on_commit_callbacks):
    rows = [
        [
            "Первый",
            "Анна",
            "",
            "",
            "01.01.2090",
            world.org.short_name,
            "Учитель",
            "",
            "Первая",
            "01.01.2020",
            "01.01.2019",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        ["Второй", "Анна", "", "", "01.01.2090", world.org.short_name, "Учитель"] + [""] * 10,
    ]
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.department, rows)
    job.refresh_from_db()
    assert job.result["errors"] == [
        {
            "row": 2,
            "column": "Дата окончания категории",
            "message": "The category cannot expire before it was assigned.",
        },
        {"row": 3, "column": "Дата рождения", "message": "Birth date is in the future."},
    ]
    assert snapshot() == before


@pytest.mark.django_db
def test_organization_outside_scope(world, catalogs, django_capture_on_commit_callbacks):
    """A department of one municipality: another municipality's school is unknown to it; a user who sees that
    school (a regional role) but may import only in its own municipality is told it is outside its scope."""
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.department, [simple_row("Новый", world.other_org)])
    job.refresh_from_db()
    message = f"Organization «{world.other_org.short_name}» was not found."
    assert job.result["errors"] == [{"row": 2, "column": "Организация", "message": message}]

    both = make_user("both", "department", "municipality", world.mun)
    grant_role(both, "regional", "region", world.region)
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(both, [simple_row("Новый", world.other_org)])
    job.refresh_from_db()
    message = f"You may not import teachers into the organization «{world.other_org.short_name}»."
    assert job.result["errors"] == [{"row": 2, "column": "Организация", "message": message}]

    # An organization administrator imports into its own organization only.
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.org_admin, [simple_row("Новый", world.org2)])
    job.refresh_from_db()
    message = f"Organization «{world.org2.short_name}» was not found."
    assert job.result["errors"] == [{"row": 2, "column": "Организация", "message": message}]
    assert snapshot() == before

    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.org_admin, [simple_row("Новый", world.org)])
    job.refresh_from_db()
    assert (job.status, job.result["created"]) == ("done", 1)
    assert Teacher.objects.get(surname="Новый").organization == world.org


@pytest.mark.django_db
def test_duplicate_in_database(world, catalogs, django_capture_on_commit_callbacks):
    world.teacher.birth_date = datetime.date(1985, 2, 1)
    world.teacher.email = "ivanova@example.ru"
    world.teacher.save()
    t = world.teacher
    same_birth = [t.surname, t.name, t.patronymic, "", "01.02.1985", world.org2.short_name, "Учитель"] + [""] * 11
    same_mail = [t.surname.upper(), t.name, t.patronymic, "", "", world.org.short_name, "Учитель"] + [""] * 8
    same_mail += ["IVANOVA@example.ru", ""]
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.department, [same_birth, same_mail])
    job.refresh_from_db()
    message = (
        f"Already in the registry: {t.full_name}, {world.org.short_name} (record {t.pk}): the same full name and "
        "birth date or e-mail in one municipality."
    )
    assert job.result["errors"] == [
        {"row": 2, "column": "Фамилия", "message": message},
        {"row": 3, "column": "Фамилия", "message": message},
    ]
    assert snapshot() == before

    # The organization administrator of the other school does not see the existing record: it is not named.
    admin2 = make_user("admin2", "org_admin", "organization", world.org2)
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(admin2, [same_birth])
    job.refresh_from_db()
    assert job.result["errors"] == [
        {
            "row": 2,
            "column": "Фамилия",
            "message": "A teacher with the same full name and birth date or e-mail is already in the registry of this "
            "municipality.",
        }
    ]
    assert snapshot() == before

    # Same name, another birth date and e-mail: another person, created.
    other = [t.surname, t.name, t.patronymic, "", "02.02.1985", world.org2.short_name, "Учитель"] + [""] * 11
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.department, [other])
    job.refresh_from_db()
    assert (job.status, job.result["created"]) == ("done", 1)
    assert Teacher.objects.filter(surname=t.surname).count() == 2


@pytest.mark.django_db
def test_duplicate_within_file(world, catalogs, django_capture_on_commit_callbacks):
    rows = [
        simple_row("Котова", world.org, birth="", email="kotova@example.ru"),
        simple_row("Лисина", world.org),
        simple_row("котова", world.org2, birth="03.03.1990", email="Kotova@Example.ru"),
    ]
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.department, rows)
    job.refresh_from_db()
    assert job.result["errors"] == [
        {
            "row": 4,
            "column": "Фамилия",
            "message": "The same person as in row 2: the same full name and birth date or e-mail in one municipality.",
        }
    ]
    assert snapshot() == before


@pytest.mark.django_db
def test_csv_cp1251_semicolon(world, catalogs, django_capture_on_commit_callbacks):
    rows = [
        [
            "Ёлкина",
            "Вера",
            "Павловна",
            "женский",
            "05.06.1979",
            world.org.short_name,
            "Учитель",
            "Физика",
            "",
            "",
            "",
            "30",
            "25",
            "нет",
            "нет",
            "",
            "+7 (900) 111-22-33",
        ],
    ]
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.department, rows, file_factory=csv_file)
    job.refresh_from_db()
    assert (job.status, job.result["created"]) == ("done", 1)
    teacher = Teacher.objects.get(surname="Ёлкина")
    assert (teacher.name, teacher.patronymic, teacher.gender, teacher.birth_date, teacher.phone) == (
        "Вера",
        "Павловна",
        "f",
        datetime.date(1979, 6, 5),
        "+7 (900) 111-22-33",
    )
    assert (teacher.experience_total, teacher.experience_specialty) == (30, 25)
    assert [s.name for s in teacher.subjects.all()] == ["Физика"]


@pytest.mark.django_db
def test_csv_utf8_with_bom_and_comma(world, catalogs, django_capture_on_commit_callbacks):
    def factory(rows):
        return csv_file(rows, encoding="utf-8-sig", delimiter=",")

    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.department, [simple_row("Зайцева", world.org)], file_factory=factory)
    job.refresh_from_db()
    assert (job.status, job.result["created"]) == ("done", 1)
    assert Teacher.objects.get(surname="Зайцева").birth_date == datetime.date(1985, 2, 1)


@pytest.mark.django_db
def test_header_problems(world, catalogs, django_capture_on_commit_callbacks):
    headers = ["Фамилия", "Имя", "Имя", "Организация", "Номер п/п"]
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        job = start_import(
            name="people.teachers",
            user=world.department,
            upload=xlsx_file([["А", "Б", "В", world.org.short_name, "1"]], headers=headers),
        )
    job.refresh_from_db()
    assert job.result["errors"] == [
        {"row": 1, "column": "Имя", "message": "The column appears more than once."},
        {"row": 1, "column": "Номер п/п", "message": "Unknown column; use the headers of the import template."},
        {"row": 1, "column": "Position", "message": "A required column is missing."},
    ]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("teachers.txt", "Фамилия;Имя\n".encode(), "File type .txt is not allowed. Allowed: .xlsx, .csv."),
        ("teachers.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "The file content does not match its type .xlsx."),
        ("teachers.xlsx", b"PK\x03\x04" + b"\x00" * 100, "The file is not an XLSX workbook."),
        ("teachers.csv", b"", "The submitted file is empty."),
    ],
)
@pytest.mark.django_db
def test_wrong_file_is_refused(client, world, catalogs, django_capture_on_commit_callbacks, name, content, message):
    before = snapshot()
    response, job = upload(
        client, world.department, SimpleUploadedFile(name, content), django_capture_on_commit_callbacks
    )
    assert response.status_code == 200
    assert job is None
    assert response.context["form"].errors["file"] == [message]
    assert snapshot() == before


@pytest.mark.django_db
def test_start_import_refuses_bad_type_with_code(world, catalogs):
    with pytest.raises(ServiceError) as exc, translation.override("en"):
        start_import(name="people.teachers", user=world.department, upload=SimpleUploadedFile("a.txt", b"abc"))
    assert exc.value.code == "file_type"
    with pytest.raises(PermissionDeniedError):
        start_import(name="people.teachers", user=world.regional, upload=xlsx_file([]))
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_without_import_code_403(client, world, catalogs, django_capture_on_commit_callbacks):
    rows = [simple_row("Чужой", world.org)]
    for user in (world.no_role, world.regional, world.teacher_user):
        before = snapshot()
        response, job = upload(client, user, xlsx_file(rows), django_capture_on_commit_callbacks)
        assert response.status_code == 403
        assert job is None
        assert client.get(IMPORT_URL).status_code == 403
        assert client.get(reverse("people:teacher-import-template")).status_code == 403
        assert snapshot() == before
    client.logout()
    response = client.post(IMPORT_URL, {"file": xlsx_file(rows)})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_list_shows_import_button_to_holders_only(client, world):
    client.force_login(world.department)
    assert IMPORT_URL in client.get("/people/teachers/").content.decode()
    client.force_login(world.regional)
    page = client.get("/people/teachers/")
    assert page.status_code == 200
    assert IMPORT_URL not in page.content.decode()


@pytest.mark.django_db
def test_template_round_trip(client, world, catalogs, django_capture_on_commit_callbacks):
    client.force_login(world.department)
    response = client.get(reverse("people:teacher-import-template"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="people-teachers-template.xlsx"'
    rows = read_xlsx(response.content)
    assert rows[0][:8] == [
        "Surname *",
        "First name *",
        "Patronymic",
        "Gender",
        "Birth date",
        "Municipality",
        "Organization *",
        "Position *",
    ]
    assert len(rows) == 1
    headers = rows[0]
    row = dict.fromkeys(headers, "")
    row.update({"Surname *": "Шаблонова", "First name *": "Ия", "Organization *": world.org.short_name})
    row.update({"Position *": "Учитель", "Municipality": world.mun.name})
    _response, job = upload(
        client, world.department, xlsx_file([list(row.values())], headers=headers), django_capture_on_commit_callbacks
    )
    job.refresh_from_db()
    assert (job.status, job.result["created"]) == ("done", 1)
    assert Teacher.objects.get(surname="Шаблонова").organization == world.org


@pytest.mark.django_db
def test_two_thousand_rows(world, catalogs, django_capture_on_commit_callbacks):
    rows = [
        [f"Фамилия{i}", "Анна", "Сергеевна", "ж", "01.02.1985", world.org.short_name, "Учитель", "Математика"]
        + [""] * 7
        + [f"t{i}@example.ru", ""]
        for i in range(2000)
    ]
    count = Teacher.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.department, rows)
    job.refresh_from_db()
    assert (job.status, job.progress, job.result["created"], job.result["rows"]) == ("done", 100, 2000, 2000)
    assert Teacher.objects.count() == count + 2000
    assert Teacher.subjects.through.objects.filter(subject=catalogs["math"]).count() == 2000
    assert Teacher.objects.get(surname="Фамилия1999").email == "t1999@example.ru"


def xlsx_bytes(rows):
    return xlsx_file(rows).read()


@pytest.mark.django_db
def test_progress_is_reported_while_checking_and_writing(world, catalogs):
    calls = []
    importer = TeacherImporter(user=world.department, name="people.teachers")
    with translation.override("en"):
        report = importer.run(
            xlsx_bytes([simple_row(f"Учитель{i}", world.org) for i in range(300)]),
            "t.xlsx",
            progress=lambda done, total, message="": calls.append((done, total, message)),
        )
    assert (report.ok, report.created, report.rows) == (True, 300, 300)
    assert calls[:4] == [
        (100, 600, "Checking rows"),
        (200, 600, "Checking rows"),
        (300, 600, "Checking rows"),
        (300, 600, "Writing records"),
    ]
    assert calls[-1] == (600, 600, "Writing records")
    assert [done for done, _total, _message in calls] == sorted(done for done, _total, _message in calls)


@pytest.mark.django_db
def test_duplicate_created_during_the_import_is_caught_inside_the_transaction(world, catalogs):
    """Someone adds the same teacher after the file was checked: the check inside the transaction refuses all rows."""
    importer = TeacherImporter(user=world.department, name="people.teachers")
    first_check = importer.check_database
    raced = []

    def check_then_someone_adds(rows):
        errors = first_check(rows)
        if not raced:
            raced.append(
                TeacherFactory(
                    surname="Гонкина",
                    name="Анна",
                    patronymic="Сергеевна",
                    organization=world.org2,
                    birth_date=datetime.date(1985, 2, 1),
                )
            )
        return errors

    importer.check_database = check_then_someone_adds
    before = Teacher.objects.count()
    with translation.override("en"):
        report = importer.run(xlsx_bytes([simple_row("Первая", world.org), simple_row("Гонкина", world.org)]), "t.xlsx")
    assert report.created == 0
    assert [e.as_dict() for e in report.errors] == [
        {
            "row": 3,
            "column": "Фамилия",
            "message": f"Already in the registry: Гонкина Анна Сергеевна, {world.org2.short_name} (record "
            f"{raced[0].pk}): the same full name and birth date or e-mail in one municipality.",
        }
    ]
    assert Teacher.objects.count() == before + 1
    assert not Teacher.objects.filter(surname="Первая").exists()
    assert not ActionLog.objects.filter(code="people.teacher.imported").exists()


@pytest.mark.django_db
def test_report_keeps_the_first_thousand_errors(client, world, catalogs, django_capture_on_commit_callbacks):
    rows = [simple_row(f"Учитель{i}", world.org, birth="вчера") for i in range(1100)]
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.department, rows, file_factory=csv_file)
    job.refresh_from_db()
    assert (job.status, job.result["error_count"], len(job.result["errors"])) == ("failed", 1100, 1000)
    assert job.result["errors"][-1] == {
        "row": 1001,
        "column": "Дата рождения",
        "message": "«вчера» is not a date; use the format dd.mm.yyyy.",
    }
    assert job.error == "The file has 1100 errors; nothing was written."
    client.force_login(world.department)
    page = client.get(reverse("job-detail", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The first 1000 of 1100 errors are shown." in page
    assert page.count("«вчера» is not a date") == 1000
    assert snapshot() == before


def broken_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not a workbook")
    return SimpleUploadedFile("broken.xlsx", buffer.getvalue())


@pytest.mark.parametrize(
    ("make_file", "message"),
    [
        (lambda: xlsx_file([]), "The file has no data rows."),
        (lambda: xlsx_file([[""] * 17, [None] * 17]), "The file has no data rows."),
        (broken_workbook, "The file could not be read as an XLSX workbook."),
    ],
)
@pytest.mark.django_db
def test_file_level_errors(world, catalogs, django_capture_on_commit_callbacks, make_file, message):
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        job = start_import(name="people.teachers", user=world.department, upload=make_file())
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.result["errors"] == [{"row": 0, "column": "", "message": message}]
    assert snapshot() == before
