"""Printable handouts made from the same data as the notebooks: the checklist, and "what feeds Meta's AI"."""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from kit.checklist import Profile, objection_routes, plan
from kit.content import Content
from kit.env import format_date
from kit.print.pdf import STATUS_COLOURS, build_pdf, para, styles
from kit.print.takeaway import checklist_flowables

EVERY_PLATFORM_PROFILE = dict(public_account=True, uses_meta_ai=True, in_others_photos=True)


def checklist_handout(content: Content, lang: str, region: str, today: dt.date | None = None,
                      platforms: frozenset[str] | None = None) -> bytes:
    """Every action for someone in `region` using these Meta services (default: all), by priority, boxes to tick."""
    s, t = styles(), content.text
    profile = Profile(region=region, platforms=platforms or frozenset(content.platforms), **EVERY_PLATFORM_PROFILE)
    items = plan(content, profile)
    story = [para(t("handout.checklist-title", lang), s.title),
             para(t("handout.region", lang, region=content.regions[region].name(lang),
                    date=format_date(today or dt.date.today(), lang)), s.body)]
    if not objection_routes(content, region):
        story.append(para(t("plan.no-route", lang), s.body))
    story += [Spacer(1, 3 * mm), *checklist_flowables(content, items, lang)]
    return build_pdf(story, t("handout.checklist-title", lang), lang, footer=t("plan.disclaimer", lang))


def what_feeds_handout(content: Content, lang: str, region: str, today: dt.date | None = None) -> bytes:
    """One page: what Meta's AI uses, excludes or may use in `region`; what stays public; what objecting does."""
    s, t = styles(scale=0.85), content.text
    rules = [rule for rule in content.ai_rules if region in rule.regions]
    order = {"used": 0, "unclear": 1, "excluded": 2}
    rows = [[para(t("handout.col-status", lang), s.small), para(t("handout.col-what", lang), s.small)]]
    for rule in sorted(rules, key=lambda r: order[r.status.value]):
        what = ", ".join(content.categories[c].name(lang) for c in rule.categories)
        where = ", ".join(content.platforms[p].name(lang) for p in rule.platforms)
        status = f'<font color="{STATUS_COLOURS[rule.status.value]}"><b>' \
                 f'{escape(t(f"status.{rule.status.value}", lang))}</b></font>'
        rows.append([Paragraph(status, s.small), Paragraph(f"<b>{escape(what)}</b> ({escape(where)})", s.small)])
    table = Table(rows, colWidths=[40 * mm, 134 * mm], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]))
    # None of these says what a screen shows: the date is when their sources were last re-read (the oldest).
    verified = min(f.checked.sources for f in [*rules, *content.always_public, *content.effects])
    story = [
        para(t("handout.what-title", lang), s.title),
        para(t("handout.region", lang, region=content.regions[region].name(lang),
               date=format_date(today or dt.date.today(), lang)), s.body),
        Spacer(1, 2 * mm), table,
        para(t("handout.always-public", lang), s.heading),
        para(" · ".join(item.label(lang) for item in content.always_public), s.body),
        para(t("handout.objection", lang), s.heading),
    ]
    for effect in content.effects:
        mark = "+" if effect.does else "–"
        story.append(para(f"{mark} {effect.text(lang)}", s.small))
    story += [Spacer(1, 3 * mm),
              para(t("handout.footer", lang, verified=format_date(verified, lang)), s.small)]
    return build_pdf(story, t("handout.what-title", lang), lang)


def handouts(content: Content, region: str = "eu", today: dt.date | None = None,
             platforms: frozenset[str] | None = None) -> dict[str, bytes]:
    """Every handout in both languages, by file name (the checklist for these services, default all)."""
    files = {}
    for lang in ("fr", "en"):
        files[content.text("handout.checklist-file", lang)] = checklist_handout(content, lang, region, today, platforms)
        files[content.text("handout.what-file", lang)] = what_feeds_handout(content, lang, region, today)
    return files
