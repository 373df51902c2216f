"""Notebook 03's panels without a browser: the browser's storage is played by setting the stores' traits."""

from __future__ import annotations

import base64
import io
import re

import pytest
from markupsafe import escape
from pypdf import PdfReader

from kit.checklist import letter_for, plan
from kit.inventory import AccountAnswers, manual_inventory, to_csv
from kit.widgets import ChecklistPanel, ChecklistSession, LetterPanel, QuickQuestionsPanel, TakeawayPanel


def _page(lang="fr"):
    session = ChecklistSession(lang)
    questions, checklist = QuickQuestionsPanel(session), ChecklistPanel(session)
    letter = LetterPanel(session)
    return session, questions, checklist, letter, TakeawayPanel(session, letter)


def _browser_restores(session, checklist=None, inventory=None):
    """What the page does once it has rendered: hand over what localStorage held."""
    if inventory is not None:
        session.inventory_store.data = inventory
        session.inventory_store.ready = True
    session.store.data = checklist or {}
    session.store.ready = True


def test_quick_answers_build_the_plan_and_ticks_are_saved_to_the_browser(content):
    session, questions, checklist, _, _ = _page()
    _browser_restores(session)
    assert escape(content.text("plan.empty", "fr")) in checklist.view.html
    questions.platforms["facebook"].value = True
    questions.photos.value = "no"
    expected = plan(content, session.profile)
    shown = re.findall(r'data-card="([^"]+)"', checklist.view.html)
    assert sorted(shown) == sorted(item.id for item in expected)
    first = expected[0].id
    checklist.view.done = [first]  # the attendee ticks it in the page
    assert session.store.data["done"] == [first]
    assert session.store.data["answers"]["platforms"] == ["facebook"]
    assert checklist.view.progress == content.text("plan.progress", "fr", done=1, total=len(expected))
    assert checklist.view.finished == 1


def test_a_reload_restores_answers_and_ticks_from_the_browser(content):
    saved = {"answers": {"region": "uk", "platforms": ["instagram", "nonsense"], "public": "no",
                         "meta_ai": "yes", "photos": "maybe?"}, "done": ["chk-object-instagram", "chk-unknown"]}
    session, questions, checklist, _, _ = _page("en")
    _browser_restores(session, checklist=saved)
    assert session.region == "uk" and session.platforms == ["instagram"] and session.public == "no"
    assert session.photos == "unsure", "an unknown stored value is dropped"
    assert questions.region.value == "uk" and questions.platforms["instagram"].value
    assert session.done == ["chk-object-instagram"]
    assert checklist.view.done == ["chk-object-instagram"], "the page shows the tick restored"


def test_module_2_inventory_prefills_the_answers(content):
    inventory = manual_inventory(content, {"threads": AccountAnswers("private", {"post": "dozens"}),
                                           "facebook": AccountAnswers("public", {"ai-chat": "few"})})
    session, questions, _, _, _ = _page()
    _browser_restores(session, inventory={"csv": to_csv(inventory)})
    assert set(session.platforms) == {"threads", "facebook"}
    assert session.meta_ai == "yes" and questions.meta_ai.value == "yes"
    assert escape(content.text("questions.from-inventory", "fr")) in questions.inventory_note.value


def test_erase_forgets_everything(content):
    session, questions, checklist, _, _ = _page()
    _browser_restores(session, checklist={"answers": {"platforms": ["facebook"]}, "done": ["chk-object-facebook"]},
                      inventory={"csv": "x"})
    takeaway = TakeawayPanel(session)
    takeaway.erase.click()
    assert session.done == [] and session.platforms == []
    assert session.store.data == {}, "nothing is written back after erasing"
    assert session.inventory_store.data == {}
    assert not any(box.value for box in questions.platforms.values())
    assert escape(content.text("takeaway.erased", "fr")) in takeaway.status.value


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_objection_text_follows_accounts_reasons_and_region(content, lang):
    session, questions, checklist, letter, _ = _page(lang)
    _browser_restores(session)
    questions.platforms["instagram"].value = True
    act = "chk-object-instagram"
    checklist.view.accounts = {act: "@camille.d"}
    assert "@camille.d" in checklist.view.letters[act]
    reason = letter_for(content, "eu").reasons[0]
    checklist.view.reasons = [reason.id]
    assert reason.text(lang) in checklist.view.letters[act]
    swiss = letter_for(content, "ch").clauses["ch"](lang)
    assert swiss not in checklist.view.letters[act]  # the region is the EU
    questions.region.value = "ch"
    assert swiss in checklist.view.letters[act] and "@camille.d" in checklist.view.letters[act]
    questions.region.value = "us"
    assert checklist.view.letters == {} and escape(content.text("letter.none", lang)) in letter.note.value


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_without_accounts_the_letter_has_no_placeholder(content, lang):
    session, questions, checklist, _, _ = _page(lang)
    _browser_restores(session)
    questions.platforms["facebook"].value = True
    text = checklist.view.letters["chk-object-facebook"]
    assert "…" not in text and "{" not in text and "\n\n\n" not in text
    assert ": \n" not in text and not re.search(r":\s*$", text.split("\n\n")[2])


