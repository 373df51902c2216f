"""Printable A4 documents with reportlab: the kit's styles and a builder that returns bytes (nothing on disk)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from kit.rendering.colours import STATUS_COLOURS  # noqa: F401  (the one mapping; handouts.py reads it here)


@dataclass(frozen=True)
class Styles:
    """The paragraph styles every kit document uses."""

    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle


def styles(scale: float = 1.0) -> Styles:
    """Readable print styles (reportlab's Helvetica covers French: accents, œ, « », ’)."""
    sheet = getSampleStyleSheet()
    body = ParagraphStyle("kit-body", parent=sheet["BodyText"], fontSize=10 * scale, leading=13 * scale)
    return Styles(
        title=ParagraphStyle("kit-title", parent=sheet["Title"], fontSize=18 * scale, leading=22 * scale),
        heading=ParagraphStyle("kit-heading", parent=sheet["Heading2"], fontSize=13 * scale, leading=16 * scale,
                               spaceBefore=6 * scale, spaceAfter=3 * scale),
        body=body,
        small=ParagraphStyle("kit-small", parent=body, fontSize=8.5 * scale, leading=11 * scale,
                             textColor=colors.HexColor("#333333")),
    )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept; glyphs the fonts lack replaced).

    A title's last two words are kept together, so that it never ends in one word alone on its line."""
    if style.name in TITLES:
        text = "\u00a0".join(text.rsplit(" ", 1))
    return Paragraph(escape(printable(text)).replace("\n", "<br/>"), style)


TITLES = ("kit-title", "kit-heading")


def printable(text: str) -> str:
    """Text with the symbols the standard PDF fonts cannot draw put in words."""
    return text.replace("☰", "Menu").replace("≈", "~")


def build_pdf(story: list[Flowable], title: str, lang: str, footer: str = "") -> bytes:
    """The story laid out on A4 pages, as PDF bytes; `footer` is printed at the foot of every page."""
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, title=title, lang=lang, leftMargin=15 * mm, rightMargin=15 * mm,
                                 topMargin=14 * mm, bottomMargin=16 * mm)

    def draw_footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        note = para(footer, FOOTER)
        _, height = note.wrap(doc.width, doc.bottomMargin)
        note.drawOn(canvas, doc.leftMargin, doc.bottomMargin - height - 2 * mm)

    document.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer) if footer else document.build(story)
    return out.getvalue()


FOOTER = ParagraphStyle("kit-footer", fontName="Helvetica", fontSize=7, leading=8.5,
                        textColor=colors.HexColor("#333333"))


class Ticked(Flowable):
    """A paragraph with a box in front of it that a PDF reader can tick (a form field) and that prints as a box."""

    SIZE = 10  # points: the box's side
    GAP = 5

    def __init__(self, paragraph: Paragraph, name: str, tooltip: str, checked: bool = False):
        super().__init__()
        self.paragraph, self.name, self.tooltip, self.checked = paragraph, name, tooltip, checked

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, height = self.paragraph.wrap(avail_width - self.SIZE - self.GAP, avail_height)
        self.width, self.height = avail_width, max(height, self.SIZE + 1)
        return self.width, self.height

    def draw(self) -> None:
        self.paragraph.drawOn(self.canv, self.SIZE + self.GAP, self.height - self.paragraph.height)
        leading = self.paragraph.style.leading
        self.canv.acroForm.checkbox(
            name=self.name, tooltip=printable(self.tooltip), checked=self.checked, relative=True, size=self.SIZE,
            x=0, y=self.height - leading + (leading - self.SIZE) / 2 - 1, borderWidth=1, buttonStyle="check",
            borderColor=colors.black, fillColor=colors.white, textColor=colors.black, forceBorder=True)
