"""What attendees take home: the plan as a printable PDF and a calendar reminder (.ics), made in memory."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from xml.sax.saxutils import escape

from icalendar import Alarm, Calendar, Event
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

from kit.content import Content
from kit.content import models as m
from kit.explain import format_date

REMINDER_DAYS = 182  # about six months


def plan_pdf(
    content: Content,
    items: list[m.ChecklistItem],
    done: set[str],
    lang: str,
    region: str,
    letter: tuple[str, str] | None = None,
    today: dt.date | None = None,
) -> bytes:
    """A printable A4 plan: every action with its status, paths and link, then the objection text."""
    today = today or dt.date.today()
    styles = getSampleStyleSheet()
    body = ParagraphStyle("kit-body", parent=styles["BodyText"], fontSize=10, leading=13)
    small = ParagraphStyle("kit-small", parent=body, fontSize=8.5, leading=11, textColor=colors.HexColor("#333333"))
    t = content.text
    story = [
        Paragraph(escape(t("plan.pdf-title", lang)), styles["Title"]),
        Paragraph(
            escape(
                t("plan.pdf-subtitle", lang, date=format_date(today, lang), region=content.regions[region].name(lang))
            ),
            body,
        ),
        Paragraph(escape(t("plan.pdf-progress", lang, done=len(done & {i.id for i in items}), total=len(items))), body),
        Spacer(1, 4 * mm),
    ]
    entries = []
    for item in items:
        status = t("plan.done" if item.id in done else "plan.todo", lang)
        parts = [
            f"<b>[{escape(status)}] {escape(item.action(lang))}</b>",
            escape(item.changes(lang)),
            f"<i>{escape(t('plan.does-not-change', lang))}</i> {escape(item.does_not_change(lang))}",
        ]
        if item.app_path:
            parts.append(f"{escape(t('plan.app-path', lang))} {escape(item.app_path(lang))}")
        if item.web_path:
            parts.append(f"{escape(t('plan.web-path', lang))} {escape(item.web_path(lang))}")
        if item.link:
            parts.append(f'<link href="{escape(item.link)}" color="blue">{escape(item.link)}</link>')
        parts.append(
            escape(
                t(
                    "plan.meta",
                    lang,
                    minutes=item.minutes,
                    priority=item.priority,
                    verified=format_date(item.verified, lang),
                )
            )
        )
        entries.append(
            ListItem([Paragraph(parts[0], body), *[Paragraph(p, small) for p in parts[1:]], Spacer(1, 2 * mm)])
        )
    story.append(ListFlowable(entries, bulletType="1"))
    if letter:
        subject, text = letter
        story += [
            Spacer(1, 4 * mm),
            Paragraph(escape(t("letter.heading", lang)), styles["Heading2"]),
            Paragraph(f"<b>{escape(subject)}</b>", body),
        ]
        story += [Paragraph(escape(paragraph).replace("\n", "<br/>"), body) for paragraph in text.split("\n\n")]
    story += [Spacer(1, 6 * mm), Paragraph(escape(t("plan.disclaimer", lang)), small)]
    out = io.BytesIO()
    SimpleDocTemplate(
        out,
        pagesize=A4,
        title=t("plan.pdf-title", lang),
        lang=lang,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
    ).build(story)
    return out.getvalue()


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
