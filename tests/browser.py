"""Playwright over the system Chromium; every request to another host is recorded and refused."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("KIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1"}


def require_browser() -> None:
    """Skip without Chromium or Playwright, except where KIT_REQUIRE_BROWSER is set (CI): fail there."""
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package")
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        missing.append(f"Chromium at {CHROMIUM}")
    if missing:
        missing_tool("browser tests need " + " and ".join(missing))


def missing_tool(message: str) -> None:
    """Skip a test that needs a tool this machine lacks, except where KIT_REQUIRE_BROWSER is set (CI): fail."""
    if os.environ.get("KIT_REQUIRE_BROWSER"):
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def chromium_page(external: list[str], **context_args) -> Iterator:
    """A fresh page; requests to any host but the kit's server are refused and listed in `external`."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)  # a widget's round trip through a busy 2-core machine's kernel

    def guard(route):
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob") or url.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(**context_args)
            context.route("**/*", guard)
            page = context.new_page()
            page.set_default_timeout(60_000)
            yield page
            page.close(run_before_unload=True)
            context.close()
        finally:
            browser.close()


def serious_accessibility_violations(page) -> list[str]:
    """axe-core's serious and critical WCAG violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


# --- Phone layout measures (issue 11), in tests/layout.js: from boxes the browser drew ---

LAYOUT_JS = (Path(__file__).with_name("layout.js")).read_text()


def _measure(page, name: str, *args):
    return page.evaluate(f"(args) => ({LAYOUT_JS}).{name}(...args)", list(args))


def swipes_to(page, selector: str) -> int:
    """How many swipes (one height of Voilà's scrolling container each) from the top until `selector` is whole."""
    return _measure(page, "swipesTo", selector)


def overlapping_text(page, root: str = "#rendered_cells") -> list[str]:
    """Pairs of text lines (boxes of text nodes, not of elements) drawn over each other, as their words."""
    return _measure(page, "overlappingText", root)


def wider_than_the_screen(page) -> list[str]:
    """Scrolling containers, and text or controls, that reach past the screen's right edge."""
    return _measure(page, "widerThanTheScreen")


def small_targets(page, root: str = "#rendered_cells") -> tuple[float, list[str]]:
    """The smallest control's side (or its label's), and the controls under 24×24 px (WCAG 2.5.8).

    Links inside a sentence are exempt, as WCAG says; a link alone in its paragraph or list item is a control."""
    smallest, small = _measure(page, "smallTargets", root)
    return smallest, small


def focus_ring(page) -> dict:
    """The focused element's outline (or box-shadow ring): width in px and contrast with what is behind it."""
    return _measure(page, "focusRing")


def tabs_to(page, start: str, target: str, limit: int = 60) -> tuple[int, list[dict]]:
    """Tab presses from the element `start` until `target` has the focus, and the focus ring at each stop."""
    page.evaluate("""(start) => { const el = document.querySelector(start);
        el.setAttribute('tabindex', '-1'); el.focus(); }""", start)
    rings = []
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        rings.append(focus_ring(page))
        if page.evaluate("(target) => document.activeElement.matches(target)", target):
            return count, rings
    return limit + 1, rings


def layout_problems(page, widths=(320, 390, 1280)) -> dict[int, dict]:
    """At each screen width: text drawn over text, what runs past the screen, targets under 24 px (none: {})."""
    problems = {}
    for width in widths:
        page.set_viewport_size({"width": width, "height": 844})
        page.wait_for_timeout(200)
        smallest, small = small_targets(page)
        found = {"overlap": overlapping_text(page), "too wide": wider_than_the_screen(page), "small": small}
        if any(found.values()):
            problems[width] = {**found, "smallest": smallest}
    return problems
