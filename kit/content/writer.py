"""Write a check on a live account back into data/*.yaml: round-trip, so comments, quotes and order stay."""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from kit.content import models as m
from kit.content.loader import YAML_LOADER
from kit.env import DATA_DIR

# The files and sections that hold entries only an account can confirm.
SECTIONS = {"objection.yaml": "routes", "checklist.yaml": "items"}


@dataclass(frozen=True)
class Change:
    """What the account showed instead: a new text for one field of the entry (`lang` None: a URL)."""

    field: tuple[str | int, ...]
    text: str
    lang: str | None = None


def _yaml() -> YAML:
    rt = YAML()  # round-trip: comments, key order, quotes and folded scalars are kept
    rt.preserve_quotes = True
    rt.width = 4096  # never re-wrap a long line
    rt.indent(mapping=2, sequence=4, offset=2)  # the style of data/*.yaml
    return rt


def record_check(entry_id: str, check: m.AccountCheck, change: Change | None = None,
                 data_dir: Path | str | None = None) -> Path:
    """Store a check (and what changed) in the entry's file, atomically; return the file written."""
    data_dir = Path(data_dir or DATA_DIR)
    rt = _yaml()
    for filename, section in SECTIONS.items():
        path = data_dir / filename
        text = path.read_text(encoding="utf-8")
        tree = rt.load(text)
        entry = next((e for e in tree.get(section) or [] if e.get("id") == entry_id), None)
        if entry is not None:
            break
    else:
        raise KeyError(f"no entry '{entry_id}' in {', '.join(SECTIONS)}")
    if change is not None:
        _set(entry, change)
    entry["checked"] = _checked(entry["checked"], check)
    out = io.StringIO()
    rt.dump(tree, out)
    _only_the_entry_changed(text, out.getvalue(), section, entry_id)
    _replace(path, out.getvalue())
    return path


def _set(entry: CommentedMap, change: Change) -> None:
    *where, last = change.field
    node: Any = entry
    for key in where:
        node = node[key]
    if change.lang is None:
        node[last] = change.text
    else:
        node[last][change.lang] = DoubleQuotedScalarString(change.text)


def _checked(checked: CommentedMap, check: m.AccountCheck) -> CommentedMap:
    account = CommentedMap()
    for key, value in check.model_dump(mode="python", exclude_none=True).items():
        account[key] = value.value if hasattr(value, "value") else value
    account.fa.set_flow_style()  # one line: account: {on: …, country: …, surface: …, result: …}
    checked["account"] = account
    checked.fa.set_block_style()
    return checked


def _only_the_entry_changed(before: str, after: str, section: str, entry_id: str) -> None:
    """Refuse to write unless the file parses and every other entry is exactly as it was."""
    old, new = yaml.load(before, Loader=YAML_LOADER), yaml.load(after, Loader=YAML_LOADER)
    others = {k: v for k, v in old.items() if k != section} == {k: v for k, v in new.items() if k != section}
    rest = [e for e in old[section] if e.get("id") != entry_id] == [e for e in new[section] if e.get("id") != entry_id]
    if not (others and rest and len(old[section]) == len(new[section])):
        raise RuntimeError(f"writing '{entry_id}' would change other entries: nothing written")


def _replace(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename it over: the file is always whole, old or new."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:  # Ctrl-C included: leave no temporary file behind
        Path(temporary).unlink(missing_ok=True)
        raise

