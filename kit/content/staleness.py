"""What is due before a session: facts whose sources are past their re-read date, forms and paths never seen on an
account. `kit facts` prints the whole report; `kit serve` and `kit slides` warn with it at start-up."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kit.content.loader import Content
    from kit.content.models import Fact

DEFAULT_MAX_AGE_DAYS = 180  # facts older than this are listed by `kit facts` and at the servers' start-up


def stale_fact_lines(stale: Iterable[Fact], content: Content, lang: str = "en") -> list[str]:
    """One indented line per stale fact: its id and when it was last checked."""
    return [content.text("staleness.fact", lang, id=fact.id, date=fact.last_checked) for fact in stale]


def account_check_lines(content: Content, prefix: str = "", lang: str = "en") -> list[str]:
    """How many forms, steps and menu paths were never seen on an account, and the texts left to translate."""
    from kit.content.verification import account_summary

    t = content.text
    summary = account_summary(content)
    oldest = t("staleness.oldest", lang, date=summary.oldest) if summary.oldest else ""
    lines = [t("staleness.never", lang, prefix=prefix, never=len(summary.never), entries=len(summary.entries),
               oldest=oldest)]
    if summary.translate:
        lines.append(t("staleness.translate", lang, prefix=prefix, count=len(summary.translate)))
        lines += [t("staleness.translate-one", lang, id=fact.id,
                    date=fact.checked.account.date,  # type: ignore[union-attr]
                    language=fact.checked.account.translate)  # type: ignore[union-attr]
                  for fact in summary.translate]
    return lines


def report(data: Path | None, today: dt.date, max_age: int = DEFAULT_MAX_AGE_DAYS, strict: bool = False) -> int:
    """Validate the content, list stale facts and the checks on an account still to do; the exit code."""
    from kit.content.loader import ContentError, load_content

    try:
        content = load_content(data)
    except ContentError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(exc.problems)} problem(s): the content is invalid.", file=sys.stderr)
        return 1
    stale = content.stale_facts(today, max_age)
    print(
        f"{len(content.facts)} facts, {len(content.sources)} sources, {len(content.quiz)} quiz questions, "
        f"{len(content.ui)} UI strings: valid."
    )
    if stale:
        print(f"{len(stale)} fact(s) last checked more than {max_age} days before {today}:")
        print("\n".join(stale_fact_lines(stale, content)))
    else:
        print(f"No fact is older than {max_age} days on {today}.")
    print("\n".join(account_check_lines(content)))
    return 1 if stale and strict else 0


def print_stale_facts(command: str = "kit serve", max_age_days: int = DEFAULT_MAX_AGE_DAYS,
                      today: dt.date | None = None, lang: str = "en") -> None:
    """Warn the facilitator, before the session, about facts past their re-read date and paths never checked."""
    from kit.content.loader import ContentError, default_content

    try:
        content = default_content()
    except ContentError as error:  # the strings themselves may be what is broken: this line stays in English
        print(f"{command}: the content in data/ is invalid ({len(error.problems)} problem(s)): run kit facts",
              file=sys.stderr)
        return
    stale = content.stale_facts(today or dt.date.today(), max_age_days)
    if stale:
        print(content.text("staleness.stale", lang, command=command, count=len(stale), days=max_age_days))
        print("\n".join(stale_fact_lines(stale, content, lang)))
    separator = " : " if lang == "fr" else ": "
    print("\n".join(account_check_lines(content, prefix=f"{command}{separator}", lang=lang)))
