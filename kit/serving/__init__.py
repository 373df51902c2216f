"""Serving the notebooks with Voilà: the kit's app, template and landing page.

Voilà (seconds to import) is loaded when `serve` or another name of the app is first used, not with the package.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kit.serving.app import NOTEBOOKS_DIR, PortInUseError, serve, voila_argv

__all__ = ["NOTEBOOKS_DIR", "PortInUseError", "serve", "voila_argv"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(import_module("kit.serving.app"), name)
    raise AttributeError(f"module 'kit.serving' has no attribute {name!r}")
