"""Facts rendered as small accessible HTML fragments, in one language (no widget code here)."""

from __future__ import annotations

from kit.content import Content
from kit.content import models as m
from kit.env import format_date
from kit.rendering.html import render, trusted

# The badge's colours are the status colours of the one stylesheet; the label always says the status too.
STATUS_SYMBOL = {m.Status.used: "⚠", m.Status.excluded: "✓", m.Status.unclear: "?"}


def status_badge(content: Content, status: m.Status, lang: str) -> str:
    """A coloured badge that also says the status in words."""
    return render("explain/badge.html.j2", status=status.value, symbol=STATUS_SYMBOL[status],
                  label=content.text(f"status.{status.value}", lang))


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
    everything = [*facts, *related]
    sources = list({s.id: s for fact in everything for s in content.sources_of(fact)}.values())
    confidence = max((fact.confidence for fact in everything), key=CONFIDENCE_ORDER.index)
    return render(
        "explain/sources.html.j2",
        see_also_label=content.text("sources.see-also", lang),
        see_also=[_summary(fact, lang) for fact in related],
        note_label=content.text("confidence.note", lang),
        notes=[fact.confidence_note(lang) for fact in everything if fact.confidence_note is not None],
        meta=f"{sources_reread(content, everything, lang)} · {content.text(f'confidence.{confidence.value}', lang)}",
        heading=content.text("sources.heading", lang),
        sources=[{"url": s.url, "title": s.title, "publisher": s.publisher,
                  "published": content.text("sources.published", lang, date=format_date(s.published, lang))}
                 for s in sources],
    )


def ai_status_html(content: Content, platform: str, region: str, category: str, lang: str) -> str:
    """Whether this content feeds Meta's AI there, why, and on what sources."""
    rule = content.ai_rule(platform, region, category)
    kind = content.categories[category]
    covers = content.text("explorer.covers", lang, name=kind.name(lang), description=kind.description(lang))
    if rule is None:
        return render("explain/ai_status.html.j2", status=None, covers=covers,
                      none_text=content.text("status.none", lang))
    since = content.text("explorer.since", lang, date=format_date(rule.since, lang)) if rule.since else ""
    return render(
        "explain/ai_status.html.j2", status=rule.status.value, covers=covers,
        badge=trusted(status_badge(content, rule.status, lang)), reason=rule.reason(lang), since=since,
        sources=trusted(sources_html(content, rule, lang)),
    )


def timeline_html(content: Content, lang: str, region: str | None = None) -> str:
    """Meta's AI-training policy as one dated line per event, grouped by year; details unfold."""
    events = [e for e in content.timeline if region is None or not e.regions or region in e.regions]
    years: dict[str, list[dict]] = {}
    for event in events:
        regions = ", ".join(content.regions[r].name(lang) for r in event.regions) or content.text(
            "regions.worldwide", lang
        )
        years.setdefault(str(event.date)[:4], []).append({
            "date": format_date(event.date, lang), "title": event.title(lang), "regions": regions,
            "text": event.text(lang), "sources": trusted(sources_html(content, event, lang)),
        })
    return render("explain/timeline.html.j2", count=content.text("timeline.count", lang, count=len(events)),
                  years=list(years.items()))


def always_public_html(content: Content, lang: str, private_account: bool) -> str:
    """What stays public, with a private account or a public one."""
    intro = content.text("public.private-intro" if private_account else "public.public-intro", lang)
    items = [{"label": item.label(lang), "detail": item.detail(lang),
              "sources": trusted(sources_html(content, item, lang))} for item in content.always_public]
    return render("explain/always_public.html.j2", intro=intro, items=items)
