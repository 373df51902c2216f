"""Notebook 03: the checklist dashboard; its panels share one ChecklistSession kept in the browser."""

from __future__ import annotations

import base64
from html import escape
from typing import TYPE_CHECKING

import ipywidgets as w
import traitlets as t

from kit.checklist import (
    Profile,
    letter_for,
    letter_routes,
    letter_text,
    objection_routes,
    plan,
    profile_from_inventory,
    routes_of,
)
from kit.content import Content
from kit.content import models as m
from kit.content.verification import account_line, needs_account
from kit.rendering.explain import sources_html
from kit.widgets.base import LABEL_STYLE, Panel, default_content, field_layout
from kit.widgets.browser import CHECKLIST_KEY, INVENTORY_KEY, SELFCHECK_KEY, BrowserStore, CopyableText
from kit.widgets.upload import MIB, ChunkedUpload

# pandas (kit.inventory) and reportlab (kit.print.takeaway) are imported when first needed: a served kernel that
# never sees an inventory or a plan stays ~60 MB smaller, which is what lets a laptop hold a whole room.
if TYPE_CHECKING:
    import pandas as pd

ANSWERS = ("yes", "no", "unsure")
# Long checklist labels wrap instead of being cut (ipywidgets keeps labels on one line).
WRAP_CSS = (
    "<style>.kit-plan .widget-checkbox{height:auto;width:auto}"
    ".kit-plan .widget-checkbox .widget-label-basic span{white-space:normal;font-weight:600}"
    ".kit-plan .widget-checkbox .widget-label-basic{white-space:normal;overflow:visible;height:auto}</style>"
)


class ChecklistSession(t.HasTraits):
    """One attendee's answers and ticks, restored from and saved to their browser's localStorage."""

    region = t.Unicode("eu")
    platforms = t.List(t.Unicode())
    public = t.Unicode("unsure")
    meta_ai = t.Unicode("unsure")
    photos = t.Unicode("unsure")
    done = t.List(t.Unicode())
    from_inventory = t.Bool(False)
    revision = t.Int(0)

    def __init__(self, lang: str, content: Content | None = None, **kwargs):
        super().__init__(**kwargs)
        self.lang = lang
        self.content = content or default_content()
        self.store = BrowserStore(key=CHECKLIST_KEY)
        self.inventory_store = BrowserStore(key=INVENTORY_KEY)
        self._restored = False
        self.store.observe(self._on_store_ready, names="ready")
        self.observe(self._on_change, names=["region", "platforms", "public", "meta_ai", "photos", "done"])

    @property
    def profile(self) -> Profile:
        """The answers as the plan reads them; "not sure" counts as yes, to err on the side of acting."""
        return Profile(
            region=self.region,
            platforms=frozenset(self.platforms),
            public_account=self.public != "no",
            uses_meta_ai=self.meta_ai != "no",
            in_others_photos=self.photos != "no",
        )

    def items(self):
        """The attendee's plan."""
        return plan(self.content, self.profile)

    def answers(self) -> dict:
        return {
            "region": self.region,
            "platforms": list(self.platforms),
            "public": self.public,
            "meta_ai": self.meta_ai,
            "photos": self.photos,
        }

    def apply_inventory(self, inventory: pd.DataFrame) -> None:
        """Pre-fill the answers from an inventory (module 2's result)."""
        profile = profile_from_inventory(self.content, inventory, self.region)
        with self.hold_trait_notifications():
            self.platforms = sorted(profile.platforms)
            self.public = "yes" if profile.public_account else "no"
            self.meta_ai = "yes" if profile.uses_meta_ai else self.meta_ai
            self.from_inventory = True

    def erase(self) -> None:
        """Forget everything: in this kernel and in the browser."""
        self._restored = False
        self.store.erase(INVENTORY_KEY, SELFCHECK_KEY)
        self.inventory_store.data = {}
        with self.hold_trait_notifications():
            self.done, self.platforms, self.from_inventory = [], [], False
            self.public = self.meta_ai = self.photos = "unsure"
        self._restored = True
        self.revision += 1

    # --- callbacks ---

    def _on_store_ready(self, change) -> None:
        if not change.new:
            return
        saved = self.store.data if isinstance(self.store.data, dict) else {}
        answers = saved.get("answers") if isinstance(saved.get("answers"), dict) else {}
        with self.hold_trait_notifications():
            self._restore(answers or {}, saved.get("done"))
        if not answers:
            csv = self.inventory_store.data.get("csv") if isinstance(self.inventory_store.data, dict) else None
            if isinstance(csv, str):
                from kit.inventory import from_csv

                inventory, _ = from_csv(self.content, csv)
                if not inventory.empty:
                    self.apply_inventory(inventory)
        self._restored = True
        if self.from_inventory:  # answers made from the inventory are the attendee's to keep
            self._save()
        self.revision += 1

    def _restore(self, answers: dict, done) -> None:
        """Take back what the browser kept, trusting nothing: unknown values are dropped."""
        if answers.get("region") in self.content.regions:
            self.region = answers["region"]
        platforms = answers.get("platforms")
        if isinstance(platforms, list):
            self.platforms = [p for p in platforms if p in self.content.platforms]
        for name in ("public", "meta_ai", "photos"):
            if answers.get(name) in ANSWERS:
                setattr(self, name, answers[name])
        known = {item.id for item in self.content.checklist}
        if isinstance(done, list):
            self.done = [item for item in done if item in known]

    def _on_change(self, change) -> None:
        if self._restored:
            self._save()
        self.revision += 1

    def _save(self) -> None:
        self.store.data = {"answers": self.answers(), "done": list(self.done)}


