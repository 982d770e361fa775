"""All-or-nothing table imports (SPEC §3): an XLSX/CSV file is checked row by row, written only if every row is valid.

The flow of one import:

1. `start_import(name=, user=, upload=)` (called by the import page and by the REST endpoint) checks the import
   permission and the file type, stores the file under MEDIA_ROOT/imports/ and queues a `common.import` job.
2. The job reads the table (XLSX through openpyxl, CSV in UTF-8 with or without BOM or in cp1251, `;` or `,`),
   maps the header to the importer's columns, parses and checks every row (`Importer.validate_row`), then looks for
   duplicates inside the file and in the database. Progress is reported on the job page throughout.
3. Any error: the job fails with a report of rows, columns and messages, and nothing is written.
   No error: the rows are written in one transaction (duplicates re-checked inside it), with one action-log
   entry per import. The stored upload is deleted when the job ends (it holds personal data, 152-ФЗ).

The job's `result` is the report (`ImportReport.as_dict()`): importer, file, rows, created, error_count,
errors (at most MAX_ERRORS entries of {row, column, message}).
"""

import csv
import io
import os
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import hooks
from .errors import PermissionDeniedError, ServiceError
from .jobs import enqueue, job_handler
from .models import Job
from .permissions import code_for
from .scoping import has_code, instance_in_scope
from .uploads import TABLE_TYPES, validate_upload

JOB_KIND = "common.import"
MAX_ERRORS = 1000
HEADER_ROW = 1

_importers = {}


# --- errors and report ----------------------------------------------------------------------------------------------


class CellError(Exception):
    """A parser refused a cell value; the message says what is wrong (already translated)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class RowError:
    """One problem of the file: the sheet row number (the header is row 1), the column as headed in the file."""

    row: int
    column: str
    message: str

    def as_dict(self):
        return {"row": self.row, "column": self.column, "message": str(self.message)}


@dataclass
class ImportReport:
    """The outcome of one import: what was read, what was created, and the first MAX_ERRORS errors."""

    importer: str
    file: str
    rows: int = 0
    created: int = 0
    error_count: int = 0
    errors: list = field(default_factory=list)

    def add(self, error):
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(error)

    def extend(self, errors):
        for error in errors:
            self.add(error)

    @property
    def ok(self):
        return self.error_count == 0

    def as_dict(self):
        return {
            "importer": self.importer,
            "file": self.file,
            "rows": self.rows,
            "created": self.created,
            "error_count": self.error_count,
            "errors": [e.as_dict() for e in self.errors],
        }


class ImportRejected(ServiceError):
    """The file has errors; nothing was written. The report is on the job."""

    code = "import_rejected"


# --- cell parsers ---------------------------------------------------------------------------------------------------


def normalize(value):
    """Comparison form of a header, a name or a catalog entry: trimmed, single-spaced, case-folded, ё as е."""
    return " ".join(str(value).replace("*", " ").split()).casefold().replace("ё", "е")


def is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value):
    """A cell as text: whole numbers without '.0' (phones and INNs typed as numbers), dates as dd.mm.yyyy."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return " ".join(str(value).split())


def parse_text(value):
    return as_text(value)


