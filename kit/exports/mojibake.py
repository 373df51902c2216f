"""Repair Meta's mojibake: every UTF-8 byte of a string written as its own \\u00XX escape.

After `json.loads`, "é" arrives as "Ã©" (U+00C3 U+00A9) and 👍 as "ð\\x9f\\x91\\x8d". A string is repaired
by reading its code points back as bytes and decoding them as UTF-8. Text that is already correct is
left alone: if the string holds a character above U+00FF, or its bytes are not valid UTF-8, it cannot
be Meta's mojibake. The one residual risk (correct Latin-1 text that happens to spell valid UTF-8,
such as a literal "Ã©") is accepted: it does not occur in real exports.

We repair after parsing, never in the raw bytes: a regex on the bytes would also rewrite escapes
such as \\u0022 (") and \\u005c (\\) and break the JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def repair_text(text: str) -> str:
    """`text` with its mojibake undone; unchanged when it has none."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def map_strings(value: Any, change: Callable[[str], str]) -> Any:
    """A copy of a parsed JSON value with `change` applied to every string, dictionary keys included."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [map_strings(item, change) for item in value]
    if isinstance(value, dict):
        return {change(key): map_strings(item, change) for key, item in value.items()}
    return value


def repair_tree(value: Any) -> Any:
    """A copy of a parsed JSON value with every string repaired, dictionary keys included."""
    return map_strings(value, repair_text)


def to_mojibake(text: str) -> str:
    """`text` as Meta writes it (each UTF-8 byte as one character); used to build synthetic exports."""
    return text.encode("utf-8").decode("latin-1")
