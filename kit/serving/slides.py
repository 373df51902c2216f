"""Slides: the kit's reveal.js template, and reveal.js itself as the sphinx-revealjs package ships it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

TEMPLATE = "kit-reveal"
# The kit-reveal template loads reveal.js from this route of the kit's server (never from a CDN).
REVEALJS_ROUTE = "kit/revealjs/"


def revealjs_dir() -> Path | None:
    """reveal.js's dist/ and plugin/ folders as installed with sphinx-revealjs, or None without that package."""
    spec = importlib.util.find_spec("sphinx_revealjs")  # finds the package without importing Sphinx
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(spec.submodule_search_locations[0]) / "_static" / "revealjs"
