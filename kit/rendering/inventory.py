"""The inventory as HTML: a table, an offline bar chart and the exposure summary (no widget code here)."""

from __future__ import annotations

import base64

import pandas as pd

from kit.content import Content
from kit.inventory import exposure_totals, to_csv
from kit.rendering.html import paragraph, render


def _count(content: Content, row, lang: str) -> str:
    number = f"{int(row.count):,}".replace(",", "\u202f" if lang == "fr" else ",")
    return content.text("inventory.about", lang, count=number) if row.source == "estimate" else number


def _period(row) -> str:
    if pd.isna(row.first) or pd.isna(row.last):
        return "—"
    return f"{row.first:%Y-%m} → {row.last:%Y-%m}"


def inventory_table_html(content: Content, exposed: pd.DataFrame, lang: str) -> str:
    """One accessible table row per platform and category, with what Meta's AI may do with it."""
    headers = ("platform", "category", "exposure", "count", "period", "visibility", "source")  # deciding ones first
    rows = [
        {
            "cells": (
                content.platforms[row.platform].name(lang),
                content.categories[row.category].name(lang),
            ),
            "more": (
                _count(content, row, lang),
                _period(row),
                content.text(f"inventory.visibility.{row.visibility}", lang),
                content.text(f"inventory.source.{row.source}", lang),
            ),
            "exposure": row.exposure,
            "exposure_label": content.text(f"inventory.exposure.{row.exposure}", lang),
        }
        for row in exposed.itertuples(index=False)
    ]
    labels = [content.text(f"inventory.col.{h}", lang) for h in headers]
    return render("inventory/table.html.j2", headers=labels, rows=rows)


def inventory_chart_html(content: Content, exposed: pd.DataFrame, lang: str) -> str:
    """A horizontal bar per row, length by count (log-like scale), coloured and labelled by exposure."""
    if exposed.empty:
        return ""
    largest = max(int(exposed["count"].max()), 1)
    bars = [
        {
            "label": f"{content.platforms[row.platform].name(lang)} · {content.categories[row.category].name(lang)}",
            "count": _count(content, row, lang),
            "status": content.text(f"inventory.exposure.{row.exposure}", lang),
            "exposure": row.exposure,
            "width": max(2.0, 100 * (int(row.count) / largest) ** 0.5),
        }
        for row in exposed.sort_values("count", ascending=False).itertuples(index=False)
    ]
    return render("inventory/chart.html.j2", title=content.text("inventory.chart-title", lang), bars=bars)


def exposure_summary_html(content: Content, exposed: pd.DataFrame, lang: str) -> str:
    """How much may feed Meta's AI, and where the visibility of each row comes from."""
    if exposed.empty:
        return paragraph(content.text("inventory.result-empty", lang), role="status")
    totals = {k: f"{v:,}".replace(",", "\u202f" if lang == "fr" else ",") for k, v in exposure_totals(exposed).items()}
    bases = [content.text(f"inventory.visibility-basis.{source}", lang)
             for source in sorted(set(exposed["source"]), reverse=True)]
    return render("inventory/summary.html.j2", summary=content.text("inventory.summary", lang, **totals), bases=bases)


def csv_download_html(content: Content, inventory: pd.DataFrame, lang: str) -> str:
    """A link that saves the inventory as CSV from the browser's memory (a data: URL, no server file)."""
    if inventory.empty:
        return ""
    payload = base64.b64encode(to_csv(inventory).encode("utf-8")).decode("ascii")
    return render("inventory/csv_download.html.j2", name=content.text("inventory.download-name", lang),
                  label=content.text("inventory.download", lang), payload=payload)
