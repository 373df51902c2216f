"""Turn Problems into sentences for the participant, from data/ui/exports.yaml (French first)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from kit.exports.problems import Problem

if TYPE_CHECKING:
    from kit.exports.inventory import ExportResult

STRINGS_PATH = Path(__file__).resolve().parents[2] / "data" / "ui" / "exports.yaml"
PLATFORM_NAMES = {"facebook": "Facebook", "instagram": "Instagram", "threads": "Threads"}
# Strings that are not problems, with the {placeholders} the code fills in.
TEXT_PARAMS: dict[str, tuple[str, ...]] = {
    "exports.partial": ("read", "total"),
    "exports.could-not-read": ("category", "platform", "reason"),
    "exports.demo-written": ("path",),
}


def load_strings(path: Path | None = None) -> dict[str, dict[str, str]]:
    """The `strings` mapping of exports.yaml: key -> {"fr": ..., "en": ...}."""
    with (path or STRINGS_PATH).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["strings"]


def text(key: str, lang: str, strings: dict[str, dict[str, str]], **params: object) -> str:
    """One string in `lang` (English if missing, the key itself as a last resort), placeholders filled."""
    entry = strings.get(key, {})
    template = entry.get(lang) or entry.get("en") or key
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def format_problem(problem: Problem, lang: str, strings: dict[str, dict[str, str]]) -> str:
    """The participant-facing sentence for one problem."""
    return text(problem.code, lang, strings, **problem.params)


def category_name(category: str, lang: str, strings: dict[str, dict[str, str]]) -> str:
    """A category id in words ("publications", "comments", ...)."""
    return text(f"exports.category.{category}", lang, strings)


def describe_result(result: ExportResult, lang: str, strings: dict[str, dict[str, str]]) -> list[str]:
    """Every message to show after an import: problems, then "read N of M categories" and why not."""
    lines = [format_problem(problem, lang, strings) for problem in result.problems]
    if result.failed:
        total = len(result.read_categories) + len({(f.platform, f.category) for f in result.failed})
        lines.append(text("exports.partial", lang, strings, read=len(result.read_categories), total=total))
        for failure in result.failed:
            lines.append(
                text(
                    "exports.could-not-read",
                    lang,
                    strings,
                    category=category_name(failure.category, lang, strings),
                    platform=PLATFORM_NAMES.get(failure.platform, failure.platform),
                    reason=format_problem(failure.problem, lang, strings),
                )
            )
    return lines
