"""`kit verify`: walk the facilitator, one entry at a time, through what only a live account can confirm."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kit.env import LANGS

if TYPE_CHECKING:
    from kit.content import Content

STOPPED = 130  # the shell's code for a command ended by Ctrl-C
URL = re.compile(r"^https?://\S+$")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `verify` subcommand."""
    parser = subparsers.add_parser("verify", help="check the forms and menu paths on a live account, one by one")
    parser.add_argument("--lang", choices=LANGS, default=None,
                        help="language of the questions (default: French if the system locale is French)")
    parser.add_argument("--region", default=None, metavar="REGION",
                        help="only the entries for this region (eu, uk, ch, us, br, au, other)")
    parser.add_argument("--country", default=None, metavar="CC",
                        help="two-letter code of the country you check from (default: asked once)")
    parser.add_argument("--data", type=Path, default=None, help="content folder (default: the kit's data/)")
    parser.set_defaults(run=run)


@dataclass
class Tally:
    kept: int = 0
    changed: int = 0
    skipped: int = 0

    @property
    def saved(self) -> int:
        return self.kept + self.changed


def run(args: argparse.Namespace) -> int:
    """Ask, record each answer as it comes, then validate like `kit facts`; Ctrl-C keeps what was answered."""
    from kit.content.staleness import report
    from kit.content.verification import account_entries
    from kit.env import terminal_language

    lang = args.lang or terminal_language()
    from kit.content import ContentError, load_content

    try:
        content = load_content(args.data)
    except ContentError as error:
        print(f"kit verify: the content is invalid ({len(error.problems)} problem(s)): run kit facts",
              file=sys.stderr)
        return 1
    t = content.text
    if args.region is not None and args.region not in content.regions:
        print(t("verify.cli.region-bad", lang, region=args.region, known=", ".join(content.regions)),
              file=sys.stderr)
        return 2
    entries = account_entries(content, args.region)
    if not entries:
        print(t("verify.cli.none", lang))
        return 0
    tally = Tally()
    try:
        print(t("verify.cli.intro", lang, count=len(entries)))
        country = args.country if args.country and _is_country(args.country) else _ask_country(content, lang)
        for index, fact in enumerate(entries, start=1):
            _check_one(content, fact, lang, country, args.data, tally, index, len(entries))
        print(t("verify.cli.done", lang, kept=tally.kept, changed=tally.changed, skipped=tally.skipped))
        return report(args.data, dt.date.today())
    except (KeyboardInterrupt, EOFError) as stop:
        print()
        print(t("verify.cli.stopped", lang, saved=tally.saved))
        return STOPPED if isinstance(stop, KeyboardInterrupt) else 1
    except (OSError, RuntimeError) as error:  # a read-only folder, a full disk: that answer is not written
        print(t("verify.cli.write-failed", lang, error=error, saved=tally.saved), file=sys.stderr)
        return 1


def _check_one(content: Content, fact, lang: str, country: str, data: Path | None, tally: Tally,
               index: int, count: int) -> None:
    from kit.content import models as m
    from kit.content.verification import account_line, new_check, other_lang, parts, title
    from kit.content.writer import Change, record_check

    t = content.text
    shown_in = lang
    if fact.checked.account and fact.checked.account.translate == lang:
        shown_in = other_lang(lang)  # this language's text predates a change: show the up-to-date one
    print(f"\n{t('verify.cli.entry', lang, index=index, count=count, title=title(fact, lang), id=fact.id)}")
    if shown_in != lang:
        print(t("verify.cli.outdated", lang, language=t(f"verify.lang.{lang}", lang),
                other=t(f"verify.lang.{shown_in}", lang)))
    else:
        print(t("verify.cli.kit-says", lang))
    found = parts(content, fact, shown_in)
    labels = parts(content, fact, lang)
    for number, (part, label) in enumerate(zip(found, labels, strict=True), start=1):
        print(t("verify.cli.part", lang, number=number, label=label.label, text=part.text))
    print(t("verify.cli.now", lang, line=account_line(content, fact, lang)))
    answer = _choose(content, lang, "verify.cli.answer", 3)
    if answer == 3:
        tally.skipped += 1
        print(t("verify.cli.skipped", lang))
        return
    today = dt.date.today()
    if answer == 1:
        surfaces = list(dict.fromkeys(part.surface for part in found))
        surface = surfaces[0] if len(surfaces) == 1 else [m.Surface.app, m.Surface.web][
            _choose(content, lang, "verify.cli.where", 2) - 1]
        record_check(fact.id, new_check(fact, today, country, surface), data_dir=data)
        tally.kept += 1
        print(t("verify.cli.saved-kept", lang))
        return
    part = found[_choose(content, lang, "verify.cli.which", len(found), count=len(found)) - 1]
    typed = _ask_text(content, lang, url=not part.bilingual)
    typed_in = lang if part.bilingual else None
    record_check(fact.id, new_check(fact, today, country, part.surface, changed=True, typed_in=typed_in),
                 Change(part.field, typed, typed_in), data_dir=data)
    tally.changed += 1
    if typed_in:
        print(t("verify.cli.saved-changed", lang, other=t(f"verify.lang.{other_lang(lang)}", lang)))
    else:
        print(t("verify.cli.saved-url", lang))


def _choose(content: Content, lang: str, key: str, highest: int, **params) -> int:
    """A number from 1 to `highest`, asked again until it is one."""
    while True:
        answer = input(content.text(key, lang, **params)).strip()
        if answer.isdigit() and 1 <= int(answer) <= highest:
            return int(answer)
        print(content.text("verify.cli.pick", lang, count=highest))


def _ask_text(content: Content, lang: str, url: bool) -> str:
    while True:
        typed = " ".join(input(content.text("verify.cli.type", lang)).split())
        if not typed:
            print(content.text("verify.cli.empty", lang))
        elif url and not URL.match(typed):
            print(content.text("verify.cli.url-bad", lang))
        else:
            return typed


def _ask_country(content: Content, lang: str) -> str:
    while True:
        typed = input(content.text("verify.cli.country", lang)).strip()
        if _is_country(typed):
            return typed.lower()
        print(content.text("verify.cli.country-bad", lang, value=typed))


def _is_country(code: str) -> bool:
    from kit.content.verification import is_country

    return len(code) == 2 and is_country(code)
