"""Notebook hygiene: strip outputs and stray metadata, keep what Voilà, widgets and the kit need."""

from __future__ import annotations

import copy
import json
from pathlib import Path

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
