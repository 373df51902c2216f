"""Problems found while reading an export: a code and its parameters, never a sentence.

The sentences live in data/ui/exports.yaml, one per code, in French and in English; `PARAMS` lists
the placeholders each code's sentence uses, so the tests can check both sides agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# code -> names of the {placeholders} its message uses
PARAMS: dict[str, tuple[str, ...]] = {
    "exports.no-file": (),
    "exports.file-not-found": ("name",),
    "exports.unreadable": ("name",),
    "exports.too-large": ("size_mb", "limit_mb"),
    "exports.not-a-zip": ("name",),
    "exports.truncated-zip": ("name",),
    "exports.encrypted": ("name",),
    "exports.unsupported-compression": ("member",),
    "exports.too-many-files": ("name", "count", "limit"),
    "exports.zip-bomb": ("member", "limit_mb"),
    "exports.unsafe-path": ("count", "member"),
    "exports.damaged-member": ("member",),
    "exports.invalid-json": ("member",),
    "exports.unexpected-shape": ("member",),
    "exports.empty": (),
    "exports.html-export": (),
    "exports.other-service": ("service",),
    "exports.nested-zip": ("member",),
    "exports.not-meta": (),
    "exports.no-categories": (),
    "exports.unknown-platform": ("member",),
    "exports.unexpected-error": (),
}


@dataclass(frozen=True)
class Problem:
    """Something that went wrong or was skipped; `code` keys a message in data/ui/exports.yaml."""

    code: str
    params: dict[str, str | int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        expected = PARAMS.get(self.code)
        if expected is None or set(expected) != set(self.params):
            raise ValueError(f"problem {self.code!r}: unknown code or wrong parameters")


@dataclass(frozen=True)
class Failure:
    """A category that could not be read (its count is left out rather than shown incomplete)."""

    platform: str
    category: str
    problem: Problem


class ExportError(Exception):
    """Internal: stops reading one source or one file; always caught and turned into its Problem."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem
