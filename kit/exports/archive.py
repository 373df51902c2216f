"""Open an export uniformly: one zip, several zip parts, an unpacked folder, or zip bytes held in memory.

All the parts of one export are treated as one union of members. Members are listed from the zip
central directory (or the folder tree) and read one at a time, lazily, with size caps counted while
decompressing; nothing is extracted or written anywhere, and media are never opened.
"""

from __future__ import annotations

import functools
import io
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, BinaryIO

from kit.env import MIB
from kit.exports.problems import ExportError, Problem

BytesLike = bytes | bytearray | memoryview
# One part of an export as given: a path, zip bytes held in memory, or (display name, zip bytes) for an upload
# that kept its name. ("Source" is a bibliographic source, in kit.content.)
ExportPart = Path | str | BytesLike | tuple[str, BytesLike]

_CHUNK = 4 * MIB
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_DRIVE = re.compile(r"^[A-Za-z]:")
# What zipfile raises on a damaged zip; NotImplementedError: a central directory that reads as "zip version 17.1".
_DAMAGED_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, struct.error, NotImplementedError)
_ENCRYPTED_FLAG = 0x1
_AES_METHOD = 99


@dataclass(frozen=True)
class Limits:
    """Caps that keep a hostile or broken archive from exhausting memory or time."""

    max_upload_bytes: int | None = None  # served mode: total size of everything uploaded
    max_member_bytes: int = 256 * MIB  # one JSON file, once decompressed
    max_total_bytes: int = 4096 * MIB  # all JSON files read, once decompressed
    max_ratio: int = 100  # decompressed/compressed size, checked on members above ratio_floor_bytes
    ratio_floor_bytes: int = 16 * MIB
    max_members: int = 500_000
    # Not a cap: a member larger than this is counted as it streams rather than parsed whole (kit.exports.stream).
    stream_above_bytes: int = 16 * MIB


@dataclass(frozen=True)
class Member:
    """One file of the export: its normalised name and declared sizes."""

    name: str
    size: int
    packed: int
    part: int
    info: zipfile.ZipInfo | None = field(default=None, compare=False, repr=False)


class MemberStream(io.RawIOBase):
    """A member's bytes as they inflate, never more than its declared size (a header may lie)."""

    def __init__(
        self, raw: IO[bytes], member: Member, bomb: Problem, errors: Callable[[], AbstractContextManager[None]]
    ):
        self._raw = raw
        self._member = member
        self._bomb = bomb
        self._errors = errors
        self.filled = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        left = self._member.size - self.filled
        with self._errors():
            chunk = self._raw.read(left + 1 if size < 0 or size > left else size)
        self.filled += len(chunk)
        if self.filled > self._member.size:
            raise ExportError(self._bomb)  # more data than declared: never trust the header, stop now
        return chunk

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def check_end(self) -> None:
        """Read to the end (zipfile checks the CRC there) and check the member held its declared size."""
        while self.read(_CHUNK):
            pass
        if self.filled != self._member.size:
            raise ExportError(Problem("exports.damaged-member", {"member": self._member.name}))


class _MemoryReader(io.RawIOBase):
    """A seekable read-only view of bytes in memory, so a zip held in memory is never copied."""

    def __init__(self, data: BytesLike):
        self._view = memoryview(data).cast("B")
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        size = max(0, min(len(buffer), len(self._view) - self._pos))
        buffer[:size] = self._view[self._pos : self._pos + size]
        self._pos += size
        return size

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: len(self._view)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos


@dataclass
class _Part:
    """One opened source: a zip (from a file or from memory) or a folder."""

    label: str
    zip: zipfile.ZipFile | None = None
    folder: Path | None = None


def source_label(source: ExportPart, index: int) -> str:
    """What to call a source in messages: its file name, or "file N" for anonymous bytes."""
    if isinstance(source, tuple):
        return Path(source[0]).name or f"#{index + 1}"
    if isinstance(source, str | Path):
        return Path(source).name or str(source)
    return f"#{index + 1}"


