"""The inventory as HTML: a table, an offline bar chart and the exposure summary (no widget code here)."""

from __future__ import annotations

import base64
from html import escape

import pandas as pd

from kit.content import Content
from kit.inventory import exposure_totals, to_csv

EXPOSURE_COLOUR = {"used": "#9b1c1c", "unclear": "#6b4a00", "excluded": "#1d6b35"}


def _count(content: Content, row, lang: str) -> str:
    number = f"{int(row.count):,}".replace(",", "\u202f" if lang == "fr" else ",")
    return content.text("inventory.about", lang, count=number) if row.source == "estimate" else number


def _period(row) -> str:
    if pd.isna(row.first) or pd.isna(row.last):
        return "—"
    return f"{row.first:%Y-%m} → {row.last:%Y-%m}"


def inventory_table_html(content: Content, exposed: pd.DataFrame, lang: str) -> str:
    """One accessible table row per platform and category, with what Meta's AI may do with it."""
    headers = ("platform", "category", "count", "period", "visibility", "source", "exposure")
    head = "".join(
        f'<th scope="col" style="text-align:left;padding:0.3em 0.6em">'
        f'{escape(content.text(f"inventory.col.{h}", lang))}</th>'
        for h in headers
    )
    rows = []
    for row in exposed.itertuples(index=False):
        cells = (
            content.platforms[row.platform].name(lang),
            content.categories[row.category].name(lang),
            _count(content, row, lang),
            _period(row),
            content.text(f"inventory.visibility.{row.visibility}", lang),
            content.text(f"inventory.source.{row.source}", lang),
        )
        exposure = (
            f'<td style="padding:0.3em 0.6em;color:{EXPOSURE_COLOUR[row.exposure]};font-weight:600">'
            f'{escape(content.text(f"inventory.exposure.{row.exposure}", lang))}</td>'
        )
        rows.append(
            "<tr>" + "".join(f'<td style="padding:0.3em 0.6em">{escape(c)}</td>' for c in cells) + exposure + "</tr>"
        )
    return (
        '<div style="overflow-x:auto"><table class="kit-inventory" style="border-collapse:collapse">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def inventory_chart_html(content: Content, exposed: pd.DataFrame, lang: str) -> str:
    """A horizontal bar per row, length by count (log-like scale), coloured and labelled by exposure."""
    if exposed.empty:
        return ""
    largest = max(int(exposed["count"].max()), 1)
    bars = []
    for row in exposed.sort_values("count", ascending=False).itertuples(index=False):
        width = max(2.0, 100 * (int(row.count) / largest) ** 0.5)
        label = f"{content.platforms[row.platform].name(lang)} · {content.categories[row.category].name(lang)}"
        status = content.text(f"inventory.exposure.{row.exposure}", lang)
        bars.append(
            f'<div style="margin:0.25em 0"><div style="font-size:0.9em">{escape(label)} — '
            f"{escape(_count(content, row, lang))} ({escape(status)})</div>"
            f'<div aria-hidden="true" style="height:0.8em;width:{width:.1f}%;'
            f'background:{EXPOSURE_COLOUR[row.exposure]};border-radius:3px"></div></div>'
        )
    title = escape(content.text("inventory.chart-title", lang))
    return f'<figure class="kit-chart" style="margin:0.5em 0"><figcaption><strong>{title}</strong></figcaption>' \
        f'{"".join(bars)}</figure>'


def exposure_summary_html(content: Content, exposed: pd.DataFrame, lang: str) -> str:
    """How much may feed Meta's AI, and where the visibility of each row comes from."""
    if exposed.empty:
        return f'<p role="status">{escape(content.text("inventory.result-empty", lang))}</p>'
    totals = {k: f"{v:,}".replace(",", "\u202f" if lang == "fr" else ",") for k, v in exposure_totals(exposed).items()}
    bases = "".join(
        f'<li>{escape(content.text(f"inventory.visibility-basis.{source}", lang))}</li>'
        for source in sorted(set(exposed["source"]), reverse=True)
    )
    return (
        f'<div class="kit-summary" role="status"><p><strong>{escape(content.text("inventory.summary", lang, **totals))}'
        f'</strong></p><ul style="color:#4a4a4a">{bases}</ul></div>'
    )


def csv_download_html(content: Content, inventory: pd.DataFrame, lang: str) -> str:
    """A link that saves the inventory as CSV from the browser's memory (a data: URL, no server file)."""
    if inventory.empty:
        return ""
    payload = base64.b64encode(to_csv(inventory).encode("utf-8")).decode("ascii")
    name = escape(content.text("inventory.download-name", lang))
    return (
        f'<a class="kit-download" download="{name}" href="data:text/csv;charset=utf-8;base64,{payload}">'
        f'{escape(content.text("inventory.download", lang))}</a>'
    )