def parse_date(value):
    """A real Excel date, or text dd.mm.yyyy (also yyyy-mm-dd)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = as_text(value)
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if parsed.year >= 1900:
            return parsed
    raise CellError(_("«%(value)s» is not a date; use the format dd.mm.yyyy.") % {"value": text})


def parse_count(value):
    """A whole non-negative number (years of experience)."""
    if isinstance(value, bool):
        raise CellError(_("«%(value)s» is not a whole number.") % {"value": as_text(value)})
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = as_text(value)
        if not text.isdigit():
            raise CellError(_("«%(value)s» is not a whole number.") % {"value": text})
        number = int(text)
    if number < 0 or number > 100:
        raise CellError(_("%(value)s is out of range: expected 0 to 100.") % {"value": number})
    return number


def parse_email(value):
    text = as_text(value)
    try:
        validate_email(text)
    except ValidationError:
        raise CellError(_("«%(value)s» is not an e-mail address.") % {"value": text})
    return text


# Tokens of yes/no cells besides the current language's «yes»/«no»: the file format is Russian-first.
_YES = {"да", "д", "yes", "y", "1", "true", "истина", "+"}
_NO = {"нет", "н", "no", "n", "0", "false", "ложь", "-"}


def parse_bool(value):
    if isinstance(value, bool):
        return value
    text = normalize(as_text(value))
    if text in _YES or text == normalize(_("yes")):
        return True
    if text in _NO or text == normalize(_("no")):
        return False
    raise CellError(_("«%(value)s» is not yes or no.") % {"value": as_text(value)})


def parse_choice(choices, aliases=None):
    """A parser for a TextChoices field: the stored value, or the label in Russian or English, or an alias."""

    lookup = {}

    def parser(value):
        if not lookup:  # built on first use: translations are not ready when the importers are declared
            lookup.update({normalize(k): v for k, v in (aliases or {}).items()})
            for stored, label in choices:
                lookup[normalize(stored)] = stored
                for language in ("ru", "en"):
                    with translation.override(language):
                        lookup[normalize(label)] = stored
        text = normalize(as_text(value))
        if text in lookup:
            return lookup[text]
        allowed = ", ".join(str(label) for _stored, label in choices)
        raise CellError(_("«%(value)s» is not one of: %(allowed)s.") % {"value": as_text(value), "allowed": allowed})

    return parser


PARSER_HINTS = {
    parse_date: gettext_lazy("a date, dd.mm.yyyy"),
    parse_count: gettext_lazy("a whole number of years"),
    parse_bool: gettext_lazy("yes or no"),
}


# --- importer base --------------------------------------------------------------------------------------------------


class Column:
    """One column of the file: the model field it fills, its header, whether a value is required, its parser.

    `header` is translated (the template shows it in the user's language); `aliases` are further accepted headers,
    among them the Russian names of the documented file format, so a file is read whatever the interface language.
    The parser receives a non-empty raw cell value and returns the parsed value or raises CellError.
    """

    def __init__(self, field, header, *, required=False, parser=parse_text, default=None, aliases=(), hint=None):
        self.field = field
        self.header = header
        self.required = required
        self.parser = parser
        self.default = default
        self.aliases = tuple(aliases)
        self.hint = hint if hint is not None else PARSER_HINTS.get(parser, "")

    def header_keys(self):
        keys = {normalize(self.field), normalize(self.header)}
        for language in ("ru", "en"):
            with translation.override(language):
                keys.add(normalize(self.header))
        keys.update(normalize(a) for a in self.aliases)
        return keys

    def template_header(self):
        return str(self.header) + (" *" if self.required else "")


@dataclass
class Row:
    """One data row: its sheet number, raw cells by field, the file's header text by field, and what was parsed."""

    number: int
    cells: dict
    headers: dict
    values: dict = field(default_factory=dict)
    instance: object = None

    def column(self, field_name):
        return self.headers.get(field_name, "")


class Importer:
    """Base of an import: subclasses set `model`, `columns`, `title`, `action_code` and fill in the hooks.

    Hooks, in the order they run:
    - `prepare()`: load lookups (catalogs, organizations in scope) once, so that rows are checked without queries;
    - `validate_row(row) -> (values, errors)`: parse the cells; the base runs the parsers, subclasses add lookups
      and rules (call super() first);
    - `build(row) -> instance`: an unsaved model instance, then checked with the model's own `clean_fields()` and
      `clean()` (errors mapped back to columns);
    - `check_file(rows)` -> errors: duplicates between rows of the file;
    - `check_database(rows)` -> errors: duplicates of existing records; run again inside the write transaction;
    - `lock(rows)`: rows to lock inside the write transaction before the database check is repeated;
    - `write(rows, actor, advance) -> created`: bulk writes; `advance(n)` reports n more rows written.

    One action-log entry (`action_code`, with counts and the file name) records the whole import; no change-log entry
    is written per row: a created record has no earlier state to diff, the entry already says who created the rows
    and from which file, and one entry per row would double the writes of a large import.
    """

    model = None
    columns = ()
    title = ""
    action_code = ""
    batch_size = 500
    max_rows = 50_000

    def __init__(self, *, user, name="", options=None):
        self.user = user
        self.name = name
        # What the import targets beyond the file (e.g. the plan items are added to), from start_import(options=).
        self.options = options or {}

    @classmethod
    def permission(cls):
        return code_for(cls.model, "import")

    @classmethod
    def template_headers(cls):
        return [c.template_header() for c in cls.columns]

    # -- hooks ---------------------------------------------------------------------------------------------------

    def prepare(self):
        pass

    def validate_row(self, row):
        values, errors = {}, []
        for column in self.columns:
            raw = row.cells.get(column.field)
            if is_empty(raw):
                if column.required:
                    errors.append(RowError(row.number, row.column(column.field), _("A value is required.")))
                values[column.field] = column.default
                continue
            try:
                values[column.field] = column.parser(raw)
            except CellError as exc:
                errors.append(RowError(row.number, row.column(column.field), exc.message))
        return values, errors

    def build(self, row):
        return self.model(**{k: v for k, v in row.values.items() if k in self.model_fields})

    def check_file(self, rows):
        return []

    def check_database(self, rows):
        return []

    def lock(self, rows):
        pass

    def write(self, rows, actor, advance):
        raise NotImplementedError

    # -- engine --------------------------------------------------------------------------------------------------

    @cached_property
    def model_fields(self):
        return {f.name for f in self.model._meta.concrete_fields}

    def clean_instance(self, row):
        """The model's own field and record checks, without queries (relations were resolved by the importer)."""
        instance = row.instance
        columns = {c.field for c in self.columns}
        exclude = [
            f.name for f in self.model._meta.concrete_fields if f.name not in columns or f.is_relation or f.primary_key
        ]
        errors = []
        for method in (lambda: instance.clean_fields(exclude=exclude), instance.clean):
            try:
                method()
            except ValidationError as exc:
                for field_name, messages in exc.message_dict.items():
                    column = "" if field_name == NON_FIELD_ERRORS else row.column(field_name)
                    errors.extend(RowError(row.number, column, message) for message in messages)
        return errors

    def run(self, content, file_name, progress=None):
        """Check and, if every row is valid, write the table; returns the ImportReport (never raises on bad data)."""
        report = ImportReport(importer=self.name, file=file_name)
        progress = progress or (lambda done, total, message="": None)
        try:
            header, data = read_table(content, file_name)
        except CellError as exc:
            report.add(RowError(0, "", exc.message))
            return report
        fields_by_index = self.map_header(header, report)
        rows = self.make_rows(data, header, fields_by_index, report)
        report.rows = len(rows)
        if not report.ok:
            return report
        total = 2 * len(rows)
        self.prepare()
        checking = _("Checking rows")
        # A row's errors are listed in the order of the template's columns.
        order = {header: index for index, header in enumerate(rows[0].headers[c.field] for c in self.columns)}
        for index, row in enumerate(rows, start=1):
            row.values, errors = self.validate_row(row)
            if not errors:
                row.instance = self.build(row)
                errors = self.clean_instance(row)
            report.extend(sorted(errors, key=lambda e: order.get(e.column, len(order))))
            if index % 100 == 0:
                progress(index, total, checking)
        if report.ok:
            report.extend(self.check_file(rows))
        if report.ok:
            report.extend(self.check_database(rows))
        if not report.ok:
            return report
        progress(len(rows), total, _("Writing records"))
        report.created = self.commit(rows, report, lambda done: progress(len(rows) + done, total, _("Writing records")))
        return report

    def commit(self, rows, report, advance):
        """Write all rows in one transaction after locking and re-checking; on any error write nothing."""
        code = self.permission()
        try:
            with transaction.atomic():
                self.lock(rows)
                errors = self.check_database(rows)
                for row in rows:
                    if not instance_in_scope(self.user, row.instance, code):
                        errors.append(RowError(row.number, "", _("The record is outside your scope.")))
                if errors:
                    report.extend(errors)
                    raise _Rollback
                written = 0

                def counted(n):
                    nonlocal written
                    written += n
                    advance(written)

                created = self.write(rows, self.user, counted)
                if hooks.log_action:
                    hooks.log_action(
                        actor=self.user,
                        code=self.action_code,
                        target=None,
                        data={"importer": self.name, "file": report.file, "rows": report.rows, "created": created},
                    )
        except _Rollback:
            return 0
        except IntegrityError:
            report.add(
                RowError(
                    0, "", _("The data changed while the file was being imported; nothing was written. Try again.")
                )
            )
            return 0
        return created

    def map_header(self, header, report):
        """{cell index: field}; unknown, repeated and missing required columns are errors of row 1."""
        keys = {}
        for column in self.columns:
            for key in column.header_keys():
                keys.setdefault(key, column)
        found = {}
        for index, cell in enumerate(header):
            if is_empty(cell):
                continue
            column = keys.get(normalize(cell))
            if column is None:
                report.add(
                    RowError(HEADER_ROW, as_text(cell), _("Unknown column; use the headers of the import template."))
                )
            elif column.field in found.values():
                report.add(RowError(HEADER_ROW, as_text(cell), _("The column appears more than once.")))
            else:
                found[index] = column.field
        for column in self.columns:
            if column.required and column.field not in found.values():
                report.add(RowError(HEADER_ROW, str(column.header), _("A required column is missing.")))
        return found

    def make_rows(self, data, header, fields_by_index, report):
        # Errors name a column as headed in the file; a column absent from the file by its template header.
        headers = {c.field: str(c.header) for c in self.columns}
        headers.update({f: as_text(header[i]) for i, f in fields_by_index.items()})
        headed = {i for i, cell in enumerate(header) if not is_empty(cell)}
        rows = []
        for number, cells in data:
            if all(is_empty(c) for c in cells):
                continue
            for index, cell in enumerate(cells):
                if index not in headed and not is_empty(cell):
                    report.add(RowError(number, "", _("A value in a column without a header.")))
                    break
            rows.append(
                Row(
                    number=number,
                    cells={f: cells[i] if i < len(cells) else None for i, f in fields_by_index.items()},
                    headers=headers,
                )
            )
        if len(rows) > self.max_rows:
            report.add(
                RowError(0, "", _("The file has more than %(max)s rows; split it into parts.") % {"max": self.max_rows})
            )
        elif not rows and report.ok:
            report.add(RowError(0, "", _("The file has no data rows.")))
        return rows


class _Rollback(Exception):
    pass


# --- reading files --------------------------------------------------------------------------------------------------


def read_table(content, file_name):
    """(header cells, [(sheet row number, cells)]) of the first sheet of an XLSX or of a CSV file."""
    if file_name.lower().endswith(".xlsx"):
        return _read_xlsx(content)
    return _read_csv(content)


def _read_xlsx(content):
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # any damage of the archive or its XML means the same to the user
        raise CellError(_("The file could not be read as an XLSX workbook."))
    try:
        sheet = book.worksheets[0]
        rows = list(enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1))
    except Exception:
        raise CellError(_("The file could not be read as an XLSX workbook."))
    finally:
        book.close()
    if not rows:
        raise CellError(_("The file has no header row."))
    header = list(rows[0][1])
    return header, [(number, list(cells)) for number, cells in rows[1:]]


