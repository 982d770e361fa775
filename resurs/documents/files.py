"""Serving issued documents under their readable Russian names (RFC 6266 with the RFC 5987 `filename*`)."""

import os
import re
from urllib.parse import quote

from django.http import FileResponse, Http404

# Characters a file name must not carry on Windows, macOS or Linux; control characters too.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_filename(name):
    """The name with characters forbidden in file names replaced; spaces collapsed."""
    return re.sub(r"\s+", " ", _UNSAFE.sub("_", name)).strip(" .")


def content_disposition(filename, fallback="document"):
    """`attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name>` (RFC 6266, RFC 5987)."""
    ascii_name = filename.encode("ascii", "ignore").decode()
    if ascii_name != filename or not re.fullmatch(r"[\x21-\x7e ]+", ascii_name):
        ascii_name = fallback
    ascii_name = ascii_name.replace("\\", "_").replace('"', "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def file_response(field_file, filename=""):
    """The stored file as an attachment under `filename` (the stored base name by default); 404 when there is none."""
    if not field_file:
        raise Http404
    stored = os.path.basename(field_file.name)
    response = FileResponse(field_file.open("rb"), as_attachment=True)
    response["Content-Disposition"] = content_disposition(safe_filename(filename or stored), fallback=stored)
    return response


def document_response(document):
    """An issued document (GeneratedDocument) under its readable name."""
    if document is None:
        raise Http404
    return file_response(document.file, document.download_name)
