"""The way on from a module when it runs in JupyterLab; served by Voilà, the kit's template draws it instead."""

from __future__ import annotations

from html import escape

from IPython.display import HTML

from kit.content import default_content
from kit.language import notebook_language
from kit.mode import served
from kit.paths import NOTEBOOKS_DIR
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
    links = []
    if page["next_path"]:
        links.append(f'<a href="{escape(page["next_path"].split("/", 1)[1])}" rel="next">'
                     f'{escape(text["nav.next"])} → {escape(page["next_title"])}</a>')
    else:
        links.append(escape(text["nav.last"]))
    if page["other_path"]:
        links.append(f'<a href="../{escape(page["other_path"])}" hreflang="{page["other_lang"]}" '
                     f'lang="{page["other_lang"]}">{escape(text["switch.other"])}</a>')
    return HTML(f'<nav class="kit kit-ways" aria-label="{escape(text["nav.label"])}">{" · ".join(links)}</nav>')