class LanguageSwitch(w.HTML):
    """A link to the same notebook in the other language (answers and ticks follow, being in the browser)."""

    def __init__(self, lang: str, notebook: str, content: Content | None = None):
        content = content or default_content()
        other = "en" if lang == "fr" else "fr"
        super().__init__(
            f'<nav aria-label="{escape(content.text("switch.label", lang))}" style="text-align:right">'
            f'<a href="../{other}/{escape(notebook)}" hreflang="{other}" lang="{other}">'
            f"{escape(content.text('switch.other', lang))}</a></nav>"
        )


class QuickQuestionsPanel(Panel):
    """Five questions (or an inventory) that personalise the plan."""

    def __init__(self, session: ChecklistSession):
        self.session = session
        self._syncing = False
        super().__init__(session.lang, session.content)

    def _build(self) -> None:
        s = self.session
        yes_no = [(self.t(f"questions.{a}"), a) for a in ANSWERS]
        self.region = w.Dropdown(
            description=self.t("questions.region"),
            style=LABEL_STYLE,
            layout=field_layout(),
            options=self.options(self.content.regions),
            value=s.region,
        )
        self.platforms = {
            p.id: w.Checkbox(
                description=p.name(self.lang),
                value=p.id in s.platforms,
                indent=False,
                layout=w.Layout(width="auto", margin="0 1.2rem 0 0"),
            )
            for p in self.content.platforms.values()
        }
        self.public = w.Dropdown(
            description=self.t("questions.public"),
            style=LABEL_STYLE,
            layout=field_layout(),
            value=s.public,
            options=[(self.t(f"questions.public.{a}"), a) for a in ANSWERS],
        )
        self.meta_ai = w.Dropdown(
            description=self.t("questions.meta-ai"),
            style=LABEL_STYLE,
            layout=field_layout(),
            options=yes_no,
            value=s.meta_ai,
        )
        self.photos = w.Dropdown(
            description=self.t("questions.photos"),
            style=LABEL_STYLE,
            layout=field_layout(),
            options=yes_no,
            value=s.photos,
        )
        self.inventory_note = w.HTML()
        self.load = ChunkedUpload(
            label=self.t("questions.load-inventory"), accept=".csv", multiple=False, max_bytes=5 * MIB
        )

    def _layout(self) -> None:
        platforms = w.HBox(list(self.platforms.values()), layout=w.Layout(flex_flow="row wrap"))
        self.children = [
            w.HTML(f"<p>{escape(self.t('questions.hint'))}</p>"),
            self.region,
            w.HTML(
                f'<p id="kit-platforms-label" style="margin:0.6em 0 0.2em">{escape(self.t("questions.platforms"))}</p>'
            ),
            platforms,
            self.public,
            self.meta_ai,
            self.photos,
            self.inventory_note,
            self.load,
            self.session.store,
            self.session.inventory_store,
        ]

    def _wire(self) -> None:
        for name in ("region", "public", "meta_ai", "photos"):
            getattr(self, name).observe(self._on_answer, names="value")
        for checkbox in self.platforms.values():
            checkbox.observe(self._on_answer, names="value")
        self.session.observe(self._on_session, names="revision")
        self.load.on_files(self._on_inventory_file)

    # --- callbacks ---

    def _on_answer(self, change) -> None:
        if self._syncing:
            return
        s = self.session
        with s.hold_trait_notifications():
            s.region, s.public = self.region.value, self.public.value
            s.meta_ai, s.photos = self.meta_ai.value, self.photos.value
            s.platforms = [p for p, box in self.platforms.items() if box.value]

    def _on_session(self, change) -> None:
        """Show answers restored from the browser or an inventory, without echoing them back."""
        s = self.session
        self._syncing = True
        try:
            for name in ("region", "public", "meta_ai", "photos"):
                getattr(self, name).value = getattr(s, name)
            for platform, box in self.platforms.items():
                box.value = platform in s.platforms
        finally:
            self._syncing = False
        self._show()

    def _on_inventory_file(self, files) -> None:
        from kit.inventory import from_csv

        inventory, _ = from_csv(self.content, files[0][1])
        if not inventory.empty:
            self.session.apply_inventory(inventory)
            self.inventory_note.value = f'<p role="status">{escape(self.t("questions.inventory-loaded"))}</p>'

    def _show(self) -> None:
        if self.session.from_inventory and not self.inventory_note.value:
            self.inventory_note.value = f'<p role="status">{escape(self.t("questions.from-inventory"))}</p>'


