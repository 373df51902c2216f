"""`kit clean-notebooks`: strip outputs and stray metadata before committing, keeping what Voilà, widgets and the
kit need."""

from __future__ import annotations

import argparse
import copy
import json
from pathlib import Path

from kit.env import NOTEBOOKS_DIR

NOTEBOOK_METADATA_KEPT = ("kernelspec", "language_info", "widgets", "voila", "kit", "title")
CELL_METADATA_KEPT = ("tags", "slideshow")


def clean_notebook(nb: dict) -> dict:
    """A copy of `nb` without outputs, execution counts or editor metadata."""
    clean = copy.deepcopy(nb)
    clean["metadata"] = {k: v for k, v in nb.get("metadata", {}).items() if k in NOTEBOOK_METADATA_KEPT}
    for cell in clean.get("cells", []):
        cell["metadata"] = {k: v for k, v in cell.get("metadata", {}).items() if k in CELL_METADATA_KEPT}
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return clean


def clean_file(path: Path) -> bool:
    """Clean a notebook file in place; True if it changed."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    clean = clean_notebook(nb)
    if clean == nb:
        return False
    path.write_text(json.dumps(clean, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return True


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
