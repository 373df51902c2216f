"""The ids and names of platforms and regions, read without validating the content (for `--help` texts)."""

from __future__ import annotations

import yaml

from kit.env import DATA_DIR


def taxonomy_names(kind: str, lang: str = "en") -> dict[str, str]:
    """id -> name of every entry of data/taxonomy.yaml's `kind` ("platforms", "regions"), in data order."""
    with open(DATA_DIR / "taxonomy.yaml", encoding="utf-8") as file:
        entries = yaml.safe_load(file).get(kind) or []
    return {entry["id"]: entry["name"][lang] for entry in entries}


def listing(names: dict[str, str]) -> str:
    """'eu (European Union and EEA), uk (United Kingdom), …' for a help text."""
    return ", ".join(f"{key} ({name})" for key, name in names.items())
