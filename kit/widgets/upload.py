"""File upload that never hits the websocket size limit: sizes checked in the browser, files sent in slices."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import anywidget
import traitlets as t

from kit import env
from kit.env import MIB

UploadedFile = tuple[str, bytes]


def uploads_allowed() -> bool:
    """Whether a participant may send files here: at home always, in a room only if the facilitator allowed it."""
    try:
        return env.upload_limit_bytes() is not None
    except env.InvalidSetting:  # ExportImportPanel says why, once
        return False


class ChunkedUpload(anywidget.AnyWidget):
    """A labelled file input; `on_files(callback)` receives [(name, bytes)] in memory, nothing on disk."""

    _esm = Path(__file__).with_name("upload.js")
    label = t.Unicode("").tag(sync=True)
    accept = t.Unicode("").tag(sync=True)
    multiple = t.Bool(True).tag(sync=True)
    disabled = t.Bool(False).tag(sync=True)
    max_bytes = t.Int(200 * MIB).tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._expected: list[tuple[str, int]] = []
        self._parts: list[bytearray] = []
        self._on_files: list[Callable[[list[UploadedFile]], None]] = []
        self._on_refused: list[Callable[[int], None]] = []
        self.on_msg(self._handle_message)

    def on_files(self, callback: Callable[[list[UploadedFile]], None]) -> None:
        """Call `callback([(name, bytes), ...])` when a whole upload has arrived."""
        self._on_files.append(callback)

    def on_refused(self, callback: Callable[[int], None]) -> None:
        """Call `callback(size_in_bytes)` when the browser refused files over `max_bytes`."""
        self._on_refused.append(callback)

    # --- callbacks ---

    def _handle_message(self, widget, message: dict, buffers: list) -> None:
        event = message.get("event") if isinstance(message, dict) else None
        if event == "too-large":
            self._reset()
            for callback in self._on_refused:
                callback(int(message.get("size", 0)))
        elif event == "start":
            files = message.get("files") or []
            self._expected = [(str(f.get("name", "")), int(f.get("size", 0))) for f in files]
            self._parts = [bytearray() for _ in self._expected]
            if sum(size for _, size in self._expected) > self.max_bytes:
                self._refuse(sum(size for _, size in self._expected))
        elif event == "chunk" and buffers and self._parts:
            index = int(message.get("index", -1))
            if 0 <= index < len(self._parts):
                self._parts[index] += bytes(buffers[0])
                if sum(len(part) for part in self._parts) > self.max_bytes:
                    self._refuse(sum(len(part) for part in self._parts))
        elif event == "done" and self._parts:
            files = [(name, bytes(part)) for (name, _), part in zip(self._expected, self._parts, strict=True)]
            self._reset()
            for receive in self._on_files:
                receive(files)
        elif event == "failed":
            self._reset()

    def _refuse(self, size: int) -> None:
        """A client that ignores the limit gets the same answer as one that checks it."""
        self._reset()
        for callback in self._on_refused:
            callback(size)

    def _reset(self) -> None:
        self._expected, self._parts = [], []
