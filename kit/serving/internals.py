"""The private parts of Voilà, Jupyter Server, jupyter_client and Tornado that the kit leans on, in one place.

Each is used because no public API does the job (each function says why). Private parts change without notice,
so `kit serve` and `kit slides` check at start-up that the installed versions are those the kit was tested
with, and stop with one sentence otherwise, rather than failing later in front of a room.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from importlib.metadata import PackageNotFoundError, version
from typing import Any

# Distribution → the version prefixes the kit was tested with (pyproject.toml pins the same ranges).
TESTED = {"voila": ("0.5.",), "jupyter_server": ("2.",), "jupyter_client": ("8.",), "tornado": ("6.",),
          "nbconvert": ("7.",)}


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
