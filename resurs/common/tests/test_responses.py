"""File downloads: one Content-Disposition for every file served, readable Russian names (RFC 5987 / RFC 6266)."""

import io

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from resurs.common.responses import XLSX_TYPE, content_disposition, file_response, stored_file_response, xlsx_response


def test_an_ascii_name_is_sent_as_is():
    assert content_disposition("plan-7-2026.xlsx") == 'attachment; filename="plan-7-2026.xlsx"'


def test_a_russian_name_is_sent_in_utf8_with_an_ascii_fallback():
    assert content_disposition("План 2026.xlsx") == (
        "attachment; filename=\"Plan 2026.xlsx\"; filename*=UTF-8''%D0%9F%D0%BB%D0%B0%D0%BD%202026.xlsx"
    )
    assert content_disposition("Приказ №5 «О составе».docx") == (
        "attachment; filename=\"Prikaz No5 O sostave.docx\"; filename*=UTF-8''"
        "%D0%9F%D1%80%D0%B8%D0%BA%D0%B0%D0%B7%20%E2%84%965%20%C2%AB%D0%9E%20%D1%81%D0%BE%D1%81%D1%82%D0%B0%D0%B2"
        "%D0%B5%C2%BB.docx"
    )


def test_quotes_and_line_breaks_cannot_break_the_header():
    assert content_disposition('a"b\r\nc.xlsx') == (
        "attachment; filename=\"a_bc.xlsx\"; filename*=UTF-8''a%22b%0D%0Ac.xlsx"
    )


def test_xlsx_and_file_responses_carry_the_header():
    response = xlsx_response(b"PK\x03\x04", "Педагоги.xlsx")
    assert (response["Content-Type"], response.content) == (XLSX_TYPE, b"PK\x03\x04")
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Pedagogi.xlsx\"; filename*=UTF-8''%D0%9F%D0%B5%D0%B4%D0%B0%D0%B3%D0%BE%D0%B3%D0%B8.xlsx"
    )
    streamed = file_response(io.BytesIO(b"%PDF"), "scan.pdf")
    assert (streamed["Content-Disposition"], b"".join(streamed.streaming_content)) == (
        'attachment; filename="scan.pdf"',
        b"%PDF",
    )


def test_no_stored_file_is_a_404():
    with pytest.raises(Http404):
        stored_file_response(None)


def test_a_stored_file_is_named_as_stored(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    from resurs.common.models import Job

    field = Job._meta.get_field("result_file")
    job = Job(kind="common.export", title="x")
    stored = field.attr_class(job, field, None)
    stored.save("Отчёт.xlsx", ContentFile(b"PK"), save=False)
    response = stored_file_response(stored)
    stored_name = stored.name.rsplit("/", 1)[-1]
    assert stored_name.startswith("Отчёт")  # as stored (the storage may add a suffix to keep names unique)
    assert response["Content-Disposition"] == content_disposition(stored_name)
    assert response["Content-Disposition"].startswith('attachment; filename="Otchet')
    assert b"".join(response.streaming_content) == b"PK"
