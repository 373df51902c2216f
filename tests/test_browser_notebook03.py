"""Notebook 03, the attendees' dashboard, in a real Chromium against a real `kit serve`."""

from __future__ import annotations

import io
import re

import pytest
from browser import (
    chromium_page,
    layout_problems,
    require_browser,
    serious_accessibility_violations,
    swipes_to,
    tabs_to,
)
from icalendar import Calendar
from pypdf import PdfReader

pytestmark = pytest.mark.browser
NOTEBOOK = "voila/render/{lang}/03-my-checklist.ipynb"


@pytest.fixture(autouse=True)
def _browser_available():
    require_browser()


def _open(page, url):
    page.goto(url)
    page.wait_for_selector("#loading", state="detached", timeout=120_000)


def _progress(page):
    return page.locator(".kit-progress-text")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_plan_ticks_survive_a_reload_and_erase_clears_them(server, content, lang, tmp_path):
    from playwright.sync_api import expect

    external: list[str] = []
    with chromium_page(external, accept_downloads=True) as page:
        url = server.url + NOTEBOOK.format(lang=lang)
        _open(page, url)
        expect(page.locator("html")).to_have_attribute("lang", lang)
        page.get_by_label(content.platforms["facebook"].name(lang), exact=True).check()
        items = page.locator(".kit-item input[type=checkbox]")
        expect(items.first).to_be_visible()
        total = items.count()
        assert total >= 4
        items.first.check()
        expect(_progress(page)).to_have_text(content.text("plan.progress", lang, done=1, total=total))
        assert serious_accessibility_violations(page) == []

        _open(page, url)  # a reload: a new kernel, the browser remembers
        expect(_progress(page)).to_have_text(content.text("plan.progress", lang, done=1, total=total))
        expect(page.locator(".kit-item input[type=checkbox]").first).to_be_checked()
        expect(page.get_by_label(content.platforms["facebook"].name(lang), exact=True)).to_be_checked()

        with page.expect_download() as pdf_info:
            page.locator("a.kit-download-pdf").click()
        pdf = tmp_path / "plan.pdf"
        pdf_info.value.save_as(pdf)
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages).split())
        assert " ".join(content.text("plan.pdf-title", lang).split()) in text
        assert content.text("plan.done", lang) in text
        with page.expect_download() as ics_info:
            page.locator("a.kit-download-ics").click()
        ics = tmp_path / "reminder.ics"
        ics_info.value.save_as(ics)
        (event,) = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
        assert str(event["summary"]) == content.text("plan.ics-summary", lang)

        page.get_by_role("button", name=content.text("takeaway.erase", lang)).click()
        expect(page.get_by_text(content.text("takeaway.erased", lang))).to_be_visible()
        _open(page, url)
        expect(_progress(page)).to_have_text(content.text("plan.empty", lang))
        assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('kit.'))") == []
    assert external == []


def test_objection_text_is_copied_and_the_language_switch_keeps_the_plan(server, content):
    from playwright.sync_api import expect

    external: list[str] = []
    with chromium_page(external, permissions=["clipboard-read", "clipboard-write"]) as page:
        _open(page, server.url + NOTEBOOK.format(lang="fr"))
        page.get_by_label(content.platforms["instagram"].name("fr"), exact=True).check()
        page.get_by_label(content.text("letter.accounts", "fr")).fill("@camille.d")
        letter = page.get_by_label(content.text("letter.text-label", "fr"))
        expect(letter).to_have_value(re.compile("@camille\\.d"))
        page.get_by_role("button", name=content.text("letter.copy", "fr")).click()
        expect(page.get_by_text(content.text("letter.copied", "fr"))).to_be_visible()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert "@camille.d" in copied and copied == letter.input_value()

        page.locator(".kit-item input[type=checkbox]").first.check()
        switch = page.get_by_role("navigation", name=content.text("switch.label", "fr"))  # the footer has one too
        switch.get_by_role("link", name=content.text("switch.other", "fr")).click()
        page.wait_for_selector("#loading", state="detached", timeout=120_000)
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_label(content.platforms["instagram"].name("en"), exact=True)).to_be_checked()
        expect(page.locator(".kit-item input[type=checkbox]").first).to_be_checked()
        page.evaluate("() => localStorage.clear()")
    assert external == []


def test_a_region_without_objection_route_says_so(server, content):
    from playwright.sync_api import expect

    external: list[str] = []
    with chromium_page(external, viewport={"width": 390, "height": 844}) as page:
        _open(page, server.url + NOTEBOOK.format(lang="en"))
        page.get_by_label(content.text("questions.region", "en")).select_option(label=content.regions["au"].name("en"))
        page.get_by_label(content.platforms["facebook"].name("en"), exact=True).check()
        expect(page.get_by_text(content.text("plan.no-route", "en"))).to_be_visible()
        expect(page.get_by_text(content.text("letter.none", "en"))).to_be_visible()
        expect(page.locator(".kit-item").first).to_be_visible()
        assert page.locator(".kit-item").count() >= 3
        assert serious_accessibility_violations(page) == []
        page.evaluate("() => localStorage.clear()")
    assert external == []


