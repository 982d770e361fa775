"""XLSX export: an exporter yields rows; the writer streams them into a real workbook (constant memory)."""

import io
from datetime import date, datetime

import xlsxwriter
from django.utils import timezone


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


def write_xlsx(title, headers, rows, progress=None, total=None):
    """Return the bytes of an .xlsx with a bold header row and the rows (lists of plain values)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": True, "remove_timezone": True})
    sheet = book.add_worksheet(str(title)[:31])
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF7"})
    date_format = book.add_format({"num_format": "dd.mm.yyyy"})
    datetime_format = book.add_format({"num_format": "dd.mm.yyyy hh:mm"})
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, bold)
        sheet.set_column(col, col, max(12, min(len(header) + 4, 40)))
    sheet.freeze_panes(1, 0)
    for index, values in enumerate(rows, start=1):
        for col, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, datetime):
                sheet.write_datetime(index, col, timezone.localtime(value).replace(tzinfo=None), datetime_format)
            elif isinstance(value, date):
                sheet.write_datetime(index, col, datetime(value.year, value.month, value.day), date_format)
            elif isinstance(value, bool):
                sheet.write_boolean(index, col, value)
            elif isinstance(value, (int, float)):
                sheet.write_number(index, col, value)
            else:
                sheet.write_string(index, col, str(value))
        if progress and index % 500 == 0:
            progress(index, total or index)
    book.close()
    return buffer.getvalue()


def export(exporter, progress=None):
    total = exporter.queryset.count() if progress else None
    rows = (exporter.values(obj) for obj in exporter.rows())
    return write_xlsx(exporter.title, exporter.headers(), rows, progress=progress, total=total)
