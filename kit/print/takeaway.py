"""What attendees take home: the plan as a printable PDF and a calendar reminder (.ics), made in memory."""

from __future__ import annotations

import datetime as dt
import hashlib
from xml.sax.saxutils import escape

from icalendar import Alarm, Calendar, Event
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, Spacer

from kit.checklist import letter_routes, routes_of
from kit.content import Content
from kit.content import models as m
from kit.content.verification import account_line, needs_account
from kit.env import format_date
from kit.print.pdf import Styles, build_pdf, para, printable, styles
from kit.rendering.explain import sources_reread

REMINDER_DAYS = 182  # about six months


def checklist_flowables(content: Content, items: list[m.ChecklistItem], lang: str,
                        done: set[str] | None = None) -> list[Flowable]:
    """Each action with its status (when `done` is known), what it changes, paths, link, time and date."""
    s, t = styles(), content.text
    entries = []
    for item in items:
        status = "[   ] " if done is None else f"[{t('plan.done' if item.id in done else 'plan.todo', lang)}] "
        lines = [Paragraph(f"<b>{escape(status + printable(item.action(lang)))}</b>", s.body),
                 para(item.changes(lang), s.small),
                 Paragraph(f"<i>{escape(t('plan.does-not-change', lang))}</i> "
                           f"{escape(printable(item.does_not_change(lang)))}", s.small)]
        for label, path in (("plan.app-path", item.app_path), ("plan.web-path", item.web_path)):
            if path:
                lines.append(para(f"{t(label, lang)} {path(lang)}", s.small))
        if needs_account(item):
            lines.append(para(account_line(content, item, lang), s.small))
        routes = routes_of(content, item)
        for route in routes:
            lines += route_flowables(content, route, lang, s)
        lines.append(para(t("plan.meta", lang, minutes=item.minutes, priority=item.priority,
                            checked=sources_reread(content, [item, *routes], lang)), s.small))
        entries.append(ListItem([*lines, Spacer(1, 2 * mm)]))
    return [ListFlowable(entries, bulletType="1")]


def route_flowables(content: Content, route: m.ObjectionRoute, lang: str, s: Styles) -> list[Flowable]:
    """A way to object on paper: its title and link, its steps on one line, when they were last seen."""
    head = f"<b>{escape(printable(route.title(lang)))}</b>"
    if route.url:
        link = escape(route.url)
        head += f' <link href="{link}" color="blue">{link}</link>'
    steps = " ".join(f"{number}. {step(lang)}" for number, step in enumerate(route.steps, start=1))
    return [Paragraph(head, s.small), para(steps, s.small), para(account_line(content, route, lang), s.small)]


def plan_pdf(content: Content, items: list[m.ChecklistItem], done: set[str], lang: str, region: str,
             letter: tuple[str, str] | None = None, today: dt.date | None = None,
             platforms: frozenset[str] = frozenset()) -> bytes:
    """A printable A4 plan: every action with its status, paths and link, then the objection text."""
    today = today or dt.date.today()
    s, t = styles(), content.text
    story = [
        para(t("plan.pdf-title", lang), s.title),
        para(t("plan.pdf-subtitle", lang, date=format_date(today, lang), region=content.regions[region].name(lang)),
             s.body),
        para(t("plan.pdf-progress", lang, done=len(done & {i.id for i in items}), total=len(items)), s.body),
        Spacer(1, 4 * mm),
        *checklist_flowables(content, items, lang, done),
    ]
    if letter:
        subject, text = letter
        story += [Spacer(1, 4 * mm), para(t("letter.heading", lang), s.heading),
                  Paragraph(f"<b>{escape(subject)}</b>", s.body)]
        story += [para(paragraph, s.body) for paragraph in text.split("\n\n")]
        story.append(para(t("letter.send-with", lang), s.body))
        for route in letter_routes(content, region, platforms):
            story += route_flowables(content, route, lang, s)
    story += [Spacer(1, 6 * mm), para(t("plan.disclaimer", lang), s.small)]
    return build_pdf(story, t("plan.pdf-title", lang), lang)


def reminder_ics(content: Content, items: list[m.ChecklistItem], lang: str, today: dt.date | None = None) -> bytes:
    """A calendar event in about six months to check the settings again, with a reminder the day before."""
    today = today or dt.date.today()
    day = today + dt.timedelta(days=REMINDER_DAYS)
    ids = ",".join(item.id for item in items)
    calendar = Calendar()
    calendar.add("prodid", "-//Meta AI workshop kit//FR-EN//")
    calendar.add("version", "2.0")
    event = Event()
    # Stable for the same plan on the same day: importing it twice updates one event instead of adding two.
    event.add("uid", f"{hashlib.sha256(f'{today}|{lang}|{ids}'.encode()).hexdigest()[:24]}@meta-ai-workshop-kit")
    event.add("dtstamp", dt.datetime.combine(today, dt.time(), dt.UTC))
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", content.text("plan.ics-summary", lang))
    lines = [content.text("plan.ics-intro", lang)] + [f"- {item.action(lang)}" for item in items]
    event.add("description", "\n".join(lines))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", content.text("plan.ics-summary", lang))
    alarm.add("trigger", dt.timedelta(days=-1))
    event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical()
