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
