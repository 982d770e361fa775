"""PDF files of events drawn with the documents' fpdf2 engine (ADR 0014): the roll sheet of an event."""

from django.utils import timezone
from django.utils.translation import gettext as _

from resurs.documents.pdf import Pdf

from . import calendar


def roll_sheet(event, registrations):
    """The printable roll sheet of an event: its title, date and place, then one numbered row per confirmed
    registration (name, organization, position, check-in code, a blank cell to sign) and the marks already made."""
    pdf = Pdf(title=_("Roll sheet: %(event)s") % {"event": event.title}, orientation="landscape")
    pdf.add_page()
    pdf.set_font(style="B", size=14)
    pdf.multi_cell(0, 7, _("Roll sheet"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(style="", size=12)
    pdf.multi_cell(0, 6, f"«{event.title}»", align="C", new_x="LMARGIN", new_y="NEXT")
    start = timezone.localtime(event.starts_at)
    place = calendar.location(event)
    line = _("%(center)s · %(when)s") % {"center": event.center.name, "when": start.strftime("%d.%m.%Y %H:%M")}
    if place:
        line += f" · {place}"
    pdf.set_font(size=10)
    pdf.multi_cell(0, 5, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    widths = (10, 80, 80, 45, 25, 22)
    heads = ("№", _("Full name"), _("Organization"), _("Position"), _("Code"), _("Signature"))
    marks = {"present": "+", "absent": "−", "excused": _("exc.")}
    with pdf.table(col_widths=widths, text_align=("RIGHT", "LEFT", "LEFT", "LEFT", "CENTER", "CENTER")) as table:
        row = table.row()
        for head in heads:
            row.cell(head)
        for number, registration in enumerate(registrations, 1):
            teacher = registration.teacher
            row = table.row()
            row.cell(str(number))
            row.cell(teacher.full_name)
            row.cell(teacher.organization.short_name)
            row.cell(teacher.position.name if teacher.position_id else "")
            row.cell(registration.code)
            row.cell(marks.get(registration.attendance, ""))
    pdf.ln(6)
    pdf.set_font(size=11)
    pdf.cell(0, 6, _("Total registered: %(count)s") % {"count": len(registrations)}, new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, _("Organizer: ____________________"), new_x="LMARGIN", new_y="NEXT")
    return pdf.content()


def certificate(cert, *, center_name, verification_url):
    """A certificate on one A4 landscape page: the kind, the holder, the event and its date, the number and a QR code
    that opens the public verification page."""
    import io

    from resurs.common.qr import qr_png

    pdf = Pdf(title=_("Certificate № %(number)s") % {"number": cert.number}, orientation="landscape")
    pdf.add_page()
    pdf.set_line_width(1)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_y(28)
    pdf.set_font(style="B", size=30)
    pdf.cell(0, 14, _("CERTIFICATE"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(style="", size=14)
    pdf.cell(0, 8, center_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.cell(0, 8, _("is awarded to"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(style="B", size=22)
    pdf.multi_cell(0, 11, cert.full_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(style="", size=13)
    if cert.organization_name:
        pdf.multi_cell(0, 7, cert.organization_name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    if cert.role == "speaker":
        line = _("for the talk «%(topic)s» at") % {"topic": cert.topic} if cert.topic else _("for a talk at")
    else:
        line = _("for taking part in")
    pdf.cell(0, 8, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(style="B", size=16)
    pdf.multi_cell(0, 9, f"«{cert.event_title}»", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(style="", size=13)
    pdf.cell(0, 8, cert.event_date.strftime("%d.%m.%Y"), align="C", new_x="LMARGIN", new_y="NEXT")
    qr = qr_png(verification_url, scale=5)
    pdf.image(io.BytesIO(qr), x=pdf.w - 60, y=pdf.h - 62, w=40, h=40)
    pdf.set_xy(20, pdf.h - 45)
    pdf.set_font(size=11)
    pdf.cell(150, 6, _("Certificate № %(number)s") % {"number": cert.number}, new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(20)
    pdf.cell(150, 6, _("Verify: %(url)s") % {"url": verification_url}, new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(20)
    pdf.cell(150, 6, _("Head of the center: ____________________"), new_x="LMARGIN", new_y="NEXT")
    return pdf.content()
