"""Render DOCX from a template and plain values, and record the issued document.

Templates are registered by the domain apps (code -> shipped .docx); a methodist may upload a
new version, which then wins. Rendering uses docxtpl with autoescape and a sandboxed Jinja
environment, so values with `<` or `&` stay valid XML and templates cannot reach Python objects.
Every rendered file is an official Russian document: the text is marked ru-RU (spelling and
hyphenation in Word and LibreOffice), «№» and «г.» are bound to what follows by a no-break space,
and the core properties (title, author, subject, created) are filled.
"""

import hashlib
import io
import re

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from .models import DocumentTemplate, GeneratedDocument

_registry = {}  # code -> {"path": Path, "title": str}

LANGUAGE = "ru-RU"
NBSP = "\u00a0"
# «№ 7», «№7» and «г. Сургут» get a no-break space: the sign never ends a line apart from what it names.
_BOUND = re.compile(r"(№) *(?=[\w«\"])|(№) +$|(\bг\.) (?=[А-ЯЁ])")


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


def typeset(text):
    """The text with «№» and «г.» bound to the next word by a no-break space."""
    return _BOUND.sub(lambda m: next(g for g in m.groups() if g) + NBSP, text)


def _typeset_document(document):
    """Every text run of the body (template text and values alike) typeset; a run ending in «№ » keeps it bound."""
    for element in document.element.body.iter(qn("w:t")):
        if element.text and ("№" in element.text or "г." in element.text):
            element.text = typeset(element.text)


def _set_language(document):
    """ru-RU as the language of the default run properties, so every paragraph is checked and hyphenated as Russian."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia"):
        lang.set(qn(attr), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")
    for element in document.element.body.iter(qn("w:lang")):  # languages a template's runs carry
        element.set(qn("w:val"), LANGUAGE)


def render_docx(template_file, context, properties=None):
    """Bytes of the DOCX rendered from a template file and a dict of plain values.

    `properties`: title, author, subject, keywords for the core properties (created/modified are set to now)."""
    doc = DocxTemplate(template_file)
    env = SandboxedEnvironment(autoescape=True)
    doc.render(context, jinja_env=env, autoescape=True)
    document = doc.docx
    _typeset_document(document)
    _set_language(document)
    # Justified Russian text needs hyphenation, or its lines gape between long words.
    settings = document.settings.element
    if settings.find(qn("w:autoHyphenation")) is None:
        hyphenation = OxmlElement("w:autoHyphenation")
        # Its place in the schema's order is right after w:defaultTabStop (a template without one is left as it is).
        tab_stop = settings.find(qn("w:defaultTabStop"))
        if tab_stop is not None:
            tab_stop.addnext(hyphenation)
    core = document.core_properties
    now = timezone.now().replace(microsecond=0, tzinfo=None)  # core properties are written as UTC
    properties = properties or {}
    core.title = str(properties.get("title", ""))[:255]
    core.author = str(properties.get("author", ""))[:255]
    core.subject = str(properties.get("subject", ""))[:255]
    core.keywords = str(properties.get("keywords", ""))[:255]
    core.comments = ""
    core.last_modified_by = core.author
    core.language = LANGUAGE
    core.created = core.modified = now
    core.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def issue(*, code, context, target, actor, filename, title, download_name="", properties=None):
    """Render the template in force for `code`, store the file and record it; returns the GeneratedDocument.

    `filename` is the storage name (ASCII); `download_name` the readable Russian name the file is served under."""
    version, handle = current_template(code)
    properties = {"title": title, **(properties or {})}
    with handle:
        content = render_docx(handle, context, properties)
    return record(
        code=code,
        version=version,
        content=content,
        target=target,
        actor=actor,
        filename=filename,
        title=title,
        download_name=download_name,
    )


def record(*, code, content, target, actor, filename, title, download_name="", version=0):
    """Store a rendered file (DOCX, PDF) and record it in the registry of issued documents."""
    document = GeneratedDocument(
        template_code=code,
        template_version=version,
        title=title[:300],
        download_name=(download_name or filename)[:255],
        content_type=ContentType.objects.get_for_model(type(target)) if target is not None else None,
        object_id=str(target.pk) if target is not None else "",
        checksum=hashlib.sha256(content).hexdigest(),
        generated_by=actor,
    )
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document
