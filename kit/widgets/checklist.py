"""Notebook 03: the checklist dashboard; its panels share one ChecklistSession kept in the browser."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING

import anywidget
import ipywidgets as w
import traitlets as t

from kit.checklist import (
    Profile,
    acts,
    letter_for,
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
from kit.rendering.html import paragraph, render, trusted
from kit.widgets.base import LABEL_STYLE, Panel, default_content, field_layout
from kit.widgets.browser import CHECKLIST_KEY, INVENTORY_KEY, BrowserStore, answer_keys
from kit.widgets.upload import MIB, ChunkedUpload, uploads_allowed

# pandas (kit.inventory) and reportlab (kit.print.takeaway) are imported when first needed: a served kernel that
# never sees an inventory or a plan stays ~60 MB smaller, which is what lets a laptop hold a whole room.
if TYPE_CHECKING:
    import pandas as pd

ANSWERS = ("yes", "no", "unsure")
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
    accounts = t.Dict()  # act id -> the accounts typed for that objection: in memory only, never saved
    reasons = t.List(t.Unicode())  # the optional reasons chosen for the objection text

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

    def letter_for(self, act: str | None = None) -> str:
        """The objection text for one act (its accounts), or for all of them; "" where the region has none."""
        letter = letter_for(self.content, self.region)
        if letter is None:
            return ""
        typed = [self.accounts.get(act, "")] if act else list(self.accounts.values())
        accounts = ", ".join(text.strip() for text in typed if text.strip())
        subject, body = letter_text(letter, self.lang, accounts, list(self.reasons), region=self.region)
        return f"{subject}\n\n{body}"

    def letter(self) -> tuple[str, str] | None:
        """The subject and body of the objection text, for the take-away PDF."""
        text = self.letter_for()
        if not text:
            return None
        subject, _, body = text.partition("\n\n")
        return subject, body

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
        self.store.erase(INVENTORY_KEY, *answer_keys(sorted({q.notebook for q in self.content.quiz})))
        self.inventory_store.data = {}
        with self.hold_trait_notifications():
            self.done, self.platforms, self.from_inventory = [], [], False
            self.accounts, self.reasons = {}, []
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
        super().__init__(render("checklist/language_switch.html.j2", label=content.text("switch.label", lang),
                                other=other, notebook=notebook, text=content.text("switch.other", lang)))
        self.add_class("kit")


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
        # Module 2's inventory comes through this browser anyway; a CSV only where files may be sent.
        self.load = ChunkedUpload(
            label=self.t("questions.load-inventory"), accept=".csv", multiple=False, max_bytes=5 * MIB
        ) if uploads_allowed() else None

    def _layout(self) -> None:
        platforms = w.HBox(list(self.platforms.values()), layout=w.Layout(flex_flow="row wrap"))
        self.children = [
            w.HTML(paragraph(self.t("questions.hint"))),
            self.region,
            w.HTML(render("checklist/platforms_label.html.j2", text=self.t("questions.platforms"))),
            platforms,
            self.public,
            self.meta_ai,
            self.photos,
            self.inventory_note,
            *([self.load] if self.load else []),
            self.session.store,
            self.session.inventory_store,
        ]

    def _wire(self) -> None:
        for name in ("region", "public", "meta_ai", "photos"):
            getattr(self, name).observe(self._on_answer, names="value")
        for checkbox in self.platforms.values():
            checkbox.observe(self._on_answer, names="value")
        self.session.observe(self._on_session, names="revision")
        if self.load:
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
            self.inventory_note.value = paragraph(self.t("questions.inventory-loaded"), role="status")

    def _show(self) -> None:
        if self.session.from_inventory and not self.inventory_note.value:
            self.inventory_note.value = paragraph(self.t("questions.from-inventory"), role="status")


class PlanView(anywidget.AnyWidget):
    """The whole plan in one widget: HTML rendered here, its tick boxes, fields and copy buttons wired in the page."""

    _esm = Path(__file__).with_name("plan_view.js")
    html = t.Unicode("").tag(sync=True)
    done = t.List(t.Unicode()).tag(sync=True)
    progress = t.Unicode("").tag(sync=True)
    finished = t.Int(0).tag(sync=True)
    accounts = t.Dict().tag(sync=True)  # act id -> what the attendee typed; never stored
    reasons = t.List(t.Unicode()).tag(sync=True)
    letters = t.Dict().tag(sync=True)  # act id -> the objection text to paste
    store_key = t.Unicode("").tag(sync=True)  # where the page keeps the ticks (kit.widgets.browser.CHECKLIST_KEY)
    copied_label = t.Unicode("").tag(sync=True)
    failed_label = t.Unicode("").tag(sync=True)


class ChecklistPanel(Panel):
    """The plan: the objections first (form, steps, letter, "sent"), then a card per action, progress on top."""

    def __init__(self, session: ChecklistSession):
        self.session = session
        self._drawn: tuple | None = None
        super().__init__(session.lang, session.content)

    def _build(self) -> None:
        self.view = PlanView(store_key=CHECKLIST_KEY, copied_label=self.t("letter.copied"),
                             failed_label=self.t("letter.copy-failed"))

    def _layout(self) -> None:
        self.children = [self.view]

    def _wire(self) -> None:
        self.session.observe(self._on_session, names="revision")
        self.view.observe(self._on_tick, names="done")
        self.view.observe(self._on_letter_input, names=["accounts", "reasons"])

    # --- callbacks ---

    def _on_session(self, change) -> None:
        self._show()

    def _on_tick(self, change) -> None:
        shown = {item.id for item in self.session.items()}
        ticked = [item for item in self.view.done if item in shown]
        others = [item for item in self.session.done if item not in shown]
        if sorted(others + ticked) != sorted(self.session.done):
            self.session.done = others + sorted(ticked)

    def _on_letter_input(self, change) -> None:
        s = self.session
        with s.hold_trait_notifications():
            s.accounts = dict(self.view.accounts)
            s.reasons = list(self.view.reasons)
        self._show_letters()

    def _show(self) -> None:
        s = self.session
        items = s.items()
        done = set(s.done)
        finished = sum(item.id in done for item in items)
        progress = self.t("plan.progress", done=finished, total=len(items)) if items else self.t("plan.empty")
        key = (tuple(item.id for item in items), s.region)
        if key != self._drawn:
            self._drawn = key
            self.view.html = self._html(items, progress, finished)
        with self.view.hold_sync():
            self.view.progress, self.view.finished = progress, finished
            self.view.done = sorted(done.intersection(item.id for item in items))
            self.view.reasons = list(s.reasons)
        self._show_letters()

    def _show_letters(self) -> None:
        s = self.session
        letter = letter_for(self.content, s.region)
        self.view.letters = {
            item.id: s.letter_for(item.id) for item in acts(s.items())
        } if letter else {}

    def _html(self, items, progress: str, finished: int) -> str:
        s, lang = self.session, self.lang
        letter = letter_for(self.content, s.region)
        first_acts = {item.id for item in acts(items)}
        groups: dict[int, list[dict]] = {}
        for item in items:
            groups.setdefault(item.priority, []).append(self._card(item, item.id in first_acts))
        for cards in groups.values():
            cards.sort(key=lambda card: not card["act"])  # the acts first: they open the plan
        t = self.t
        strings = {
            "open_form": t("plan.open-form"), "open_link": t("plan.open-link"), "why": t("plan.why"),
            "changes": t("plan.changes"), "does_not_change": t("plan.does-not-change"),
            "accounts": t("letter.accounts"), "letter": t("letter.text-label"),
            "copy_text": t("letter.copy"), "reasons": t("letter.reasons"), "sent": t("plan.sent"),
        }
        plan_data = {
            "notice": "" if objection_routes(self.content, s.region) else t("plan.no-route"),
            "progress": progress,
            "finished": finished,
            "total": len(items),
            "letter": {"reasons": [{"id": r.id, "text": r.text(lang)} for r in letter.reasons]} if letter else None,
            "groups": [{"heading": t(f"plan.priority.{p}"), "cards": cards} for p, cards in sorted(groups.items())],
        }
        return render("checklist/plan.html.j2", plan=plan_data, t=strings)

    def _card(self, item: m.ChecklistItem, act: bool) -> dict:
        lang, t = self.lang, self.t
        routes = [_route(self.content, route, lang) for route in routes_of(self.content, item)]
        paths = [(t(label), path(lang)) for label, path in (("plan.app-path", item.app_path),
                                                             ("plan.web-path", item.web_path)) if path]
        return {
            "id": item.id,
            "act": act,
            "action": item.action(lang),
            "meta": f"{t('plan.minutes', minutes=item.minutes)} · "
                    f"{t(f'plan.reversibility.{item.reversibility.value}')}",
            "why": item.why(lang),
            "changes": item.changes(lang),
            "does_not_change": item.does_not_change(lang),
            "paths": paths,
            "checked": account_line(self.content, item, lang) if paths and needs_account(item) else "",
            "route": routes[0] if routes else None,
            "others": routes[1:],
            "other_routes": t("plan.other-routes", count=len(routes) - 1),
            "link": next((route for route in routes if route["url"]), None),
            "sources": trusted(sources_html(self.content, [item, *routes_of(self.content, item)], lang)),
        }


def _route(content: Content, route: m.ObjectionRoute, lang: str) -> dict:
    """A way to object as the plan shows it: title, link, steps, and when they were last seen."""
    return {
        "id": route.id,
        "title": route.title(lang),
        "url": route.url,
        "steps": [step(lang) for step in route.steps],
        "checked": account_line(content, route, lang),
    }


class LetterPanel(Panel):
    """Where the objection text is: with each form in the plan, or a note that the region has none."""

    def __init__(self, session: ChecklistSession):
        self.session = session
        super().__init__(session.lang, session.content)

    def _build(self) -> None:
        self.note = w.HTML()

    def _layout(self) -> None:
        self.children = [self.note]

    def _wire(self) -> None:
        self.session.observe(self._on_change, names="revision")

    # --- callbacks ---

    def _on_change(self, change) -> None:
        self._show()

    def _show(self) -> None:
        has_letter = letter_for(self.content, self.session.region) is not None
        self.note.value = (
            paragraph(self.t("letter.in-plan")) + paragraph(self.t("letter.hint")) if has_letter
            else paragraph(self.t("letter.none"), role="note")
        )

    def letter(self) -> tuple[str, str] | None:
        """The current subject and body, for the take-away PDF."""
        return self.session.letter()


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
        self.session.observe(self._on_change, names=["accounts", "reasons"])

    # --- callbacks ---

    def _on_change(self, change) -> None:
        self._show()

    def _on_erase(self, button) -> None:
        self.session.erase()
        self.status.value = paragraph(self.t("takeaway.erased"), role="status")

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
        self.links.value = render(
            "checklist/downloads.html.j2",
            pdf_name=self.t("takeaway.pdf-name"), pdf=base64.b64encode(pdf).decode(), pdf_label=self.t("takeaway.pdf"),
            ics_name=self.t("takeaway.ics-name"), ics=base64.b64encode(ics).decode(), ics_label=self.t("takeaway.ics"),
        )
