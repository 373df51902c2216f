"""The personal plan, the objection text, and the take-away PDF and calendar file."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from icalendar import Calendar
from pypdf import PdfReader

from kit.checklist import Profile, letter_for, letter_text, objection_routes, plan, profile_from_inventory
from kit.content import models as m
from kit.inventory import COLUMNS
from kit.print.takeaway import plan_pdf, reminder_ics

EVERYTHING = frozenset({"facebook", "instagram", "threads", "messenger", "whatsapp", "meta-ai"})


def _profile(**kwargs) -> Profile:
    return Profile(**{"platforms": EVERYTHING, "public_account": True, "uses_meta_ai": True,
                      "in_others_photos": True, **kwargs})


@pytest.mark.parametrize("region", ["eu", "uk", "ch", "us", "br", "au", "other"])
def test_every_region_gets_a_plan_that_fits_it(content, region):
    items = plan(content, _profile(region=region))
    assert len(items) >= 4, "every region has something to do"
    assert [i.priority for i in items] == sorted(i.priority for i in items)
    for item in items:
        assert region in item.regions
    routes = objection_routes(content, region)
    assert all(set(item.routes) <= {r.id for r in routes} for item in items)


def test_regions_without_an_objection_route_get_no_objection_item(content):
    for region in ("us", "au"):
        assert objection_routes(content, region) == []
        assert [i.id for i in plan(content, _profile(region=region)) if i.routes] == [], region
    in_the_eu = {r for i in plan(content, _profile(region="eu")) for r in i.routes}
    assert in_the_eu and in_the_eu <= {r.id for r in objection_routes(content, "eu")}


def test_conditions_and_platforms_narrow_the_plan(content):
    full = {i.id for i in plan(content, _profile(region="eu"))}
    for condition, field in ((m.Condition.in_others_photos, "in_others_photos"),
                             (m.Condition.uses_meta_ai, "uses_meta_ai"),
                             (m.Condition.public_account, "public_account")):
        narrowed = {i.id for i in plan(content, _profile(region="eu", **{field: False}))}
        needing = {i.id for i in content.checklist if condition in i.when} & full
        assert needing and not (needing & narrowed)
    only_whatsapp = plan(content, _profile(region="eu", platforms=frozenset({"whatsapp"})))
    assert all("whatsapp" in i.platforms for i in only_whatsapp)
    assert plan(content, _profile(region="eu", platforms=frozenset())) == []


def test_profile_from_an_inventory(content):
    rows = pd.DataFrame([("instagram", "photo", 50, None, None, "not-public", "estimate"),
                         ("facebook", "ai-chat", 5, None, None, "unknown", "estimate")], columns=list(COLUMNS))
    profile = profile_from_inventory(content, rows, "uk")
    assert profile.platforms == {"instagram", "facebook"} and profile.region == "uk"
    assert profile.uses_meta_ai and profile.public_account  # the AI chats' visibility is unknown
    private = profile_from_inventory(content, rows.iloc[:1], "eu")
    assert not private.public_account and not private.uses_meta_ai
    public = rows.iloc[:1].assign(visibility="public")
    assert profile_from_inventory(content, public, "eu").public_account
    assert profile_from_inventory(content, rows.iloc[:0], "br") == Profile(region="br"), "nothing known: defaults"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_objection_text_has_the_accounts_and_only_the_chosen_reasons(content, lang):
    letter = letter_for(content, "eu")
    assert letter is not None and letter.reasons
    chosen, other = letter.reasons[0], letter.reasons[1]
    subject, body = letter_text(letter, lang, "camille.dupre@example.org", [chosen.id], dt.date(2026, 12, 1))
    assert "camille.dupre@example.org" in body
    assert chosen.text(lang) in body and other.text(lang) not in body
    assert "{" not in subject + body and "\n\n\n" not in body
    _, bare = letter_text(letter, lang, "x@example.org", [])
    assert "\n\n\n" not in bare and chosen.text(lang) not in bare
    assert letter_for(content, "us") is None


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_objection_text_is_its_template_filled_paragraph_by_paragraph(content, lang):
    letter = letter_for(content, "ch")
    first, second = letter.reasons[:2]
    template = letter.body(lang).split("\n\n")
    _, swiss = letter_text(letter, lang, " @camille.d ", [second.id, first.id], dt.date(2026, 12, 1), region="ch")
    paragraphs = swiss.split("\n\n")
    assert paragraphs[0] == template[0], "in the letter's language"
    assert paragraphs[1] == template[1].format(accounts="@camille.d")
    assert len(paragraphs) == len(template) + 1, "two reasons, a paragraph each"
    assert f"{first.text(lang)}\n\n{second.text(lang)}" in swiss, "in the list's order"
    day = "01/12/2026" if lang == "fr" else "01 December 2026"
    assert next(p for p in template if "{date}" in p).format(date=day) in paragraphs, "dated as the language does"
    _, bare = letter_text(letter, lang, "  ", [], dt.date(2026, 12, 1), region="eu")
    assert len(bare.split("\n\n")) == len(template) - 3, "no account, reason or clause: their paragraphs go"
    assert "…" not in bare and "{" not in bare, "the copied letter never holds a placeholder"
    assert bare.split("\n\n")[1] == template[2], "the form, sent from the account, says which one it is"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_swiss_clause_appears_only_in_a_swiss_objection(content, lang):
    letter = letter_for(content, "ch")
    assert letter is not None and letter is letter_for(content, "eu")  # one text, with a paragraph for Switzerland
    clause = letter.clauses["ch"](lang)
    _, swiss = letter_text(letter, lang, "x@example.org", [], region="ch")
    _, european = letter_text(letter, lang, "x@example.org", [], region="eu")
    assert clause in swiss and clause not in european
    assert "{" not in swiss + european and "\n\n\n" not in swiss + european


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_plan_pdf_is_a_readable_document(content, lang):
    items = plan(content, _profile(region="eu"))
    letter = letter_text(letter_for(content, "eu"), lang, "camille@example.org", [])
    pdf = plan_pdf(content, items, {items[0].id}, lang, "eu", letter, today=dt.date(2026, 12, 1))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert " ".join(content.text("plan.pdf-title", lang).split()) in flat
    assert content.text("plan.done", lang) in flat and content.text("plan.todo", lang) in flat
    assert " ".join(items[-1].action(lang).split())[:40] in flat
    assert " ".join(letter[0].split()) in flat
    assert content.regions["eu"].name(lang) in flat


def test_reminder_is_a_calendar_event_six_months_later(content):
    items = plan(content, _profile(region="ch"))
    calendar = Calendar.from_ical(reminder_ics(content, items, "fr", today=dt.date(2026, 11, 30)))
    (event,) = calendar.walk("VEVENT")
    assert dt.date(2027, 5, 27) <= event.decoded("dtstart") <= dt.date(2027, 6, 2), "about six months later"
    assert str(event["summary"]) == content.text("plan.ics-summary", "fr")
    assert items[0].action("fr") in str(event["description"])
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == dt.timedelta(days=-1)
