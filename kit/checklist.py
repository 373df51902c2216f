"""The personal checklist: which actions apply to a participant, and their objection text (no widget code)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kit.content import Content
from kit.content import models as m

if TYPE_CHECKING:  # pandas costs a served kernel ~50 MB; notebook 03 needs it only for an inventory
    import pandas as pd


@dataclass(frozen=True)
class Profile:
    """What the plan is personalised from: the quick answers, or an inventory."""

    region: str = "eu"
    platforms: frozenset[str] = field(default_factory=frozenset)
    public_account: bool = True  # at least one account public, or not sure
    uses_meta_ai: bool = False
    in_others_photos: bool = False

    def holds(self, condition: m.Condition) -> bool:
        """Whether one of an item's `when` conditions is true for this participant."""
        return {
            m.Condition.public_account: self.public_account,
            m.Condition.uses_meta_ai: self.uses_meta_ai,
            m.Condition.in_others_photos: self.in_others_photos,
        }[condition]


def profile_from_inventory(content: Content, inventory: pd.DataFrame, region: str) -> Profile:
    """A profile read off an inventory: its platforms, whether anything may be public, Meta AI chats."""
    if inventory.empty:
        return Profile(region=region)
    always = content.always_public_categories()
    own = inventory[~inventory["category"].isin(always)]
    return Profile(
        region=region,
        platforms=frozenset(inventory["platform"]),
        public_account=bool(own.empty or own["visibility"].isin(["public", "unknown"]).any()),
        uses_meta_ai=bool((inventory["category"] == "ai-chat").any() or (inventory["platform"] == "meta-ai").any()),
    )


def plan(content: Content, profile: Profile) -> list[m.ChecklistItem]:
    """The actions that apply to this participant, most urgent first, then in the order of data/checklist.yaml."""
    order = {item.id: index for index, item in enumerate(content.checklist)}
    items = [
        item
        for item in content.checklist
        if profile.region in item.regions
        and profile.platforms.intersection(item.platforms)
        and all(profile.holds(condition) for condition in item.when)
    ]
    return sorted(items, key=lambda item: (item.priority, order[item.id]))


def objection_routes(content: Content, region: str) -> list[m.ObjectionRoute]:
    """The ways to object that the kit knows of in a region (none for some regions)."""
    return [route for route in content.routes if region in route.regions]


def routes_of(content: Content, item: m.ChecklistItem) -> list[m.ObjectionRoute]:
    """The ways to object an item leads to, in the item's order (the first is the one to try first)."""
    routes = {route.id: route for route in content.routes}
    return [routes[route_id] for route_id in item.routes]


def letter_routes(content: Content, region: str, platforms: frozenset[str]) -> list[m.ObjectionRoute]:
    """Where an objection text goes: the region's forms for these platforms (else its other ways to object)."""
    own = [r for r in objection_routes(content, region) if r.kind != m.RouteKind.third_party_form]
    own = [r for r in own if platforms.intersection(r.platforms)] or own  # e.g. Threads alone: show them all
    return [r for r in own if r.kind == m.RouteKind.form] or own


def acts(items: list[m.ChecklistItem]) -> list[m.ChecklistItem]:
    """The plan's first acts: its most urgent items that have a way to object, shown with the form and the letter."""
    return [item for item in items if item.priority == 1 and item.routes]


def letter_for(content: Content, region: str) -> m.ObjectionLetter | None:
    """The objection text for a region, if the kit has one."""
    return next((letter for letter in content.letters if region in letter.regions), None)


def letter_text(
    letter: m.ObjectionLetter, lang: str, accounts: str, reasons: list[str], date: dt.date | None = None,
    region: str | None = None,
) -> tuple[str, str]:
    """The subject and body of an objection, with the participant's accounts, chosen reasons and region's clause.

    Without accounts, the paragraph naming them is left out: a form sent from the account says which one it is."""
    chosen = [reason.text(lang) for reason in letter.reasons if reason.id in reasons]
    day = (date or dt.date.today()).strftime("%d/%m/%Y" if lang == "fr" else "%d %B %Y")
    clause = letter.clauses[region](lang) if region in letter.clauses else ""
    values = {"accounts": accounts.strip(), "reasons": "\n\n".join(chosen), "clause": clause, "date": day}
    template = letter.body(lang)
    if not accounts.strip():
        template = "\n\n".join(part for part in template.split("\n\n") if "{accounts}" not in part)
    body = template.format(**values)
    while "\n\n\n" in body:  # no reason or clause: no empty paragraph left behind
        body = body.replace("\n\n\n", "\n\n")
    return letter.subject(lang).format(**values), body.strip()
