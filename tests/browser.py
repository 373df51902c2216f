"""Playwright over the system Chromium; every request to another host is recorded and refused."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
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
