"""Helpers of the document engine tests: a sample template code and .docx files built on the fly."""

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

CODE = "documents.sample"


def docx_bytes(*paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_text(content):
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def upload(content, name="sample.docx"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


SHIPPED = docx_bytes("Справка № {{ number }}", "Выдана {{ person }}")
