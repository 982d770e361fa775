"""Import of plan items (all or nothing, errors by row and column) and the exports: DOCX in the layout of 001
appendix 1 (recorded) and XLSX, both re-opened and compared with the items."""

import datetime
import hashlib
import io

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from resurs.audit.models import ActionLog
from resurs.catalogs.models import PlanSection
from resurs.common.models import Job
from resurs.common.testing import read_xlsx
from resurs.documents.engine import typeset
from resurs.documents.models import GeneratedDocument
from resurs.plans import services
from resurs.plans.models import Plan, PlanItem
from resurs.plans.tests.factories import add_item, build_world, item_values

pytestmark = pytest.mark.django_db

HEADERS = [
    "Раздел плана",
    "Форма работы",
    "Тема",
    "Дата",
    "Площадка",
    "Ответственный",
    "Участники",
    "Ожидаемый продукт",
]


@pytest.fixture
def w(world):
    return build_world(world)


def client_for(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def xlsx_file(rows, headers=HEADERS, name="plan.xlsx"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, plan, file, capture, version=None):
    before = set(Job.objects.values_list("pk", flat=True))
    plan.refresh_from_db()
    with capture(execute=True):
        response = client.post(
            reverse("plans:plan-import", args=[plan.pk]),
            {"file": file, "version": plan.version if version is None else version},
        )
    assert response.status_code == 302, response.content[:500]
    job = Job.objects.exclude(pk__in=before).get()
    assert response["Location"] == reverse("job-detail", args=[job.pk])
    job.refresh_from_db()
    return job


def items_of(plan):
    return list(
        plan.items.order_by("sort_order").values_list(
            "section__name",
            "form__name",
            "topic",
            "date",
            "date_precision",
            "venue__short_name",
            "is_online",
            "responsible",
            "audience",
            "expected_product",
        )
    )


def test_import_adds_every_row_with_exact_values(w, django_capture_on_commit_callbacks):
    y = w.year + 1
    rows = [
        [w.section.name, w.form.name, "Семинар «Функциональная грамотность»", datetime.datetime(y, 2, 12)]
        + [w.org2.short_name, "Иванова М. П.", "учителя математики", "презентация"],
        [w.section2.name.upper(), w.forms[1].name, "Открытый урок", "март " + str(y), "онлайн", "Петров П. П.", "", ""],
        [w.section2.name, w.forms[1].name, "Выставка", f"10.{y}", "", "Сидорова А. А.", None, None],
        [w.section.name, w.form.name, "Педагогические чтения", f"15.05.{y}", w.org.short_name, "Иванова М. П."],
    ]
    job = upload(client_for(w.head), w.plan, xlsx_file(rows), django_capture_on_commit_callbacks)
    assert (job.status, job.error) == ("done", "")
    assert job.params["options"] == {"plan": w.plan.pk, "version": w.plan.version}
    assert (job.result["rows"], job.result["created"], job.result["errors"]) == (4, 4, [])
    created = items_of(w.plan)[2:]
    assert created == [
        (
            w.section.name,
            w.form.name,
            "Семинар «Функциональная грамотность»",
            datetime.date(y, 2, 12),
            "day",
            w.org2.short_name,
            False,
            "Иванова М. П.",
            "учителя математики",
            "презентация",
        ),
        (w.section2.name, w.forms[1].name, "Открытый урок", datetime.date(y, 3, 1), "month", None, True)
        + ("Петров П. П.", "", ""),
        (w.section2.name, w.forms[1].name, "Выставка", datetime.date(y, 10, 1), "month", None, False)
        + ("Сидорова А. А.", "", ""),
        (w.section.name, w.form.name, "Педагогические чтения", datetime.date(y, 5, 15), "day", w.org.short_name)
        + (False, "Иванова М. П.", "", ""),
    ]
    plan = Plan.objects.get(pk=w.plan.pk)
    assert (plan.version, plan.updated_by) == (w.plan.version + 1, w.head)
    entry = ActionLog.objects.get(code="plans.items.imported")
    assert (entry.actor, entry.data["created"], entry.data["file"]) == (w.head, 4, "plan.xlsx")


def test_import_with_errors_writes_nothing_and_names_row_and_column(w, django_capture_on_commit_callbacks):
    y = w.year + 1
    rows = [
        [w.section.name, w.form.name, "Хорошая строка", f"12.02.{y}", "", "Иванова М. П."],
        ["Нет такого раздела", w.form.name, "Тема", f"12.02.{y}", "", "Иванова М. П."],
        [w.section.name, w.form.name, "Прошлый год", f"12.02.{w.year}", "", "Иванова М. П."],
        [w.section.name, w.form.name, "Чужая площадка", f"12.02.{y}", w.other_org.short_name, "Иванова М. П."],
        [w.section.name, "Танцы", "Без ответственного", "когда-нибудь", "", ""],
    ]
    before = items_of(w.plan)
    job = upload(client_for(w.organizer), w.plan, xlsx_file(rows), django_capture_on_commit_callbacks)
    assert job.status == "failed"
    assert job.error == "The file has 6 errors; nothing was written."
    assert [(e["row"], e["column"]) for e in job.result["errors"]] == [
        (3, "Раздел плана"),
        (4, "Дата"),
        (5, "Площадка"),
        (6, "Форма работы"),
        (6, "Дата"),
        (6, "Ответственный"),
    ]
    messages = [e["message"] for e in job.result["errors"]]
    assert messages[0] == "«Нет такого раздела» is not in the catalog «plan sections»."
    assert messages[1].startswith("The date must be within the plan's period (01.01.")
    assert messages[2].startswith(f"«{w.other_org.short_name}» is not an organization of the municipality")
    assert messages[4].startswith("«когда-нибудь» is neither a date")
    assert messages[5] == "A value is required."
    assert items_of(w.plan) == before
    assert Plan.objects.get(pk=w.plan.pk).version == w.plan.version


def test_import_against_a_changed_or_submitted_plan_writes_nothing(w, django_capture_on_commit_callbacks):
    y = w.year + 1
    rows = [[w.section.name, w.form.name, "Семинар", f"12.02.{y}", "", "Иванова М. П."]]
    client = client_for(w.head)
    stale = w.plan.version
    add_item(w.plan, w.organizer, **item_values(w.section, w.form, datetime.date(y, 6, 1), "Правка коллеги"))
    job = upload(client, w.plan, xlsx_file(rows), django_capture_on_commit_callbacks, version=stale)
    assert job.status == "failed"
    assert job.result["errors"] == [
        {
            "row": 0,
            "column": "",
            "message": "This record was changed by plan_organizer while you were editing it. Your input is kept "
            "below: reload the page to see the current data, then apply your changes again.",
        }
    ]
    assert w.plan.items.count() == 3
    # Submitted meanwhile (the page refuses up front; a job already queued refuses when it runs).
    services.submit(actor=w.head, plan=Plan.objects.get(pk=w.plan.pk))
    from resurs.common.importers import get_importer

    importer = get_importer("plans.items")(user=w.head, name="plans.items", options={"plan": w.plan.pk})
    report = importer.run(xlsx_file(rows).read(), "plan.xlsx")
    assert [e.column for e in report.errors] == [""]
    assert report.errors[0].message.startswith("This action is not allowed while the status is")
    assert w.plan.items.count() == 3
    # Without the plan, or with a plan the user may not change.
    for options in ({}, {"plan": w.sibling_plan.pk}):
        report = get_importer("plans.items")(user=w.head, name="plans.items", options=options).run(b"", "x.xlsx")
        assert [e.message for e in report.errors] == ["The plan was not found, or you may not change it."]


def test_import_template_has_the_columns(w):
    response = client_for(w.head).get(reverse("plans:import-template"))
    assert response["Content-Disposition"] == 'attachment; filename="plans-items-template.xlsx"'
    assert read_xlsx(response.content) == [
        [
            "Plan section *",
            "Form of work *",
            "Topic *",
            "Date *",
            "Venue",
            "Responsible person *",
            "Audience",
            "Expected product",
        ]
    ]


def export_world(w):
    """The draft plan with an online item, an item with a venue and an audience; one section stays empty."""
    y = w.year + 1
    add_item(
        w.plan,
        w.head,
        **item_values(w.section, w.forms[2], datetime.date(y, 1, 25), "Конференция", "Смирнова О. В.")
        | {"venue": w.org2, "audience": "педагоги", "expected_product": "сборник"},
    )
    add_item(w.plan, w.head, **item_values(w.section2, w.form, datetime.date(y, 9, 3), "Вебинар") | {"is_online": True})
    return Plan.objects.get(pk=w.plan.pk)


def test_docx_export_is_recorded_and_its_table_matches_the_items(w):
    plan = export_world(w)
    y = w.year + 1
    client = client_for(w.coordinator)
    response = client.post(reverse("plans:export-docx", args=[plan.pk]))
    document = GeneratedDocument.objects.get()
    assert response["Location"] == reverse("plans:document-download", args=[plan.pk, document.pk])
    assert (document.template_code, document.template_version, document.object_id, document.generated_by) == (
        "plans.plan",
        0,
        str(plan.pk),
        w.coordinator,
    )
    download = client.get(response["Location"])
    content = b"".join(download.streaming_content)
    assert hashlib.sha256(content).hexdigest() == document.checksum
    opened = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in opened.paragraphs)
    assert f"на {y} год" in text and "Цель: Развитие профмастерства" in text
    assert "Руководитель ресурсного центра" in text
    table = [
        [c.text for c in row.cells] for row in opened.tables[-1].rows
    ]  # the items table, after the agreement blocks
    expected = []
    for section in PlanSection.objects.filter(is_active=True).order_by("sort_order", "name"):
        items = plan.items.filter(section=section).order_by("date", "sort_order", "pk")
        rows = [
            [
                section.name if n == 0 else "",
                f"{i.form.name}: {i.topic}",
                i.date_display,
                i.venue_display,
                i.responsible,
            ]
            for n, i in enumerate(items)
        ]
        expected += rows or [[section.name, "", "", "", ""]]
    assert table[1:] == [[typeset(cell) for cell in row] for row in expected]  # «№» bound to its number
    assert table[1:4] == [
        [w.section.name, f"{w.forms[2].name}: Конференция", f"25.01.{y}", typeset(w.org2.short_name), "Смирнова О. В."],
        ["", f"{w.form.name}: Семинар по ФГОС", f"10.03.{y}", "", "Иванова М. П."],
        [w.section2.name, f"{w.forms[1].name}: Круглый стол", f"апрель {y}", "", "Иванова М. П."],
    ]
    assert table[4] == ["", f"{w.form.name}: Вебинар", f"03.09.{y}", "онлайн", "Иванова М. П."]
    assert 'id="plan-documents"' in client.get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()


