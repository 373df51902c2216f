"""Helpers that build synthetic exports in memory or in tmp_path, for the export reader tests."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kit.demo import meta_json
from kit.exports import ExportResult, read_export

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "meta-exports"

Files = Mapping[str, Any]


def encode(content: Any) -> bytes:
    """bytes as they are, str as UTF-8, anything else as Meta-style JSON (ASCII, mojibake)."""
    if isinstance(content, bytes):
        return content
    if isinstance(content, str):
        return content.encode("utf-8")
    return meta_json(content)


def zip_bytes(files: Files, *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip held in memory with `files` (name -> content)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, encode(content))
    return buffer.getvalue()


def counts(sources: Any, **kwargs: Any) -> dict[tuple[str, str], int]:
    """{(platform, category): count} of an inventory."""
    result = read_export(sources, **kwargs)
    return {(row.platform, row.category): row.count for row in result.rows.itertuples()}


def traced_read(source: Any, **kwargs: Any) -> tuple[ExportResult, int]:
    """(read_export's result, the peak of memory traced while it ran, in bytes)."""
    tracemalloc.start()
    try:
        result = read_export(source, **kwargs)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def central_entries(data: bytes) -> list[int]:
    """Offsets of the central-directory headers of a zip in memory."""
    offsets, at = [], data.find(b"PK\x01\x02")
    while at >= 0:
        offsets.append(at)
        at = data.find(b"PK\x01\x02", at + 4)
    return offsets


def patch_member(data: bytes, name: str, **fields: int) -> bytes:
    """Rewrite header fields (flags, method, size) of one member, in both its local and central headers."""
    out = bytearray(data)
    central_at = {"flags": (8, "<H"), "method": (10, "<H"), "size": (24, "<I")}
    local_at = {"flags": (6, "<H"), "method": (8, "<H"), "size": (22, "<I")}
    for at in central_entries(data):
        name_len = struct.unpack("<H", data[at + 28 : at + 30])[0]
        if data[at + 46 : at + 46 + name_len].decode() != name:
            continue
        local = struct.unpack("<I", data[at + 42 : at + 46])[0]
        for field, value in fields.items():
            offset, fmt = central_at[field]
            struct.pack_into(fmt, out, at + offset, value)
            offset, fmt = local_at[field]
            struct.pack_into(fmt, out, local + offset, value)
    return bytes(out)
