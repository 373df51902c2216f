"""`kit clean-notebooks`: strip outputs and stray metadata before committing."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kit.notebooks import clean_file, clean_notebook
from kit.paths import NOTEBOOKS_DIR


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `clean-notebooks` subcommand."""
    parser = subparsers.add_parser("clean-notebooks", help="strip outputs and stray metadata from notebooks")
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: every notebook of the kit)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if any needs cleaning")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Clean the notebooks, or with --check list those that need it."""
    paths = args.paths or sorted(NOTEBOOKS_DIR.glob("*/*.ipynb"))
    if args.check:
        dirty = [p for p in paths if (nb := json.loads(p.read_text(encoding="utf-8"))) != clean_notebook(nb)]
    else:
        dirty = [p for p in paths if clean_file(p)]
    for path in dirty:
        print(f"{'needs cleaning' if args.check else 'cleaned'}: {path}")
    return 1 if args.check and dirty else 0