class ChecklistPanel(Panel):
    """The plan: a tick box per action with what it changes, how, and on what sources; progress on top."""

    def __init__(self, session: ChecklistSession):
        self.session = session
        self.boxes: dict[str, w.Checkbox] = {}
        super().__init__(session.lang, session.content)

    def _build(self) -> None:
        self.notice = w.HTML()
        self.progress = w.HTML()
        self.list = w.VBox()
        self.list.add_class("kit-plan")

    def _layout(self) -> None:
        self.children = [w.HTML(WRAP_CSS), self.notice, self.progress, self.list]

    def _wire(self) -> None:
        self.session.observe(self._on_session, names="revision")

    # --- callbacks ---

    def _on_session(self, change) -> None:
        self._show()

    def _on_tick(self, change) -> None:
        ticked = {item_id for item_id, box in self.boxes.items() if box.value}
        others = [item for item in self.session.done if item not in self.boxes]
        self.session.done = others + sorted(ticked)

    def _show(self) -> None:
        items = self.session.items()
        region = self.session.region
        self.notice.value = (
            ""
            if objection_routes(self.content, region)
            else f'<p role="note" style="border-left:4px solid #6b4a00;padding-left:0.6em">'
            f"{escape(self.t('plan.no-route'))}</p>"
        )
        done = set(self.session.done)
        total, finished = len(items), sum(item.id in done for item in items)
        label = escape(self.t("plan.progress", done=finished, total=total)) if items else escape(self.t("plan.empty"))
        self.progress.value = f'<p class="kit-progress-text" role="status"><strong>{label}</strong></p>' + (
            f'<progress value="{finished}" max="{total}" aria-label="{label}" style="width:100%"></progress>'
            if items
            else ""
        )
        if [item.id for item in items] != list(self.boxes):
            self._rebuild(items)
        for item_id, box in self.boxes.items():
            if box.value != (item_id in done):
                box.value = item_id in done

    def _rebuild(self, items) -> None:
        for box in self.boxes.values():
            box.unobserve(self._on_tick, names="value")
        self.boxes, rows, priority = {}, [], None
        for item in items:
            if item.priority != priority:
                priority = item.priority
                heading = escape(self.t(f"plan.priority.{priority}"))
                rows.append(w.HTML(f'<h3 style="margin:1em 0 0.2em">{heading}</h3>'))
            box = w.Checkbox(
                description=item.action(self.lang),
                indent=False,
                value=item.id in self.session.done,
                layout=w.Layout(width="auto"),
            )
            box.add_class("kit-item")
            box.observe(self._on_tick, names="value")
            self.boxes[item.id] = box
            card = w.Layout(border="1px solid #c9c9c4", padding="0.3rem 0.8rem", margin="0 0 0.5rem")
            rows.append(w.VBox([box, w.HTML(self._details(item))], layout=card))
        self.list.children = rows

    def _details(self, item) -> str:
        t = self.t
        paths = "".join(
            f"<p style='margin:0.2em 0'><strong>{escape(t(label))}</strong> {escape(path(self.lang))}</p>"
            for label, path in (("plan.app-path", item.app_path), ("plan.web-path", item.web_path))
            if path
        )
        if needs_account(item):  # once for the item's paths, not after each one
            paths += _checked_line(self.content, item, self.lang)
        routes = routes_of(self.content, item)
        ways = "".join(route_html(self.content, route, self.lang) for route in routes[:1])
        if len(routes) > 1:
            ways += (
                f'<details><summary style="cursor:pointer">{escape(t("plan.other-routes", count=len(routes) - 1))}'
                f"</summary>{''.join(route_html(self.content, route, self.lang) for route in routes[1:])}</details>"
            )
        return (
            f'<p style="margin:0.1em 0;color:#4a4a4a">{escape(t("plan.minutes", minutes=item.minutes))} · '
            f"{escape(t(f'plan.reversibility.{item.reversibility.value}'))}</p>"
            f'<details><summary style="cursor:pointer">{escape(t("plan.why"))} {escape(item.why(self.lang))}</summary>'
            f'<p style="margin:0.2em 0"><strong>{escape(t("plan.changes"))}</strong> '
            f"{escape(item.changes(self.lang))}</p>"
            f'<p style="margin:0.2em 0"><strong>{escape(t("plan.does-not-change"))}</strong> '
            f"{escape(item.does_not_change(self.lang))}</p>{paths}{ways}"
            f"{sources_html(self.content, [item, *routes], self.lang)}</details>"
        )


