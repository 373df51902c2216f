"""The ways through the workshop and the loading screen's words, for the kit's Voilà template.

Computed once at start-up from the notebooks and data/ui/, and handed to the template as Voilà resources
(`resources.kit`): the template draws them around every page, at no cost to the page's kernel.
"""

from __future__ import annotations

from kit.content import LANGS, Content
from kit.serving.landing import NotebookEntry

TEXTS = ("nav.label", "nav.next", "nav.last", "nav.home", "loading.start", "loading.step", "loading.widget",
         "switch.other")


def template_resources(content: Content, entries: list[NotebookEntry]) -> dict:
    """{"kit": {"pages": {"fr/01-…": where to go from it}, "text": {lang: {key: raw string}}}}."""
    pages: dict[str, dict] = {}
    for lang in LANGS:
        modules = [entry for entry in entries if entry.lang == lang]
        for index, entry in enumerate(modules):
            following = modules[index + 1] if index + 1 < len(modules) else None
            name = entry.path.split("/", 1)[1]
            other = "en" if lang == "fr" else "fr"
            pages[entry.path.removesuffix(".ipynb")] = {
                "next_path": following.path if following else "",
                "next_title": following.title if following else "",
                "other_lang": other,
                "other_path": f"{other}/{name}" if any(e.path == f"{other}/{name}" for e in entries) else "",
            }
    text = {lang: {key: content.ui[key](lang) for key in TEXTS} for lang in LANGS}
    return {"kit": {"pages": pages, "text": text}}
