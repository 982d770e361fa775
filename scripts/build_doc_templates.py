"""Build the shipped DOCX templates (docxtpl tags inside ordinary Word paragraphs). Run after changing the layout.

The files are committed; methodists may upload edited versions through the template registry.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
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


def _cell(cell, text, bold=False, size=12, align=None):
    cell.text = ""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _cell_lines(cell, lines, size=12):
    """Several paragraphs in one cell (the agreement and approval blocks)."""
    _cell(cell, lines[0], bold=True, size=size)
    for line in lines[1:]:
        cell.add_paragraph().add_run(line).font.size = Pt(size)


def _set(parent, tag, **attrs):
    """The child element `tag` of `parent` (created when missing) with the given w: attributes."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def fix_table(table, widths, *, header_rows=1, borders=True):
    """Widths LibreOffice and Word both respect: the table width, a fixed layout, the grid (w:gridCol) and every
    cell's w:tcW; the header row repeated on each page (w:tblHeader) and no row split across pages (w:cantSplit)."""
    twips = [int(w.twips) for w in widths]
    tbl_pr = table._tbl.tblPr
    _set(tbl_pr, "w:tblW", w=sum(twips), type="dxa")
    table.autofit = False  # w:tblLayout fixed, in its place in the schema's order
    if not borders:
        table.style = None
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), twips, strict=True):
        col.set(qn("w:w"), str(width))
    for index, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        if index < header_rows:
            _set(tr_pr, "w:tblHeader")
        _set(tr_pr, "w:cantSplit")
        for cell, width in zip(row.cells, twips, strict=True):
            _set(cell._tc.get_or_add_tcPr(), "w:tcW", w=width, type="dxa")


def plan_template():
    """001 appendix 1: the agreement and approval blocks, the title with the owner in the genitive, header fields,
    the calendar-thematic table grouped by direction (fixed widths, header repeated, rows kept whole), signature."""
    doc = base_document()
    blocks = doc.add_table(rows=1, cols=2)
    _cell_lines(
        blocks.rows[0].cells[0],
        ["СОГЛАСОВАНО", "{{ agreed_position }}", "{{ agreed_signature }}", "{{ agreed_date }}"],
    )
    _cell_lines(
        blocks.rows[0].cells[1],
        ["{{ approval_title }}", "{{ approval_body }}", "{{ approval_signature }}", "{{ approval_date }}"],
    )
    fix_table(blocks, [Cm(8.25), Cm(8.25)], header_rows=0, borders=False)
    para(doc, space_after=12)
    para(doc, "План работы", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "{{ owner_genitive }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "{{ base }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "{{ period_title }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    for label, field in (
        ("Методическая тема", "methodological_theme"),
        ("Цель", "goal"),
        ("Задачи", "tasks"),
        ("Планируемый результат", "expected_result"),
        ("Организационные формы работы", "organizational_forms"),
    ):
        # Left-aligned: a field of several lines (tasks) would be stretched to the width at each line break.
        p = para(doc, space_after=6, align=WD_ALIGN_PARAGRAPH.LEFT)
        p.add_run(label + ": ").bold = True
        p.add_run("{{ " + field + " }}")
    para(
        doc,
        "Календарно-тематическое планирование {{ period_title }}",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_after=6,
    )
    headers = [
        "Направление деятельности",
        "Форма работы, тема (семинар, мастер-класс и др.)",
        "Дата (число, месяц, год)",
        "Площадка",
        "Ответственный исполнитель",
    ]
    table = doc.add_table(rows=6, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell(cell, text, bold=True, size=11, align=WD_ALIGN_PARAGRAPH.CENTER)
    _cell(table.rows[1].cells[0], "{%tr for s in sections %}")
    _cell(table.rows[2].cells[0], "{%tr for r in s.rows %}")
    values = [
        "{% if loop.first %}{{ s.name }}{% endif %}",
        "{{ r.form_topic }}",
        "{{ r.date }}",
        "{{ r.venue }}",
        "{{ r.responsible }}",
    ]
    for cell, text in zip(table.rows[3].cells, values, strict=True):
        _cell(cell, text, size=11)
    _cell(table.rows[4].cells[0], "{%tr endfor %}")
    _cell(table.rows[5].cells[0], "{%tr endfor %}")
    # 16.5 cm: the text width of an A4 page with margins of 3 and 1.5 cm; at 11 pt «Информационная» and
    # «Ответственный» fit their columns whole.
    fix_table(table, [Cm(3.6), Cm(4.8), Cm(2.3), Cm(2.6), Cm(3.2)])
    para(doc, space_after=18)
    sign = para(doc)
    sign.paragraph_format.tab_stops.add_tab_stop(Cm(16.5), WD_TAB_ALIGNMENT.RIGHT)
    sign.add_run("{{ head_title }}\t{{ head_name }}")
    path = ROOT / "resurs" / "plans" / "doc_templates" / "plan.docx"
    doc.save(path)
    return path


if __name__ == "__main__":
    print(order_template())
    print(plan_template())