def test_the_plan_opens_with_the_objection_the_attendee_can_send(content):
    session, questions, checklist, _, _ = _page("en")
    _browser_restores(session)
    questions.platforms["facebook"].value = True
    questions.platforms["instagram"].value = True
    html = checklist.view.html
    acts = re.findall(r'<section class="kit-card kit-act" data-card="([^"]+)"', html)
    assert acts == ["chk-object-facebook", "chk-object-instagram"]
    first_card = re.search(r'data-card="([^"]+)"', html).group(1)
    assert first_card == acts[0], "the plan opens with an act"
    for act in acts:
        section = html[html.index(f'data-card="{act}"'):].split("</section>")[0]
        route = next(r for r in content.routes if r.id == next(i for i in content.checklist if i.id == act).routes[0])
        form = section.index(f'class="kit-act-form" href="{escape(route.url)}"')
        assert 'target="_blank"' in section[form:form + 200]
        assert section.index(escape(route.steps[0]("en"))) > form
        order = [section.index(f'data-{name}="{act}"') for name in ("accounts", "letter", "copy", "item")]
        assert order == sorted(order), "form, steps, accounts, letter, copy, sent: in that order"
def test_takeaway_links_hold_a_pdf_and_a_calendar(content):
    session, questions, checklist, letter, takeaway = _page("en")
    _browser_restores(session)
    questions.platforms["facebook"].value = True
    checklist.view.accounts = {"chk-object-facebook": "camille@example.org"}
    pdf = base64.b64decode(re.search(r"application/pdf;base64,([^\"]+)", takeaway.links.value).group(1))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "camille@example.org" in text
    ics = base64.b64decode(re.search(r"text/calendar;charset=utf-8;base64,([^\"]+)", takeaway.links.value).group(1))
    assert ics.startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_objection_card_shows_its_routes_steps_link_and_how_they_were_checked(content, lang):
    from kit.checklist import routes_of
    from kit.content.verification import newest_source
    from kit.rendering.explain import format_date

    session, questions, checklist, letter, _ = _page(lang)
    _browser_restores(session)
    questions.platforms["facebook"].value = True
    html = checklist.view.html

    def card(item_id):
        start = html.index(f'data-card="{item_id}"')
        return html[start:html.find('data-card="', start + 1)]

    item = next(i for i in session.items() if len(routes_of(content, i)) > 1)
    shown = card(item.id)
    first, *others = routes_of(content, item)
    assert f'href="{escape(first.url)}"' in shown
    assert all(escape(step(lang)) in shown for route in (first, *others) for step in route.steps)
    assert escape(content.text("plan.other-routes", lang, count=len(others))) in shown
    assert shown.count('class="kit-checked') == 1 + len(others), "once per route, not after every step"
    assert format_date(str(newest_source(content, first).published)[:7], lang) in shown
    paths = next(i for i in session.items() if i.app_path and i.web_path and not i.routes)
    assert card(paths.id).count('class="kit-checked') == 1, "one check line for the item's app and web paths"
    linked = [i for i in session.items() if i.priority > 1 and any(r.url for r in routes_of(content, i))]
    assert linked
    for other in linked:  # every other action's link is on its card, before its "why"
        url = next(r.url for r in routes_of(content, other) if r.url)
        shown = card(other.id)
        assert shown.index(f'href="{escape(url)}"') < shown.index('class="kit-why"')


def test_the_plan_pdf_carries_the_routes_and_their_check_line(content):
    from kit.checklist import routes_of
    from kit.content.verification import account_line

    session, questions, checklist, letter, takeaway = _page("en")
    _browser_restores(session)
    questions.platforms["instagram"].value = True
    pdf = base64.b64decode(re.search(r"application/pdf;base64,([^\"]+)", takeaway.links.value).group(1))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    route = next(r for i in session.items() for r in routes_of(content, i) if r.url)
    assert route.url in text
    # A route never seen on an account says so once, at the top, for all; one seen says when, where it is given.
    said = content.text("plan.steps-from-sources", "en") if route.checked.account is None \
        else account_line(content, route, "en")
    assert " ".join(said.split()) in text
    assert "Last verified" not in text


def test_at_home_module_2s_csv_fills_the_answers(content, monkeypatch):
    """Studying alone (files may be sent to one's own kernel): the inventory CSV comes in by the file button."""
    from test_widgets_inventory import _send

    monkeypatch.delenv("KIT_SERVED", raising=False)
    session = ChecklistSession("en")
    questions = QuickQuestionsPanel(session)
    assert questions.load in questions.children
    inventory = manual_inventory(content, {"instagram": AccountAnswers("public", {"photo": "dozens"})})
    _send(questions.load, [("inventory.csv", to_csv(inventory).encode())])
    assert session.platforms == ["instagram"] and session.public == "yes"
