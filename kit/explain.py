"""Facts rendered as small accessible HTML fragments, in one language (no widget code here)."""

from __future__ import annotations

import datetime as dt
from html import escape

from kit.content import Content
from kit.content import models as m

# Badge colours: white text on these passes WCAG AA (>= 4.5:1); the label always says the status too.
STATUS_STYLE = {
    m.Status.used: ("#9b1c1c", "⚠"),
    m.Status.excluded: ("#1d6b35", "✓"),
    m.Status.unclear: ("#6b4a00", "?"),
}
MUTED = "color:#4a4a4a"


def format_date(value: str | int | dt.date, lang: str) -> str:
    """A full or partial date (YYYY, YYYY-MM, YYYY-MM-DD) as people read it in `lang`."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    parts = text.split("-")
    months = MONTHS[lang]
    if len(parts) == 1:
        return parts[0]
    month = months[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = int(parts[2])
    return f"{ORDINAL_FIRST[lang] if day == 1 else day} {month} {parts[0]}"


ORDINAL_FIRST = {"fr": "1er", "en": "1"}  # French writes the first day of a month as an ordinal: « 1er décembre »
MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}


def status_badge(content: Content, status: m.Status, lang: str) -> str:
    """A coloured badge that also says the status in words."""
    colour, symbol = STATUS_STYLE[status]
    label = escape(content.text(f"status.{status.value}", lang))
    return (
        f'<span class="kit-badge kit-status-{status.value}" style="background:{colour};color:#fff;'
        f'padding:0.15em 0.6em;border-radius:1em;font-weight:600;white-space:nowrap">'
        f'<span aria-hidden="true">{symbol} </span>{label}</span>'
    )


CONFIDENCE_ORDER = list(m.Confidence)


def sources_reread(content: Content, facts: list[m.Fact], lang: str) -> str:
    """When the sources of these facts were last re-read: the oldest date, so that it holds for each."""
    read = min(fact.checked.sources for fact in facts)
    return content.text("verify.sources-reread", lang, date=format_date(read, lang))


def _summary(fact: m.Fact, lang: str) -> str:
    """What a fact says, in one line: its title and text, or its one text."""
    title, text = getattr(fact, "title", None), getattr(fact, "text", None)
    if title is not None and text is not None:
        return f"{title(lang)} — {text(lang)}"
    for field in ("text", "action", "reason", "label"):
        value = getattr(fact, field, None)
        if isinstance(value, m.Text):
            return value(lang)
    return fact.id


def related_facts(content: Content, facts: list[m.Fact]) -> list[m.Fact]:
    """The facts these entries refer to (refers_to), each once, that are not among them."""
    ids = {fact.id for fact in facts}
    refs = dict.fromkeys(ref for fact in facts for ref in fact.refers_to if ref not in ids)
    return [content.facts[ref] for ref in refs if ref in content.facts]


def sources_html(content: Content, facts: m.Fact | list[m.Fact], lang: str) -> str:
    """The sources behind one or more facts, when they were last re-read (the oldest date), the lowest confidence.

    A fact that leans on another (refers_to) shows what that one says, so each rule is written once."""
    facts = facts if isinstance(facts, list) else [facts]
    related = related_facts(content, facts)
    see_also = "".join(
        f'<p class="kit-see-also" style="margin:0.3em 0"><strong>{escape(content.text("sources.see-also", lang))}'
        f"</strong> {escape(_summary(fact, lang))}</p>"
        for fact in related
    )
    facts = [*facts, *related]
    sources = list({s.id: s for fact in facts for s in content.sources_of(fact)}.values())
    items = "".join(
        f'<li><a href="{escape(s.url)}" target="_blank" rel="noopener noreferrer">{escape(s.title)}</a>'
        f" — {escape(s.publisher)}, "
        f"{escape(content.text('sources.published', lang, date=format_date(s.published, lang)))}</li>"
        for s in sources
    )
    notes = "".join(
        f'<p style="margin:0.3em 0"><strong>{escape(content.text("confidence.note", lang))}</strong> '
        f"{escape(fact.confidence_note(lang))}</p>"
        for fact in facts
        if fact.confidence_note is not None
    )
    confidence = max((fact.confidence for fact in facts), key=CONFIDENCE_ORDER.index)
    meta = escape(f"{sources_reread(content, facts, lang)} · {content.text(f'confidence.{confidence.value}', lang)}")
    return (
        f'<div class="kit-sources" style="font-size:0.92em">{see_also}{notes}'
        f'<p style="margin:0.3em 0;{MUTED}">{meta}</p>'
        f'<details><summary>{escape(content.text("sources.heading", lang))} ({len(sources)})</summary>'
        f'<ul style="margin:0.3em 0">{items}</ul></details></div>'
    )


def ai_status_html(content: Content, platform: str, region: str, category: str, lang: str) -> str:
    """Whether this content feeds Meta's AI there, why, and on what sources."""
    rule = content.ai_rule(platform, region, category)
    kind = content.categories[category]
    covers = content.text("explorer.covers", lang, name=kind.name(lang), description=kind.description(lang))
    covers = f'<p class="kit-category" style="margin:0.4em 0;{MUTED}">{escape(covers)}</p>'
    if rule is None:
        return f"{covers}<p>{escape(content.text('status.none', lang))}</p>"
    since = ""
    if rule.since:
        since_text = content.text("explorer.since", lang, date=format_date(rule.since, lang))
        since = f'<p style="margin:0.3em 0">{escape(since_text)}</p>'
    return (
        f'<div class="kit kit-status" data-status="{rule.status.value}">{covers}'
        f'<p style="margin:0.4em 0">{status_badge(content, rule.status, lang)}</p>'
        f'<p style="margin:0.4em 0">{escape(rule.reason(lang))}</p>{since}'
        f"{sources_html(content, rule, lang)}</div>"
    )


