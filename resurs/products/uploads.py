"""Files of methodological products: the allowed types (SPEC §7, §12) checked by extension AND by content, the size
limit, and the safe content type each is served with (always as an attachment, never rendered by the browser).

The common checks (`resurs.common.uploads.validate_upload`) serve the types they know; the office formats are
then opened as ZIP archives and must hold their format's own parts (a renamed ZIP is no DOCX), a video must carry
the MP4 `ftyp` box. Nothing is trusted from the client's Content-Type.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from resurs.common.uploads import SIGNATURES, validate_upload

# extension -> the content type the file is served with
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".mp4": "video/mp4",
    ".zip": "application/zip",
}
ALLOWED = tuple(CONTENT_TYPES)
# an OOXML file's own folder, an ODF file's mimetype
OOXML_PARTS = {".docx": "word/", ".pptx": "ppt/", ".xlsx": "xl/"}
ODF_MIMETYPES = {".odt": CONTENT_TYPES[".odt"], ".odp": CONTENT_TYPES[".odp"]}


def max_mb():
    """The size limit of a product's file, MB (videos are large: settings.PRODUCTS_UPLOAD_MAX_MB, 50 by default)."""
    return getattr(settings, "PRODUCTS_UPLOAD_MAX_MB", 50)


def extension(name):
    name = (name or "").lower()
    return "." + name.rsplit(".", 1)[-1] if "." in name else ""


def _mismatch(ext):
    return ValidationError(_("The file content does not match its type %(ext)s.") % {"ext": ext}, code="file_type")


def validate_product_file(upload):
    """Raise a coded ValidationError (file_type, file_size, file_empty) unless the upload is an allowed file whose
    content is what its extension says; return the extension."""
    ext = extension(upload.name)
    limit = max_mb()
    if ext not in ALLOWED:
        raise ValidationError(
            _("File type %(ext)s is not allowed. Allowed: %(allowed)s.")
            % {"ext": ext or "?", "allowed": ", ".join(ALLOWED)},
            code="file_type",
        )
    if ext in SIGNATURES:
        validate_upload(upload, allowed=(ext,), max_mb=limit)
    else:
        if upload.size > limit * 1024 * 1024:
            raise ValidationError(_("The file is larger than %(max)s MB.") % {"max": limit}, code="file_size")
        if upload.size == 0:
            raise ValidationError(_("The file is empty."), code="file_empty")
    head = upload.read(12)
    upload.seek(0)
    if ext == ".mp4" and head[4:8] != b"ftyp":
        raise _mismatch(ext)
    if ext in OOXML_PARTS or ext in ODF_MIMETYPES or ext == ".zip":
        if not head.startswith(b"PK"):
            raise _mismatch(ext)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
                if ext in OOXML_PARTS:
                    ok = "[Content_Types].xml" in names and any(n.startswith(OOXML_PARTS[ext]) for n in names)
                elif ext in ODF_MIMETYPES:
                    ok = "mimetype" in names and archive.read("mimetype").strip() == ODF_MIMETYPES[ext].encode()
                else:
                    ok = True
        except (zipfile.BadZipFile, OSError, KeyError):
            ok = False
        finally:
            upload.seek(0)
        if not ok:
            raise _mismatch(ext)
    return ext


def content_type(ext):
    return CONTENT_TYPES.get(ext, "application/octet-stream")