def source_size(source: ExportPart) -> int:
    """Bytes a source occupies (a folder counts its regular files), for the served-mode size limit."""
    if isinstance(source, tuple):
        return memoryview(source[1]).nbytes
    if isinstance(source, bytes | bytearray | memoryview):
        return memoryview(source).nbytes
    path = Path(source)
    try:
        if path.is_dir():
            return sum(entry.stat().st_size for entry in _walk_files(path))
        return path.stat().st_size
    except OSError:
        return 0


def _walk_files(root: Path) -> Iterator[os.DirEntry[str]]:
    stack = [root]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    yield entry


def normalise_name(raw: str) -> str | None:
    """Member name with forward slashes; None when it is absolute or climbs out with `..`."""
    if not (
        raw.startswith((".", "/")) or "\\" in raw or "/." in raw or "//" in raw or ":" in raw or "\x00" in raw
    ):
        return raw  # the usual clean name, returned as is
    name = raw.replace("\\", "/")
    if name.startswith("/") or _DRIVE.match(name) or "\x00" in name:
        return None
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    return "/".join(parts)


def is_noise(name: str) -> bool:
    """macOS re-zip leftovers, never part of an export."""
    return name.startswith("__MACOSX/") or "/__MACOSX/" in name or name.rsplit("/", 1)[-1].startswith("._")


def _declared_entry_count(fp: BinaryIO) -> int | None:
    """Entry count from the end-of-central-directory record, read before zipfile lists every entry."""
    fp.seek(0, io.SEEK_END)
    size = fp.tell()
    tail_size = min(size, 65_535 + 22 + 20)
    fp.seek(size - tail_size)
    tail = fp.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    count = struct.unpack("<H", tail[at + 10 : at + 12])[0]
    if count != 0xFFFF or at < 20 or tail[at - 20 : at - 16] != b"PK\x06\x07":
        return count
    (zip64_offset,) = struct.unpack("<Q", tail[at - 12 : at - 4])
    if zip64_offset + 56 > size:
        return None
    fp.seek(zip64_offset)
    record = fp.read(56)
    if record[:4] != b"PK\x06\x06":
        return None
    return struct.unpack("<Q", record[32:40])[0]


