"""`kit inventory`: count what an export holds, per platform and category, without writing anything."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.env import LANGS, message_language

if TYPE_CHECKING:
    from kit.exports import ExportResult

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
        print(render(result, args.format), end="")
    return 0 if result.ok else 1


def render(result: ExportResult, fmt: str) -> str:
    """The inventory as an aligned table, CSV or a JSON array (dates in ISO 8601, empty/null if unknown)."""
    if fmt in ("json", "csv"):  # through the inventory's own writers, with pandas
        from kit.inventory import to_csv, to_json

        return to_json(result.rows) + "\n" if fmt == "json" else to_csv(result.rows)
    records = result.records()  # the table needs no pandas: `kit inventory` starts 1 s sooner
    if not records:
        return ""
    table = [list(records[0])] + [[_cell(record, column) for column in records[0]] for record in records]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = []
    for row in table:
        cells = [
            cell.rjust(width) if column == "count" else cell.ljust(width)
            for cell, width, column in zip(row, widths, table[0], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _cell(record: dict[str, Any], column: str) -> str:
    """One table cell: dates cut to the day, unknown values as "-"."""
    value = record[column]
    if value is None:
        return "-"
    return str(value)[:10] if column in ("first", "last") else str(value)
