"""`kit facts`: validate data/, list facts due for re-verification; non-zero exit on invalid data."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from kit.content.staleness import DEFAULT_MAX_AGE_DAYS


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
    from kit.content.staleness import report

    return report(args.data, args.on or dt.date.today(), args.max_age, args.strict)
