"""Serving issued documents under their readable Russian names (the download itself is common/responses.py)."""

import re

from django.http import Http404

from resurs.common.responses import stored_file_response

# Characters a file name must not carry on Windows, macOS or Linux; control characters too.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_filename(name):
    """The name with characters forbidden in file names replaced; spaces collapsed."""
    return re.sub(r"\s+", " ", _UNSAFE.sub("_", name)).strip(" .")


def document_response(document):
    """An issued document (GeneratedDocument) under its readable name; 404 when there is none."""
    if document is None:
        raise Http404
    return stored_file_response(document.file, safe_filename(document.download_name) or None)
