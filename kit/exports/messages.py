"""Turn Problems into sentences for the participant, with the kit's UI strings (data/ui/exports.yaml)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.env import DATA_DIR
from kit.exports.problems import Problem

if TYPE_CHECKING:
    from kit.content import Content
    from kit.exports.reader import ExportResult

STRINGS_PATH = DATA_DIR / "ui" / "exports.yaml"
# Strings that are not problems, with the {placeholders} the code fills in.
TEXT_PARAMS: dict[str, tuple[str, ...]] = {
    "exports.partial": ("read", "total"),
    "exports.could-not-read": ("category", "platform", "reason"),
    "exports.demo-written": ("path",),
}


def format_problem(problem: Problem, lang: str, content: Content | None = None) -> str:
    """The participant-facing sentence for one problem."""
    return (content or _default_content()).text(problem.code, lang, **problem.params)


def describe_result(result: ExportResult, lang: str, content: Content | None = None) -> list[str]:
    """Every message to show after an import: problems, then "read N of M categories" and why not."""
    if not result.problems and not result.failed:
        return []  # nothing to say: data/ need not be loaded for it
    content = content or _default_content()
    lines = [format_problem(problem, lang, content) for problem in result.problems]
    if result.failed:
        total = len(result.read_categories) + len({(f.platform, f.category) for f in result.failed})
        lines.append(content.text("exports.partial", lang, read=len(result.read_categories), total=total))
        for failure in result.failed:
            lines.append(
                content.text(
                    "exports.could-not-read",
                    lang,
                    category=content.categories[failure.category].name(lang),
                    platform=content.platforms[failure.platform].name(lang),
                    reason=format_problem(failure.problem, lang, content),
                )
            )
    return lines


def _default_content() -> Content:
    from kit.content import default_content  # pydantic and data/ only when there is a message to word

    return default_content()
