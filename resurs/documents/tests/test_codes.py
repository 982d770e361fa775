"""Document engine error codes not covered elsewhere: a template with broken fields, two uploads at once."""

import pytest
from django.db import IntegrityError

from resurs.common.errors import ServiceError
from resurs.common.tests.matrix import db_state
from resurs.documents import services
from resurs.documents.models import DocumentTemplate

from .helpers import CODE, docx_bytes, upload

pytestmark = pytest.mark.django_db


def test_template_with_broken_fields_is_refused(world, sample):
    before = db_state()
    with pytest.raises(ServiceError) as exc:
        services.upload_template(actor=world.department, code=CODE, upload=upload(docx_bytes("Справка № {{ number ")))
    assert (exc.value.code, exc.value.field) == ("template_syntax", "file")
    assert db_state() == before


def test_concurrent_upload_taking_the_same_number_is_refused(world, sample, monkeypatch):
    def taken(self, *args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint doctemplate_unique_version")

    monkeypatch.setattr(DocumentTemplate, "save", taken)
    with pytest.raises(ServiceError) as exc:
        services.upload_template(actor=world.department, code=CODE, upload=upload(docx_bytes("Справка {{ number }}")))
    assert exc.value.code == "concurrent_upload"
    assert not DocumentTemplate.objects.exists()
