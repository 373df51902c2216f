"""What every panel shares: its language and the loaded content."""

from __future__ import annotations

import ipywidgets as w

from kit.content import Content, default_content

LABEL_STYLE = {"description_width": "initial"}


def field_layout() -> w.Layout:
    """A labelled input wide enough for its label and longest option, on a phone as on a laptop."""
    return w.Layout(width="calc(100% - 0.5rem)", max_width="36rem", height="auto", flex_flow="row wrap")


class Panel(w.VBox):
    """A VBox in one language over the kit's content, built in one order: build → layout → wire → show."""

    def __init__(self, lang: str, content: Content | None = None, **kwargs):
        super().__init__(**kwargs)
        self.lang = lang
        self.content = content or default_content()
        self.add_class("kit")
        self.add_class("kit-panel")
        self._build()
        self._layout()
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
