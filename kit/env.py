"""The kit's surroundings: where its own files are, which language it speaks, and where the kernel runs.

Files: the clone's data/ and notebooks/, or the copies the wheel carries. The build maps the repository's
top-level data/ and notebooks/ into the package as kit/_data and kit/_notebooks (pyproject.toml, setup.py).
An installed wheel reads those copies; an editable install from a clone has none and reads the clone's
folders, so facilitators' edits to data/ take effect at once.

Language: a notebook's folder (notebooks/fr, notebooks/en) or KIT_LANG; a terminal's locale.

Where the kernel runs: on the participant's own machine (self-study) or served to a room by `kit serve`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import TextIO

# --- Files ---

ROOT = Path(__file__).resolve().parents[1]


def _kit_folder(packaged: str, in_clone: str) -> Path:
    """The folder the wheel carries inside the package, else the one at the top of the clone."""
    copy = files("kit") / packaged
    # The kit is installed as files on disk (Voilà serves the notebooks from a real folder), never zipped.
    return Path(str(copy)) if copy.is_dir() else ROOT / in_clone


# KIT_DATA_DIR points every command at another copy of the content (a fork's, or a test's).
DATA_DIR = Path(os.environ["KIT_DATA_DIR"]) if os.environ.get("KIT_DATA_DIR") else _kit_folder("_data", "data")
NOTEBOOKS_DIR = _kit_folder("_notebooks", "notebooks")


# --- Language ---

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"


def chosen_language() -> str | None:
    """The language KIT_LANG asks for ("fr", "en", "en_GB"...), when it is one the kit speaks."""
    chosen = os.environ.get("KIT_LANG", "").strip().lower()[:2]
    return chosen if chosen in LANGS else None


def notebook_language(cwd: Path | None = None) -> str:
    """The language of the running notebook: KIT_LANG if set, else its folder's name, else French."""
    folder = (cwd or Path.cwd()).name
    return chosen_language() or (folder if folder in LANGS else DEFAULT_LANG)


def message_language() -> str:
    """The language of the command line's messages: KIT_LANG when the kit speaks it, French otherwise."""
    return chosen_language() or DEFAULT_LANG


def terminal_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of a terminal session: French when the locale (LC_ALL, else LANG) is French, else English."""
    env: Mapping[str, str] = os.environ if environ is None else environ
    locale = env.get("LC_ALL") or env.get("LANG") or ""
    return "fr" if locale.lower().startswith("fr") else "en"


def format_date(value: str | int | dt.date, lang: str) -> str:
    """A full or partial date (YYYY, YYYY-MM, YYYY-MM-DD) as people read it in `lang`."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    parts = text.split("-")
    months = MONTHS[lang]
    if len(parts) == 1:
        return parts[0]
    month = months[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = int(parts[2])
    return f"{ORDINAL_FIRST[lang] if day == 1 else day} {month} {parts[0]}"


ORDINAL_FIRST = {"fr": "1er", "en": "1"}  # French writes the first day of a month as an ordinal: « 1er décembre »


MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}


# --- Where the kernel runs ---

MIB = 1024 * 1024  # one mebibyte, the unit of every size limit in the kit
SELF_STUDY_UPLOAD_MB = 1024  # the participant's own machine: bigger exports go through a path instead


def served() -> bool:
    """True when this kernel was started by `kit serve` (its environment says so)."""
    return os.environ.get("KIT_SERVED") == "1"


def page_links_stylesheet() -> bool:
    """True when this kernel's pages link kit.css themselves (`kit serve` and `kit slides` say so to their kernels);
    a hub's JupyterLab, say, does not, and needs the stylesheet from the panels."""
    return os.environ.get("KIT_STYLESHEET_LINKED") == "1"


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
