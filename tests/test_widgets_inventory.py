"""Notebook 02's panels without a browser: answers, upload, result, CSV out and back in."""

from __future__ import annotations

import base64
import re
from html import unescape

import pytest

from kit.demo import write_demo_export
from kit.inventory import to_csv
from kit.widgets import ExportImportPanel, InventoryResultPanel, InventorySession, ManualInventoryPanel
from kit.widgets.upload import MIB


@pytest.fixture
def session(content):
    return InventorySession(content)


def test_answers_build_the_inventory_and_its_exposure(content, session):
    manual = ManualInventoryPanel("fr", session)
    result = InventoryResultPanel("fr", session)
    assert content.text("inventory.result-empty", "fr") in unescape(result.view.value)
    assert manual.count_boxes["facebook"].layout.display == "none"

    manual.audience["facebook"].value = "public"
    assert manual.count_boxes["facebook"].layout.display is None
    manual.counts["facebook"]["post"].value = "hundreds"
    manual.audience["instagram"].value = "private"
    manual.counts["instagram"]["photo"].value = "dozens"

    inventory = session.inventory
    assert set(zip(inventory.platform, inventory.category, inventory["count"], strict=True)) == {
        ("facebook", "post", 500), ("instagram", "photo", 50)}
    assert content.categories["post"].name("fr") in unescape(result.view.value)
    exposed = session.exposed().set_index("category")
    assert exposed.loc["photo", "visibility"] == "not-public"
    assert content.text("inventory.exposure.excluded", "fr") in unescape(result.view.value)
    assert "data:text/csv" in result.view.value


def test_answers_by_hand_come_back_on_a_page_opened_again(content, session):
    """The page keeps the answers (localStorage): after a reload, or on the other language's page, they are there."""
    first = ManualInventoryPanel("fr", session)
    first.region.value = "uk"
    first.audience["facebook"].value = "public"
    first.counts["facebook"]["post"].value = "hundreds"
    kept = first.store.data
    assert kept["region"] == "uk" and kept["accounts"]["facebook"]["counts"]["post"] == "hundreds"

    other = InventorySession(content)
    again = ManualInventoryPanel("en", other)
    again.store.set_state({"data": kept, "ready": True})
    assert again.region.value == "uk" and again.audience["facebook"].value == "public"
    assert again.counts["facebook"]["post"].value == "hundreds"
    assert set(zip(other.inventory.category, other.inventory["count"], strict=True)) == {("post", 500)}
    broken = ManualInventoryPanel("en", InventorySession(content))
    broken.store.set_state({"data": {"region": "mars", "accounts": {"facebook": {"audience": 7}}}, "ready": True})
    assert broken.region.value == "eu" and broken.audience["facebook"].value == "none"


def test_region_changes_the_summary(content, session):
    # A kind of content whose fate the content files give differently in two regions.
    platform, category, here, there = next(
        (p, c.id, a, b) for p in content.platforms for c in content.categories_on(p) if c.inventory
        for a in content.regions for b in content.regions
        if content.ai_rule(p, a, c.id).status != content.ai_rule(p, b, c.id).status
    )
    manual = ManualInventoryPanel("en", session)
    result = InventoryResultPanel("en", session)
    manual.audience[platform].value = "public"
    manual.counts[platform][category].value = "dozens"
    summaries = {}
    for region in (here, there):
        manual.region.value = region
        assert session.exposed().loc[0, "rule"] == content.ai_rule(platform, region, category).id
        status = content.ai_rule(platform, region, category).status
        assert content.text(f"inventory.exposure.{status}", "en") in unescape(result.view.value)
        summaries[region] = result.view.value
    assert summaries[here] != summaries[there]


