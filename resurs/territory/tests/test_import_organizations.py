"""Organization import (SPEC §2): all-or-nothing, row-by-row report, duplicates by short name and INN."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from resurs.accounts.testing import grant_role, make_user
from resurs.audit.models import ActionLog
from resurs.common.importers import start_import
from resurs.common.models import Job
from resurs.common.testing import read_xlsx
from resurs.territory.models import Organization
from resurs.territory.tests.factories import DistrictFactory

HEADERS = [
    "Муниципалитет",
    "Краткое наименование",
    "Полное наименование",
    "Тип",
    "ИНН",
    "Адрес",
    "Образовательный округ",
    "Базовая",
    "Руководитель",
    "E-mail",
    "Телефон",
    "Сайт",
]
IMPORT_URL = "/territory/organizations/import/"


def xlsx_file(rows, name="orgs.xlsx", headers=HEADERS):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def row(municipality, short_name, inn="", **extra):
    values = dict.fromkeys(HEADERS, "")
    values.update({"Муниципалитет": municipality, "Краткое наименование": short_name, "ИНН": inn})
    values["Полное наименование"] = f"Муниципальное учреждение «{short_name}»"
    values.update(extra)
    return list(values.values())


def run_rows(user, rows, file=None):
    with translation.override("en"):
        return start_import(name="territory.organizations", user=user, upload=file or xlsx_file(rows))


def snapshot():
    return sorted(Organization.objects.values_list("pk", "municipality_id", "short_name", "inn"))


@pytest.mark.django_db
def test_valid_file_creates_exact_records(client, world, django_capture_on_commit_callbacks):
    district = DistrictFactory(municipality=world.mun, name="Северный округ")
    rows = [
        [
            world.mun.name,
            "Гимназия № 1",
            "Муниципальное автономное общеобразовательное учреждение «Гимназия № 1»",
            "Детский сад",
            7701234567,
            "ул. Ленина, 1",
            "северный  округ",
            "да",
            "Смирнова Н. П.",
            "gym1@example.ru",
            "+7 (3452) 11-22-33",
            "gym1.example.ru",
        ],
        row(world.mun.code, "ЦДТ", inn="770123456789", Тип="additional education organization", Базовая="нет"),
    ]
    client.force_login(world.department)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(IMPORT_URL, {"file": xlsx_file(rows)}, HTTP_ACCEPT_LANGUAGE="en")
    job = Job.objects.get()
    assert response["Location"] == reverse("job-detail", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.progress, job.result["created"], job.result["errors"]) == ("done", 100, 2, [])
    gym = Organization.objects.get(short_name="Гимназия № 1")
    assert (gym.municipality, gym.kind, gym.inn, gym.address, gym.district, gym.is_base) == (
        world.mun,
        "kindergarten",
        "7701234567",
        "ул. Ленина, 1",
        district,
        True,
    )
    assert gym.full_name == "Муниципальное автономное общеобразовательное учреждение «Гимназия № 1»"
    assert (gym.director, gym.email, gym.phone, gym.website, gym.updated_by) == (
        "Смирнова Н. П.",
        "gym1@example.ru",
        "+7 (3452) 11-22-33",
        "https://gym1.example.ru",
        world.department,
    )
    cdt = Organization.objects.get(short_name="ЦДТ")
    assert (cdt.municipality, cdt.kind, cdt.inn, cdt.district, cdt.is_base, cdt.website) == (
        world.mun,
        "additional",
        "770123456789",
        None,
        False,
        "",
    )
    entry = ActionLog.objects.get(code="territory.organization.imported")
    assert entry.data == {"importer": "territory.organizations", "file": "orgs.xlsx", "rows": 2, "created": 2}


@pytest.mark.django_db
def test_errors_write_nothing(world, django_capture_on_commit_callbacks):
    DistrictFactory(municipality=world.other_mun, name="Южный округ")
    rows = [
        row(world.mun.name, "Лицей № 2"),  # 2: valid
        row(world.mun.name, "Лицей № 3", inn="12345"),  # 3
        row("Атлантида", "Лицей № 4"),  # 4
        row(world.other_mun.name, "Лицей № 5"),  # 5: not visible to this department
        row(world.mun.name, "", Тип="завод", Базовая="часто"),  # 6
        row(world.mun.name, "Лицей № 7", **{"Образовательный округ": "Южный округ"}),  # 7
        row(world.mun.name, "Лицей № 8", **{"E-mail": "почта"}),  # 8
        row(world.mun.name, "Лицей № 9", Сайт="http://"),  # 9
    ]
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.department, rows)
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error == "The file has 9 errors; nothing was written."
    types = (
        "general education school, preschool organization, additional education organization, methodological "
        "service, vocational education organization, education authority, other"
    )
    assert job.result["errors"] == [
        {"row": 3, "column": "ИНН", "message": "«12345» is not an INN: it must have 10 or 12 digits."},
        {"row": 4, "column": "Муниципалитет", "message": "Municipality «Атлантида» was not found."},
        {"row": 5, "column": "Муниципалитет", "message": f"Municipality «{world.other_mun.name}» was not found."},
        {"row": 6, "column": "Краткое наименование", "message": "A value is required."},
        {"row": 6, "column": "Тип", "message": f"«завод» is not one of: {types}."},
        {"row": 6, "column": "Базовая", "message": "«часто» is not yes or no."},
        {
            "row": 7,
            "column": "Образовательный округ",
            "message": f"The municipality «{world.mun.name}» has no educational district «Южный округ».",
        },
        {"row": 8, "column": "E-mail", "message": "«почта» is not an e-mail address."},
        {"row": 9, "column": "Сайт", "message": "Enter a valid URL."},
    ]
    assert job.result["error_count"] == 9
    assert snapshot() == before
    assert not ActionLog.objects.filter(code="territory.organization.imported").exists()


@pytest.mark.django_db
def test_municipality_outside_scope_is_named_to_who_sees_it(world, django_capture_on_commit_callbacks):
    both = make_user("both", "department", "municipality", world.mun)
    grant_role(both, "regional", "region", world.region)
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(both, [row(world.other_mun.code, "Лицей № 5"), row(world.far_mun.name, "Лицей № 6")])
    job.refresh_from_db()
    assert job.result["errors"] == [
        {
            "row": 2,
            "column": "Муниципалитет",
            "message": f"You may not import organizations into the municipality «{world.other_mun.code}».",
        },
        {"row": 3, "column": "Муниципалитет", "message": f"Municipality «{world.far_mun.name}» was not found."},
    ]
    assert snapshot() == before


@pytest.mark.django_db
def test_duplicates_in_database_and_file(world, django_capture_on_commit_callbacks):
    world.other_org.inn = "5501234567"
    world.other_org.save()
    rows = [
        row(world.mun.name, world.org.short_name.upper()),  # 2: the same short name in the municipality
        row(world.mun.name, "Школа № 100", inn="5501234567"),  # 3: the INN of another municipality's school
        row(world.mun.name, "Школа № 101", inn="5509999999"),  # 4
        row(world.mun.name, "школа  № 101"),  # 5: the same name as row 4
        row(world.mun.name, "Школа № 102", inn="5509999999"),  # 6: the same INN as row 4
        row(world.other_mun.name, world.org.short_name),  # 7: (not visible to the department) not a duplicate
    ]
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.department, rows[:3])
    job.refresh_from_db()
    assert job.result["errors"] == [
        {
            "row": 2,
            "column": "Краткое наименование",
            "message": "An organization with this short name is already in the municipality: "
            f"{world.org.full_name} (record {world.org.pk}).",
        },
        {"row": 3, "column": "ИНН", "message": "An organization with this INN is already in the registry."},
    ]
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.department, rows[2:5])
    job.refresh_from_db()
    assert job.result["errors"] == [
        {
            "row": 3,
            "column": "Краткое наименование",
            "message": "The same short name in the same municipality as in row 2.",
        },
        {"row": 4, "column": "ИНН", "message": "The same INN as in row 2."},
    ]
    assert snapshot() == before

    regional_department = make_user("rd", "department", "municipality", world.other_mun)
    grant_role(regional_department, "regional", "region", world.region)
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(regional_department, [row(world.other_mun.name, "Школа № 200", inn="5501234567"), rows[5]])
    job.refresh_from_db()
    assert job.result["errors"] == [
        {
            "row": 2,
            "column": "ИНН",
            "message": "An organization with this INN is already in the registry: "
            f"{world.other_org.short_name}, {world.other_mun.name}.",
        },
    ]
    assert snapshot() == before


@pytest.mark.django_db
def test_csv_cp1251(world, django_capture_on_commit_callbacks):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADERS)
    writer.writerow(row(world.mun.name, "Школа «Ёлочка»", inn="7700000001", Тип="школа"))
    upload = SimpleUploadedFile("orgs.csv", buffer.getvalue().encode("cp1251"))
    with django_capture_on_commit_callbacks(execute=True):
        job = run_rows(world.department, None, file=upload)
    job.refresh_from_db()
    assert (job.status, job.result["created"]) == ("done", 1)
    org = Organization.objects.get(short_name="Школа «Ёлочка»")
    assert (org.municipality, org.inn, org.kind, org.full_name) == (
        world.mun,
        "7700000001",
        "school",
        "Муниципальное учреждение «Школа «Ёлочка»»",
    )


@pytest.mark.django_db
def test_without_import_code_403(client, world, django_capture_on_commit_callbacks):
    for user in (world.no_role, world.regional, world.org_admin):
        before = snapshot()
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(IMPORT_URL, {"file": xlsx_file([row(world.mun.name, "Лицей № 9")])})
        assert response.status_code == 403
        assert client.get(IMPORT_URL).status_code == 403
        assert client.get(reverse("territory:organization-import-template")).status_code == 403
        assert "organizations/import/" not in client.get("/territory/organizations/").content.decode()
        assert snapshot() == before
        assert Job.objects.count() == 0


@pytest.mark.django_db
def test_import_page_and_template(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.department)
    assert IMPORT_URL in client.get("/territory/organizations/").content.decode()
    page = client.get(IMPORT_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("territory:organization-import-template") in page
    response = client.get(reverse("territory:organization-import-template"), HTTP_ACCEPT_LANGUAGE="en")
    headers = read_xlsx(response.content)[0]
    assert headers == [
        "Municipality *",
        "Short name *",
        "Full official name *",
        "Type",
        "INN",
        "Address",
        "Educational district",
        "Base organization",
        "Director",
        "E-mail",
        "Phone",
        "Website",
    ]
    values = [world.mun.code, "СОШ № 77", "Средняя школа № 77", "", "", "", "", "", "", "", "", ""]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(IMPORT_URL, {"file": xlsx_file([values], headers=headers)}, HTTP_ACCEPT_LANGUAGE="en")
    job = Job.objects.get()
    job.refresh_from_db()
    assert (job.status, job.result["created"]) == ("done", 1)
    assert Organization.objects.get(short_name="СОШ № 77").kind == "school"


@pytest.mark.django_db
def test_wrong_type_refused(client, world):
    client.force_login(world.department)
    before = snapshot()
    response = client.post(
        IMPORT_URL,
        {"file": SimpleUploadedFile("orgs.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(50))},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["The file content does not match its type .xlsx."]
    assert Job.objects.count() == 0
    assert snapshot() == before
