"""Which language the kit speaks: a notebook's folder (notebooks/fr, notebooks/en), or KIT_LANG."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

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
