"""Unwrap Meta's JSON shapes into record lists, and the small pieces every file reader shares.

The same content comes as a bare list, a list under one wrapper key (`comments_v2`, `ig_stories`,
`text_post_app_text_posts`, ...), a wrapper around a wrapper
(`{"group_posts": {"activity_log_data": [...]}}`), or, when there is only one record, the bare record
object itself (§3 of the format notes).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import orjson

from kit.exports.mojibake import repair_tree

PLATFORMS = ("facebook", "instagram", "threads")
CATEGORIES = (
    "post",
    "photo",
    "video",
    "reel",
    "story",
    "comment",
    "reaction",
    "check-in",
    "profile",
    "group-activity",
    "ai-chat",
    "private-message",
)

# Keys that belong to a record, never to a wrapper: a one-key object holding one of them is one record.
RECORD_KEYS = frozenset(
    {
        "media",
        "data",
        "attachments",
        "label_values",
        "string_list_data",
        "string_map_data",
        "media_list_data",
        "media_map_data",
        "photos",
        "tags",
        "timestamp",
        "creation_timestamp",
        "title",
    }
)

_EARLIEST = 1_072_915_200  # 2004-01-01: nothing in a Meta export can be older
_LATEST = 4_102_444_800  # 2100-01-01: a later time is damage or a placeholder (and beyond what dates can hold)
_MILLIS = 100_000_000_000  # a "seconds" value above this is in milliseconds


class ShapeError(Exception):
    """The JSON does not have any shape this kind of file is known to have."""


@dataclass
class Counted:
    """What one file holds for its category: the time of each item, and maybe a key for each item."""

    times: list[int | None]
    keys: list[Hashable | None] | None = None  # spots the same item in another kind of file

    def extend(self, other: Counted) -> None:
        """Add the items of another file of the same kind (a numbered split)."""
        self.times.extend(other.times)
        if self.keys is not None and other.keys is not None:
            self.keys.extend(other.keys)


@dataclass
class AccountFacts:
    """Account-level settings found along the way (e.g. whether an Instagram account is private)."""

    private: dict[str, bool] = field(default_factory=dict)


# A reader turns one parsed file into the items it counts.
Reader = Callable[[Any, AccountFacts], Counted]


@dataclass(frozen=True)
class FileKind:
    """One kind of export file: where it lives, what it counts, how to read it."""

    id: str
    platform: str | None  # None: decided by the tree the file sits in (old root-level `messages/`)
    category: str
    pattern: re.Pattern[str]
    reader: Reader | None  # None: counted from member names only, never opened
    needs_text: bool = False  # repair mojibake before reading (only files whose text is looked at)


def kind(
    id: str,
    platform: str | None,
    category: str,
    pattern: str,
    reader: Reader | None,
    *,
    needs_text: bool = False,
) -> FileKind:
    """A FileKind whose pattern is matched against member paths (any root prefix allowed)."""
    assert category in CATEGORIES, category
    return FileKind(id, platform, category, re.compile(pattern), reader, needs_text)


def load_json(raw: bytes | bytearray, *, repair: bool) -> Any:
    """Parse one member; with `repair`, undo the mojibake in every string and key."""
    if raw[:3] == b"\xef\xbb\xbf":
        raw = raw[3:]  # a BOM added by an editor; orjson, unlike json, refuses it
    data = orjson.loads(raw)  # about a third faster than json.loads on Meta's escaped text
    return repair_tree(data) if repair else data


def records(data: Any) -> list[Any]:
    """The records of a file whatever its wrapping: bare list, wrapper key(s), or one bare record."""
    return _unwrap(data)[0]


def dict_records(data: Any, expected: frozenset[str]) -> list[dict[str, Any]]:
    """`records(data)`, checked to be objects; a lone object must carry one of the `expected` keys."""
    found, lone = _unwrap(data)
    if not set(map(type, found)) <= {dict}:
        raise ShapeError
    if lone and not expected.intersection(found[0]):
        raise ShapeError
    return found


def _unwrap(data: Any) -> tuple[list[Any], bool]:
    """(records, whether they are one bare object rather than a list)."""
    if isinstance(data, list):
        return data, False
    if isinstance(data, dict):
        if not data:
            return [], False
        if len(data) == 1:
            ((key, value),) = data.items()
            if key not in RECORD_KEYS:
                if isinstance(value, list):
                    return value, False
                if isinstance(value, dict):
                    return _unwrap(value)
        return [data], True
    raise ShapeError


def valid_seconds(value: Any) -> int | None:
    """A plausible Unix time in seconds, or None (0, negatives, placeholders, anonymised and far-future values)."""
    if type(value) is not int and type(value) is not float:
        return None
    seconds = int(value)
    if seconds > _MILLIS:
        seconds //= 1000
    return seconds if _EARLIEST <= seconds < _LATEST else None


def iso_seconds(value: Any) -> int | None:
    """Unix seconds from an ISO 8601 string (the ≤ 2020 Instagram layout), or None."""
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return valid_seconds(moment.timestamp())


def timestamp_of(record: dict[str, Any]) -> int | None:
    """When a record happened, wherever this envelope keeps it (classic, IG maps/lists, label_values)."""
    seconds = record.get("timestamp")
    if type(seconds) is int and _EARLIEST <= seconds < _LATEST:  # the common case, checked first for speed
        return seconds
    for key in ("timestamp", "creation_timestamp"):
        if key in record:
            seconds = valid_seconds(record[key])
            if seconds is not None:
                return seconds
    for getter in (_from_string_map, _from_string_list, _from_label_values, _from_media, _from_data):
        seconds = getter(record)
        if seconds is not None:
            return seconds
    return None


def _from_string_map(record: dict[str, Any]) -> int | None:
    fields = record.get("string_map_data")
    if isinstance(fields, dict):
        for value in fields.values():
            if isinstance(value, dict) and (seconds := valid_seconds(value.get("timestamp"))):
                return seconds
    return None


def _from_string_list(record: dict[str, Any]) -> int | None:
    for value in _list(record.get("string_list_data")):
        if isinstance(value, dict) and (seconds := valid_seconds(value.get("timestamp"))):
            return seconds
    return None


def _from_label_values(record: dict[str, Any]) -> int | None:
    for value in _list(record.get("label_values")):
        if isinstance(value, dict) and (seconds := valid_seconds(value.get("timestamp_value"))):
            return seconds
    return None


def _from_media(record: dict[str, Any]) -> int | None:
    for value in _list(record.get("media")):
        if isinstance(value, dict) and (seconds := valid_seconds(value.get("creation_timestamp"))):
            return seconds
    return None


def _from_data(record: dict[str, Any]) -> int | None:
    for value in _list(record.get("data")):
        if isinstance(value, dict):
            for inner in value.values():
                if isinstance(inner, dict) and (seconds := valid_seconds(inner.get("timestamp"))):
                    return seconds
    return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def times_of(records: list[dict[str, Any]]) -> list[int | None]:
    """`timestamp_of` each record, with the usual top-level `timestamp` checked inline for speed."""
    return [
        seconds
        if type(seconds := record.get("timestamp")) is int and _EARLIEST <= seconds < _LATEST
        else timestamp_of(record)
        for record in records
    ]


@dataclass(frozen=True)
class RecordReader:
    """A reader that counts the records of a file whatever their wrapping, and can take them in batches.

    Called on a parsed file it unwraps the records itself; a streamed member hands `count` the records of
    its list a batch at a time instead (kit.exports.stream), so the same code counts both ways.
    """

    expected: frozenset[str]  # a lone record (not in a list) must carry one of these keys
    count: Callable[[list[dict[str, Any]]], Counted]

    def __call__(self, data: Any, facts: AccountFacts) -> Counted:
        return self.count_tree(data)

    def count_tree(self, data: Any) -> Counted:
        """`count` on the records of a whole parsed file."""
        return self.count(dict_records(data, self.expected))

    def count_batch(self, batch: list[Any]) -> Counted:
        """`count` on records taken from a list, checked to be objects as `dict_records` does."""
        if not set(map(type, batch)) <= {dict}:
            raise ShapeError
        return self.count(batch)


def _timed(found: list[dict[str, Any]]) -> Counted:
    return Counted(times_of(found))


def _timed_and_keyed(found: list[dict[str, Any]]) -> Counted:
    times = times_of(found)
    return Counted(times, list(times))


def count_records(expected: frozenset[str]) -> RecordReader:
    """A reader that counts the records of a file, each dated by `timestamp_of`."""
    return RecordReader(expected, _timed)


def count_records_by_time(expected: frozenset[str]) -> RecordReader:
    """Like `count_records`, keyed by time so that the same item found in another file counts once."""
    return RecordReader(expected, _timed_and_keyed)


def count_fields(count: int) -> Counted:
    """`count` undated items, such as the filled-in fields of a profile."""
    return Counted([None] * count)


def is_filled(value: Any) -> bool:
    """Whether a profile field holds something the participant entered (not empty, zero or a flag)."""
    if isinstance(value, str):
        return value.strip().lower() not in _NOT_FILLED
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, list):
        return any(is_filled(item) for item in value)
    if isinstance(value, dict):
        return any(is_filled(item) for item in value.values())
    return False


_NOT_FILLED = frozenset({"", "true", "false", "0", "unknown", "unspecified", "none", "null"})
_TRUE = frozenset({"true", "vrai", "oui", "yes", "1", "waar", "ja", "sí", "si", "wahr"})
_FALSE = frozenset({"false", "faux", "non", "no", "0", "onwaar", "nee", "nein", "falsch"})


def private_flag(fields: dict[str, Any]) -> bool | None:
    """The account's "Private Account" switch from an (already repaired) string_map_data, if present."""
    # The label is localised ("Compte privé", "Privéaccount", ...): any label with "priv" and a yes/no.
    for label, entry in fields.items():
        if "priv" not in label.lower():
            continue
        value = entry.get("value") if isinstance(entry, dict) else entry
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE:
            return True
        if isinstance(value, str) and value.strip().lower() in _FALSE:
            return False
    return None
