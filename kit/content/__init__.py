"""The kit's content: typed models of data/ and their loader.

The loader and its models (pydantic) are imported when first named, so that `kit --help` and the
other light modules that only need LANGS or the re-verification age stay quick to import.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from kit.env import LANGS

if TYPE_CHECKING:
    from kit.content.loader import DATA_DIR, Content, ContentError, default_content, load_content

_LOADER = ("DATA_DIR", "Content", "ContentError", "default_content", "load_content")

__all__ = ["DATA_DIR", "LANGS", "Content", "ContentError", "default_content", "load_content"]


def __getattr__(name: str):
    if name in _LOADER:
        return getattr(import_module("kit.content.loader"), name)
    raise AttributeError(f"module 'kit.content' has no attribute {name!r}")