class ExportArchive:
    """The union of the members of every part of one export; use as a context manager."""

    def __init__(self, sources: Iterable[ExportPart], limits: Limits):
        self.limits = limits
        self.problems: list[Problem] = []
        self.members: list[Member] = []
        self._parts: list[_Part] = []
        self._stack = ExitStack()
        self._bytes_read = 0
        unsafe: list[str] = []
        encrypted: set[str] = set()
        for index, source in enumerate(sources):
            label = source_label(source, index)
            try:
                part = self._open(source, label)
            except ExportError as error:
                self.problems.append(error.problem)
                continue
            self._parts.append(part)
            self._list(part, len(self._parts) - 1, unsafe, encrypted)
        if unsafe:
            self.problems.append(Problem("exports.unsafe-path", {"count": len(unsafe), "member": unsafe[0]}))
        for label in sorted(encrypted):
            self.problems.append(Problem("exports.encrypted", {"name": label}))

    def __enter__(self) -> ExportArchive:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every file handle opened for the parts."""
        self._stack.close()

    @property
    def opened(self) -> int:
        """How many sources could be opened."""
        return len(self._parts)

    def _open(self, source: ExportPart, label: str) -> _Part:
        if isinstance(source, str | Path):
            path = Path(source)
            try:
                if path.is_dir():
                    return _Part(label, folder=path)
                handle: BinaryIO = self._stack.enter_context(path.open("rb"))
            except FileNotFoundError as error:
                raise ExportError(Problem("exports.file-not-found", {"name": label})) from error
            except OSError as error:
                raise ExportError(Problem("exports.unreadable", {"name": label})) from error
        else:
            data = source[1] if isinstance(source, tuple) else source
            handle = _MemoryReader(data)  # type: ignore[assignment]
        return _Part(label, zip=self._open_zip(handle, label))

    def _open_zip(self, handle: BinaryIO, label: str) -> zipfile.ZipFile:
        try:
            head = handle.read(4)
            count = _declared_entry_count(handle)
            handle.seek(0)
            if count is not None and count > self.limits.max_members:
                raise ExportError(
                    Problem(
                        "exports.too-many-files",
                        {"name": label, "count": count, "limit": self.limits.max_members},
                    )
                )
            archive = zipfile.ZipFile(handle)
        except _DAMAGED_ZIP as error:
            code = "exports.truncated-zip" if head in _ZIP_MAGIC else "exports.not-a-zip"
            raise ExportError(Problem(code, {"name": label})) from error
        except OSError as error:
            raise ExportError(Problem("exports.unreadable", {"name": label})) from error
        self._stack.callback(archive.close)
        return archive

    def _list(self, part: _Part, index: int, unsafe: list[str], encrypted: set[str]) -> None:
        if part.zip is not None:
            for info in part.zip.infolist():
                if info.is_dir():
                    continue
                name = normalise_name(info.filename)
                if name is None:
                    unsafe.append(info.filename)
                    continue
                if not name or is_noise(name):
                    continue
                if info.flag_bits & _ENCRYPTED_FLAG or info.compress_type == _AES_METHOD:
                    encrypted.add(part.label)
                    continue
                self.members.append(Member(name, info.file_size, info.compress_size, index, info))
            return
        assert part.folder is not None
        limit = self.limits.max_members
        found: list[Member] = []
        try:
            for entry in _walk_files(part.folder):
                if len(found) >= limit:  # e.g. a whole home folder given by mistake
                    problem = Problem(
                        "exports.too-many-files", {"name": part.label, "count": limit + 1, "limit": limit}
                    )
                    self.problems.append(problem)
                    return
                relative = Path(entry.path).relative_to(part.folder).as_posix()
                if is_noise(relative):
                    continue
                size = entry.stat(follow_symlinks=False).st_size
                found.append(Member(relative, size, size, index))
        except OSError:
            self.problems.append(Problem("exports.unreadable", {"name": part.label}))
            return
        self.members.extend(found)

    def read(self, member: Member) -> bytearray:
        """The whole content of one member, refusing anything that inflates beyond the limits."""
        self._check_declared(member)  # before the buffer is allocated: a header may declare gigabytes
        buffer = bytearray(member.size)
        with self.stream(member) as stream:
            filled = 0
            while chunk := stream.read(min(_CHUNK, member.size - filled + 1)):
                buffer[filled : filled + len(chunk)] = chunk
                filled += len(chunk)
        return buffer

    @contextmanager
    def stream(self, member: Member) -> Iterator[MemberStream]:
        """One member as a binary stream, checked against the limits as it inflates; errors are ExportErrors."""
        bomb = self._check_declared(member)
        with self._errors_as_problems(member):
            raw = self._open_member(member)
        with raw:
            stream = MemberStream(raw, member, bomb, functools.partial(self._errors_as_problems, member))
            yield stream
            stream.check_end()
        self._bytes_read += member.size

    def _check_declared(self, member: Member) -> Problem:
        """Refuse a member whose declared sizes break the limits; the Problem to raise if it inflates beyond."""
        limits = self.limits
        bomb = Problem("exports.zip-bomb", {"member": member.name, "limit_mb": limits.max_member_bytes // MIB})
        if member.size > limits.max_member_bytes:
            raise ExportError(bomb)
        if member.size > limits.ratio_floor_bytes and member.size > limits.max_ratio * max(member.packed, 1):
            raise ExportError(bomb)
        if self._bytes_read + member.size > limits.max_total_bytes:
            raise ExportError(bomb)
        return bomb

    @contextmanager
    def _errors_as_problems(self, member: Member) -> Iterator[None]:
        """What opening or inflating a member can raise, as the Problem a participant is shown."""
        try:
            yield
        except NotImplementedError as error:
            raise ExportError(Problem("exports.unsupported-compression", {"member": member.name})) from error
        except RuntimeError as error:  # zipfile's "password required"
            raise ExportError(
                Problem("exports.encrypted", {"name": self._parts[member.part].label})
            ) from error
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
            raise ExportError(Problem("exports.damaged-member", {"member": member.name})) from error

    def _open_member(self, member: Member) -> IO[bytes]:
        part = self._parts[member.part]
        if part.zip is not None:
            assert member.info is not None
            return part.zip.open(member.info)
        assert part.folder is not None
        path = part.folder / member.name
        if stat.S_ISLNK(path.lstat().st_mode):
            raise OSError("symbolic link")
        return path.open("rb")
