"""Notebook 02: the inventory by hand, from an export, and its result; panels share one InventorySession."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pandas as pd
import traitlets as t

from kit import env
from kit.content import Content
from kit.exports import Limits, describe_result, read_export
from kit.inventory import (
    AUDIENCES,
    COUNT_RANGES,
    AccountAnswers,
    combine,
    empty_inventory,
    exposure,
    from_csv,
    manual_inventory,
    to_csv,
)
from kit.rendering.html import paragraph, paragraphs
from kit.rendering.inventory import csv_download_html, exposure_summary_html, inventory_chart_html, inventory_table_html
from kit.widgets.base import LABEL_STYLE, Panel, default_content, field_layout
from kit.widgets.browser import INVENTORY_ANSWERS_KEY, INVENTORY_KEY, BrowserStore
from kit.widgets.upload import MIB, ChunkedUpload, uploads_allowed

NO_ACCOUNT = "none"
log = env.facilitator_log("kit.widgets")
CSV_LIMIT = 5 * MIB


class InventorySession(t.HasTraits):
    """One participant's inventory, in this kernel's memory only: answers, export rows and loaded rows."""

    region = t.Unicode("eu")
    revision = t.Int(0)  # bumped whenever the inventory changes; panels observe it

    def __init__(self, content: Content | None = None, **kwargs):
        super().__init__(**kwargs)
        self.content = content or default_content()
        self.manual = empty_inventory()
        self.imported = empty_inventory()

    @property
    def inventory(self) -> pd.DataFrame:
        """Everything known, an export's rows replacing the estimates of the same category."""
        return combine(self.manual, self.imported)

    def exposed(self) -> pd.DataFrame:
        """The inventory with what Meta's AI may do with each row, in the chosen region."""
        return exposure(self.content, self.inventory, self.region)

    def set_manual(self, inventory: pd.DataFrame) -> None:
        self.manual = inventory
        self.revision += 1

    def add_imported(self, inventory: pd.DataFrame) -> None:
        self.imported = combine(inventory, self.imported)
        self.revision += 1