def timeline_html(content: Content, lang: str, region: str | None = None) -> str:
    """Meta's AI-training policy as one dated line per event, grouped by year; details unfold."""
    events = [e for e in content.timeline if region is None or not e.regions or region in e.regions]
    years: dict[str, list[str]] = {}
    for event in events:
        regions = ", ".join(content.regions[r].name(lang) for r in event.regions) or content.text(
            "regions.worldwide", lang
        )
        years.setdefault(str(event.date)[:4], []).append(
            f'<li style="margin:0 0 0.35em;padding-left:0.8em"><details><summary style="cursor:pointer">'
            f"<strong>{escape(format_date(event.date, lang))}</strong> — {escape(event.title(lang))} "
            f'<span style="{MUTED}">({escape(regions)})</span></summary>'
            f'<p style="margin:0.2em 0">{escape(event.text(lang))}</p>{sources_html(content, event, lang)}'
            f"</details></li>"
        )
    blocks = "".join(
        f'<h3 style="margin:0.8em 0 0.3em">{year}</h3><ol class="kit-timeline" '
        f'style="list-style:none;padding-left:0;margin:0;border-left:3px solid #0b57a4">{"".join(items)}</ol>'
        for year, items in years.items()
    )
    count = escape(content.text("timeline.count", lang, count=len(events)))
    return f'<div class="kit kit-timeline-panel"><p style="{MUTED}">{count}</p>{blocks}</div>'


def always_public_html(content: Content, lang: str, private_account: bool) -> str:
    """What stays public, with a private account or a public one."""
    intro = content.text("public.private-intro" if private_account else "public.public-intro", lang)
    items = "".join(
        f'<li style="margin:0 0 0.7em"><strong>{escape(item.label(lang))}</strong> — {escape(item.detail(lang))}'
        f"{sources_html(content, item, lang)}</li>"
        for item in content.always_public
    )
    return f'<div class="kit kit-always-public"><p>{escape(intro)}</p><ul>{items}</ul></div>'
