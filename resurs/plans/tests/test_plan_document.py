"""The plan DOCX as the form of 001 appendix 1: agreement blocks, the owner in the genitive, a table LibreOffice lays
out as designed (fixed widths, repeated header, rows kept whole), the academic year of an association's plan."""

import datetime
import io
import re
from urllib.parse import quote

import docx
import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation
from docx.oxml.ns import qn

from resurs.accounts.testing import make_user
from resurs.catalogs.models import PlanSection, WorkForm
from resurs.centers.models import Association, StaffAssignment
from resurs.centers.tests.factories import CenterFactory
from resurs.common.testing import convert_contents_with_libreoffice
from resurs.people.tests.factories import TeacherFactory
from resurs.plans import exports, services

pytestmark = pytest.mark.django_db

NB = "\u00a0"
WIDTHS = [2041, 2721, 1304, 1474, 1814]  # 3.6 + 4.8 + 2.3 + 2.6 + 3.2 cm = 16.5 cm, the text width of the page


@pytest.fixture
def w(world):
    world.org.short_name, world.org.director = "МБОУ «СОШ № 1»", "Петрова Анна Сергеевна"
    world.org.save()
    world.center = CenterFactory(organization=world.org, name="Ресурсный центр «Цифровая школа»")
    world.head = make_user("head", "center_head", "center", world.center)
    world.coordinator = make_user(
        "coord", "coordinator", "center", world.center, last_name="Соколов", first_name="Игорь", patronymic="Ильич"
    )
    StaffAssignment.objects.create(
        center=world.center,
        role="coordinator",
        user=world.coordinator,
        full_name=world.coordinator.full_name,
        position="Главный специалист департамента образования",
        starts_on=datetime.date(2026, 1, 1),
    )
    world.section = PlanSection.objects.order_by("sort_order").first()
    world.form = WorkForm.objects.order_by("sort_order").first()
    return world


def plan_with_item(w, association=None, year=2026, items=1):
    plan = services.create_plan(actor=w.head, center=w.center, association=association, year=year, goal="Развитие")
    for n in range(items):
        services.save_item(
            actor=w.head,
            plan=plan,
            version=plan.version,
            section=w.section,
            form=w.form,
            topic=f"Семинар {n + 1}",
            date=plan.period_start + datetime.timedelta(days=n % 200),
            responsible="Иванова М. П.",
        )
        plan.refresh_from_db()
    return plan


def opened(record):
    with record.file.open("rb") as handle:
        return docx.Document(io.BytesIO(handle.read()))


def blocks(document):
    return [cell.text for cell in document.tables[0].rows[0].cells]


def test_agreement_block_is_blank_until_agreed_then_names_who_and_when(w):
    plan = plan_with_item(w)
    document = opened(services.issue_document(actor=w.head, plan=plan))
    assert blocks(document) == [
        "СОГЛАСОВАНО\n" + "_" * 32 + "\n____________ /________________/\n«___» ____________ 20___ г.",
        f"УТВЕРЖДАЮ\nДиректор МБОУ «СОШ №{NB}1»\n____________ А.С.{NB}Петрова\n«___» ____________ 20___ г.",
    ]
    services.submit(actor=w.head, plan=plan)
    services.agree(actor=w.coordinator, plan=plan)
    plan.refresh_from_db()
    plan.agreed_revision.decided_at = datetime.datetime(2026, 1, 20, 9, 0, tzinfo=datetime.UTC)
    plan.agreed_revision.save()
    document = opened(services.issue_document(actor=w.head, plan=plan))
    assert blocks(document)[0] == (
        f"СОГЛАСОВАНО\nГлавный специалист департамента образования\n____________ И.И.{NB}Соколов\n«20» января 2026 г."
    )
    # A new revision in preparation is not covered by the earlier agreement.
    services.start_revision(actor=w.head, plan=plan)
    plan.refresh_from_db()
    document = opened(services.issue_document(actor=w.head, plan=plan))
    assert (
        blocks(document)[0]
        == "СОГЛАСОВАНО\n" + "_" * 32 + "\n____________ /________________/\n«___» ____________ 20___ г."
    )


