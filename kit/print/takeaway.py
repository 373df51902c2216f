"""What attendees take home: the plan as a printable PDF and a calendar reminder (.ics), made in memory."""

from __future__ import annotations

import datetime as dt
import hashlib
from xml.sax.saxutils import escape

from icalendar import Alarm, Calendar, Event
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from kit.checklist import letter_routes, routes_of
from kit.content import Content
from kit.content import models as m
from kit.content.verification import account_line, needs_account
from kit.env import format_date
from kit.print.pdf import Styles, Ticked, build_pdf, para, printable, styles
from kit.rendering.explain import sources_reread

REMINDER_DAYS = 182  # about six months


def checklist_flowables(content: Content, items: list[m.ChecklistItem], lang: str,
                        done: set[str] | None = None) -> list[Flowable]:
    """Each action with a box to tick (ticked when done), what it changes and not, paths, ways to object, time."""
    return _checklist(content, items, lang, done, {})


def _checklist(content: Content, items: list[m.ChecklistItem], lang: str, done: set[str] | None,
               given: dict[str, int]) -> list[Flowable]:
    """checklist_flowables, noting in `given` which action gives each way to object in full (route id -> number)."""
    s, t = list_styles(styles()), content.text
    facts: list[m.Fact] = [*items, *(route for item in items for route in routes_of(content, item))]
    # What every entry not yet seen on an account would repeat is said once, at the top.
    header = [sources_reread(content, facts, lang)] if facts else []
    if any(needs_account(fact) and fact.checked.account is None for fact in facts):
        header.append(t("plan.steps-from-sources", lang))
    story: list[Flowable] = [para(" ".join(header), s.small)] if header else []
    for number, item in enumerate(items, start=1):
        if number == 1 or item.priority != items[number - 2].priority:
            story.append(para(t(f"plan.priority.{item.priority}", lang), s.heading))
        status = [t("plan.minutes", lang, minutes=item.minutes)]
        if done is not None:
            status.append(t("plan.done" if item.id in done else "plan.todo", lang))
        action = Paragraph(f"<b>{number}. {escape(printable(item.action(lang)))}</b> "
                           f"{escape(printable(' · '.join(status)))}", s.body)
        story.append(Ticked(action, f"action-{number}", item.action(lang), checked=item.id in (done or set())))
        story.append(Paragraph(f"{escape(printable(item.changes(lang)))} <i>{escape(t('plan.does-not-change', lang))}"
                               f"</i> {escape(printable(item.does_not_change(lang)))}", s.small))
        paths = [f"<i>{escape(t(label, lang))}</i> {escape(printable(path(lang)))}"
                 for label, path in (("plan.app-path", item.app_path), ("plan.web-path", item.web_path)) if path]
        if needs_account(item) and item.checked.account:
            paths.append(escape(account_line(content, item, lang)))
        if paths:
            story.append(Paragraph(" · ".join(paths), s.small))
        routes = routes_of(content, item)
        for route in routes:
            story += route_or_reference(content, route, lang, s, given, seen_only=True)
            given.setdefault(route.id, number)
    return story


def list_styles(s: Styles) -> Styles:
    """The styles of a list of actions: tight, the details under each action aligned with its text."""
    indent = Ticked.SIZE + Ticked.GAP
    return Styles(title=s.title,
                  heading=ParagraphStyle("kit-priority", parent=s.heading, spaceBefore=8, spaceAfter=0),
                  body=ParagraphStyle("kit-action", parent=s.body, fontSize=9.5, leading=11.5, spaceBefore=5,
                                      spaceAfter=1),
                  small=ParagraphStyle("kit-detail", parent=s.small, fontSize=8, leading=10, leftIndent=indent,
                                       spaceBefore=0, spaceAfter=1.5))


def route_or_reference(content: Content, route: m.ObjectionRoute, lang: str, s: Styles,
                       given: dict[str, int], seen_only: bool = False) -> list[Flowable]:
    """A way to object in full, or, when an action already gave it, that action's number (nothing said twice)."""
    if route.id in given:
        return [para(content.text("plan.see-action", lang, route=route.title(lang), number=given[route.id]), s.small)]
    return route_flowables(content, route, lang, s, seen_only)


def route_flowables(content: Content, route: m.ObjectionRoute, lang: str, s: Styles,
                    seen_only: bool = False) -> list[Flowable]:
    """A way to object on paper, in one paragraph: its title and link, its steps, when they were last seen
    (with `seen_only`, only if seen on an account: the list's header says the others were not)."""
    head = f"<b>{escape(printable(route.title(lang)))}</b>"
    if route.url:
        link = escape(route.url)
        head += f' <link href="{link}" color="blue">{link}</link>'
    steps = " ".join(f"{number}. {step(lang)}" for number, step in enumerate(route.steps, start=1))
    seen = "" if seen_only and route.checked.account is None else account_line(content, route, lang)
    return [Paragraph(f"{head} — {escape(printable(steps))} <i>{escape(seen)}</i>", s.small)]


def plan_pdf(content: Content, items: list[m.ChecklistItem], done: set[str], lang: str, region: str,
             letter: tuple[str, str] | None = None, today: dt.date | None = None,
             platforms: frozenset[str] = frozenset()) -> bytes:
    """A printable A4 plan: every action with its status, paths and link, then the objection text."""
    today = today or dt.date.today()
    s, t = styles(), content.text
    given: dict[str, int] = {}
    story = [
        para(t("plan.pdf-title", lang), s.title),
        para(t("plan.pdf-subtitle", lang, date=format_date(today, lang), region=content.regions[region].name(lang)),
             s.body),
        para(t("plan.pdf-progress", lang, done=len(done & {i.id for i in items}), total=len(items)), s.body),
        Spacer(1, 4 * mm),
        *_checklist(content, items, lang, done, given),
    ]
    if letter:
        subject, text = letter
        story += [Spacer(1, 4 * mm), para(t("letter.heading", lang), s.heading),
                  Paragraph(f"<b>{escape(subject)}</b>", s.body)]
        story += [para(paragraph, s.body) for paragraph in text.split("\n\n")]
        story.append(para(t("letter.send-with", lang), s.body))
        for route in letter_routes(content, region, platforms):
            story += route_or_reference(content, route, lang, s, given)
    return build_pdf(story, t("plan.pdf-title", lang), lang, footer=t("plan.disclaimer", lang))


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
