"""Test helpers shared by every app: query counting and workbook reading."""

import io

import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext


class count_queries(CaptureQueriesContext):
    """with count_queries() as q: ...; q.count"""

    def __init__(self):
        super().__init__(connection)

    @property
    def count(self):
        return len(self.captured_queries)


def read_xlsx(content):
    """Rows of the first sheet of an .xlsx (bytes or file), as lists of cell values."""
    if hasattr(content, "read"):
        content = content.read()
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
