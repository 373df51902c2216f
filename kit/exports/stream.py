"""Count the records of a large member as they inflate, never holding the whole file.

A heavy user's `likes_and_reactions_1.json` holds 50 MB or more: parsed whole, its tree alone takes several
hundred MB. A member above `Limits.stream_above_bytes` is read instead a piece at a time, and the file
kind's `RecordReader` counts the records of each piece, so the result is the one the whole tree gives:

* Meta writes its JSON indented, every record at the same indent, and a raw newline never occurs inside a
  JSON string: the records are cut where a line holds only their closing brace, and orjson parses each
  piece (a piece is counted only if it parses as a list of whole values: a wrong cut cannot go unnoticed);
* otherwise (not indented, or not cut cleanly), ijson's C backend (yajl2_c, 2.5 times slower than orjson)
  builds one record at a time, after the first bytes told where the records list is (a bare list, or a list
  under one wrapper key, maybe twice wrapped, as `records.records` unwraps them). A file that is one lone
  record (as `check-ins.json` holding one check-in) is built whole.

One difference is accepted: inside a wrapper, what follows the records list is not looked at (a second key
would make the whole object one record; Meta never writes that). Without the C backend (no wheel for the
platform), large members are parsed whole as before: the pure-Python backend is too slow to be worth it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from types import ModuleType
from typing import Any, Protocol

import orjson

from kit.env import MIB
from kit.exports.records import RECORD_KEYS, Counted, RecordReader

_HEAD = 64 * 1024  # enough to see where the records start (keys are short)
_PIECE = 256 * 1024  # bytes read at a time when cutting records (the tree of a piece: a few MB)
_MAX_PIECE = 64 * MIB  # a record larger than this (no cut found) is left to ijson
# The start of an indented list of objects, maybe under wrapper keys: (wrappers, newline and indent, indent).
_INDENTED = re.compile(rb'\s*((?:\{\s*"(?:[^"\\]|\\.)*"\s*:\s*){0,4})\[([ \t\r]*\n([ \t]*))\{')
_KEY = re.compile(rb'"((?:[^"\\]|\\.)*)"')
_BATCH = 2_000  # records counted at a time: a few MB (two batches live at once), few calls
_BOM = b"\xef\xbb\xbf"
# ijson keeps the path of every open level as a string ("item.item.item…"): memory grows with the square of
# the depth (100,000 levels: 10 GB). Deeper than orjson's own limit is invalid JSON on both paths.
MAX_DEPTH = 1024
_NOT_BRACKETS = bytes(sorted(set(range(256)) - set(b"[]{}")))


def _c_backend() -> ModuleType | None:
    try:
        import ijson

        return ijson.get_backend("yajl2_c")
    except (ImportError, ValueError):  # ijson missing, or built without its C extension
        return None


BACKEND = _c_backend()
if BACKEND is not None:
    from ijson import JSONError


class ByteStream(Protocol):
    """Anything with `read(size)`: a member as it inflates."""

    def read(self, size: int = -1, /) -> bytes: ...


class _NotIndented(Exception):
    """The member is not a list of records indented one after another: it is read with ijson instead."""


class _NotAList(Exception):
    """The member does not start like a list of records (or a wrapper around one)."""


class InvalidJSON(ValueError):
    """The member is not valid JSON (ijson's own errors, kept apart from the readers' ValueErrors)."""


def count_stream(
    open_member: Callable[[], AbstractContextManager[ByteStream]], readers: list[RecordReader]
) -> list[Counted]:
    """Each reader's count of the records of one large member, never holding the whole member.

    Meta writes its JSON indented, one record after another at the same indent, and a raw newline is never
    inside a JSON string: the records are cut at "\n<indent>}" and each piece is parsed by orjson (2.5 times
    faster than ijson). A piece is only counted if it parses as a list of whole values, so a wrong cut cannot
    go unnoticed; then, or for a member not indented that way, the member is read again with ijson.
    """
    assert BACKEND is not None
    try:
        with open_member() as member:
            return _count_pieces(_DepthGuard(member), readers)
    except _NotIndented:
        pass
    with open_member() as member:
        return _count_items(_DepthGuard(member), readers)


def _count_pieces(stream: ByteStream, readers: list[RecordReader]) -> list[Counted]:
    head = stream.read(_HEAD)
    if head.startswith(_BOM):
        head = head[len(_BOM) :]
    start = _INDENTED.match(head)
    if start is None:
        raise _NotIndented
    wrappers = [orjson.loads(b'"' + key + b'"') for key in _KEY.findall(start.group(1))]
    if any(key in RECORD_KEYS for key in wrappers):
        raise _NotIndented  # a lone record, as `records.records` reads it
    cut = b"\n" + start.group(3) + b"}"
    buffer = bytearray(head[start.end() - 1 :])  # from the first record's "{"
    totals = [Counted([], []) for _ in readers]
    while chunk := stream.read(_PIECE):
        buffer += chunk
        end = buffer.rfind(cut)
        if end >= 0:
            end += len(cut)
            _add(_piece(buffer[:end]), readers, totals)
            del buffer[:end]
        elif len(buffer) > _MAX_PIECE:
            raise _NotIndented
    tail = bytes(buffer).rstrip()
    for _ in wrappers:  # the wrappers' closing braces, nothing else
        if not tail.endswith(b"}"):
            raise _NotIndented
        tail = tail[:-1].rstrip()
    if not tail.endswith(b"]"):
        raise _NotIndented
    if tail[:-1].strip():
        _add(_piece(tail[:-1]), readers, totals)
    return totals


def _piece(piece: bytes | bytearray) -> list[Any]:
    """The records of one cut: whole values, maybe after the comma that ended the previous cut."""
    piece = piece.lstrip()
    if piece.startswith(b","):
        piece = piece[1:]
    try:
        return orjson.loads(b"[" + piece + b"]")
    except orjson.JSONDecodeError as error:
        raise _NotIndented from error


def _count_items(stream: ByteStream, readers: list[RecordReader]) -> list[Counted]:
    """Each reader's count of the records of one JSON stream, built by ijson a batch at a time."""
    assert BACKEND is not None
    head = stream.read(_HEAD)
    if head.startswith(_BOM):  # added by an editor; skipped as the whole-file path does
        head = head[len(_BOM) :]
    rest = _Chained(head, stream)
    try:
        prefix = _records_prefix(head)
    except _NotAList:  # a lone record (or no JSON at all): built whole, then read as the tree path reads it
        data = _whole(rest)
        return [reader.count_tree(data) for reader in readers]
    totals = [Counted([], []) for _ in readers]
    for batch in _batches(rest, prefix):
        _add(batch, readers, totals)
    return totals


