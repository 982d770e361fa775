"""The framework layer's own error codes, each raised where it is declared (resurs.common.errors.CODES)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from resurs.common.errors import ServiceError
from resurs.common.importers import ImportRejected
from resurs.common.uploads import validate_upload
from resurs.common.workflow import Transition, TransitionError, check_transition


def test_a_service_error_without_a_code_is_error():
    assert ServiceError("Refused.").code == "error"
    assert ServiceError("Refused.", code="read_only").code == "read_only"
    # The import job's refusal of a file with errors (its text is tested with each importer).
    assert ImportRejected("The file has 1 error; nothing was written.").code == "import_rejected"


def test_empty_and_oversized_uploads(settings):
    with pytest.raises(ValidationError) as exc:
        validate_upload(SimpleUploadedFile("a.pdf", b""))
    assert exc.value.code == "file_empty"
    settings.UPLOAD_MAX_MB = 1
    with pytest.raises(ValidationError) as exc:
        validate_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.4" + b"0" * (1024 * 1024 + 1)))
    assert (exc.value.code, exc.value.messages) == ("file_size", ["The file is larger than 1 MB."])


def test_unknown_workflow_action():
    table = {"submit": Transition(source=("draft",), target="submitted", code="x.y:submit")}
    with pytest.raises(TransitionError) as exc:
        check_transition(table, "archive", "draft")
    assert (exc.value.code, exc.value.message) == ("unknown_action", "Unknown action.")
    assert check_transition(table, "submit", "draft").target == "submitted"
