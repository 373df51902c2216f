"""Where the kernel runs: on the participant's own machine (self-study) or served to a room by `kit serve`."""

from __future__ import annotations

import logging
import os
import sys
from typing import TextIO

MIB = 1024 * 1024  # one mebibyte, the unit of every size limit in the kit
SELF_STUDY_UPLOAD_MB = 1024  # the participant's own machine: bigger exports go through a path instead


def served() -> bool:
    """True when this kernel was started by `kit serve` (its environment says so)."""
    return os.environ.get("KIT_SERVED") == "1"


class InvalidSetting(ValueError):
    """An environment variable of the kit holds a value it cannot use (a hub admin's typo, say)."""

    def __init__(self, name: str, value: str):
        super().__init__(f"{name}={value!r}")
        self.name, self.value = name, value


def upload_limit_bytes() -> int | None:
    """How much a participant may upload here; None when uploads are off (served without --allow-upload).

    Raises InvalidSetting when KIT_UPLOAD_LIMIT_MB is not a whole number of megabytes ("20MB", "1.5", "-1").
    """
    if not served():
        return SELF_STUDY_UPLOAD_MB * MIB
    raw = os.environ.get("KIT_UPLOAD_LIMIT_MB", "").strip() or "0"
    if not (raw.isascii() and raw.isdigit()):
        raise InvalidSetting("KIT_UPLOAD_LIMIT_MB", raw)
    limit_mb = int(raw)
    return limit_mb * MIB if limit_mb > 0 else None


def facilitator_log(name: str) -> logging.Logger:
    """A logger whose records reach the terminal of whoever runs the kit, never a participant's page.

    In a kernel, sys.stderr is the page: ipykernel sends what is written to it to the browser, and so does
    Python's last-resort handler. ipykernel keeps a copy of the kernel's original stderr (the terminal of the
    server that started it) in the private `_original_stdstream_copy`, and routes its own log there; kit logs
    go the same way. Outside a kernel (the command line, tests) records propagate to the program's logging,
    and are dropped when it has none.
    """
    logger = logging.getLogger(name)
    if logger.handlers:
        return logger
    terminal = _kernel_terminal()
    if terminal is not None:
        handler: logging.Handler = logging.StreamHandler(terminal)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s: %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    else:
        logger.addHandler(logging.NullHandler())
    return logger


def _kernel_terminal() -> TextIO | None:
    """The terminal behind a kernel's stderr, or None outside a kernel."""
    if not type(sys.stderr).__module__.startswith("ipykernel."):
        return None
    copy = getattr(sys.stderr, "_original_stdstream_copy", None)
    if isinstance(copy, int):  # fd 2 itself now leads to the page
        return open(copy, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 (open for the kernel's life)
    return sys.__stderr__  # ipykernel left fd 2 alone (capture_fd_output off, or under pytest): the terminal
