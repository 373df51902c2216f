"""`kit handouts`: printable PDFs in both languages, made from the same data as the notebooks."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pytest
from pypdf import PdfReader

from kit.checklist import Profile, letter_for, letter_text, plan
from kit.print.handouts import checklist_handout, handouts
from kit.print.pdf import printable
from kit.print.takeaway import plan_pdf

FIRST_OF_DECEMBER = dt.date(2026, 12, 1)
FACEBOOK_AND_INSTAGRAM = frozenset({"facebook", "instagram"})


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
    assert bad.returncode == 2 and "mars" in bad.stderr and not (tmp_path / "x").exists()


def _boxes(pdf: bytes) -> dict[str, bool]:
    """The PDF's tickable boxes: field name -> ticked."""
    fields = PdfReader(io.BytesIO(pdf)).get_fields() or {}
    return {name: field.get("/V") == "/Yes" for name, field in fields.items() if field.get("/FT") == "/Btn"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_checklist_for_facebook_and_instagram_fits_two_pages_with_a_box_per_action(content, lang):
    pdf = checklist_handout(content, lang, "eu", FIRST_OF_DECEMBER, platforms=FACEBOOK_AND_INSTAGRAM)
    text, pages = _text(io.BytesIO(pdf))
    items = plan(content, Profile(region="eu", platforms=FACEBOOK_AND_INSTAGRAM, public_account=True,
                                  uses_meta_ai=True, in_others_photos=True))
    assert pages <= 2
    assert len(_boxes(pdf)) == len(items) > 10 and not any(_boxes(pdf).values())
    assert "[ ]" not in text and "[   ]" not in text
    for item in items:
        assert _flat(item.action(lang))[:40] in text, item.id


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_attendees_plan_ticks_what_is_done_and_fits_two_pages(content, lang):
    items = plan(content, Profile(region="eu", platforms=FACEBOOK_AND_INSTAGRAM))
    letter = letter_text(letter_for(content, "eu"), lang, "camille@example.org", [])
    pdf = plan_pdf(content, items, {items[0].id}, lang, "eu", letter, FIRST_OF_DECEMBER, FACEBOOK_AND_INSTAGRAM)
    boxes = _boxes(pdf)
    assert len(boxes) == len(items) and sum(boxes.values()) == 1
    assert _text(io.BytesIO(pdf))[1] <= 3  # the checklist in two pages, the letter after it


def test_french_dates_read_1er_and_no_handout_sends_readers_to_a_data_folder(content):
    files = handouts(content, "eu", FIRST_OF_DECEMBER, FACEBOOK_AND_INSTAGRAM)
    for name, pdf in files.items():
        text, _ = _text(io.BytesIO(pdf))
        assert "data/" not in text, name
    french, _ = _text(io.BytesIO(files[content.text("handout.checklist-file", "fr")]))
    assert "1er décembre 2026" in french


def test_titles_never_end_in_one_word_alone():
    from reportlab.lib.units import mm

    from kit.print.pdf import para, styles

    title = para("Liste d'actions : limiter ce que l'IA de Meta apprend de moi", styles().title)
    title.wrap(150 * mm, 100 * mm)
    assert len(title.blPara.lines) == 2 and len(title.blPara.lines[-1][1]) >= 2


def test_handouts_help_lists_the_regions_and_services(content):
    result = subprocess.run([sys.executable, "-m", "kit", "handouts", "--help"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0
    shown = " ".join(result.stdout.split())
    for region in content.regions:
        assert f"{region} (" in shown
    assert "instagram" in shown


def test_the_checklist_for_some_services_only(tmp_path, content):
    ok = subprocess.run([sys.executable, "-m", "kit", "handouts", str(tmp_path), "--platforms", "facebook,instagram"],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    text, _ = _text(tmp_path / content.text("handout.checklist-file", "en"))
    elsewhere = [item for item in content.checklist if not {"facebook", "instagram"} & set(item.platforms)]
    assert elsewhere and not any(_flat(item.action("en"))[:40] in text for item in elsewhere)
    bad = subprocess.run([sys.executable, "-m", "kit", "handouts", str(tmp_path), "--platforms", "myspace"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "myspace" in bad.stderr
