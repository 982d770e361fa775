"""Upload checks: allowed type by extension and content signature, and the size limit from settings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# extension -> accepted leading bytes (None: text, checked by decoding)
SIGNATURES = {
    ".pdf": [b"%PDF"],
    ".docx": [b"PK\x03\x04"],
    ".xlsx": [b"PK\x03\x04"],
    ".odt": [b"PK\x03\x04"],
    ".jpg": [b"\xff\xd8\xff"],
    ".jpeg": [b"\xff\xd8\xff"],
    ".png": [b"\x89PNG\r\n\x1a\n"],
    ".csv": None,
}
DOCUMENT_TYPES = (".pdf", ".docx", ".xlsx", ".odt", ".jpg", ".jpeg", ".png")
TABLE_TYPES = (".xlsx", ".csv")


def validate_upload(upload, allowed=DOCUMENT_TYPES, max_mb=None):
    """Raise ValidationError (in Russian) unless the file has an allowed type and size."""
    max_mb = max_mb or settings.UPLOAD_MAX_MB
    name = (upload.name or "").lower()
    ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if ext not in allowed:
        raise ValidationError(
            _("File type %(ext)s is not allowed. Allowed: %(allowed)s.")
            % {"ext": ext or "?", "allowed": ", ".join(allowed)},
            code="file_type",
        )
    if upload.size > max_mb * 1024 * 1024:
        raise ValidationError(_("The file is larger than %(max)s MB.") % {"max": max_mb}, code="file_size")
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    head = upload.read(8)
    upload.seek(0)
    signatures = SIGNATURES[ext]
    if signatures is None:
        if b"\x00" in head:
            raise ValidationError(
                _("The file content does not match its type %(ext)s.") % {"ext": ext}, code="file_type"
            )
    elif not any(head.startswith(sig) for sig in signatures):
        raise ValidationError(_("The file content does not match its type %(ext)s.") % {"ext": ext}, code="file_type")
    return ext
