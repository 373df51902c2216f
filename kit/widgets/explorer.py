"""Explorer: pick a platform, a region and a kind of content; see whether it feeds Meta's AI."""

from __future__ import annotations

import ipywidgets as w

from kit.content import Content
from kit.rendering.explain import ai_status_html
from kit.widgets.base import LABEL_STYLE, Panel, field_layout


class ExplorerPanel(Panel):
    """Three dropdowns and the sourced answer for their combination."""

    def __init__(
        self,
        lang: str,
        content: Content | None = None,
        platform: str = "facebook",
        region: str = "eu",
        category: str = "post",
    ):
        self._initial = (platform, region, category)
        super().__init__(lang, content)

    def _build(self) -> None:
        platform, region, category = self._initial
        self.platform = w.Dropdown(
            description=self.t("explorer.platform"),
            style=LABEL_STYLE,
            layout=field_layout(),
            options=self.options(self.content.platforms),
            value=platform,
        )
        self.region = w.Dropdown(
            description=self.t("explorer.region"),
            style=LABEL_STYLE,
            layout=field_layout(),
            options=self.options(self.content.regions),
            value=region,
        )
        self.category = w.Dropdown(
            description=self.t("explorer.category"),
            style=LABEL_STYLE,
            layout=field_layout(),
            options=self._category_options(platform),
        )
        if category in {value for _, value in self.category.options}:
            self.category.value = category
        self.result = w.HTML()

    def _layout(self) -> None:
        controls = w.HBox([self.platform, self.region, self.category], layout=w.Layout(flex_flow="row wrap"))
        self.children = [controls, self.result]

    def _wire(self) -> None:
        self.platform.observe(self._on_platform, names="value")
        self.region.observe(self._on_change, names="value")
        self.category.observe(self._on_change, names="value")

    # --- callbacks ---

    def _on_platform(self, change) -> None:
        current = self.category.value
        self.category.unobserve(self._on_change, names="value")
        self.category.options = self._category_options(change.new)
        if current in {value for _, value in self.category.options}:
            self.category.value = current
        self.category.observe(self._on_change, names="value")
        self._show()

    def _on_change(self, change) -> None:
        self._show()

    def _show(self) -> None:
        self.result.value = ai_status_html(
            self.content, self.platform.value, self.region.value, self.category.value, self.lang
        )

    def _category_options(self, platform: str) -> list[tuple[str, str]]:
        return [(c.name(self.lang), c.id) for c in self.content.categories_on(platform)]
