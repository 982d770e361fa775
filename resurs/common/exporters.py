"""XLSX export: an exporter yields rows; the writer streams them into a real workbook (constant memory).

The workbook is ready to print and to read: column widths follow the content (within bounds), text wraps, dates are
date cells with a date format, and the sheet prints landscape on A4, fitted to the page width, with the header row
repeated on every page."""

import io
from datetime import date, datetime

import xlsxwriter
from django.utils import timezone

MIN_WIDTH, MAX_WIDTH = 8, 60  # column widths, in characters
DATE_WIDTH, DATETIME_WIDTH = 11, 16
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


def _text_width(text):
    """Characters a column needs to show the text: its longest line (a wrapped header needs its longest word)."""
    return max((len(line) for line in str(text).splitlines()), default=0)


def _header_width(header):
    """A header wraps: it needs its longest word, but not less than a third of its length (at most three lines)."""
    words = str(header).split()
    return max(max((len(w) for w in words), default=0), -(-len(str(header)) // 3))


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
    widths = [_header_width(header) for header in headers]
    for col, header in enumerate(headers):
        sheet.write_string(0, col, str(header), header_format)
    last_row = 0
    for index, values in enumerate(rows, start=1):
        last_row = index
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, datetime):
                sheet.write_datetime(index, col, timezone.localtime(value).replace(tzinfo=None), datetime_format)
                width = DATETIME_WIDTH
            elif isinstance(value, date):
                sheet.write_datetime(index, col, datetime(value.year, value.month, value.day), date_format)
                width = DATE_WIDTH
            elif isinstance(value, bool):
                sheet.write_boolean(index, col, value, number_format)
                width = 6
            elif isinstance(value, (int, float)):
                sheet.write_number(index, col, value, number_format)
                width = len(str(value))
            else:
                sheet.write_string(index, col, str(value), text_format)
                width = _text_width(value)
            if col < len(widths) and width > widths[col]:
                widths[col] = width
        if progress and index % 500 == 0:
            progress(index, total or index)
    # Column widths are written when the book closes, so they can follow the content streamed above.
    for col, width in enumerate(widths):
        sheet.set_column(col, col, max(MIN_WIDTH, min(width + 2, MAX_WIDTH)))
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
