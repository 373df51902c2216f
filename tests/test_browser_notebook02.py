"""Notebook 02 in a real Chromium: the inventory by hand, CSV out and back, uploads off and on."""

from __future__ import annotations

import csv
import io

import pytest
from browser import chromium_page, layout_problems, require_browser, serious_accessibility_violations
from conftest import start_server

from kit.demo import write_demo_export

pytestmark = pytest.mark.browser
NOTEBOOK = "voila/render/{lang}/02-my-inventory.ipynb"


@pytest.fixture(autouse=True)
def _browser_available():
    require_browser()


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory):
    running = start_server(tmp_path_factory.mktemp("upload"), "--allow-upload", "--upload-limit=20")
    yield running
    running.stop()


def _open(page, server, lang):
    page.goto(server.url + NOTEBOOK.format(lang=lang))
    page.wait_for_selector("#loading", state="detached", timeout=120_000)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_manual_inventory_downloads_and_loads_back(server, upload_server, content, lang, tmp_path):
    from playwright.sync_api import expect

    external: list[str] = []
    with chromium_page(external, accept_downloads=True) as page:
        _open(page, server, lang)
        expect(page.get_by_text(content.text("inventory.upload-off", lang))).to_be_visible()
        instagram = content.platforms["instagram"].name(lang)
        page.get_by_label(content.text("inventory.audience", lang, platform=instagram)).select_option(
            label=content.text("inventory.audience.public", lang))
        photos = page.locator(".widget-toggle-buttons:visible", has_text=content.categories["photo"].name(lang))
        photos.get_by_role("button", name=content.text("inventory.range-short.hundreds", lang), exact=True).click()
        table = page.locator("table.kit-inventory")
        expect(table).to_contain_text(content.categories["photo"].name(lang))
        expect(table).to_contain_text(content.text("inventory.about", lang, count=500))
        expect(page.locator(".kit-summary")).to_be_visible()
        assert serious_accessibility_violations(page) == []
        expect(page.locator('input[type="file"][accept=".zip"]')).to_have_count(0)  # uploads are off
        assert layout_problems(page) == {}, "the table reads as cards on a phone, nothing past the screen"

        with page.expect_download() as info:
            page.get_by_text(content.text("inventory.download", lang)).click()
        saved = tmp_path / "inventory.csv"
        info.value.save_as(saved)
        rows = list(csv.DictReader(io.StringIO(saved.read_text())))
        assert [(r["platform"], r["category"], r["count"]) for r in rows] == [("instagram", "photo", "500")]

        page.reload()  # the page kept the answers: they are there again, and uploads are off, so no CSV button
        page.wait_for_selector("#loading", state="detached", timeout=120_000)
        expect(page.locator("table.kit-inventory")).to_contain_text(content.categories["photo"].name(lang))
        expect(page.get_by_label(content.text("inventory.load-label", lang))).to_have_count(0)
        page.evaluate("() => localStorage.clear()")
    assert external == []
    if lang == "en":
        return
    with chromium_page(external) as page:  # where uploads are allowed, the CSV comes back into a fresh browser
        _open(page, upload_server, lang)
        page.get_by_label(content.text("inventory.load-label", lang)).set_input_files(str(saved))
        expect(page.locator("table.kit-inventory")).to_contain_text(content.categories["photo"].name(lang))
        expect(page.get_by_text(content.text("inventory.loaded", lang, rows=1))).to_be_visible()
    assert external == []


def test_upload_of_the_demo_export_when_allowed(upload_server, content, tmp_path):
    from playwright.sync_api import expect

    demo = tmp_path / "demo-export.zip"
    write_demo_export(demo)
    huge = tmp_path / "huge-export.zip"
    with huge.open("wb") as sparse:
        sparse.truncate(4 * 1024**3)  # 4 GB on paper, no disk used: the browser must refuse it unread
    external: list[str] = []
    with chromium_page(external) as page:
        _open(page, upload_server, "en")
        upload = page.get_by_label(content.text("inventory.upload-label", "en"))
        upload.set_input_files(str(huge))
        expect(page.get_by_role("alert")).to_contain_text(
            content.text("inventory.too-large", "en", size_mb=4096, limit_mb=20))
        upload.set_input_files(str(demo))
        expect(page.locator("table.kit-inventory")).to_contain_text(content.text("inventory.source.export", "en"))
        expect(page.locator(".kit-summary")).to_be_visible()
    assert external == []