class ManualInventoryPanel(Panel):
    """Region, then per platform: account audience, then (once there is an account) a rough count per kind."""

    def __init__(self, lang: str, session: InventorySession):
        self.session = session
        super().__init__(lang, session.content)

    def _build(self) -> None:
        self.region = w.Dropdown(
            description=self.t("inventory.region"),
            style=LABEL_STYLE,
            layout=field_layout(),
            options=self.options(self.content.regions),
            value=self.session.region,
        )
        audiences = [(self.t("inventory.audience.none"), NO_ACCOUNT)] + [
            (self.t(f"inventory.audience.{a}"), a) for a in AUDIENCES
        ]
        self.audience: dict[str, w.Dropdown] = {}
        self.counts: dict[str, dict[str, w.ToggleButtons]] = {}  # made when the platform gets an account
        self.count_boxes: dict[str, w.VBox] = {}
        for platform in self.content.platforms.values():
            self.audience[platform.id] = w.Dropdown(
                description=self.t("inventory.audience", platform=platform.name(self.lang)),
                style=LABEL_STYLE,
                layout=field_layout(),
                options=audiences,
                value=NO_ACCOUNT,
            )
            self.counts[platform.id] = {}
            self.count_boxes[platform.id] = w.VBox([], layout=w.Layout(display="none", margin="0 0 0 1.5rem"))
        self.store = BrowserStore(key=INVENTORY_ANSWERS_KEY)
        self._restoring = False

    def _count_buttons(self, platform: str) -> dict[str, w.ToggleButtons]:
        """One row of buttons per category of a platform: one tap each, every choice in sight."""
        ranges = [(self.t(f"inventory.range-short.{r}"), r) for r, _ in COUNT_RANGES]
        tooltips = [self.t(f"inventory.range.{r}") for r, _ in COUNT_RANGES]
        return {
            c.id: w.ToggleButtons(
                description=c.name(self.lang),
                style=LABEL_STYLE,
                layout=field_layout(),
                options=ranges,
                tooltips=tooltips,
                value="none",
            )
            for c in self.content.categories_on(platform)
            if c.inventory
        }

    def _layout(self) -> None:
        row_gap = "0 0 0.75rem 0"  # the region's row and each platform's, spaced alike
        platforms = [w.VBox([self.audience[p], self.count_boxes[p]], layout=w.Layout(margin=row_gap))
                     for p in self.content.platforms]
        self.region.layout.margin = row_gap
        self.children = [w.HTML(paragraph(self.t("inventory.manual-hint"))), self.region, *platforms, self.store]

    def _wire(self) -> None:
        self.region.observe(self._on_region, names="value")
        for platform in self.content.platforms:
            self.audience[platform].observe(self._on_answer, names="value")
        self.store.observe(self._on_restored, names="ready")

    def answers(self) -> dict:
        """The answers as the page keeps them: region, and per platform with an account its audience and counts."""
        return {"region": self.region.value, "accounts": {
            platform: {"audience": audience.value,
                       "counts": {category: b.value for category, b in self.counts[platform].items()}}
            for platform, audience in self.audience.items() if audience.value != NO_ACCOUNT}}

    def restore(self, saved: dict) -> None:
        """Show answers kept by the page (a reload, the other language's page); what does not fit is left out."""
        self._restoring = True
        try:
            if saved.get("region") in self.content.regions:
                self.region.value = saved["region"]
            accounts = saved.get("accounts")
            for platform, answer in (accounts if isinstance(accounts, dict) else {}).items():
                if platform not in self.audience or not isinstance(answer, dict):
                    continue
                if answer.get("audience") in dict(self.audience[platform].options).values():
                    self.audience[platform].value = answer["audience"]
                counts = answer.get("counts")
                counts = counts if isinstance(counts, dict) else {}
                for category, buttons in self.counts[platform].items():
                    if counts.get(category) in dict(buttons.options).values():
                        buttons.value = counts[category]
        finally:
            self._restoring = False
        self._on_answer(None)

    # --- callbacks ---

    def _on_region(self, change) -> None:
        self.session.region = change.new
        self.session.revision += 1
        if not self._restoring:
            self.store.data = self.answers()

    def _on_restored(self, change) -> None:
        if change["new"] and isinstance(self.store.data, dict) and self.store.data:
            self.restore(self.store.data)

    def _on_answer(self, change) -> None:
        accounts = {}
        for platform, audience in self.audience.items():
            has_account = audience.value != NO_ACCOUNT
            if has_account and not self.counts[platform]:  # built when first needed: a page of fewer widgets
                self.counts[platform] = self._count_buttons(platform)
                for buttons in self.counts[platform].values():
                    buttons.observe(self._on_answer, names="value")
                self.count_boxes[platform].children = list(self.counts[platform].values())
            self.count_boxes[platform].layout.display = None if has_account else "none"
            if has_account:
                counts = {category: d.value for category, d in self.counts[platform].items()}
                accounts[platform] = AccountAnswers(audience.value, counts)
        if self._restoring:  # each restored value would otherwise redo the inventory
            return
        self.session.set_manual(manual_inventory(self.content, accounts))
        self.store.data = self.answers()


