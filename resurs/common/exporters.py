"""XLSX export: an exporter yields rows; the writer streams them into a real workbook (constant memory).

The workbook is ready to print and to read: column widths follow the content (within bounds), text wraps and its row
grows to fit, dates are date cells with a date format, and the sheet prints landscape on A4, fitted to the page
width, with the header row repeated on every page."""

import io
import itertools
from datetime import date, datetime

import xlsxwriter
from django.utils import timezone

MIN_WIDTH, MAX_WIDTH = 8, 40  # column widths, in characters; longer text wraps
DATE_WIDTH, DATETIME_WIDTH = 11, 16
SAMPLE_ROWS = 500  # the widths follow the first rows: the rest streams through with the memory kept constant
LINE_HEIGHT, MAX_LINES = 15, 8  # points per line of the default 11 pt font; a row grows to at most 8 lines
A4 = 9  # xlsxwriter's paper code


class Exporter:
    """Subclasses set `columns` [(header, function(row_object) -> value)] and yield objects from `rows()`."""

    title = "export"
    columns = ()

    def __init__(self, queryset):
        self.queryset = queryset

    def rows(self):
        yield from self.queryset.iterator(chunk_size=2000)

    def headers(self):
        return [str(header) for header, _ in self.columns]

    def values(self, obj):
        return [getter(obj) for _, getter in self.columns]


def _width(value):
    """Characters a column needs to show the value on one line."""
    if isinstance(value, datetime):
        return DATETIME_WIDTH
    if isinstance(value, date):
        return DATE_WIDTH
    if isinstance(value, bool):
        return 6
    if isinstance(value, (int, float)):
        return len(str(value))
    return max((len(line) for line in str(value).splitlines()), default=0)


def _header_width(header):
    """A header wraps: it needs its longest word, but not less than a third of its length (at most three lines)."""
    words = str(header).split()
    return max(max((len(w) for w in words), default=0), -(-len(str(header)) // 3))


def _lines(values, widths):
    """How many lines the tallest text of the row wraps to in its column (the row is given that height, since
    LibreOffice keeps the default height of a row written without one)."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if isinstance(value, str) and value:
            usable = max(width - 1, 1)
            lines = max(lines, sum(-(-max(len(line), 1) // usable) for line in value.splitlines()))
    return min(lines, MAX_LINES)


def write_xlsx(title, headers, rows, progress=None, total=None):
    """Return the bytes of an .xlsx with a bold header row and the rows (lists of plain values)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": True, "remove_timezone": True})
    book.set_properties({"title": str(title), "comments": ""})
    sheet = book.add_worksheet(str(title)[:31])
    header_format = book.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF7", "border": 1}
    )
    text_format = book.add_format({"text_wrap": True, "valign": "top"})
    number_format = book.add_format({"valign": "top"})
    date_format = book.add_format({"num_format": "dd.mm.yyyy", "valign": "top", "align": "left"})
    datetime_format = book.add_format({"num_format": "dd.mm.yyyy hh:mm", "valign": "top", "align": "left"})
    headers = [str(header) for header in headers]
    rows = iter(rows)
    sample = list(itertools.islice(rows, SAMPLE_ROWS))
    widths = [_header_width(header) for header in headers]
    for values in sample:
        for col, value in enumerate(values[: len(widths)]):
            if value is not None and value != "":
                widths[col] = max(widths[col], _width(value))
    widths = [max(MIN_WIDTH, min(width + 2, MAX_WIDTH)) for width in widths]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    # In constant-memory mode a row's height is set before its cells are written.
    sheet.set_row(0, LINE_HEIGHT * _lines(headers, widths))
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, header_format)
    last_row = 0
    for index, values in enumerate(itertools.chain(sample, rows), start=1):
        last_row = index
        lines = _lines(values, widths)
        if lines > 1:
            sheet.set_row(index, LINE_HEIGHT * lines)
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, datetime):
                sheet.write_datetime(index, col, timezone.localtime(value).replace(tzinfo=None), datetime_format)
            elif isinstance(value, date):
                sheet.write_datetime(index, col, datetime(value.year, value.month, value.day), date_format)
            elif isinstance(value, bool):
                sheet.write_boolean(index, col, value, number_format)
            elif isinstance(value, (int, float)):
                sheet.write_number(index, col, value, number_format)
            else:
                sheet.write_string(index, col, str(value), text_format)
        if progress and index % 500 == 0:
            progress(index, total or index)
    sheet.freeze_panes(1, 0)
    if headers:
        sheet.autofilter(0, 0, max(last_row, 1), len(headers) - 1)
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)  # as wide as one page, as many pages down as it takes
    sheet.repeat_rows(0)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_footer("&C&P / &N")
    book.close()
    return buffer.getvalue()


def export(exporter, progress=None):
    total = exporter.queryset.count() if progress else None
    rows = (exporter.values(obj) for obj in exporter.rows())
    return write_xlsx(exporter.title, exporter.headers(), rows, progress=progress, total=total)
