"""Import of assessment aggregates through the common all-or-nothing importer: rows, report, replacement."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resurs.common.importers import start_import, template_xlsx
from resurs.common.models import Job
from resurs.common.testing import read_xlsx
from resurs.common.tests.matrix import db_state
from resurs.monitoring.models import AssessmentResult

pytestmark = pytest.mark.django_db

HEADER = [
    "Организация",
    "Год",
    "Процедура",
    "Предмет",
    "Класс",
    "Участники",
    "«2»",
    "«3»",
    "«4»",
    "«5»",
    "Средний балл",
    "Ниже минимального порога",
    "Подтвердили",
    "Понизили",
    "Повысили",
]


def xlsx(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("results.xlsx", out.getvalue())


def run_import(user, rows, capture):
    with capture(execute=True):
        job = start_import(name="monitoring.results", user=user, upload=xlsx(rows))
    job.refresh_from_db()
    return job


def test_import_writes_every_row_and_replaces_existing(world, django_capture_on_commit_callbacks):
    w = world
    name = w.org.short_name
    rows = [
        [name, 2025, "ВПР", "Математика", 5, 20, 2, 5, 8, 5, None, None, 17, 1, 2],
        [name, 2025, "ЕГЭ", "Русский язык", 11, 10, None, None, None, None, "61,5", 1, None, None, None],
        [w.org2.short_name, 2024, "ОГЭ", "Математика", 9, 12, 3, 4, 4, 1, None, None, None, None, None],
    ]
    job = run_import(w.department, rows, django_capture_on_commit_callbacks)
    assert job.status == Job.Status.DONE, job.result
    assert job.result["created"] == 3
    vpr = AssessmentResult.objects.get(organization=w.org, procedure="vpr")
    assert (vpr.participants, vpr.mark2, vpr.mark5, vpr.marks_confirmed, vpr.marks_raised) == (20, 2, 5, 17, 2)
    ege = AssessmentResult.objects.get(organization=w.org, procedure="ege")
    assert (str(ege.average_score), ege.below_minimum, ege.mark2) == ("61.50", 1, None)
    rows[0][6:10] = [4, 5, 6, 5]
    job = run_import(w.department, rows[:1], django_capture_on_commit_callbacks)
    assert job.status == Job.Status.DONE
    assert AssessmentResult.objects.count() == 3
    assert AssessmentResult.objects.get(organization=w.org, procedure="vpr").mark2 == 4


def test_import_with_errors_writes_nothing_and_reports_rows(world, django_capture_on_commit_callbacks):
    w = world
    before = db_state()
    rows = [
        [w.org.short_name, 2025, "ВПР", "Математика", 5, 20, 2, 5, 8, 4, None, None, None, None, None],
        [w.other_org.short_name, 2025, "ВПР", "Математика", 5, 10, 1, 3, 3, 3, None, None, None, None, None],
        [w.org.short_name, 2025, "ГИА", "Математика", 12, "много", 0, 0, 0, 0, None, None, None, None, None],
        [w.org2.short_name, 2025, "ЕГЭ", "Математика", 11, 10, None, None, None, None, None, None, None, None, None],
    ]
    job = run_import(w.department, rows, django_capture_on_commit_callbacks)
    assert job.status == Job.Status.FAILED
    errors = [(e["row"], e["column"]) for e in job.result["errors"]]
    assert errors == [
        (2, "Участники"),
        (3, "Организация"),
        (4, "Процедура"),
        (4, "Класс"),
        (4, "Участники"),
        (5, "Ниже минимального порога"),
    ]
    assert job.result["errors"][0]["message"] == "The marks add up to 19, not to the 20 participants."
    state = db_state()
    state.pop("common.Job")
    before.pop("common.Job")
    assert state == before


def test_template_has_the_headers():
    name, content = template_xlsx("monitoring.results")
    assert name == "monitoring-results-template.xlsx"
    assert read_xlsx(content)[0][:6] == [
        "Organization *",
        "Year *",
        "Procedure *",
        "Subject *",
        "Grade *",
        "Participants *",
    ]


def test_results_and_support_exports(mw, client, django_capture_on_commit_callbacks):
    from django.urls import reverse

    w = mw
    client.force_login(w.department)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("monitoring:result-list"), {"_export": "xlsx", "year": "2025", "organization": w.org.pk})
    job = Job.objects.get()
    rows = read_xlsx(job.result_file.open("rb"))
    assert rows[0][:6] == ["Organization", "Year", "Procedure", "Subject", "Grade", "Participants"]
    assert sorted(r[:6] + r[12:] for r in rows[1:]) == [
        [w.org.short_name, 2025, "VPR", "Математика", 5, 20, 70, 0, 2.7, 30, None],
        [w.org.short_name, 2025, "VPR", "Русский язык", 5, 10, 70, 0, 2.7, 30, None],
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("monitoring:support-list"), {"_export": "xlsx"})
    job = Job.objects.exclude(pk=job.pk).get()
    rows = read_xlsx(job.result_file.open("rb"))
    assert rows[1] == [
        w.org.short_name,
        w.mun.name,
        2025,
        "risk group (federal risk indicator)",
        w.center.name,
        None,
        1,
        0,
        "in progress",
    ]