def _checked_line(content: Content, fact: m.Fact, lang: str) -> str:
    return f'<p class="kit-checked kit-muted">{escape(account_line(content, fact, lang))}</p>'


def route_html(content: Content, route: m.ObjectionRoute, lang: str) -> str:
    """A way to object: its title, its own steps and link, and when they were last seen, from data/objection.yaml."""
    steps = "".join(f"<li>{escape(step(lang))}</li>" for step in route.steps)
    link = (
        f'<p style="margin:0.2em 0"><a href="{escape(route.url)}" target="_blank" rel="noopener noreferrer">'
        f"{escape(content.text('plan.open-link', lang))}</a></p>"
        if route.url
        else ""
    )
    return (
        f'<div class="kit-route" data-route="{escape(route.id)}" style="margin:0.4em 0">'
        f'<p style="margin:0.2em 0"><strong>{escape(route.title(lang))}</strong></p>{link}'
        f'<ol style="margin:0.2em 0;padding-left:1.4em">{steps}</ol>{_checked_line(content, route, lang)}</div>'
    )


class LetterPanel(Panel):
    """The objection text for the attendee's region, with their accounts and optional reasons; copyable."""

    def __init__(self, session: ChecklistSession):
        self.session = session
        super().__init__(session.lang, session.content)

    def _build(self) -> None:
        self.accounts = w.Text(description=self.t("letter.accounts"), style=LABEL_STYLE, layout=w.Layout(width="100%"))
        self.reasons = w.VBox()
        self.text = CopyableText(label=self.t("letter.text-label"), button_label=self.t("letter.copy"),
                                 copied_label=self.t("letter.copied"), failed_label=self.t("letter.copy-failed"))
        self.none = w.HTML()
        self.send_with = w.HTML()
        self._letter_id: str | None = None

    def _layout(self) -> None:
        self.reasons_heading = w.HTML(
            f"<p style='margin:0.4em 0 0'><strong>{escape(self.t('letter.reasons'))}</strong></p>"
        )
        self.children = [
            w.HTML(f"<p>{escape(self.t('letter.hint'))}</p>"),
            self.none,
            self.send_with,
            self.accounts,
            self.reasons_heading,
            self.reasons,
            self.text,
        ]

    def _wire(self) -> None:
        self.accounts.observe(self._on_change, names="value")
        self.session.observe(self._on_change, names="revision")

    # --- callbacks ---

    def _on_change(self, change) -> None:
        self._show()

    def _show(self) -> None:
        letter = letter_for(self.content, self.session.region)
        self.none.value = "" if letter else f"<p role='note'>{escape(self.t('letter.none'))}</p>"
        for widget in (self.accounts, self.text, self.reasons, self.reasons_heading, self.send_with):
            widget.layout.display = None if letter else "none"
        self.send_with.value = self._send_with() if letter else ""
        if letter is None:
            self.text.value = ""
            return
        if letter.id != self._letter_id:
            self._letter_id = letter.id
            boxes = [
                w.Checkbox(description=r.text(self.lang), indent=False, layout=w.Layout(width="auto"))
                for r in letter.reasons
            ]
            for box in boxes:
                box.observe(self._on_change, names="value")
            self.reasons.children = boxes
            self.reasons.add_class("kit-plan")
        chosen = [r.id for r, box in zip(letter.reasons, self.reasons.children, strict=True) if box.value]
        subject, body = letter_text(letter, self.lang, self.accounts.value, chosen, region=self.session.region)
        self.text.value = f"{subject}\n\n{body}"

    def _send_with(self) -> str:
        routes = letter_routes(self.content, self.session.region, frozenset(self.session.platforms))
        blocks = "".join(route_html(self.content, route, self.lang) for route in routes)
        return f"<p style='margin:0.4em 0 0'><strong>{escape(self.t('letter.send-with'))}</strong></p>{blocks}"

    def letter(self) -> tuple[str, str] | None:
        """The current subject and body, for the take-away PDF."""
        if not self.text.value:
            return None
        subject, _, body = self.text.value.partition("\n\n")
        return subject, body


