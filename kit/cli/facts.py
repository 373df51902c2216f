"""`kit facts`: validate data/, list facts due for re-verification; non-zero exit on invalid data."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kit.content.staleness import DEFAULT_MAX_AGE_DAYS, stale_fact_lines


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
    from kit.content import ContentError, load_content

    try:
        content = load_content(args.data)
    except ContentError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(exc.problems)} problem(s): the content is invalid.", file=sys.stderr)
        return 1
    today = args.on or dt.date.today()
    stale = content.stale_facts(today, args.max_age)
    print(
        f"{len(content.facts)} facts, {len(content.sources)} sources, {len(content.quiz)} quiz questions, "
        f"{len(content.ui)} UI strings: valid."
    )
    if stale:
        print(f"{len(stale)} fact(s) last verified more than {args.max_age} days before {today}:")
        print("\n".join(stale_fact_lines(stale)))
    else:
        print(f"No fact is older than {args.max_age} days on {today}.")
    return 1 if stale and args.strict else 0
