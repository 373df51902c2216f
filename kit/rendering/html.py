"""Render the kit's HTML fragments from templates; every value is escaped unless it is already Markup."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

# The one stylesheet lives in the Voilà template's static folder, where Voilà serves it to the page.
STYLESHEET = files("kit") / "serving" / "templates" / "voila" / "templates" / "kit" / "static" / "kit.css"


@cache
def environment() -> Environment:
    """Templates from kit/rendering/templates, autoescaped; a missing variable is an error, not an empty string."""
    return Environment(
        loader=PackageLoader("kit.rendering", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, **context) -> str:
    """The fragment `template` (e.g. "quiz/feedback.html.j2") filled in with `context`."""
    return environment().get_template(template).render(**context).strip()


def trusted(html: str) -> Markup:
    """A fragment the kit rendered itself, to be placed in a template as it is (not escaped again)."""
    return Markup(html)


@cache
def stylesheet() -> str:
    """The kit's stylesheet (kit.css) as text."""
    return STYLESHEET.read_text(encoding="utf-8")


def paragraph(text: str, *, role: str | None = None, strong: bool = False, muted: bool = False) -> str:
    """One paragraph of text; `role` "status" or "alert" makes screen readers announce it."""
    return render("paragraph.html.j2", text=text, role=role, strong=strong, muted=muted)


def paragraphs(lines: Iterable[str], *, role: str = "status") -> str:
    """Several lines, one paragraph each, announced together."""
    return render("paragraphs.html.j2", lines=list(lines), role=role)