def test_every_question_reads_whole_on_a_phone(server, content):
    from playwright.sync_api import expect

    external: list[str] = []
    with chromium_page(external, viewport={"width": 390, "height": 844}) as page:
        _open(page, server.url + NOTEBOOK.format(lang="fr"))
        labels = page.locator(".kit-panel .widget-inline-hbox > .widget-label")
        expect(labels.get_by_text(content.text("questions.photos", "fr"))).to_be_visible()
        assert labels.count() >= 4
        cut = page.evaluate("""() => [...document.querySelectorAll('.kit-panel .widget-inline-hbox > .widget-label')]
            .filter(l => l.scrollWidth > l.clientWidth + 1 || l.scrollHeight > l.clientHeight + 1
                         || l.getBoundingClientRect().right > document.documentElement.clientWidth)
            .map(l => l.textContent)""")
        assert cut == [], f"labels cut off on a phone: {cut}"
    assert external == []


def test_self_check_compares_the_start_of_module_1_with_the_end_of_module_3(server, content):
    from playwright.sync_api import expect

    def answer(page, right: bool, confidence: str):
        forms = page.locator("fieldset.kit-question")
        expect(forms.first).to_be_visible()
        for index, question in enumerate(content.selfcheck):
            choice = question.answer if right else next(c.id for c in question.choices if c.id != question.answer)
            label = next(c.text("en") for c in question.choices if c.id == choice)
            forms.nth(index).get_by_label(label, exact=True).check()
        forms.nth(len(content.selfcheck)).get_by_label(confidence, exact=True).check()
        page.get_by_role("button", name=content.text("selfcheck.save", "en")).click()

    external: list[str] = []
    total = len(content.selfcheck)
    with chromium_page(external) as page:
        _open(page, server.url + "voila/render/en/01-what-feeds-meta-ai.ipynb")
        answer(page, right=False, confidence="2")
        expect(page.get_by_text(content.text("selfcheck.saved-before", "en"))).to_be_visible()
        _open(page, server.url + NOTEBOOK.format(lang="en"))
        expect(page.locator("fieldset.kit-question").first).to_be_visible()
        assert page.locator("fieldset.kit-question").count() == total + 1, "the self-check is the page's only form"
        answer(page, right=True, confidence="4")
        result = page.locator(".kit-selfcheck-result")
        expect(result).to_contain_text(content.text("selfcheck.result", "en", before=0, after=total, total=total))
        expect(result).to_contain_text(content.text("selfcheck.confidence-result", "en", before="2", after="4"))
        page.evaluate("() => localStorage.clear()")
    assert external == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_on_a_phone_the_objection_comes_first_and_nothing_overlaps(server, content, lang):
    """EU (pre-selected) and Facebook ticked: the form one swipe away at most, its letter three; copied whole."""
    from playwright.sync_api import expect

    external: list[str] = []
    with chromium_page(external, viewport={"width": 390, "height": 844},
                       permissions=["clipboard-read", "clipboard-write"]) as page:
        _open(page, server.url + NOTEBOOK.format(lang=lang))
        page.get_by_label(content.platforms["facebook"].name(lang), exact=True).check()  # the one tap
        form = page.locator(".kit-act-form").first
        expect(form).to_be_visible()
        assert page.evaluate("() => !document.querySelector('.kit-act-form').closest('details')"), "not in a disclosure"
        assert form.get_attribute("target") == "_blank"
        route = next(r for r in content.routes if r.id == "route-facebook-form")
        assert form.get_attribute("href") == route.url
        assert swipes_to(page, ".kit-act-form") <= 1
        assert swipes_to(page, ".kit-copy") <= 3
        for primary in (form, page.locator(".kit-copy").first):
            assert primary.bounding_box()["height"] >= 44

        page.locator(".kit-copy").first.click()  # the accounts field left empty
        expect(page.locator(".kit-copy-status").first).to_have_text(content.text("letter.copied", lang))
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied == page.locator(".kit-letter").first.input_value()
        assert len(copied) > 500 and "…" not in copied and "{" not in copied

        presses, rings = tabs_to(page, ".kit-progress", ".kit-copy")
        assert presses <= 10, f"{presses} Tab presses from the start of the plan to the copy button"
        faint = [ring for ring in rings if ring["width"] < 2 or ring["contrast"] < 3]
        assert faint == [], f"focus rings under 2 px or 3:1: {faint}"

        assert layout_problems(page) == {}
        assert serious_accessibility_violations(page) == []
        page.evaluate("() => localStorage.clear()")
    assert external == []
