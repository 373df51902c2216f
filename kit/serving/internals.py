"""The private parts of Voilà, Jupyter Server, jupyter_client and Tornado that the kit leans on, in one place.

Each is used because no public API does the job (each function says why). Private parts change without notice,
so `kit serve` and `kit slides` check at start-up that the installed versions are those the kit was tested
with, and stop with one sentence otherwise, rather than failing later in front of a room.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Awaitable, Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

# Distribution → the version prefixes the kit was tested with (pyproject.toml pins the same ranges).
TESTED = {"voila": ("0.5.",), "jupyter_server": ("2.",), "jupyter_client": ("8.",), "tornado": ("6.",),
          "nbconvert": ("7.",)}


# The webpack chunks the kit's pages fetch, each with its SHA-256 (recorded by tests/record_page_scripts.py).
PAGE_SCRIPTS = Path(__file__).with_name("page_scripts.json")
PAGE_SCRIPT_ROOTS = ("voila/static/", "voila/labextensions/")  # URL paths: Voilà's static files, lab extensions


def untested_versions() -> list[str]:
    """'name version' for each library whose installed version the kit was not tested with."""
    found = []
    for name, prefixes in TESTED.items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "missing"
        if not installed.startswith(prefixes):
            found.append(f"{name} {installed}")
    return found


def untested_versions_message(command: str, lang: str) -> str | None:
    """One sentence for the facilitator when a library's installed version is not one the kit was tested with."""
    untested = untested_versions()
    if not untested:
        return None
    from kit.content import default_content

    tested = ", ".join(f"{name} {prefixes[0]}x" for name, prefixes in TESTED.items())
    return default_content().text("serve.untested-versions", lang, command=command, tested=tested,
                                  untested=", ".join(untested))


def utcnow() -> Any:
    """Jupyter Server's timezone-aware now(), the clock its culler compares a kernel's last_activity with."""
    from jupyter_server._tz import utcnow as now  # private module; a naive datetime would break the culler

    return now()


def kernels(manager: Any) -> dict[str, Any]:
    """A MultiKernelManager's kernels by id (jupyter_client's `_kernels`: it has no public mapping of them)."""
    return manager._kernels


def connections(manager: Any) -> dict[str, int]:
    """Open websocket connections per kernel id (Jupyter Server's `_kernel_connections`), which the culler reads."""
    return manager._kernel_connections


def preheated_pools(manager: Any) -> dict[str, list[asyncio.Task]] | None:
    """Voilà's pools of preheated kernels by notebook (`_pools` of its pooling manager), None without preheating."""
    return getattr(manager, "_pools", None)


def wrap_preheating(manager: Any, take: Callable[..., Awaitable[tuple]], concurrency: int) -> bool:
    """Make Voilà's pooling manager start at most `concurrency` preheated kernels at a time and hand them out
    through `take`; False when the manager does not preheat.

    Voilà starts every pool's kernels at once (they then fight over the cores) and refills a pool only once the
    kernel it handed out is ready; it has no setting for either, so its private `_initialize` (start a kernel
    and run the notebook) and `get_rendered_notebook` (hand one out) are wrapped.
    """
    if not hasattr(manager, "get_rendered_notebook"):  # not preheating: no Voilà pooling subclass around it
        return False
    heat = manager._initialize
    heating = asyncio.Semaphore(concurrency)

    async def initialize(*args, **kw):
        async with heating:
            content = await heat(*args, **kw)
            await asyncio.wait([content["task"]])  # the notebook has run: the next kernel may start
        return content

    manager._initialize = initialize
    manager.get_rendered_notebook = take
    return True


def refill(manager: Any, notebook_name: str) -> None:
    """Start replacing a kernel taken from a pool (Voilà's `fill_if_needed`, called by its own hand-out only)."""
    manager.fill_if_needed(notebook_name=notebook_name)


def gzipping(transform: Any) -> bool:
    """Whether Tornado's GZipContentEncoding decided to compress this response (its `_gzipping`, set from the
    request's Accept-Encoding and the response's type: the kit keeps one compressed copy of each static file)."""
    return transform._gzipping


def share_compiled_templates() -> None:
    """Let every page's nbconvert exporter reuse the templates compiled for the pages before it.

    Voilà makes a new exporter, hence a new Jinja environment, for every page it renders, and Jinja compiles
    each template again in each new environment: a fifth of the server's CPU when a room arrives (py-spy,
    60 attendees on module 03). nbconvert has no setting for the environment's bytecode cache, so its
    private `_create_environment` is wrapped to set one (Jinja's public BytecodeCache).
    """
    import jinja2
    from nbconvert.exporters.templateexporter import TemplateExporter

    create = TemplateExporter._create_environment
    if getattr(create, "kit_shared", False):
        return

    class InMemory(jinja2.BytecodeCache):
        """A bucket's key names the template and its file, and Jinja checks the source's checksum: an edited
        template is compiled again."""

        def __init__(self) -> None:
            self.store: dict[str, bytes] = {}

        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            if bucket.key in self.store:
                bucket.bytecode_from_string(self.store[bucket.key])

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            self.store[bucket.key] = bucket.bytecode_to_string()

    caches: dict[tuple, InMemory] = {}  # one per kind of environment: these change the code Jinja generates

    def create_environment(self: Any) -> Any:
        environment = create(self)
        kind = (environment.is_async, environment.autoescape, tuple(sorted(environment.extensions)))
        if kind not in caches:
            caches[kind] = InMemory()
        environment.bytecode_cache = caches[kind]
        return environment

    create_environment.kit_shared = True  # type: ignore[attr-defined]
    TemplateExporter._create_environment = create_environment  # type: ignore[method-assign]


def page_script_files(static_paths: Iterable[str], labextension_paths: Iterable[str],
                      manifest: Path = PAGE_SCRIPTS) -> list[Path] | None:
    """The files of the recorded page scripts, found as Voilà's handlers find them (first folder that has the
    file); None when one is missing or is not the file recorded (another Voilà build: chunk ids are not hashes)."""
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError):
        return None
    folders = dict(zip(PAGE_SCRIPT_ROOTS, (list(static_paths), list(labextension_paths)), strict=True))
    files = []
    for url_path, digest in recorded.items():
        root = next((r for r in PAGE_SCRIPT_ROOTS if url_path.startswith(r)), None)
        if root is None:
            return None
        found = next((path for f in folders[root] if (path := Path(f) / url_path.removeprefix(root)).is_file()), None)
        if found is None or hashlib.sha256(found.read_bytes()).hexdigest() != digest:
            return None
        files.append(found)
    return files


def page_script_bundle(files: Iterable[Path]) -> bytes:
    """Webpack chunks in one script, to run before Voilà's own: no chunk it holds is fetched on its own.

    A Voilà page fetches about 90 scripts, one round trip and one task in the phone's main thread each, in
    three waves (Voilà's chunks, then the widget managers', then those the first widgets need): on a phone
    that is a good part of the wait. Each chunk is webpack's JSONP: it pushes its modules onto a global array
    (`self.webpackChunk…`) that webpack's runtime (voila.js, an extension's remoteEntry) reads when it starts,
    and a chunk found there is never fetched. This relies on webpack's chunk format inside Voilà 0.5's and the
    widget extensions' builds, hence the recorded hashes. Each chunk keeps its own scope (its "use strict"
    applies to it alone) and runs with `this` as the window, as a script of its own would.
    """
    parts = [b"(function(){\n" + path.read_bytes() + b"\n}).call(self);\n" for path in files]
    return b"".join(parts)
