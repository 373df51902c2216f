"""`kit demo-export`: write the synthetic export of a fictional participant, to try the kit safely."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit.env import LANGS, message_language


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `demo-export` subcommand."""
    parser = subparsers.add_parser(
        "demo-export",
        help="write a synthetic Facebook + Instagram export (fictional data) to try the kit",
        description="Write a synthetic Meta export of a fictional French participant (zip, or folder).",
    )
    parser.add_argument("path", type=Path, metavar="PATH", help="zip file to write (or folder with --folder)")
    parser.add_argument("--folder", action="store_true", help="write an unzipped folder instead of a zip")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the texts and dates (default 2026)")
    parser.add_argument(
        "--lang", choices=LANGS, default=None, help="language of messages (default: $KIT_LANG or fr)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the demo export and say where."""
    from kit.content import default_content
    from kit.demo import write_demo_export

    path = write_demo_export(args.path, seed=args.seed, folder=args.folder)
    print(default_content().text("exports.demo-written", args.lang or message_language(), path=path))
    return 0
