"""Ways through the workshop: under every module the next one and the landing page, and a loading screen in
the page's language, drawn by the kit's Voilà template (a real Chromium against a real `kit serve`)."""

from __future__ import annotations

import re

import pytest
from browser import chromium_page, require_browser

from kit.env import NOTEBOOKS_DIR
from kit.serving.landing import notebook_entries

pytestmark = pytest.mark.browser

# Every text the loading screen shows, recorded from the first byte of the page on.
RECORD_LOADING = """
window.kitLoading = [];
window.kitDrawing = new Set();
new MutationObserver(() => {
  const text = document.getElementById("loading_text");
  if (text && window.kitLoading.at(-1) !== text.textContent) window.kitLoading.push(text.textContent);
  for (const output of document.querySelectorAll(".jp-OutputArea-output")) {
    if (output.childNodes.length === 1 && output.firstChild.nodeType === Node.TEXT_NODE) {
      window.kitDrawing.add(output.firstChild.data);
    }
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


@pytest.fixture(autouse=True)
def _browser_available():
    require_browser()


def _step(content, lang: str) -> re.Pattern:
    """The loading screen's step line in `lang`, whatever the numbers."""
    pattern = re.escape(content.ui["loading.step"](lang))
    return re.compile(pattern.replace(re.escape("{index}"), r"\d+").replace(re.escape("{count}"), r"\d+"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_module_leads_to_the_next_and_to_the_landing_page(server, content, lang):
    from playwright.sync_api import expect

    modules = [entry for entry in notebook_entries(NOTEBOOKS_DIR) if entry.lang == lang]
    external: list[str] = []
    with chromium_page(external, viewport={"width": 390, "height": 844}) as page:
        page.add_init_script(RECORD_LOADING)
        page.goto(f"{server.url}voila/render/{modules[0].path}")
        page.wait_for_selector("#loading", state="detached", timeout=120_000)
        seen = page.evaluate("window.kitLoading")
        assert any(_step(content, lang).fullmatch(text) for text in seen), seen
        assert not any(text.startswith("Executing") for text in seen), seen
        # Where a widget is about to be drawn, Voilà's "Loading widget..." is replaced by the page's words.
        assert content.text("loading.widget", lang) in page.evaluate("[...window.kitDrawing]")

        ways = page.get_by_role("navigation", name=content.text("nav.label", lang))
        expect(ways).to_be_visible()
        next_link = ways.get_by_role("link", name=re.compile(re.escape(modules[1].title)))
        assert (next_link.bounding_box() or {}).get("height", 0) >= 44
        next_link.click()
        page.wait_for_url(f"**/voila/render/{modules[1].path}")
        page.wait_for_selector("#loading", state="detached", timeout=120_000)
        expect(page.locator("html")).to_have_attribute("lang", lang)

        page.goto(f"{server.url}voila/render/{modules[-1].path}")
        page.wait_for_selector("#loading", state="detached", timeout=120_000)
        ways = page.get_by_role("navigation", name=content.text("nav.label", lang))
        expect(ways.get_by_text(content.text("nav.last", lang))).to_be_visible()
        ways.get_by_role("link", name=content.text("nav.home", lang)).click()
        page.wait_for_url(server.url)
        expect(page.get_by_role("heading", level=1)).to_have_text(content.text("landing.title", "fr"))
    assert external == []


def test_the_language_link_under_the_plan_keeps_the_attendees_answers(server, content):
    from playwright.sync_api import expect

    external: list[str] = []
    with chromium_page(external) as page:
        page.goto(f"{server.url}voila/render/fr/03-my-checklist.ipynb")
        page.wait_for_selector("#loading", state="detached", timeout=120_000)
        page.get_by_label(content.platforms["instagram"].name("fr"), exact=True).check()
        expect(page.locator(".kit-act-title").first).to_contain_text(content.platforms["instagram"].name("fr"))
        page.locator(".kit-item input[type=checkbox]").first.check()
        expect(page.locator(".kit-progress-text")).to_have_text(re.compile(r"\b1\b"))  # the kernel saw the tick
        ways = page.get_by_role("navigation", name=content.text("nav.label", "fr"))
        ways.get_by_role("link", name=content.text("switch.other", "fr")).click()
        page.wait_for_url("**/voila/render/en/03-my-checklist.ipynb")
        page.wait_for_selector("#loading", state="detached", timeout=120_000)
        expect(page.get_by_label(content.platforms["instagram"].name("en"), exact=True)).to_be_checked()
        expect(page.locator(".kit-item input[type=checkbox]").first).to_be_checked()
        page.evaluate("() => localStorage.clear()")
    assert external == []


def test_the_language_link_keeps_the_answers_of_modules_1_and_2(server, content):
    """Quiz answers with their verdict, self-check answers not yet saved, module 2's answers by hand."""
    from playwright.sync_api import expect

    question = next(q for q in content.quiz if q.notebook == "01")
    selfcheck = content.selfcheck[0]
    external: list[str] = []

    def switch(page, lang: str, to: str) -> None:
        ways = page.get_by_role("navigation", name=content.text("nav.label", lang))
        ways.get_by_role("link", name=content.text("switch.other", lang)).click()
        page.wait_for_url(f"**/voila/render/{to}")
        page.wait_for_selector("#loading", state="detached", timeout=120_000)

    with chromium_page(external, viewport={"width": 390, "height": 844}) as page:
        page.goto(f"{server.url}voila/render/fr/01-what-feeds-meta-ai.ipynb")
        page.wait_for_selector("#loading", state="detached", timeout=120_000)
        card = page.locator("fieldset.kit-question", has=page.get_by_text(question.question("fr"), exact=True))
        answer = next(c for c in question.choices if c.id == question.answer)
        card.get_by_label(answer.text("fr"), exact=True).check()
        card.get_by_role("button", name=content.text("quiz.check", "fr")).click()
        expect(card.locator(".kit-feedback")).to_contain_text(content.text("quiz.correct", "fr"))
        chosen = selfcheck.choices[0]
        page.locator("fieldset.kit-question").first.get_by_label(chosen.text("fr"), exact=True).check()
        switch(page, "fr", "en/01-what-feeds-meta-ai.ipynb")
        card = page.locator("fieldset.kit-question", has=page.get_by_text(question.question("en"), exact=True))
        expect(card.get_by_label(answer.text("en"), exact=True)).to_be_checked()
        expect(card.locator(".kit-feedback")).to_contain_text(content.text("quiz.correct", "en"))
        expect(page.locator("fieldset.kit-question").first.get_by_label(chosen.text("en"), exact=True)).to_be_checked()

        page.goto(f"{server.url}voila/render/en/02-my-inventory.ipynb")
        page.wait_for_selector("#loading", state="detached", timeout=120_000)
        facebook = content.platforms["facebook"].name("en")
        page.get_by_label(content.text("inventory.audience", "en", platform=facebook)).select_option(
            label=content.text("inventory.audience.public", "en"))
        posts = page.locator(".widget-toggle-buttons:visible", has_text=content.categories["post"].name("en"))
        posts.get_by_role("button", name=content.text("inventory.range-short.hundreds", "en"), exact=True).click()
        expect(page.locator(".kit-inventory").first).to_contain_text(content.categories["post"].name("en"))
        switch(page, "en", "fr/02-my-inventory.ipynb")
        facebook = content.platforms["facebook"].name("fr")
        expect(page.get_by_label(content.text("inventory.audience", "fr", platform=facebook))).to_have_value(
            content.text("inventory.audience.public", "fr"))  # ipywidgets' options carry their labels
        expect(page.locator(".kit-inventory").first).to_contain_text(content.categories["post"].name("fr"))
        page.evaluate("() => localStorage.clear()")
    assert external == []
