"""QR codes for check-in and certificate verification, drawn locally with segno (no network, no system library)."""

import io

import segno


def qr_png(text, *, scale=6):
    """The PNG bytes of a QR code for `text` (error correction M, a quiet zone of two modules)."""
    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def qr_svg(text, *, scale=4):
    """The SVG markup of a QR code for `text`, to put inline into a page."""
    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True)
    return buffer.getvalue().decode()
