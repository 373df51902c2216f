"""`kit slides`: notebook 01 as reveal.js slides, offline, in French and in English."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser import chromium_page, require_browser, serious_accessibility_violations
from conftest import free_port, start_server
from test_serve import EXTERNAL

from kit.cli import build_parser
from kit.cli.slides import NOTEBOOK, PORT, slides_url
from kit.rendering.colours import STATUS_COLOURS

ROOT = Path(__file__).resolve().parents[1]


def _notebook(lang: str) -> dict:
    return json.loads((ROOT / "notebooks" / lang / NOTEBOOK).read_text(encoding="utf-8"))


def _sections(lang: str) -> list[str]:
    """The notebook's H2 headings: each one starts a slide."""
    return [line[3:] for cell in _notebook(lang)["cells"] if cell["cell_type"] == "markdown"
            for line in "".join(cell["source"]).splitlines() if line.startswith("## ")]


@pytest.fixture(scope="module")
def slides(tmp_path_factory):
    running = start_server(tmp_path_factory.mktemp("slides"), command="slides")
    yield running
    running.stop()


def test_defaults_are_the_locales_language_on_a_port_of_its_own():
    from kit.env import terminal_language

    args = build_parser().parse_args(["slides"])
    assert (args.lang, args.port, args.no_browser) == (None, PORT, False)  # None: the terminal's language
    assert terminal_language({"LANG": "fr_FR.UTF-8"}) == "fr" and terminal_language({"LANG": "C.UTF-8"}) == "en"
    assert slides_url(8000, "en") == f"http://localhost:8000/voila/render/en/{NOTEBOOK}"


def test_busy_port_is_a_clear_error(tmp_path):
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = subprocess.run([sys.executable, "-m", "kit", "slides", "--no-browser", f"--port={port}"],
                                capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (f"kit slides: port {port} is already in use. Stop the other server, "
                             f"or choose another port: kit slides --port {port + 1}\n")


def test_every_section_of_notebook_01_starts_a_slide():
    for lang in ("fr", "en"):
        starts = [cell for cell in _notebook(lang)["cells"]
                  if cell["metadata"].get("slideshow", {}).get("slide_type") == "slide"]
        assert len(starts) == 1 + len(_sections(lang)), "the title, then one slide per H2 section"
        assert all("".join(cell["source"]).startswith("#") for cell in starts)


def test_landing_page_offers_the_slides_in_both_languages_and_nothing_else(slides):
    landing = slides.get()
    assert f"voila/render/fr/{NOTEBOOK}" in landing and f"voila/render/en/{NOTEBOOK}" in landing
    assert "voila/render/fr/03-" not in landing and "voila/render/en/02-" not in landing


def test_page_loads_reveal_js_from_the_kit_not_a_cdn(slides):
    page = slides.get(f"voila/render/en/{NOTEBOOK}")
    assert '<html lang="en">' in page
    assert not EXTERNAL.findall(page), EXTERNAL.findall(page)
    assert '<script src="/kit/revealjs/dist/reveal.js">' in page
    assert "from kit.widgets" not in page, "sources must be stripped"
    assert slides.get("kit/revealjs/dist/reveal.js").startswith("/*!\n * reveal.js 5.")
    with pytest.raises(urllib.error.HTTPError) as refused:
        slides.get("kit/revealjs/../../../sphinx_revealjs/__init__.py")
    assert refused.value.code in (403, 404)
    with pytest.raises(urllib.error.HTTPError) as missing:
        slides.get("voila/render/en/no-such-notebook.ipynb")
    assert missing.value.code == 404
    assert not EXTERNAL.findall(missing.value.read().decode()), "the error page loads nothing external either"


@pytest.mark.browser
@pytest.mark.parametrize("lang, viewport", [("fr", (1280, 800)), ("en", (390, 800))], ids=["fr-laptop", "en-phone"])
def test_slides_present_the_notebook_with_its_widgets(slides, content, lang, viewport):
    require_browser()
    from playwright.sync_api import expect

    external: list[str] = []
    with chromium_page(external, viewport={"width": viewport[0], "height": viewport[1]}) as page:
        page.goto(slides_url(slides.port, lang))
        page.wait_for_selector("#loading", state="detached", timeout=120_000)
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page).to_have_title(_notebook(lang)["metadata"]["title"])  # not "… slides" on a French page
        assert page.locator(".reveal .slides > section").count() == 1 + len(_sections(lang))
        title = _notebook(lang)["metadata"]["title"]
        present = page.locator(".reveal .slides > section > section.present")
        expect(present.get_by_role("heading", level=1, name=title)).to_be_visible()

        page.keyboard.press("ArrowRight")
        expect(present.get_by_role("heading", level=2, name=_sections(lang)[0])).to_be_visible()
        page.keyboard.press("ArrowRight")  # the explorer's slide, whose widgets may still be drawing
        expect(present.get_by_role("heading", level=2, name=_sections(lang)[1])).to_be_visible()
        expect(present.get_by_label(content.text("explorer.platform", lang))).to_be_visible()
        rule = next(r for r in content.ai_rules if r.status.value == "excluded")
        for field, named, value in (
            ("explorer.platform", content.platforms, rule.platforms[0]),
            ("explorer.region", content.regions, rule.regions[0]),
            ("explorer.category", content.categories, rule.categories[0]),
        ):
            present.get_by_label(content.text(field, lang)).select_option(label=named[value].name(lang))
        expect(present.locator(".kit-status")).to_have_attribute("data-status", "excluded")
        # The slides link kit.css from the kit template's folder, with the status colours it names.
        expect(page.locator('head link[href$="/kit.css"]')).to_have_count(1)
        expect(page.locator("head style#kit-stylesheet")).to_have_count(0)
        used = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--kit-status-used')")
        assert used.strip() == STATUS_COLOURS["used"]
        assert serious_accessibility_violations(page) == []
        if shots := os.environ.get("KIT_SCREENSHOTS"):
            page.screenshot(path=f"{shots}/slides-{lang}-{viewport[0]}.png")
    assert external == [], f"requests to other hosts: {external}"