def _add(batch: list[Any], readers: list[RecordReader], totals: list[Counted]) -> None:
    for reader, total in zip(readers, totals, strict=True):
        found = reader.count_batch(batch)
        total.times.extend(found.times)
        if found.keys is None:
            total.keys = None
        elif total.keys is not None:
            total.keys.extend(found.keys)


def _records_prefix(head: bytes) -> str:
    """ijson's prefix of the records list (`item`, `comments_v2.item`, ...), from the first events."""
    assert BACKEND is not None
    path: list[str] = []
    events = BACKEND.parse(io.BytesIO(head), use_float=True)
    try:
        for _, event, value in events:
            if event == "start_array":
                return ".".join([*path, "item"])
            if event == "start_map":
                continue
            if event == "map_key" and value not in RECORD_KEYS:
                _, event, _ = next(events, (None, None, None))
                if event in ("start_array", "start_map"):
                    path.append(value)
                    if event == "start_array":
                        return ".".join([*path, "item"])
                    continue
            raise _NotAList  # a lone record, `{}`, or a bare value
    except JSONError as error:  # the head ends before the records start, or is not JSON
        raise _NotAList from error
    raise _NotAList


def _whole(stream: ByteStream) -> Any:
    """The one JSON value of a stream, built whole."""
    assert BACKEND is not None
    try:
        values = list(BACKEND.items(stream, "", use_float=True))
    except JSONError as error:
        raise InvalidJSON from error
    if len(values) != 1:
        raise InvalidJSON
    return values[0]


def _batches(stream: ByteStream, prefix: str) -> Iterator[list[Any]]:
    assert BACKEND is not None
    batch: list[Any] = []
    try:
        for record in BACKEND.items(stream, prefix, use_float=True, buf_size=256 * 1024):
            batch.append(record)
            if len(batch) == _BATCH:
                yield batch
                batch = []
    except JSONError as error:
        raise InvalidJSON from error
    yield batch


class _Chained(io.RawIOBase):
    """The head already read, then the rest of the stream."""

    def __init__(self, head: bytes, rest: ByteStream):
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self._head:
            cut = len(self._head) if size < 0 else size
            chunk, self._head = self._head[:cut], self._head[cut:]
            return chunk
        return self._rest.read(size)

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


class _DepthGuard:
    """Passes the bytes through, refusing nesting deeper than MAX_DEPTH before ijson sees it.

    Brackets inside strings are counted too (a bound, not the exact depth: text holding a thousand
    unclosed "[" would be refused, which no export holds). Each chunk costs a `translate` and a few
    passes that strike out innermost pairs, at C speed (0.1 s for 57 MB). In valid JSON the pairs left
    after each pass are `[]` and `{}`; anything else leaves more brackets, so the bound only grows.
    """

    def __init__(self, stream: ByteStream):
        self._stream = stream
        self._depth = 0  # levels left open by the chunks read so far (an upper bound)

    def read(self, size: int = -1, /) -> bytes:
        chunk = self._stream.read(size)
        brackets = chunk.translate(None, _NOT_BRACKETS)
        passes = 0
        while brackets:
            reduced = brackets.replace(b"[]", b"").replace(b"{}", b"")
            if len(reduced) == len(brackets):
                break
            brackets, passes = reduced, passes + 1
            if self._depth + passes > MAX_DEPTH:
                raise InvalidJSON
        # What is left reads "]]]...[[[" : closers of levels opened before, then levels opened here.
        closers = len(brackets) - len(brackets.lstrip(b"]}"))
        openers = len(brackets) - closers
        if self._depth + passes + openers > MAX_DEPTH:
            raise InvalidJSON
        self._depth = max(0, self._depth - closers) + openers
        return chunk
