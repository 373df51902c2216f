"""`kit handouts`: printable PDFs in both languages, made from the same data as the notebooks."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pypdf import PdfReader

from kit.checklist import Profile, plan
from kit.print.pdf import printable


def _text(path) -> tuple[str, int]:
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split()), len(reader.pages)


def _flat(text: str) -> str:
    return " ".join(printable(text).split())


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    result = subprocess.run([sys.executable, "-m", "kit", "handouts", str(out)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_checklist_handout_lists_every_action_of_the_region(written, content, lang):
    text, _ = _text(written / content.text("handout.checklist-file", lang))
    assert _flat(content.text("handout.checklist-title", lang)) in text
    everything = Profile(region="eu", platforms=frozenset(content.platforms), public_account=True,
                         uses_meta_ai=True, in_others_photos=True)
    for item in plan(content, everything):
        assert _flat(item.action(lang))[:50] in text, item.id


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_what_feeds_meta_ai_fits_one_page(written, content, lang):
    text, pages = _text(written / content.text("handout.what-file", lang))
    assert pages == 1
    assert _flat(content.text("handout.what-title", lang)) in text
    for status in ("used", "unclear", "excluded"):
        assert _flat(content.text(f"status.{status}", lang)) in text
    for item in content.always_public:
        assert _flat(item.label(lang)) in text
    assert _flat(content.effects[0].text(lang))[:40] in text


def test_a_region_without_objection_says_so_and_an_unknown_one_is_refused(tmp_path, content):
    ok = subprocess.run([sys.executable, "-m", "kit", "handouts", str(tmp_path), "--region", "au"],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0
    text, _ = _text(tmp_path / content.text("handout.checklist-file", "en"))
    assert _flat(content.text("plan.no-route", "en"))[:60] in text
    bad = subprocess.run([sys.executable, "-m", "kit", "handouts", str(tmp_path / "x"), "--region", "mars"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "mars" in bad.stdout and not (tmp_path / "x").exists()