SLIDE_BOXES = """() => [...document.querySelectorAll('.reveal .slides > section > section')].map((slide) => {
  Reveal.slide([...slide.parentElement.parentElement.children].indexOf(slide.parentElement), 0);
  const box = slide.getBoundingClientRect();
  const parts = [...slide.children].map((part) => part.getBoundingClientRect()).filter((r) => r.height > 0);
  return {top: box.top, bottom: box.bottom, overflow: slide.scrollHeight - slide.clientHeight,
          filled: Math.max(...parts.map((r) => r.bottom)) - Math.min(...parts.map((r) => r.top))};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_slide_fits_a_projector_screen_and_the_controls_are_big(slides, lang):
    require_browser()
    external: list[str] = []
    with chromium_page(external, viewport={"width": 1280, "height": 720}) as page:
        page.goto(slides_url(slides.port, lang))
        page.wait_for_selector("#loading", state="detached", timeout=120_000)
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        page.evaluate("Reveal.configure({transition: 'none'})")
        page.wait_for_timeout(1000)  # the widgets' views
        boxes = page.evaluate(SLIDE_BOXES)
        assert len(boxes) == 1 + len(_sections(lang))
        for number, box in enumerate(boxes, start=1):
            assert box["top"] >= 0 and box["bottom"] <= 720, (number, box)
            assert box["overflow"] <= 1, f"slide {number} is taller than the screen: {box}"
        assert boxes[0]["filled"] >= 0.4 * 720, "the title slide is mostly empty"
        page.evaluate("Reveal.slide(1)")
        arrow = page.locator(".reveal .controls .navigate-right").bounding_box()
        assert arrow and arrow["width"] >= 40 and arrow["height"] >= 40
        number = page.locator(".reveal .slide-number")
        assert float(number.evaluate("n => getComputedStyle(n).fontSize")[:-2]) >= 20
        assert " ".join(number.inner_text().split()).startswith("2 / ")
    assert external == []
