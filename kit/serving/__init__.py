"""Serving the notebooks with Voilà: the kit's app, template and landing page."""

from kit.serving.app import NOTEBOOKS_DIR, PortInUseError, serve, voila_argv

__all__ = ["NOTEBOOKS_DIR", "PortInUseError", "serve", "voila_argv"]
