"""How and when each entry was last confirmed, in words; which entries only a live account can confirm."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from kit.content import Content
from kit.content import models as m
from kit.env import format_date

# Where a route is seen: a form is a web page, even when opened from an app.
ROUTE_SURFACE = {
    m.RouteKind.app: m.Surface.app,
    m.RouteKind.web: m.Surface.web,
    m.RouteKind.form: m.Surface.web,
    m.RouteKind.third_party_form: m.Surface.web,
}


def needs_account(fact: m.Fact) -> bool:
    """Whether the entry says what a screen shows (a form, steps, a menu path), which its sources cannot confirm."""
    if isinstance(fact, m.ObjectionRoute):
        return True
    return isinstance(fact, m.ChecklistItem) and bool(fact.app_path or fact.web_path)


def account_entries(content: Content, region: str | None = None) -> list[m.ObjectionRoute | m.ChecklistItem]:
    """Every entry only an account can confirm (routes, then checklist items, in data order), for one region or all."""
    facts: list[m.ObjectionRoute | m.ChecklistItem] = [*content.routes, *content.checklist]
    return [f for f in facts if needs_account(f) and (region is None or region in f.regions)]


@dataclass(frozen=True)
class Part:
    """One piece of an entry that an account can contradict: a link, a step, a menu path."""

    field: tuple[str | int, ...]  # where it lives in the entry: ("url",), ("steps", 2), ("app_path",)
    label: str
    text: str
    surface: m.Surface
    bilingual: bool  # a {fr, en} text (a URL is the same in both languages)


def parts(content: Content, fact: m.Fact, lang: str) -> list[Part]:
    """What the kit says the facilitator will see, piece by piece, in `lang`."""
    t = content.text
    if isinstance(fact, m.ObjectionRoute):
        surface = ROUTE_SURFACE[fact.kind]
        found = [Part(("url",), t("verify.part.link", lang), fact.url, surface, False)] if fact.url else []
        return found + [
            Part(("steps", i), t("verify.part.step", lang, number=i + 1), step(lang), surface, True)
            for i, step in enumerate(fact.steps)
        ]
    found = []
    for name, label, surface in (("app_path", "verify.part.app", m.Surface.app),
                                 ("web_path", "verify.part.web", m.Surface.web)):
        path = getattr(fact, name, None)
        if path is not None:
            found.append(Part((name,), t(label, lang), path(lang), surface, True))
    return found


def title(fact: m.ObjectionRoute | m.ChecklistItem, lang: str) -> str:
    """What the entry is, in a few words: a route's title or an item's action."""
    return fact.title(lang) if isinstance(fact, m.ObjectionRoute) else fact.action(lang)


def newest_source(content: Content, fact: m.Fact) -> m.Source:
    """The most recently published source of an entry (partial dates compare as text: 2025 < 2025-05)."""
    return max(content.sources_of(fact), key=lambda s: str(s.published))


NOT_COUNTRIES = {"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"}  # CLDR groupings and placeholders with two letters


@cache
def _territories(lang: str) -> dict[str, str]:
    from babel import Locale  # CLDR country names; only loaded when a check on an account is shown

    return {code: name for code, name in Locale.parse(lang).territories.items()
            if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES}


def is_country(code: str) -> bool:
    """Whether `code` is a two-letter country code (ISO 3166)."""
    return code.upper() in _territories("en")


def country_name(code: str, lang: str) -> str:
    """A country's name in `lang` ("fr" → France / France; "ch" → Suisse / Switzerland)."""
    return _territories(lang).get(code.upper(), code.upper())


def account_line(content: Content, fact: m.Fact, lang: str) -> str:
    """When and how what the entry describes was last seen: on an account, or only as its sources report it."""
    check = fact.checked.account
    if check is None:
        if isinstance(fact, m.ChecklistItem) and not fact.paths_in_sources:
            return content.text("verify.undocumented", lang)
        source = newest_source(content, fact)
        month = str(source.published)[:7]
        return content.text("verify.reported", lang, date=format_date(month, lang))
    params = {"date": format_date(check.date, lang), "country": country_name(check.country, lang),
              "surface": content.text(f"verify.surface.{check.surface.value}", lang)}
    if check.translate == lang:
        return content.text("verify.changed-untranslated", lang, **params)
    key = "verify.changed" if check.result == m.CheckResult.changed else "verify.seen"
    return content.text(key, lang, **params)


@dataclass(frozen=True)
class AccountSummary:
    """Where the entries only an account can confirm stand."""

    entries: list[m.ObjectionRoute | m.ChecklistItem]
    never: list[m.ObjectionRoute | m.ChecklistItem]  # never checked on an account
    oldest: dt.date | None  # the oldest check on an account, if any
    translate: list[m.ObjectionRoute | m.ChecklistItem]  # changed in one language only


def account_summary(content: Content, region: str | None = None) -> AccountSummary:
    """How many entries were never checked on an account, the oldest check, the translations awaited."""
    entries = account_entries(content, region)
    checks = [f.checked.account for f in entries if f.checked.account]
    return AccountSummary(
        entries=entries,
        never=[f for f in entries if f.checked.account is None],
        oldest=min((c.date for c in checks), default=None),
        translate=[f for f in entries if f.checked.account and f.checked.account.translate],
    )



def other_lang(lang: str) -> str:
    return "en" if lang == "fr" else "fr"


def new_check(fact: m.Fact, date: dt.date, country: str, surface: m.Surface, changed: bool = False,
              typed_in: str | None = None) -> m.AccountCheck:
    """The check to record. A text typed in one language leaves the other to translate; otherwise the translation
    still awaited, if any, stays awaited (it is about the text, not the screen)."""
    before = fact.checked.account.translate if fact.checked.account else None
    return m.AccountCheck(
        date=date, country=country.lower(), surface=surface,
        result=m.CheckResult.changed if changed else m.CheckResult.confirmed,
        translate=other_lang(typed_in) if typed_in else before,
    )
