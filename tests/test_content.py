"""The content in data/: valid, sourced, bilingual, and broken files reported in one line each."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kit.content import DATA_DIR, ContentError, load_content
from kit.content import models as m


def test_content_covers_what_notebook_01_needs(content):
    assert {r.status for r in content.ai_rules} == set(m.Status), "used, excluded and unclear all occur"
    assert set(content.platforms) >= {"facebook", "instagram", "threads", "messenger", "whatsapp", "meta-ai"}
    assert set(content.regions) >= {"eu", "uk", "ch", "us", "br", "au", "other"}
    assert content.always_public and content.timeline and content.routes and content.effects
    assert {e.does for e in content.effects} == {True, False}
    assert any(r.kind == m.RouteKind.third_party_form for r in content.routes)
    assert [q for q in content.quiz if q.notebook == "01"]
    assert content.checklist


def test_timeline_is_in_date_order(content):
    dates = [str(e.date) for e in content.timeline]
    assert dates == sorted(dates) and dates[0] < "2025"


def _edit(path: Path, change) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _problems(data_dir: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(data_dir)
    return caught.value.problems


def test_missing_field_names_file_entry_and_field(data_copy):
    rule_id = yaml.safe_load((data_copy / "ai_use.yaml").read_text())["rules"][0]["id"]
    _edit(data_copy / "ai_use.yaml", lambda raw: raw["rules"][0]["reason"].pop("fr"))
    assert _problems(data_copy) == [f"data/ai_use.yaml: entry '{rule_id}': field 'reason.fr': Field required"]


def test_unknown_source_is_reported(data_copy):
    _edit(data_copy / "timeline.yaml", lambda raw: raw["events"][0]["sources"].append("no-such-source"))
    (problem,) = _problems(data_copy)
    assert problem.startswith("data/timeline.yaml: entry '") and "unknown id 'no-such-source'" in problem


def test_bad_date_and_missing_note_are_reported(data_copy):
    def damage(raw):
        raw["items"][0]["checked"]["sources"] = "last week"
        raw["items"][1]["confidence"] = "low"
        raw["items"][1].pop("confidence_note", None)

    _edit(data_copy / "always_public.yaml", damage)
    problems = _problems(data_copy)
    assert len(problems) == 2
    assert "field 'checked.sources'" in problems[0]
    assert "confidence_note is required" in problems[1]


def test_invalid_yaml_is_one_line_with_its_line_number(data_copy):
    (data_copy / "quiz.yaml").write_text("questions:\n  - id: q1\n   bad: [\n", encoding="utf-8")
    problems = _problems(data_copy)
    assert any(p.startswith("data/quiz.yaml: line ") and "\n" not in p for p in problems)


def test_gap_in_the_ai_rules_is_reported(data_copy):
    _edit(data_copy / "ai_use.yaml", lambda raw: raw["rules"].pop(0))
    assert all(p.startswith("data/ai_use.yaml: no rule for platform") for p in _problems(data_copy))


def test_duplicate_id_and_quiz_reference(data_copy):
    first_fact = yaml.safe_load((data_copy / "always_public.yaml").read_text())["items"][0]

    def duplicate(raw):
        raw["events"].append(dict(raw["events"][0], id=first_fact["id"]))

    _edit(data_copy / "timeline.yaml", duplicate)
    _edit(data_copy / "quiz.yaml", lambda raw: raw["questions"][0]["facts"].append("nowhere"))
    problems = _problems(data_copy)
    assert any(f"entry '{first_fact['id']}': id already used" in p for p in problems)
    assert not any("nowhere" in p for p in problems), "references are checked once the files are valid"


def test_unsourced_fact_and_source_without_a_web_address_are_reported(data_copy):
    rule_id = yaml.safe_load((data_copy / "ai_use.yaml").read_text())["rules"][0]["id"]
    source_id = yaml.safe_load((data_copy / "sources.yaml").read_text())["sources"][0]["id"]
    _edit(data_copy / "ai_use.yaml", lambda raw: raw["rules"][0].update(sources=[]))
    _edit(data_copy / "sources.yaml", lambda raw: raw["sources"][0].update(url="www.example.org/policy"))
    problems = _problems(data_copy)
    assert any(p.startswith(f"data/ai_use.yaml: entry '{rule_id}': field 'sources'") for p in problems)
    assert any(p.startswith(f"data/sources.yaml: entry '{source_id}': field 'url'") for p in problems)


def test_two_rules_for_the_same_case_are_reported(data_copy):
    def overlap(raw):
        raw["rules"].append(dict(raw["rules"][0], id="rule-copy"))

    _edit(data_copy / "ai_use.yaml", overlap)
    problems = _problems(data_copy)
    assert problems and all("several rules (" in p and "rule-copy" in p for p in problems)


def test_timeline_is_shown_in_date_order_whatever_the_file_order(data_copy, content):
    _edit(data_copy / "timeline.yaml", lambda raw: raw["events"].reverse())
    shuffled = load_content(data_copy).timeline
    assert {e.id for e in shuffled} == {e.id for e in content.timeline}
    dates = [str(e.date) for e in shuffled]
    assert dates == sorted(dates)


def test_ui_string_missing_a_language_is_reported(data_copy):
    path = data_copy / "ui" / "exports.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    key = next(iter(raw["strings"]))
    _edit(path, lambda raw: raw["strings"][key].pop("en"))
    assert _problems(data_copy) == [f"data/ui/exports.yaml: entry '{key}': field 'en': Field required"]


def test_ui_strings_follow_the_language(content):
    assert content.text("quiz.score", "fr", correct=1, total=3) != content.text("quiz.score", "en", correct=1, total=3)


def test_no_url_is_written_twice_in_data():
    from kit.content.loader import _urls_written_twice

    assert _urls_written_twice(DATA_DIR) == []


def test_a_url_written_twice_is_reported_wherever_it_is(data_copy):
    route = next(r for r in yaml.safe_load((data_copy / "objection.yaml").read_text())["routes"] if r.get("url"))
    ui = data_copy / "ui" / "common.yaml"
    _edit(ui, lambda raw: raw["strings"].update({"x.copy": {"fr": f"Voir {route['url']}.", "en": "See it."}}))
    problems = _problems(data_copy)
    assert len(problems) == 1 and route["url"] in problems[0] and "data/ui/common.yaml" in problems[0]


def test_an_account_check_is_validated(data_copy):
    def check(raw):
        raw["routes"][0]["checked"]["account"] = {"date": "2026-12-05", "country": "France", "surface": "tablet",
                                                   "result": "confirmed"}

    _edit(data_copy / "objection.yaml", check)
    problems = _problems(data_copy)
    assert any("checked.account.country" in p for p in problems)
    assert any("checked.account.surface" in p for p in problems)
