"""Which language a notebook speaks: its folder (notebooks/fr, notebooks/en), or KIT_LANG."""

from __future__ import annotations

import os
from pathlib import Path

from kit.content import LANGS

DEFAULT_LANG = "fr"


def notebook_language(cwd: Path | None = None) -> str:
    """The language of the running notebook: KIT_LANG if set, else its folder's name, else French."""
    chosen = os.environ.get("KIT_LANG", "").strip().lower()
    if chosen in LANGS:
        return chosen
    folder = (cwd or Path.cwd()).name
    return folder if folder in LANGS else DEFAULT_LANG


def terminal_language(environ: dict[str, str] | None = None) -> str:
    """The language of a terminal session: French when the locale (LC_ALL, else LANG) is French, else English."""
    environ = os.environ if environ is None else environ
    locale = environ.get("LC_ALL") or environ.get("LANG") or ""
    return "fr" if locale.lower().startswith("fr") else "en"
