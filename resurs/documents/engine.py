"""Render DOCX from a template and plain values, and record the issued document.

Templates are registered by the domain apps (code -> shipped .docx); a methodist may upload a
new version, which then wins. Rendering uses docxtpl with autoescape and a sandboxed Jinja
environment, so values with `<` or `&` stay valid XML and templates cannot reach Python objects.
"""

import hashlib
import io

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from .models import DocumentTemplate, GeneratedDocument

_registry = {}  # code -> {"path": Path, "title": str}


def register_template(code, *, path, title):
    _registry[code] = {"path": path, "title": title}


def registered_templates():
    return dict(_registry)


def current_template(code):
    """(version, file-like) of the template in force: the newest uploaded active version, else the shipped one (0)."""
    uploaded = DocumentTemplate.objects.filter(code=code, is_active=True).order_by("-version").first()
    if uploaded:
        return uploaded.version, uploaded.file.open("rb")
    return 0, open(_registry[code]["path"], "rb")  # noqa: SIM115 (closed by the caller)


def render_docx(template_file, context):
    """Bytes of the DOCX rendered from a template file and a dict of plain values."""
    doc = DocxTemplate(template_file)
    env = SandboxedEnvironment(autoescape=True)
    doc.render(context, jinja_env=env, autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def issue(*, code, context, target, actor, filename, title):
    """Render the template in force for `code`, store the file and record it; returns the GeneratedDocument."""
    version, handle = current_template(code)
    with handle:
        content = render_docx(handle, context)
    record = GeneratedDocument(
        template_code=code,
        template_version=version,
        title=title[:300],
        content_type=ContentType.objects.get_for_model(type(target)) if target is not None else None,
        object_id=str(target.pk) if target is not None else "",
        checksum=hashlib.sha256(content).hexdigest(),
        generated_by=actor,
    )
    record.file.save(filename, ContentFile(content), save=False)
    record.save()
    return record
