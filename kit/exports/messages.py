"""Turn Problems into sentences for the participant, from data/ui/exports.yaml (French first)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from kit.content import load_content
from kit.exports.problems import Problem
from kit.paths import DATA_DIR

if TYPE_CHECKING:
    from kit.exports.inventory import ExportResult

STRINGS_PATH = DATA_DIR / "ui" / "exports.yaml"
# Strings that are not problems, with the {placeholders} the code fills in.
TEXT_PARAMS: dict[str, tuple[str, ...]] = {
    "exports.partial": ("read", "total"),
    "exports.could-not-read": ("category", "platform", "reason"),
    "exports.demo-written": ("path",),
}


@lru_cache(maxsize=1)
def load_strings() -> dict[str, dict[str, str]]:
    """Every UI string of the kit (validated by kit.content): key -> {"fr": ..., "en": ...}."""
    return {key: {"fr": value.fr, "en": value.en} for key, value in load_content().ui.items()}


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


def category_name(category: str, lang: str) -> str:
    """A category id in words, from the kit's taxonomy."""
    return load_content().categories[category].name(lang)


def platform_name(platform: str, lang: str) -> str:
    """A platform id in words, from the kit's taxonomy."""
    return load_content().platforms[platform].name(lang)


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
                    category=category_name(failure.category, lang),
                    platform=platform_name(failure.platform, lang),
                    reason=format_problem(failure.problem, lang, strings),
                )
            )
    return lines
