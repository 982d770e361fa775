"""Template registry writes: a methodist uploads a new version of a registered template; the newest one is used."""

import io

import docx
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from resurs.common import hooks
from resurs.common.errors import PermissionDeniedError, ServiceError
from resurs.common.scoping import has_code
from resurs.common.uploads import validate_upload

from . import engine
from .models import DocumentTemplate
from .permissions import TEMPLATE_CHANGE


def check_template_file(upload):
    """Refuse anything but a .docx whose Jinja tags parse: a broken template must not replace the one in force."""
    try:
        validate_upload(upload, (".docx",))
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages), code="file_type", field="file")
    content = upload.read()
    upload.seek(0)
    try:
        docx.Document(io.BytesIO(content))
    except Exception:  # python-docx raises several kinds for a damaged package
        raise ServiceError(_("The file is not a valid Word document (.docx)."), code="file_type", field="file")
    try:
        DocxTemplate(io.BytesIO(content)).get_undeclared_template_variables(SandboxedEnvironment(autoescape=True))
    except TemplateError as exc:
        raise ServiceError(
            _("The template has an error in its fields: %(error)s") % {"error": exc},
            code="template_syntax",
            field="file",
        )


def upload_template(*, actor, code, upload, comment=""):
    """Record a new version (last + 1) of the registered template `code`; it is used for the next documents."""
    if not has_code(actor, TEMPLATE_CHANGE):
        raise PermissionDeniedError(_("You may not change document templates."))
    if code not in engine.registered_templates():
        raise ServiceError(_("There is no such template."), code="unknown_template")
    check_template_file(upload)
    try:
        with transaction.atomic():
            # Lock the template's versions so two uploads do not take the same number.
            versions = list(
                DocumentTemplate.objects.select_for_update().filter(code=code).values_list("version", flat=True)
            )
            record = DocumentTemplate(
                code=code, version=max(versions, default=0) + 1, comment=comment[:300], uploaded_by=actor
            )
            record.file.save(f"{code}-v{record.version}.docx", upload, save=False)
            record.save()
            if hooks.log_action:
                hooks.log_action(
                    actor=actor,
                    code="documents.template.uploaded",
                    target=record,
                    data={"template": code, "version": record.version, "comment": comment},
                )
    except IntegrityError:  # a concurrent upload took the number first (no rows to lock for a first version)
        raise ServiceError(
            _("Another version of this template was uploaded at the same moment. Try again."), code="concurrent_upload"
        )
    return record


def template_versions(code):
    """Uploaded versions of a template, newest first, with the uploader."""
    return DocumentTemplate.objects.filter(code=code).select_related("uploaded_by").order_by("-version")