def test_xlsx_export_matches_the_items(w):
    plan = export_world(w)
    y = w.year + 1
    response = client_for(w.department).get(reverse("plans:export-xlsx", args=[plan.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="plan-{plan.pk}-{y}.xlsx"'
    rows = read_xlsx(response.content)
    assert rows[0] == [
        "Plan section",
        "Form of work",
        "Topic",
        "Date",
        "Venue",
        "Responsible person",
        "Audience",
        "Expected product",
        "Execution",
        "New date",
        "Reason",
        "Done on",
    ]
    at = datetime.datetime
    assert rows[1:] == [
        [w.section.name, w.forms[2].name, "Конференция", at(y, 1, 25), w.org2.short_name, "Смирнова О. В."]
        + ["педагоги", "сборник", "planned", None, None, None],
        [w.section.name, w.form.name, "Семинар по ФГОС", at(y, 3, 10), None, "Иванова М. П."]
        + [None, None, "planned", None, None, None],
        [w.section2.name, w.forms[1].name, "Круглый стол", f"апрель {y}", None, "Иванова М. П."]
        + [None, None, "planned", None, None, None],
        [w.section2.name, w.form.name, "Вебинар", at(y, 9, 3), "онлайн", "Иванова М. П."]
        + [None, None, "planned", None, None, None],
    ]
    assert len(rows) - 1 == PlanItem.objects.filter(plan=plan).count()


def test_xlsx_export_shows_execution(w):
    plan = w.agreed
    services.set_execution(
        actor=w.head, item=w.agreed_item, execution="rescheduled", reason="Карантин", new_date=plan.period_end
    )
    rows = read_xlsx(client_for(w.head).get(reverse("plans:export-xlsx", args=[plan.pk])).content)
    assert rows[1][8:] == ["rescheduled", datetime.datetime(w.year - 1, 12, 31), "Карантин", None]


def test_plans_list_export_job(w, django_capture_on_commit_callbacks):
    client = client_for(w.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("plans:plan-list"), {"_export": "xlsx", "status": "agreed"})
    job = Job.objects.get()
    assert response["Location"] == reverse("job-detail", args=[job.pk])
    job.refresh_from_db()
    rows = read_xlsx(job.result_file.open("rb"))
    assert rows[0][:5] == ["Center", "Association", "Municipality", "Period", "Status"]
    assert [r[:5] + r[8:] for r in rows[1:]] == [
        [w.center.name, None, w.mun.name, str(w.year - 1), "agreed", 1, 0, 0, 1],
    ]