def test_uploaded_demo_export_joins_the_inventory(content, session, tmp_path, monkeypatch):
    monkeypatch.delenv("KIT_SERVED", raising=False)
    demo = tmp_path / "demo.zip"
    write_demo_export(demo)
    panel = ExportImportPanel("en", session)
    result = InventoryResultPanel("en", session)
    _send(panel.upload, [("demo.zip", demo.read_bytes())])
    assert content.text("inventory.read-ok", "en", rows=len(session.imported)) in unescape(panel.status.value)
    assert (session.imported.source == "export").all() and len(session.imported) > 3
    assert content.text("inventory.source.export", "en") in unescape(result.view.value)


def test_served_mode_turns_upload_off_unless_allowed(content, session, monkeypatch):
    monkeypatch.setenv("KIT_SERVED", "1")
    monkeypatch.delenv("KIT_UPLOAD_LIMIT_MB", raising=False)
    off = ExportImportPanel("fr", session)
    shown = {type(child).__name__ for child in off.children}
    assert "ChunkedUpload" not in shown, "no file button when uploads are off"
    said = unescape(" ".join(getattr(child, "value", "") for child in off.children))
    assert content.text("inventory.where-served", "fr") not in said, "no warning about files that cannot be sent"
    assert content.text("inventory.upload-off", "fr") in unescape(off.limit_note.value)
    assert "HBox" not in shown, "no path to type on the facilitator's machine"
    result = InventoryResultPanel("fr", session)
    assert "ChunkedUpload" not in {type(child).__name__ for child in result.children}, "nothing is sent: no CSV button"
    from kit.widgets import ChecklistSession, QuickQuestionsPanel
    questions = QuickQuestionsPanel(ChecklistSession("fr"))
    assert questions.load not in questions.children

    monkeypatch.setenv("KIT_UPLOAD_LIMIT_MB", "20")
    on = ExportImportPanel("fr", session)
    assert not on.upload.disabled and on.upload.max_bytes == 20 * MIB
    _send(on.upload, [("huge.zip", b"x" * 10)], declared=4 * 1024 * MIB)
    assert content.text("inventory.too-large", "fr", size_mb=4096, limit_mb=20) in unescape(on.status.value)
    assert session.imported.empty


def test_bad_upload_gets_a_translated_message_and_the_panel_keeps_working(content, session, tmp_path):
    panel = ExportImportPanel("fr", session)
    _send(panel.upload, [("notes.zip", b"this is not a zip")])
    assert panel.status.value and "Traceback" not in panel.status.value
    assert session.imported.empty
    demo = tmp_path / "demo.zip"
    write_demo_export(demo)
    _send(panel.upload, [("demo.zip", demo.read_bytes())])
    assert not session.imported.empty


def test_csv_download_loads_back(content, session):
    manual = ManualInventoryPanel("en", session)
    result = InventoryResultPanel("en", session)
    manual.audience["threads"].value = "unknown"
    manual.counts["threads"]["post"].value = "few"
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)", result.view.value).group(1)
    csv = base64.b64decode(payload)
    assert csv.decode() == to_csv(session.inventory)

    other = InventorySession(content)
    other_result = InventoryResultPanel("en", other)
    _send(other_result.load, [("inventory.csv", csv)])
    assert other.inventory.equals(session.inventory)
    assert content.text("inventory.loaded", "en", rows=1) in unescape(other_result.load_status.value)


def _send(upload, files, declared=None):
    """Play the browser's side of ChunkedUpload: start, 1 MiB chunks, done."""
    sizes = [len(data) for _, data in files]
    upload._handle_message(upload, {"event": "start", "files": [
        {"name": name, "size": declared or size} for (name, _), size in zip(files, sizes, strict=True)]}, [])
    if declared and declared > upload.max_bytes:
        upload._handle_message(upload, {"event": "too-large", "size": declared}, [])
        return
    for index, (_, data) in enumerate(files):
        for offset in range(0, len(data), MIB):
            upload._handle_message(upload, {"event": "chunk", "index": index}, [memoryview(data[offset:offset + MIB])])
    upload._handle_message(upload, {"event": "done"}, [])
