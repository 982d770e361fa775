"""PDF documents (roll sheets, certificates) drawn with fpdf2 in the vendored DejaVu Serif fonts (ADR 0014).

fpdf2 is pure Python: a PDF comes out on any machine that runs the system, with no system libraries and no fonts
installed (closed networks). A domain app builds the pages from plain values with `Pdf` and stores the result with
`documents.engine.record`, like a DOCX."""

from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path(__file__).parent / "fonts"
FONT = "DejaVuSerif"


class Pdf(FPDF):
    """An A4 page in millimetres with the Cyrillic serif font loaded in regular, bold and italic."""

    def __init__(self, *, title, orientation="portrait", author="Ресурс"):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.add_font(FONT, "", FONT_DIR / "DejaVuSerif.ttf")
        self.add_font(FONT, "B", FONT_DIR / "DejaVuSerif-Bold.ttf")
        self.add_font(FONT, "I", FONT_DIR / "DejaVuSerif-Italic.ttf")
        self.set_font(FONT, size=12)
        self.set_lang("ru-RU")
        self.set_title(title)
        self.set_author(author)
        self.set_creator("Ресурс")
        self.set_margins(20, 15, 15)
        self.set_auto_page_break(True, margin=15)

    def content(self):
        """The finished file's bytes."""
        return bytes(self.output())