def _decode(content):
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1251")
    except UnicodeDecodeError:
        raise CellError(_("The file encoding is not recognised; save it as CSV in UTF-8."))


def _read_csv(content):
    text = _decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        rows = list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1))
    except csv.Error:
        raise CellError(_("The file could not be read as CSV."))
    if not rows:
        raise CellError(_("The file has no header row."))
    return rows[0][1], rows[1:]


# --- registry, start and job ----------------------------------------------------------------------------------------


def register_importer(name, importer_class):
    """Make an importer available to start_import, the import pages and the API under `name`."""
    _importers[name] = importer_class


def get_importer(name):
    """The importer class registered as `name`; KeyError if there is none (the API answers 404)."""
    return _importers[name]


def importer_names():
    return sorted(_importers)


def template_xlsx(name):
    """(file name, bytes) of an empty XLSX with the importer's headers (required ones marked with *)."""
    from .exporters import write_xlsx

    importer = get_importer(name)
    content = write_xlsx(importer.title, importer.template_headers(), [])
    return f"{name.replace('.', '-')}-template.xlsx", content


def start_import(*, name, user, upload, options=None):
    """Check and store an uploaded table and queue its import; returns the Job (its page shows progress and report).

    `options` (plain JSON values) reach the importer as `self.options`, e.g. the plan that items are added to.

    Raises KeyError for an unknown importer name, PermissionDeniedError if the user holds the import code nowhere,
    ServiceError with code file_type, file_size, file_empty or file_unreadable for an unacceptable file.
    """
    importer = get_importer(name)
    if not has_code(user, importer.permission()):
        raise PermissionDeniedError(_("You may not import these records."))
    try:
        ext = validate_upload(upload, allowed=TABLE_TYPES)
    except ValidationError as exc:
        raise ServiceError(exc.messages[0], code=exc.code or "file_type", field="file")
    if ext == ".xlsx" and not _looks_like_workbook(upload):
        raise ServiceError(_("The file is not an XLSX workbook."), code="file_unreadable", field="file")
    original = os.path.basename(upload.name or "import" + ext)
    safe = get_valid_filename(original) or "import" + ext
    path = default_storage.save(f"imports/{uuid.uuid4().hex}/{safe}", upload)
    return enqueue(
        kind=JOB_KIND,
        user=user,
        title=_("Import: %(name)s") % {"name": importer.title},
        params={
            "importer": name,
            "path": path,
            "file": original,
            "language": translation.get_language(),
            "options": options or {},
        },
    )


def _looks_like_workbook(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)
    return "xl/workbook.xml" in names


@job_handler(JOB_KIND)
def run_import(job, progress):
    """Job handler: import the stored file as the job's user, in the language of the page that started it."""
    params = job.params
    path = params["path"]
    try:
        with translation.override(params.get("language") or settings.LANGUAGE_CODE):
            importer_class = get_importer(params["importer"])
            if not has_code(job.user, importer_class.permission()):
                raise PermissionDeniedError(_("You may not import these records."))
            with default_storage.open(path, "rb") as stored:
                content = stored.read()
            importer = importer_class(user=job.user, name=params["importer"], options=params.get("options"))
            report = importer.run(content, params.get("file", ""), progress)
            if not report.ok:
                # The check is complete (progress 100); the report stays on the failed job.
                Job.objects.filter(pk=job.pk).update(result=report.as_dict(), progress=100)
                raise ImportRejected(
                    ngettext(
                        "The file has %(count)s error; nothing was written.",
                        "The file has %(count)s errors; nothing was written.",
                        report.error_count,
                    )
                    % {"count": report.error_count}
                )
    finally:
        default_storage.delete(path)
    return {"data": report.as_dict()}
