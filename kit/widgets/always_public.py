"""A private account is not enough: what stays public either way."""

from __future__ import annotations

import ipywidgets as w

from kit.rendering.explain import always_public_html
from kit.widgets.base import LABEL_STYLE, Panel


class AlwaysPublicPanel(Panel):
    """Public / private toggle and the information that stays public."""

    def _build(self) -> None:
        self.account = w.ToggleButtons(
            description=self.t("public.account"),
            style=LABEL_STYLE,
            options=[(self.t("public.private"), "private"), (self.t("public.public"), "public")],
            value="private",
        )
        self.items = w.HTML()

    def _layout(self) -> None:
        self.children = [self.account, self.items]

    def _wire(self) -> None:
        self.account.observe(self._on_account, names="value")

    # --- callbacks ---

    def _on_account(self, change) -> None:
        self._show()

    def _show(self) -> None:
        self.items.value = always_public_html(self.content, self.lang, self.account.value == "private")
