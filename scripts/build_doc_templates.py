"""Build the shipped DOCX templates (docxtpl tags inside ordinary Word paragraphs). Run after changing the layout.

The files are committed; methodists may upload edited versions through the template registry.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent


def base_document():
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.paragraph_format.space_after = Pt(0)
    return doc


def para(doc, text="", *, bold=False, align=None, space_after=0, indent=False):
    p = doc.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    if indent:
        p.paragraph_format.first_line_indent = Cm(1.25)
    return p


def order_template():
    doc = base_document()
    para(doc, "{{ issuer|upper }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    para(doc, "ПРИКАЗ", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    line = para(doc, space_after=6)
    line.paragraph_format.tab_stops.add_tab_stop(Cm(16.5), WD_TAB_ALIGNMENT.RIGHT)
    line.add_run("{{ date }}\t№ {{ number }}")
    para(doc, "{{ city }}", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    para(doc, "{{ title }}", bold=True, space_after=12)
    para(doc, "{{ preamble }},", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, space_after=6)
    para(doc, "ПРИКАЗЫВАЮ:", bold=True, space_after=6)
    para(doc, "{%p for point in points %}")
    para(doc, "{{ point }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    para(doc, "{%p endfor %}")
    para(doc, space_after=24)
    sign = para(doc)
    sign.paragraph_format.tab_stops.add_tab_stop(Cm(16.5), WD_TAB_ALIGNMENT.RIGHT)
    sign.add_run("{{ signer_position }}\t{{ signer_name }}")
    path = ROOT / "resurs" / "centers" / "doc_templates" / "order.docx"
    doc.save(path)
    return path


if __name__ == "__main__":
    print(order_template())
