"""Mojibake repair: every string and key, without damaging correct text."""

from __future__ import annotations

import json

import pytest

from kit.exports.mojibake import repair_text, repair_tree, to_mojibake
from kit.exports.records import load_json


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('"Ustawienia j\\u00c4\\u0099zyka"', "Ustawienia języka"),
        ('"\\u00f0\\u009f\\u0091\\u008d"', "👍"),
        (
            '"Cr\\u00c3\\u00a8me br\\u00c3\\u00bbl\\u00c3\\u00a9e \\u00f0\\u009f\\u008d\\u00ae"',
            "Crème brûlée 🍮",
        ),
        ('"\\u00c2\\u00ab guillemets \\u00c2\\u00bb"', "« guillemets »"),
    ],
)
def test_repairs_meta_escapes(raw: str, expected: str) -> None:
    assert repair_text(json.loads(raw)) == expected


@pytest.mark.parametrize(
    "correct",
    ["plain ASCII", "café", "Zoë", "日本語", "déjà vu ✨", "€100", "", 'tab\tand \\ backslash "quote"'],
)
def test_leaves_correct_text_alone(correct: str) -> None:
    assert repair_text(correct) == correct


def test_escaped_quotes_and_backslashes_survive() -> None:
    raw = '{"k": "\\u0022quoted\\u0022 C:\\\\dossier \\u00c3\\u00a9t\\u00c3\\u00a9"}'
    assert load_json(raw.encode(), repair=True) == {"k": '"quoted" C:\\dossier été'}


def test_repairs_keys_values_and_nested_lists() -> None:
    tree = {
        to_mojibake("Heure de création"): [
            to_mojibake("Élodie"),
            {to_mojibake("clé"): to_mojibake("🎉")},
            3,
            None,
        ],
        "ok": True,
    }
    assert repair_tree(tree) == {"Heure de création": ["Élodie", {"clé": "🎉"}, 3, None], "ok": True}


def test_to_mojibake_round_trips() -> None:
    text = "Camille Dupré ❤️ Besançon"
    assert to_mojibake(text) != text
    assert repair_text(to_mojibake(text)) == text


def test_load_json_without_repair_keeps_the_raw_strings() -> None:
    raw = json.dumps({"t": to_mojibake("é")}).encode()
    assert load_json(raw, repair=False) == {"t": "Ã©"}
    assert load_json(raw, repair=True) == {"t": "é"}


def test_polish_sample(samples) -> None:
    path = (
        samples
        / "marcin-przywoski__Facebook-Export-Viewer/ExportViewer.Tests/TestData/GetExportLanguageJson"
        / "preferences/language_and_locale.json"
    )
    data = load_json(path.read_bytes(), repair=True)
    first = data["language_and_locale_v2"][0]
    assert first["name"] == "Ustawienia języka"
    assert first["children"][0]["description"] == "Język interfejsu wybrany przez Ciebie na Facebooku"
    assert "Języki, które możesz znać" in {entry["name"] for entry in data["language_and_locale_v2"]}