def test_title_names_the_owner_in_the_genitive(w):
    plan = plan_with_item(w)
    record = services.issue_document(actor=w.head, plan=plan)
    text = [p.text for p in opened(record).paragraphs]
    assert text[1:4] == ["План работы", "ресурсного центра «Цифровая школа»", f"на базе МБОУ «СОШ №{NB}1»"]
    assert text[4] == "на 2026 год"
    assert record.download_name == "План работы ресурсного центра «Цифровая школа» на 2026 год.docx"
    core = opened(record).core_properties
    assert (core.title, core.language) == ("План работы ресурсного центра «Цифровая школа» на 2026 год", "ru-RU")


def test_association_plan_is_for_the_academic_year(w):
    w.center.kind.planning_period = "academic"
    w.center.kind.save()
    head = TeacherFactory(organization=w.org, surname="Орлова", name="Елена", patronymic="Викторовна")
    gmo = Association.objects.create(center=w.center, kind="gmo", name="ГМО учителей математики", head=head)
    plan = plan_with_item(w, association=gmo)
    document = opened(services.issue_document(actor=w.head, plan=plan))
    text = [p.text for p in document.paragraphs]
    assert text[1:5] == ["План работы", "ГМО учителей математики", "", "на 2026/2027 учебный год"]
    assert "Календарно-тематическое планирование на 2026/2027 учебный год" in text
    assert text[-1] == f"Руководитель профессионального объединения\tЕ.В.{NB}Орлова"
    assert blocks(document)[1] == (
        "Утверждено на заседании\nГМО учителей математики\nПротокол №\u00a0____\nот «___» ____________ 20___ г."
    )


def test_table_has_fixed_widths_a_repeated_header_and_whole_rows(w):
    plan = plan_with_item(w, items=3)
    table = opened(services.issue_document(actor=w.head, plan=plan)).tables[-1]
    tbl = table._tbl
    assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")) == str(sum(WIDTHS))
    assert [int(col.get(qn("w:w"))) for col in tbl.tblGrid.findall(qn("w:gridCol"))] == WIDTHS
    rows = table.rows
    assert len(rows) == 1 + 2 + PlanSection.objects.filter(is_active=True).count()  # 3 items in the first section
    for row in rows:
        assert [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in row._tr.tc_lst] == WIDTHS
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])


def test_plan_document_downloads_under_its_readable_name(client, w):
    plan = plan_with_item(w)
    record = services.issue_document(actor=w.head, plan=plan)
    client.force_login(w.head)
    response = client.get(reverse("plans:document-download", args=[plan.pk, record.pk]))
    assert response.status_code == 200
    readable = quote("План работы ресурсного центра «Цифровая школа» на 2026 год.docx", safe="")
    fallback = "Plan raboty resursnogo tsentra Tsifrovaya shkola na 2026 god.docx"
    assert response["Content-Disposition"] == f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{readable}"


@pytest.mark.office
def test_plan_docx_opens_in_libreoffice(w):
    plan = plan_with_item(w, items=40)  # several pages: the header repeats, no row is split
    with services.issue_document(actor=w.head, plan=plan).file.open("rb") as handle:
        pdf = convert_contents_with_libreoffice({"plan.docx": handle.read()})["plan.docx"]
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)) >= 2  # it did lay out more than one page


@pytest.mark.office
def test_plan_xlsx_is_russian_has_date_cells_and_opens_in_libreoffice(w):
    plan = plan_with_item(w, items=2)
    with translation.override("ru"):
        _name, content = exports.plan_items_xlsx(plan)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    headers = [c.value for c in sheet[1]]
    assert not [h for h in headers if re.search(r"[A-Za-z]", h)], headers
    date_column = headers.index("Дата") + 1
    cell = sheet.cell(row=2, column=date_column)
    assert (cell.value, cell.number_format, cell.is_date) == (datetime.datetime(2026, 1, 1), "dd.mm.yyyy", True)
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    pdf = convert_contents_with_libreoffice({"plan.xlsx": content})["plan.xlsx"]
    assert pdf.startswith(b"%PDF-")
