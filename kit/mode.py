"""Where the kernel runs: on the participant's own machine (self-study) or served to a room by `kit serve`."""

from __future__ import annotations

import os

MIB = 1024 * 1024  # one mebibyte, the unit of every size limit in the kit
SELF_STUDY_UPLOAD_MB = 1024  # the participant's own machine: bigger exports go through a path instead


def served() -> bool:
    """True when this kernel was started by `kit serve` (its environment says so)."""
    return os.environ.get("KIT_SERVED") == "1"


def upload_limit_bytes() -> int | None:
    """How much a participant may upload here; None when uploads are off (served without --allow-upload)."""
    if not served():
        return SELF_STUDY_UPLOAD_MB * MIB
    limit_mb = int(os.environ.get("KIT_UPLOAD_LIMIT_MB", "0") or 0)
    return limit_mb * MIB if limit_mb > 0 else None
