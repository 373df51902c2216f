"""What every panel shares: its language, the loaded content and the kit's stylesheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as w
import traitlets as t

from kit import env
from kit.content import Content, default_content
from kit.rendering.html import stylesheet

LABEL_STYLE = {"description_width": "initial"}


def field_layout() -> w.Layout:
    """A labelled input wide enough for its label and longest option, on a phone as on a laptop."""
    return w.Layout(width="calc(100% - 0.5rem)", max_width="36rem", height="auto", flex_flow="row wrap")


class Stylesheet(anywidget.AnyWidget):
    """The kit's stylesheet (kit.css), added once to the page's <head> where the page does not link it itself.

    The kit's Voilà templates (pages and slides) link kit.css, and kernels they start have no Stylesheet;
    JupyterLab does not: there every panel brings it.
    """

    _esm = Path(__file__).with_name("stylesheet.js")
    css = t.Unicode("").tag(sync=True)


_stylesheet: Stylesheet | None = None


def stylesheet_widget() -> Stylesheet | None:
    """One hidden Stylesheet per kernel, shown in every panel; None under the kit's Voilà templates (they link it)."""
    global _stylesheet
    if env.page_links_stylesheet():
        return None
    if _stylesheet is None or _stylesheet.comm is None:  # none yet, or closed (Widget.close_all)
        _stylesheet = Stylesheet(css=stylesheet(), layout=w.Layout(display="none"))
    return _stylesheet


class Panel(w.VBox):
    """A VBox in one language over the kit's content, built in one order: build → layout → wire → show."""

    children: list[Any]  # a traitlet of ipywidgets (untyped here): panels set it as a list

    def __init__(self, lang: str, content: Content | None = None, **kwargs):
        super().__init__(**kwargs)
        self.lang = lang
        self.content = content or default_content()
        self.add_class("kit")
        self.add_class("kit-panel")
        self._build()
        self._layout()
        styles = stylesheet_widget()
        self.children = [*self.children, *([styles] if styles else [])]
        self._wire()
        self._show()

    def _build(self) -> None:
        """Create the child widgets."""

    def _layout(self) -> None:
        """Arrange them in self.children."""

    def _wire(self) -> None:
        """Connect callbacks."""

    def _show(self) -> None:
        """Render the current state."""

    def t(self, key: str, **params) -> str:
        """A UI string in the panel's language."""
        return self.content.text(key, self.lang, **params)

    def options(self, named: dict) -> list[tuple[str, str]]:
        """(label, id) pairs for a dropdown over platforms, regions or categories."""
        return [(item.name(self.lang), item.id) for item in named.values()]
