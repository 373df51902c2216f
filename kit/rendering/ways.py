"""The way on from a module when it runs in JupyterLab; served by Voilà, the kit's template draws it instead."""

from __future__ import annotations

from IPython.display import HTML

from kit.content import default_content
from kit.env import NOTEBOOKS_DIR, notebook_language, served
from kit.rendering.html import render
from kit.serving.landing import notebook_entries
from kit.serving.nav import template_resources


def ways_on(notebook: str) -> HTML | None:
    """Links to the next module and to this one in the other language (nothing when served: the page has them)."""
    if served():
        return None
    lang = notebook_language()
    resources = template_resources(default_content(), notebook_entries(NOTEBOOKS_DIR))["kit"]
    page, text = resources["pages"].get(f"{lang}/{notebook.removesuffix('.ipynb')}"), resources["text"][lang]
    if page is None:
        return None
    return HTML(render(
        "ways.html.j2", label=text["nav.label"],
        next_href=page["next_path"].split("/", 1)[1] if page["next_path"] else None,
        next_text=text["nav.next"], next_title=page["next_title"], last_text=text["nav.last"],
        other_href=f"../{page['other_path']}" if page["other_path"] else None, other_lang=page["other_lang"],
        other_text=text["switch.other"],
    ))
