"""`kit inventory`: count what an export holds, per platform and category, without writing anything."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.env import LANGS, message_language

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("table", "csv", "json")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `inventory` subcommand."""
    parser = subparsers.add_parser(
        "inventory",
        help="count your own content in a Meta export (zip parts or unzipped folder)",
        description="Count posts, photos, comments, reactions... in your Meta export. Nothing is written.",
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="export zip(s) or unzipped folder"
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    parser.add_argument(
        "--lang", choices=LANGS, default=None, help="language of messages (default: $KIT_LANG or fr)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the inventory to stdout and messages to stderr; 0 when something could be read."""
    from kit.exports import describe_result, read_export

    lang = args.lang or message_language()
    result = read_export(list(args.paths))
    for line in describe_result(result, lang):
        print(line, file=sys.stderr)
    if result.ok or args.format == "json":
        print(render(result.rows, args.format), end="")
    return 0 if result.ok else 1


def render(rows: pd.DataFrame, fmt: str) -> str:
    """The inventory as an aligned table, CSV or a JSON array (dates in ISO 8601, empty/null if unknown)."""
    from kit.inventory import COLUMNS, to_csv, to_json, to_records

    if fmt == "json":
        return to_json(rows) + "\n"
    if fmt == "csv":
        return to_csv(rows)
    records = to_records(rows)
    table = [list(COLUMNS)] + [[_cell(record, column) for column in COLUMNS] for record in records]
    widths = [max(len(row[i]) for row in table) for i in range(len(COLUMNS))]
    lines = []
    for row in table:
        cells = [
            cell.rjust(width) if column == "count" else cell.ljust(width)
            for cell, width, column in zip(row, widths, COLUMNS, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _cell(record: dict[str, Any], column: str) -> str:
    """One table cell: dates cut to the day, unknown values as "-"."""
    value = record[column]
    if value is None:
        return "-"
    return str(value)[:10] if column in ("first", "last") else str(value)
