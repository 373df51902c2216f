"""The landing page: every notebook in French and in English, read from the notebooks themselves."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from kit.content import LANGS, Content

LANDING_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1b1b1b;
       background: #f7f7f5; line-height: 1.5; font-size: 1.05rem; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.7rem; margin: 0.5rem 0 0.25rem; }
.lead { margin: 0 0 1.5rem; }
.langs { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); gap: 1rem; }
section { background: #fff; border: 1px solid #c9c9c4; border-radius: 8px; padding: 1rem 1.25rem; }
h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
ol { padding-left: 1.25rem; margin: 0; }
li { margin: 0.6rem 0; }
a { color: #0b57a4; font-weight: 600; }
a:focus-visible { outline: 3px solid #0b57a4; outline-offset: 2px; }
.subtitle { display: block; color: #3d3d3d; font-weight: normal; }
"""


@dataclass(frozen=True)
class NotebookEntry:
    """A notebook as the landing page lists it."""

    lang: str
    path: str
    title: str
    subtitle: str


def notebook_entries(notebooks_dir: Path) -> list[NotebookEntry]:
    """Every notebooks/<lang>/NN-*.ipynb with the title and subtitle of its first cell."""
    entries = []
    for lang in LANGS:
        for path in sorted((notebooks_dir / lang).glob("[0-9][0-9]-*.ipynb")):
            title, subtitle = _title_and_subtitle(path)
            entries.append(NotebookEntry(lang, f"{lang}/{path.name}", title, subtitle))
    return entries


def render_landing(content: Content, entries: list[NotebookEntry], base_url: str = "/") -> str:
    """The landing page as a complete HTML document (no external resource)."""
    sections = []
    for lang in LANGS:
        items = "".join(
            f'<li><a href="{html.escape(base_url)}voila/render/{html.escape(e.path)}">'
            f"{html.escape(e.title)}</a>"
            f'<span class="subtitle">{html.escape(e.subtitle)}</span></li>'
            for e in entries
            if e.lang == lang
        )
        sections.append(
            f'<section lang="{lang}" aria-labelledby="lang-{lang}">'
            f'<h2 id="lang-{lang}">{html.escape(content.text("landing.language", lang))}</h2>'
            f"<ol>{items}</ol></section>"
        )
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{html.escape(content.text("landing.title", "fr"))}</title>'
        f'<link rel="icon" href="data:,"><style>{LANDING_CSS}</style></head><body><main>'
        f'<h1>{html.escape(content.text("landing.title", "fr"))}</h1>'
        f'<p class="lead">{html.escape(content.text("landing.lead", "fr"))}</p>'
        f'<p class="lead" lang="en">{html.escape(content.text("landing.lead", "en"))}</p>'
        f'<div class="langs">{"".join(sections)}</div></main></body></html>'
    )


def _title_and_subtitle(path: Path) -> tuple[str, str]:
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    first = "".join(cells[0]["source"]) if cells else ""
    lines = [line.strip() for line in first.splitlines() if line.strip()]
    title = next((line[2:].strip() for line in lines if line.startswith("# ")), path.stem)
    subtitle = next((line.lstrip("> ").strip() for line in lines if line.startswith(">")), "")
    return title, subtitle
