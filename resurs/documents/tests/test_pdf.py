"""PDF engine: Cyrillic text survives a round trip; the file is recorded like a DOCX; QR codes are real PNGs."""

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from resurs.common.qr import qr_png, qr_svg
from resurs.documents.engine import record
from resurs.documents.models import GeneratedDocument
from resurs.documents.pdf import Pdf


def build():
    pdf = Pdf(title="Лист регистрации")
    pdf.add_page()
    pdf.cell(text="Лист регистрации участников семинара «Функциональная грамотность»")
    pdf.ln()
    pdf.set_font(style="B")
    pdf.cell(text="Ёлкина Юлия Щукиновна — МБОУ «СОШ № 7»")
    return pdf.content()


def test_cyrillic_text_reads_back():
    reader = PdfReader(io.BytesIO(build()))
    text = reader.pages[0].extract_text()
    assert "Лист регистрации участников семинара «Функциональная грамотность»" in text
    assert "Ёлкина Юлия Щукиновна — МБОУ «СОШ № 7»" in text
    assert reader.metadata.title == "Лист регистрации"


@pytest.mark.django_db
def test_recorded_in_the_registry(django_user_model):
    user = django_user_model.objects.create(username="author")
    content = build()
    document = record(
        code="test.pdf",
        content=content,
        target=user,
        actor=user,
        filename="sheet.pdf",
        title="Лист",
        download_name="Лист.pdf",
    )
    stored = GeneratedDocument.objects.get(pk=document.pk)
    assert stored.file.read() == content
    assert stored.object_id == str(user.pk) and stored.download_name == "Лист.pdf"


def test_qr_png_encodes_different_texts_differently():
    first, second = qr_png("https://resurs.example.org/c/ABC-1"), qr_png("https://resurs.example.org/c/ABC-2")
    assert first != second
    image = Image.open(io.BytesIO(first))
    assert image.format == "PNG" and image.size[0] == image.size[1] > 100
    assert qr_svg("ABC").startswith("<svg")
