"""The printable join sheet of `kit serve --lan --join-sheet PATH`: one A4 page to put on each table."""

from __future__ import annotations

import segno
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kit.content import default_content
from kit.print.pdf import build_pdf, para, styles

QR_SIZE = 110 * mm  # scanned from a table's length away


class QrFlowable(Flowable):
    """A QR code drawn as vector squares (sharp at any printer's resolution), centred on the page."""

    def __init__(self, qr: segno.QRCode, size: float):
        super().__init__()
        self.matrix = [list(row) for row in qr.matrix_iter(scale=1, border=4)]
        self.size = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.offset = max(0.0, (available_width - self.size) / 2)
        return available_width, self.size

    def draw(self) -> None:
        module = self.size / len(self.matrix)
        self.canv.setFillColor(colors.black)
        for row_number, row in enumerate(self.matrix):
            y = self.size - (row_number + 1) * module
            for column, dark in enumerate(row):
                if dark:
                    self.canv.rect(self.offset + column * module, y, module, module, stroke=0, fill=1)


def join_sheet_pdf(qr: segno.QRCode, url: str, token: str | None, wifi: str | None, lang: str) -> bytes:
    """The sheet as PDF bytes, in the facilitator's language."""
    t = default_content().text
    base = styles(1.6)
    centred = ParagraphStyle("join-centred", parent=base.body, alignment=TA_CENTER)
    address = ParagraphStyle("join-address", parent=base.title, fontName="Courier-Bold", fontSize=18, leading=24)
    story = [para(t("join.title", lang), base.title), para(t("join.scan", lang), centred), Spacer(1, 6 * mm),
             QrFlowable(qr, QR_SIZE), Spacer(1, 6 * mm), para(url, address)]
    if token:
        story.append(para(t("join.token", lang, token=token), centred))
    if wifi:
        story.append(para(t("join.wifi", lang, name=wifi), centred))
    story += [Spacer(1, 8 * mm), para(t("join.privacy", lang), centred)]
    return build_pdf(story, t("join.title", lang), lang)
