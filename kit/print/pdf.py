"""Printable A4 documents with reportlab: the kit's styles and a builder that returns bytes (nothing on disk)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
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
    """A paragraph of plain text (escaped; line breaks kept; glyphs the fonts lack replaced)."""
    return Paragraph(escape(printable(text)).replace("\n", "<br/>"), style)


def printable(text: str) -> str:
    """Text with the symbols the standard PDF fonts cannot draw put in words."""
    return text.replace("☰", "Menu")


def build_pdf(story: list[Flowable], title: str, lang: str) -> bytes:
    """The story laid out on A4 pages, as PDF bytes."""
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=title, lang=lang, leftMargin=18 * mm, rightMargin=18 * mm,
                      topMargin=16 * mm, bottomMargin=16 * mm).build(story)
    return out.getvalue()
