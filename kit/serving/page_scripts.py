"""The webpack chunks every kit page fetches, served as one script, compressed once and kept by the phone.

Built at start-up from the files recorded in page_scripts.json (kit.serving.internals.page_script_bundle says
how it works and why): with any of them missing or changed, there is no bundle and pages fetch Voilà's
scripts one by one, as Voilà makes them. The URL carries the bundle's digest, so a phone keeps it for good and
the next module's page does not fetch it again (Voilà's other files are checked, 304, as before).
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass

from jupyter_server.base.handlers import JupyterHandler
from tornado import web

from kit.serving import internals

ROUTE = "kit/page-scripts.js"
SWITCH = "KIT_PAGE_SCRIPTS"  # "0": no bundle (tests/record_page_scripts.py records what pages fetch without it)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageScripts:
    """The bundle, its gzipped copy and its digest."""

    body: bytes
    gzipped: bytes
    digest: str

    @property
    def path(self) -> str:
        """Its URL path under the server's base URL."""
        return f"{ROUTE}?v={self.digest}"


def build_page_scripts(static_paths: Iterable[str], labextension_paths: Iterable[str]) -> PageScripts | None:
    """The bundle of the recorded chunks, or None (switched off, or the installed files are not the recorded)."""
    if os.environ.get(SWITCH) == "0":
        return None
    files = internals.page_script_files(static_paths, labextension_paths)
    if files is None:
        log.debug("The recorded page scripts are not those installed: pages fetch Voilà's scripts one by one.")
        return None
    body = internals.page_script_bundle(files)
    return PageScripts(body, gzip.compress(body, compresslevel=6, mtime=0), hashlib.sha256(body).hexdigest()[:20])


class PageScriptsHandler(JupyterHandler):
    """GET kit/page-scripts.js: the bundle, gzipped when the browser takes it; cached for good (see PageScripts)."""

    def initialize(self, scripts: PageScripts) -> None:
        self.scripts = scripts

    @web.authenticated
    def get(self) -> None:
        self.set_header("Content-Type", "application/javascript; charset=UTF-8")
        self.set_header("Cache-Control", "max-age=31536000, immutable")
        self.set_header("Vary", "Accept-Encoding")
        if "gzip" in self.request.headers.get("Accept-Encoding", ""):
            self.set_header("Content-Encoding", "gzip")  # Tornado's gzip then leaves it as it is
            self.write(self.scripts.gzipped)
        else:
            self.write(self.scripts.body)

    def compute_etag(self) -> str:
        return f'"{self.scripts.digest}"'
