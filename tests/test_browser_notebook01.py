"""Notebook 01 in a real Chromium, served by a real `kit serve`, in French and in English."""

from __future__ import annotations

import os

import pytest
from browser import chromium_page, layout_problems, require_browser, serious_accessibility_violations, tabs_to

from kit.rendering.colours import STATUS_COLOURS

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _browser_available():
    require_browser()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_explorer_and_quiz_work_offline(server, content, lang):
    from playwright.sync_api import expect

    external: list[str] = []
    with chromium_page(external) as page:
        page.goto(server.url)
        page.locator(f'section[lang="{lang}"] a').first.click()
        page.wait_for_selector("#loading", state="detached", timeout=120_000)
        expect(page.locator("html")).to_have_attribute("lang", lang)

        rule = next(r for r in content.ai_rules if r.status.value == "excluded")
        platform, region, category = rule.platforms[0], rule.regions[0], rule.categories[0]
        for field, named, value in (
            ("explorer.platform", content.platforms, platform),
            ("explorer.region", content.regions, region),
            ("explorer.category", content.categories, category),
        ):
            page.get_by_label(content.text(field, lang)).select_option(label=named[value].name(lang))
        status = page.locator(".kit-status")
        expect(status).to_have_attribute("data-status", "excluded")
        expect(status).to_contain_text(content.text("status.excluded", lang))
        expect(status).to_contain_text(content.ai_rule(platform, region, category).reason(lang))

        question = next(q for q in content.quiz if q.notebook == "01")
        answer = next(c for c in question.choices if c.id == question.answer)
        card = page.locator("fieldset.kit-question", has=page.get_by_text(question.question(lang), exact=True))
        card.get_by_label(answer.text(lang), exact=True).check()
        card.get_by_role("button", name=content.text("quiz.check", lang)).click()
        expect(card.locator(".kit-feedback")).to_contain_text(content.text("quiz.correct", lang))
        green = tuple(int(STATUS_COLOURS["excluded"][i:i + 2], 16) for i in (1, 3, 5))
        expect(card.locator(".kit-verdict")).to_have_css("color", "rgb({}, {}, {})".format(*green))
        expect(page.locator("#kit-stylesheet")).to_have_count(0)  # Voilà links kit.css: no second copy
        expect(page.get_by_text(content.text("quiz.score", lang, correct=1, total=len(
            [q for q in content.quiz if q.notebook == "01"])))).to_be_visible()
        assert serious_accessibility_violations(page) == []
        assert layout_problems(page) == {}, "quiz answers wrap in their own rows, at 320, 390 and 1280 px"
        beside = page.evaluate("""() => [...document.querySelectorAll('.kit-choice input:checked')].map(i => {
            const r = i.getBoundingClientRect(), l = i.closest('label').getBoundingClientRect();
            const y = r.top + r.height / 2;
            return l.top <= y && y <= l.bottom; })""")
        assert beside and all(beside), "each chosen radio is beside its own answer"
        stops, rings = tabs_to(page, "#rendered_cells", ".kit-panel button", limit=40)
        faint = [ring for ring in rings if ring["width"] < 2 or ring["contrast"] < 3]
        assert faint == [], f"focus rings under 2 px or 3:1: {faint}"
        if shots := os.environ.get("KIT_SCREENSHOTS"):
            page.screenshot(path=f"{shots}/notebook01-{lang}.png", full_page=True)
    assert external == [], f"requests to other hosts: {external}"


def test_landing_page_is_accessible_and_offline(server):
    external: list[str] = []
    with chromium_page(external, viewport={"width": 390, "height": 800}) as page:
        page.goto(server.url)
        for lang in ("fr", "en"):
            links = page.locator(f'section[lang="{lang}"] a')
            assert links.count() >= 1
        assert serious_accessibility_violations(page) == []
    assert external == []