class ExportImportPanel(Panel):
    """Upload (or, at home, a path to) a Meta export; it is read in memory and joins the inventory."""

    def __init__(self, lang: str, session: InventorySession):
        self.session = session
        try:
            self.limit, self.bad_limit = env.upload_limit_bytes(), None
        except env.InvalidSetting as error:  # uploads stay off; the page says why, once
            self.limit, self.bad_limit = None, error.value
            log.warning("%s is not a whole number of megabytes: file upload is off", error)
        super().__init__(lang, session.content)

    def _build(self) -> None:
        served = env.served()
        if self.limit is not None:  # uploads off: no file button to grey out, no warning about files sent here
            where = "inventory.where-served" if served else "inventory.where-local"
            self.where = w.HTML(paragraph(self.t(where), strong=True))
            self.upload = ChunkedUpload(label=self.t("inventory.upload-label"), accept=".zip", max_bytes=self.limit)
        if self.bad_limit is not None:
            self.limit_note = w.HTML(paragraph(self.t("settings.upload-limit-invalid", value=self.bad_limit),
                                               role="alert"))
        elif self.limit:
            self.limit_note = w.HTML(paragraph(self.t("inventory.upload-limit", limit_mb=self.limit // MIB)))
        else:
            self.limit_note = w.HTML(paragraph(self.t("inventory.upload-off")))
        if not served:  # a visitor's text never becomes a path on the facilitator's machine
            self.path = w.Text(description=self.t("inventory.path-label"), style=LABEL_STYLE, layout=field_layout())
            self.read_path = w.Button(description=self.t("inventory.path-read"))
        self.status = w.HTML()

    def _layout(self) -> None:
        path_row = [] if env.served() else [w.HBox([self.path, self.read_path])]
        uploads = [self.where, self.upload] if self.limit is not None else []
        self.children = [*uploads, self.limit_note, *path_row, self.status]

    def _wire(self) -> None:
        if self.limit is not None:
            self.upload.on_files(self._on_files)
            self.upload.on_refused(self._on_refused)
        if not env.served():
            self.read_path.on_click(self._on_read_path)

    # --- callbacks ---

    def _on_files(self, files: list[tuple[str, bytes]]) -> None:
        self._read(files)

    def _on_refused(self, size: int) -> None:
        message = self.t("inventory.too-large", size_mb=-(-size // MIB), limit_mb=(self.limit or 0) // MIB)
        self.status.value = paragraph(message, role="alert")

    def _on_read_path(self, button) -> None:
        if env.served():  # a visitor's text never becomes a path on the facilitator's machine
            return
        path = Path(self.path.value.strip()).expanduser()
        if not self.path.value.strip() or not path.exists():
            self.status.value = paragraph(self.t("inventory.path-missing", path=str(path)), role="alert")
            return
        self._read([path])

    def _read(self, sources: list) -> None:
        self.status.value = paragraph(self.t("inventory.reading"), role="status")
        result = read_export(sources, limits=Limits(max_upload_bytes=self.limit if env.served() else None))
        lines = describe_result(result, self.lang, self.content)
        if result.ok:
            lines.insert(0, self.t("inventory.read-ok", rows=len(result.rows)))
            self.session.add_imported(result.rows.assign(source="export"))
        self.status.value = paragraphs(lines)


class InventoryResultPanel(Panel):
    """The exposure summary, chart and table; download as CSV, or load a saved CSV back."""

    def __init__(self, lang: str, session: InventorySession):
        self.session = session
        super().__init__(lang, session.content)

    def _build(self) -> None:
        self.view = w.HTML()  # summary, chart, table and download: one widget, drawn again on every change
        self.uploads = uploads_allowed()
        if self.uploads:
            self.load = ChunkedUpload(
                label=self.t("inventory.load-label"), accept=".csv", multiple=False, max_bytes=CSV_LIMIT
            )
            self.load_status = w.HTML()
        self.store = BrowserStore(key=INVENTORY_KEY)

    def _layout(self) -> None:
        self.children = [self.view, *([self.load, self.load_status] if self.uploads else []), self.store]

    def _wire(self) -> None:
        self.session.observe(self._on_change, names="revision")
        if self.uploads:
            self.load.on_files(self._on_csv)
            self.load.on_refused(self._on_csv_refused)

    # --- callbacks ---

    def _on_change(self, change) -> None:
        self._show()

    def _on_csv(self, files: list[tuple[str, bytes]]) -> None:
        loaded, problems = from_csv(self.content, files[0][1])
        lines = [self.t(p.code, **p.params) for p in problems]
        if not loaded.empty:
            lines.insert(0, self.t("inventory.loaded", rows=len(loaded)))
            self.session.add_imported(loaded)
        self.load_status.value = paragraphs(lines)

    def _on_csv_refused(self, size: int) -> None:
        self.load_status.value = paragraph(self.t("inventory.csv-unreadable"), role="alert")

    def _show(self) -> None:
        exposed = self.session.exposed()
        self.view.value = "".join([
            exposure_summary_html(self.content, exposed, self.lang),
            inventory_chart_html(self.content, exposed, self.lang),
            inventory_table_html(self.content, exposed, self.lang) if not exposed.empty else "",
            csv_download_html(self.content, self.session.inventory, self.lang),
            paragraph(self.t("inventory.kept-in-browser"), muted=True),
        ])
        if not self.session.inventory.empty:  # for module 3, in this browser only
            self.store.data = {"csv": to_csv(self.session.inventory)}
