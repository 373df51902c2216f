"""Timeline of Meta's AI-training policy, filterable by region."""

from __future__ import annotations

import ipywidgets as w

from kit.rendering.explain import timeline_html
from kit.widgets.base import LABEL_STYLE, Panel

ALL = ""


class TimelinePanel(Panel):
    """A region filter over the dated events."""

    def _build(self) -> None:
        self.region = w.Dropdown(
            description=self.t("timeline.filter"),
            style=LABEL_STYLE,
            options=[(self.t("regions.all"), ALL), *self.options(self.content.regions)],
        )
        self.events = w.HTML()

    def _layout(self) -> None:
        self.children = [self.region, self.events]

    def _wire(self) -> None:
        self.region.observe(self._on_region, names="value")

    # --- callbacks ---

    def _on_region(self, change) -> None:
        self._show()

    def _show(self) -> None:
        self.events.value = timeline_html(self.content, self.lang, self.region.value or None)