class TakeawayPanel(Panel):
    """Download the plan (PDF) and a six-month reminder (.ics); erase everything kept in this browser."""

    def __init__(self, session: ChecklistSession, letter: LetterPanel | None = None):
        self.session = session
        self.letter_panel = letter
        self._made_for: tuple | None = None
        super().__init__(session.lang, session.content)

    def _build(self) -> None:
        self.links = w.HTML()
        self.erase = w.Button(
            description=self.t("takeaway.erase"),
            button_style="danger",
            icon="trash",
            layout=w.Layout(width="auto", align_self="flex-start"),
        )
        self.status = w.HTML()

    def _layout(self) -> None:
        self.children = [self.links, self.erase, self.status]

    def _wire(self) -> None:
        self.session.observe(self._on_change, names="revision")
        self.erase.on_click(self._on_erase)
        if self.letter_panel is not None:
            self.letter_panel.text.observe(self._on_change, names="value")

    # --- callbacks ---

    def _on_change(self, change) -> None:
        self._show()

    def _on_erase(self, button) -> None:
        self.session.erase()
        self.status.value = f'<p role="status">{escape(self.t("takeaway.erased"))}</p>'

    def _show(self) -> None:
        items = self.session.items()
        if not items:
            self.links.value, self._made_for = "", None
            return
        letter = self.letter_panel.letter() if self.letter_panel else None
        key = ([item.id for item in items], sorted(self.session.done), self.session.region, letter)
        if key == self._made_for:  # the same plan: keep the links the attendee may be clicking
            return
        self._made_for = key
        from kit.print.takeaway import plan_pdf, reminder_ics

        pdf = plan_pdf(self.content, items, set(self.session.done), self.lang, self.session.region, letter,
                       platforms=frozenset(self.session.platforms))
        ics = reminder_ics(self.content, items, self.lang)
        self.links.value = (
            f'<p><a class="kit-download-pdf" download="{escape(self.t("takeaway.pdf-name"))}" '
            f'href="data:application/pdf;base64,{base64.b64encode(pdf).decode()}">'
            f"{escape(self.t('takeaway.pdf'))}</a></p>"
            f'<p><a class="kit-download-ics" download="{escape(self.t("takeaway.ics-name"))}" '
            f'href="data:text/calendar;charset=utf-8;base64,{base64.b64encode(ics).decode()}">'
            f"{escape(self.t('takeaway.ics'))}</a></p>"
        )
