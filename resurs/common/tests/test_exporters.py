"""The XLSX writer behind every list export: widths from the content, wrapped text, print setup, real date cells,
Russian headers in the language of the user who asked for the export."""

import datetime
import io
import re

import openpyxl
import pytest
from django.utils import translation

from resurs.common import exports
from resurs.common.exporters import MAX_WIDTH, export, write_xlsx
from resurs.common.models import Job
from resurs.common.testing import convert_contents_with_libreoffice, read_xlsx

LONG = "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»"
PADDING = 0.7109375  # what xlsxwriter adds to a width in characters


def workbook():
    rows = [
        ["СОШ № 1", LONG, datetime.date(2026, 3, 10), datetime.datetime(2026, 3, 10, 9, 30, tzinfo=datetime.UTC), 12],
        ["Лицей № 2", "", None, None, 3.5],
    ]
    headers = ["Организация", "Полное наименование организации", "Дата", "Отправлено", "Число"]
    content = write_xlsx("Организации", headers, rows)
    return content, openpyxl.load_workbook(io.BytesIO(content)).active


def test_widths_follow_the_content_within_bounds():
    _content, sheet = workbook()
    widths = [sheet.column_dimensions[c].width - PADDING for c in "ABCDE"]
    assert widths == [
        len("Организация") + 2,  # the header is the longest text
        MAX_WIDTH,  # a long name is bounded; it wraps
        11 + 2,  # a date
        16 + 2,  # a date with time
        8,  # the minimum
    ]


def test_text_wraps_and_dates_are_date_cells():
    _content, sheet = workbook()
    assert sheet["B2"].alignment.wrap_text and sheet["A1"].alignment.wrap_text and sheet["A1"].font.bold
    assert (sheet["C2"].value, sheet["C2"].number_format, sheet["C2"].is_date) == (
        datetime.datetime(2026, 3, 10),
        "dd.mm.yyyy",
        True,
    )
    assert (sheet["D2"].number_format, sheet["D2"].is_date) == ("dd.mm.yyyy hh:mm", True)
    assert (sheet["E2"].data_type, sheet["E3"].value) == ("n", 3.5)
    assert sheet["C3"].value is None  # an empty value stays an empty cell


def test_a_wrapped_row_is_as_tall_as_its_text():
    _content, sheet = workbook()
    # 96 characters in a column of 40 wrap to 3 lines of 15 pt; LibreOffice would keep a single line's height.
    # The header and the short row keep the default height (not written).
    heights = [sheet.row_dimensions[row].height for row in (1, 2, 3)]
    assert heights == [None, 45, None]


def test_print_setup():
    _content, sheet = workbook()
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToHeight) == ("landscape", 9, 0)
    assert setup.fitToWidth in (None, 1)  # 1 is the default and is not written
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$1:$1"
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:E3")


def registered_headers():
    return {name: entry["exporter"](None).headers() for name, entry in exports._exports.items()}


def test_every_list_export_has_russian_headers():
    with translation.override("ru"):
        headers = registered_headers()
    assert set(headers) >= {"people.teachers", "centers.centers", "plans.plans", "territory.organizations"}
    latin = {name: [h for h in row if re.search(r"[A-Za-z]", h)] for name, row in headers.items()}
    assert latin == {name: [] for name in headers}


@pytest.mark.django_db
def test_export_job_uses_the_language_of_the_user_who_started_it(world, django_capture_on_commit_callbacks):
    with translation.override("ru"), django_capture_on_commit_callbacks(execute=True):
        job = exports.start_export(name="people.teachers", user=world.department, params={})
    job = Job.objects.get(pk=job.pk)
    assert (job.status, job.params["language"]) == ("done", "ru")
    with job.result_file.open("rb") as handle:
        rows = read_xlsx(handle.read())
    assert rows[0][:3] == ["Фамилия", "Имя", "Отчество"]
    assert rows[1][0] == world.teacher.surname


@pytest.mark.office
@pytest.mark.django_db
def test_list_export_opens_in_libreoffice(world):
    entry = exports.get_export("territory.organizations")
    with translation.override("ru"):
        content = export(entry["exporter"](entry["queryset"]()))
    assert read_xlsx(content)[0][:2] == ["Муниципалитет", "Краткое наименование"]
    pdf = convert_contents_with_libreoffice({"organizations.xlsx": content})["organizations.xlsx"]
    assert pdf.startswith(b"%PDF-")
