"""`kit facts`: validate data/, list facts due for re-verification; non-zero exit on invalid data."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kit.content import Content, ContentError, load_content
from kit.verification import account_summary

DEFAULT_MAX_AGE_DAYS = 180


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `facts` subcommand."""
    parser = subparsers.add_parser("facts", help="check the sourced facts in data/")
    parser.add_argument("--data", type=Path, default=None, help="content folder (default: the kit's data/)")
    parser.add_argument(
        "--max-age",
        type=int,
        default=DEFAULT_MAX_AGE_DAYS,
        metavar="DAYS",
        help=f"re-verify facts older than this (default {DEFAULT_MAX_AGE_DAYS})",
    )
    parser.add_argument(
        "--on",
        type=dt.date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="check staleness as of this date, e.g. the day of your workshop (default: today)",
    )
    parser.add_argument("--strict", action="store_true", help="also exit non-zero when facts are stale")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Validate, report, and return the exit code."""
    return check(args.data, args.on or dt.date.today(), args.max_age, args.strict)


def check(data: Path | None, today: dt.date, max_age: int = DEFAULT_MAX_AGE_DAYS, strict: bool = False) -> int:
    """Validate the content, list stale facts and the checks on an account still to do; the exit code."""
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
        for fact in stale:
            print(f"  {fact.id}  checked {fact.last_checked}")
    else:
        print(f"No fact is older than {max_age} days on {today}.")
    print_account_checks(content)
    return 1 if stale and strict else 0


def print_account_checks(content: Content, prefix: str = "") -> None:
    """How many forms, steps and menu paths were never seen on an account, and the texts left to translate."""
    summary = account_summary(content)
    oldest = f"; the oldest check on an account is from {summary.oldest}" if summary.oldest else ""
    print(f"{prefix}{len(summary.never)} of {len(summary.entries)} entries that only an account can confirm "
          f"(forms, steps, menu paths) were never checked on an account{oldest} (kit verify).")
    if summary.translate:
        print(f"{prefix}{len(summary.translate)} entry(ies) changed on an account; "
              "the other language is still to update:")
        for fact in summary.translate:
            print(f"  {fact.id}  changed {fact.checked.account.date}: update the '{fact.checked.account.translate}' "
                  "text, then remove 'translate'")
