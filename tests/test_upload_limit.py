"""KIT_UPLOAD_LIMIT_MB, set by kit serve or by a hub admin: a value the kit cannot use is said on the page, once."""

from __future__ import annotations

import pytest

from kit import env
from kit.widgets import ExportImportPanel, InventorySession


@pytest.fixture
def served(monkeypatch):
    monkeypatch.setenv("KIT_SERVED", "1")
    return lambda value: monkeypatch.setenv("KIT_UPLOAD_LIMIT_MB", value)


@pytest.mark.parametrize(
    ("value", "limit"), [("200", 200 * env.MIB), (" 20 ", 20 * env.MIB), ("0", None), ("", None)]
)
def test_whole_megabytes_set_the_limit(served, value, limit):
    served(value)
    assert env.upload_limit_bytes() == limit


@pytest.mark.parametrize("value", ["20MB", "1.5", "-1", "²"])
def test_anything_else_is_an_invalid_setting(served, value):
    served(value)
    with pytest.raises(env.InvalidSetting) as error:
        env.upload_limit_bytes()
    assert (error.value.name, error.value.value) == ("KIT_UPLOAD_LIMIT_MB", value)


def test_notebook_02_says_the_limit_is_invalid_and_keeps_uploads_off(served, content, caplog):
    served("20MB")
    notes = {}
    for lang in ("fr", "en"):
        panel = ExportImportPanel(lang, InventorySession(content))
        assert "ChunkedUpload" not in {type(child).__name__ for child in panel.children}
        notes[lang] = panel.limit_note.value
        assert 'role="alert"' in notes[lang] and "KIT_UPLOAD_LIMIT_MB" in notes[lang] and "20MB" in notes[lang]
    assert notes["fr"] != notes["en"]
    assert any("KIT_UPLOAD_LIMIT_MB='20MB'" in record.getMessage() for record in caplog.records)
