"""Every problem code has a French and an English message with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from kit.exports import Failure, Problem, describe_result, format_problem, read_export
from kit.exports.messages import STRINGS_PATH, TEXT_PARAMS
from kit.exports.problems import PARAMS

from .export_builders import zip_bytes

KIT_EXPORTS = Path(__file__).resolve().parents[2] / "kit" / "exports"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.fixture(scope="module")
def strings(content) -> dict[str, dict[str, str]]:
    return {key: {"fr": text.fr, "en": text.en} for key, text in content.ui.items()}


def test_yaml_shape() -> None:
    import yaml

    raw = yaml.safe_load(STRINGS_PATH.read_text(encoding="utf-8"))
    assert list(raw) == ["strings"] and raw["strings"]
    for key, entry in raw["strings"].items():
        assert key.startswith("exports."), key
        texts = [name for name in entry if name != "rests_on"]  # rests_on: the facts a claim rests on
        assert texts == ["fr", "en"], key  # French first, as written in the file
        assert all(isinstance(entry[name], str) and entry[name].strip() for name in texts), key


def test_every_code_and_text_has_matching_placeholders(strings) -> None:
    needed = PARAMS | TEXT_PARAMS
    assert set(needed) <= set(strings)
    for key, params in needed.items():
        for lang in ("fr", "en"):
            assert placeholders(strings[key][lang]) == set(params), (key, lang)


def test_every_code_in_the_code_is_registered() -> None:
    used = set()
    for path in KIT_EXPORTS.glob("*.py"):
        used |= set(re.findall(r'"(exports\.[a-z-]+(?:\.[a-z-]+)?)"', path.read_text()))
    assert used - {"exports.yaml"} <= set(PARAMS) | set(TEXT_PARAMS)


def test_problems_refuse_unknown_codes_and_wrong_params() -> None:
    with pytest.raises(ValueError):
        Problem("exports.no-such-code")
    with pytest.raises(ValueError):
        Problem("exports.not-a-zip", {"file": "x"})


def test_format_problem(content, strings) -> None:
    problem = Problem("exports.not-a-zip", {"name": "photo.jpg"})
    french, english = (format_problem(problem, lang) for lang in ("fr", "en"))
    assert "« photo.jpg »" in french and '"photo.jpg"' in english and french != english
    assert french == content.text("exports.not-a-zip", "fr", name="photo.jpg")
    assert "JSON" in format_problem(Problem("exports.html-export"), "fr")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_partial_success_is_explained(content, strings, lang) -> None:
    posts = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
    files = {
        posts: b"[{",
        "your_facebook_activity/comments_and_reactions/comments.json": {"comments_v2": []},
        "your_facebook_activity/reels/your_reels.json": [],
        "../evil.json": b"",
    }
    result = read_export(zip_bytes(files))
    assert result.failed == [Failure("facebook", "post", Problem("exports.invalid-json", {"member": posts}))]
    unsafe, partial, failed = describe_result(result, lang)
    assert "../evil.json" in unsafe and "1" in unsafe
    assert partial == content.text("exports.partial", lang, read=2, total=3)
    assert failed == content.text("exports.could-not-read", lang, category=content.categories["post"].name(lang),
                                  platform=content.platforms["facebook"].name(lang),
                                  reason=content.text("exports.invalid-json", lang, member=posts))


def test_missing_language_falls_back_to_english(strings) -> None:
    assert format_problem(Problem("exports.empty"), "de") == strings["exports.empty"]["en"]
