"""How an entry says it was confirmed: which entries need an account, the words shown, the checks recorded."""

from __future__ import annotations

import datetime as dt

import pytest

from kit.content import models as m
from kit.content.verification import (
    account_entries,
    account_line,
    account_summary,
    needs_account,
    new_check,
    newest_source,
    parts,
)
from kit.env import format_date, terminal_language

DAY = dt.date(2026, 12, 5)


def _with_check(fact, **account):
    check = m.AccountCheck(**{"date": DAY, "country": "ch", "surface": "app", "result": "confirmed", **account})
    return fact.model_copy(update={"checked": m.Checked(sources=fact.checked.sources, account=check)})


def test_forms_steps_and_menu_paths_need_an_account_other_facts_do_not(content):
    entries = account_entries(content)
    assert {r.id for r in content.routes} <= {f.id for f in entries}
    assert all(isinstance(f, m.ObjectionRoute) or f.app_path or f.web_path for f in entries)
    assert not any(needs_account(f) for f in [*content.effects, *content.ai_rules, *content.timeline])
    only_br = account_entries(content, "br")
    assert only_br and all("br" in f.regions for f in only_br) and len(only_br) < len(entries)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_never_checked_says_when_its_sources_described_it_never_a_check_date(content, lang):
    route = next(r for r in content.routes if r.checked.account is None)
    line = account_line(content, route, lang)
    source = newest_source(content, route)
    assert format_date(str(source.published)[:7], lang) in line
    assert format_date(route.checked.sources, lang) not in line, "re-reading sources is not seeing the screen"
    assert line != account_line(content, _with_check(route), lang)


def test_a_check_on_an_account_names_its_day_country_and_surface(content):
    route = _with_check(content.routes[0])
    fr, en = account_line(content, route, "fr"), account_line(content, route, "en")
    assert "5 décembre 2026" in fr and "Suisse" in fr and content.text("verify.surface.app", "fr") in fr
    assert "5 December 2026" in en and "Switzerland" in en


def test_a_text_still_to_translate_is_flagged_in_that_language_only(content):
    route = _with_check(content.routes[0], result="changed", translate="en")
    assert account_line(content, route, "en") == content.text(
        "verify.changed-untranslated", "en", date="5 December 2026", country="Switzerland", surface="app")
    assert account_line(content, route, "fr") != account_line(content, _with_check(content.routes[0]), "fr"), \
        "a change reads differently from a confirmation"


def test_new_check_leaves_the_other_language_to_translate(content):
    route = content.routes[0]
    typed = new_check(route, DAY, "FR", m.Surface.web, changed=True, typed_in="fr")
    assert (typed.country, typed.result, typed.translate) == ("fr", m.CheckResult.changed, "en")
    confirmed_later = new_check(_with_check(route, result="changed", translate="en"), DAY, "be", m.Surface.web)
    assert confirmed_later.result == m.CheckResult.confirmed and confirmed_later.translate == "en"
    assert new_check(route, DAY, "fr", m.Surface.web).translate is None


def test_parts_are_what_the_facilitator_compares(content):
    form = next(r for r in content.routes if r.url)
    found = parts(content, form, "en")
    assert found[0].text == form.url and not found[0].bilingual
    assert [p.text for p in found[1:]] == [s.en for s in form.steps]
    item = next(i for i in content.checklist if i.app_path and i.web_path)
    assert {p.surface for p in parts(content, item, "fr")} == {m.Surface.app, m.Surface.web}


def test_summary_counts_the_entries_never_checked_and_the_oldest_check(content):
    summary = account_summary(content)
    assert len(summary.never) == len(summary.entries) - sum(1 for f in summary.entries if f.checked.account)
    checked = [f.checked.account.date for f in summary.entries if f.checked.account]
    assert summary.oldest == (min(checked) if checked else None)


@pytest.mark.parametrize(("environ", "lang"), [
    ({"LANG": "fr_FR.UTF-8"}, "fr"), ({"LC_ALL": "fr_CH.UTF-8", "LANG": "en_GB.UTF-8"}, "fr"),
    ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"), ({}, "en"), ({"LANG": "de_DE.UTF-8"}, "en"),
])
def test_terminal_language_follows_the_locale(environ, lang):
    assert terminal_language(environ) == lang


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_path_no_source_describes_never_claims_a_source_date(content, lang):
    item = next(i for i in content.checklist if (i.app_path or i.web_path) and i.paths_in_sources)
    guessed = item.model_copy(update={"paths_in_sources": False})
    month = format_date(str(newest_source(content, item).published)[:7], lang)
    assert month in account_line(content, item, lang)
    assert month not in account_line(content, guessed, lang)
    assert account_line(content, guessed, lang) != account_line(content, _with_check(guessed), lang)
