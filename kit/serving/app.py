"""`kit serve`: Voilà over notebooks/, with the kit's template, landing page and safe defaults.

Serving a room (`kit serve --lan`) adds: every network interface, preheated kernels, the address and a
QR code for attendees, and an optional access token. What stays the same in every mode:
- visitors cannot run code (standalone Voilà refuses execute_request), never see a traceback or a
  notebook's source, and reach only the notebooks: no file download, no directory listing;
- nothing an attendee sends is written to disk or to the log (no request line, no address, no query string);
- kernels whose attendee left are shut down: at once when the tab closes (Voilà's beacon), otherwise
  by the culler once nobody has been connected to them for the idle timeout.
"""

from __future__ import annotations

import asyncio
import errno
import fnmatch
import logging
import os
import re
import socket
import sys
import threading
import webbrowser
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_server._tz import utcnow
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from tornado.ioloop import IOLoop
from traitlets import default
from traitlets.config import Config
from voila.app import Voila
from voila.static_file_handler import TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler

from kit.content import default_content
from kit.mode import MIB
from kit.paths import NOTEBOOKS_DIR
from kit.serving.compression import CachedGZip
from kit.serving.defaults import CULL_IDLE_SECONDS, CULL_INTERVAL_SECONDS, PORT
from kit.serving.forking import use_forking_kernels
from kit.serving.landing import notebook_entries, render_landing
from kit.serving.slides import REVEALJS_ROUTE, revealjs_dir

TEMPLATES_ROOT = Path(__file__).resolve().parent / "templates"
TEMPLATE = "kit"

# The kit's upload widget sends files in 1 MiB slices, so no legitimate websocket message comes near this;
# Tornado's default (10 MiB) would let any visitor make the server buffer 10 MiB per message.
WEBSOCKET_MAX_MESSAGE = 4 * MIB
PREHEAT_CONCURRENCY = os.cpu_count() or 2
KERNEL_NICENESS = 10  # kernels yield the CPU to the server (see KitKernelManager)
# Measured: RSS of a served kernel after running its notebook; 02 loads pandas, 01 and 03 do not.
KERNEL_MB = {"02-": 115, "": 70}  # notebook name prefix → MB; "" for any other notebook

log = logging.getLogger("kit.serve")


class PortInUseError(OSError):
    """The requested port is taken: the kit never moves silently to another one."""


@dataclass(frozen=True)
class Room:
    """What `kit serve` tells the people in the room, printed once the server listens."""

    url: str  # what attendees open (or the facilitator, on localhost)
    other_urls: tuple[str, ...] = ()
    qr_text: str = ""
    qr_png: Path | None = None
    token: str | None = None
    preheated: dict[str, int] = field(default_factory=dict)  # notebook → pool size
    cull_idle: int = CULL_IDLE_SECONDS
    cull_interval: int = CULL_INTERVAL_SECONDS


class LandingHandler(JupyterHandler):
    """Serves the bilingual landing page built at start-up (behind the token, when there is one)."""

    def initialize(self, page: str) -> None:
        self.page = page

    @web.authenticated
    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.write(self.page)


class RenderHandler(TornadoVoilaHandler):
    """Voilà's notebook page, plus the `_xsrf` cookie that its tab-close beacon sends back.

    On closing the tab, Voilà's page POSTs /voila/api/shutdown/<kernel> with the `_xsrf` cookie's value,
    but Voilà 0.5 never sets that cookie (preheated or not): Jupyter Server refused the beacon (403) and
    every closed tab left its kernel running until the culler came.
    """

    @web.authenticated
    async def get(self, path=None):
        self.xsrf_token  # noqa: B018 (reading it sets the cookie)
        await super().get(path)


class TemplateAssetsHandler(TemplateStaticFileHandler):
    """Voilà's /voila/templates/<name>/static/<file>, answering 404 (not 500) to any other shape of path."""

    def parse_url_path(self, url_path: str) -> str:
        parts = url_path.split("/")
        if len(parts) < 3 or parts[1] != "static" or ".." in parts or "" in parts[:2]:
            raise web.HTTPError(404)
        return super().parse_url_path(url_path)


class KitKernelManager(AsyncMappingKernelManager):
    """Jupyter Server's kernel manager, fitted to a room (with preheating, Voilà's pooling class derives from it).

    - Idle clock: the culler shuts down a kernel that has no connection and no activity for
      `cull_idle_timeout`. Here the clock restarts when a kernel is handed to a visitor (a preheated kernel
      may have waited in the pool for an hour: it could otherwise be culled before the visitor's page
      connects) and when its last connection closes (an attendee who read for 20 minutes and then lost
      the Wi-Fi gets the full timeout to come back, not zero).
    - Priority: kernels run at a lower CPU priority than the server, which every attendee waits on.
    - Preheating: at most PREHEAT_CONCURRENCY kernels start and run their notebook at a time (more
      only fight over the cores: on 2 cores, 4 at a time made a room wait twice as long as 2), and
      the pool is refilled the moment a kernel is taken, not once that kernel is ready.
    """

    # With preheating, Voilà's pooling class (voila.voila_kernel_manager) derives from this one and adds these
    # private members, which the methods below wrap: kit.serving.app is the one place that touches them.
    _initialize: Callable[..., Awaitable[dict]]
    _pools: dict[str, list[asyncio.Task]]
    fill_if_needed: Callable[..., None]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if not hasattr(self, "get_rendered_notebook"):  # not preheating: no Voilà pooling subclass around us
            return
        heat = self._initialize
        heating = asyncio.Semaphore(PREHEAT_CONCURRENCY)

        async def initialize(*args, **kw):
            async with heating:
                content = await heat(*args, **kw)
                await asyncio.wait([content["task"]])  # the notebook has run: the next kernel may start
            return content

        self._initialize = initialize
        self.get_rendered_notebook = self._take_preheated

    async def _take_preheated(self, notebook_name: str, **_) -> tuple:
        """Voilà's VoilaKernelManager.get_rendered_notebook, with the pool refilled as soon as a kernel is taken.

        Voilà refills only once the kernel it took is ready: visitors arriving together while kernels are
        still starting drain the pool, and each visitor after that starts a kernel of its own, all at once.
        """
        pool = self._pools.get(notebook_name) or []
        if not pool:
            raise RuntimeError(f"Kernel pool for {notebook_name} is empty!")
        pool_item = pool.pop(0)
        self.fill_if_needed(notebook_name=notebook_name)
        content = await pool_item
        renderer, kernel_id = content["renderer"], content["kernel_id"]
        renderer.stop_generator = True
        self.log.info("Using pre-heated kernel: %s for %s", kernel_id, notebook_name)
        self._touch(kernel_id)
        return content["task"], renderer.rendered_cache, kernel_id

    # jupyter_client types MultiKernelManager.start_kernel as a plain method; the async managers' is a coroutine.
    async def start_kernel(self, *args, **kwargs) -> str:  # type: ignore[override]
        kernel_id = await super().start_kernel(*args, **kwargs)
        self._yield_to_server(kernel_id)
        return kernel_id

    def _yield_to_server(self, kernel_id: str) -> None:
        """Run the kernel at a lower CPU priority than the server.

        When attendees arrive together, kernels start (and preheated ones run their notebook) while the
        server sends pages, files and widget state to the attendees already there: the server, a single
        process that every attendee waits on, goes first.
        """
        pid = getattr(getattr(self._kernels.get(kernel_id), "provisioner", None), "pid", None)
        if pid and hasattr(os, "setpriority"):
            try:
                os.setpriority(os.PRIO_PROCESS, pid, max(os.getpriority(os.PRIO_PROCESS, pid), KERNEL_NICENESS))
            except OSError:
                pass

    def notify_disconnect(self, kernel_id: str) -> None:
        super().notify_disconnect(kernel_id)
        if self._kernel_connections.get(kernel_id) == 0:
            self._touch(kernel_id)

    def _touch(self, kernel_id: str) -> None:
        kernel = self._kernels.get(kernel_id)
        if kernel is not None:
            kernel.last_activity = utcnow()


class RedactRequests(logging.Filter):
    """Strips what Tornado's error lines say about a request: its query string (a token), the client's address
    and, for uncaught errors, the request's headers (cookies). Method and path remain."""

    QUERY = re.compile(r"\?[^\s)]*")
    ADDRESS = re.compile(r" \([0-9A-Fa-f.:]+\)")
    REQUEST = re.compile(r"HTTPServerRequest\(.*", re.S)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self.REQUEST.sub("", self.ADDRESS.sub("", self.QUERY.sub("", message)))
        if clean != message:
            record.msg, record.args = clean, ()
        return True


REDACTED_LOGGERS = ("tornado.access", "tornado.application", "tornado.general")


def log_request(handler: web.RequestHandler) -> None:
    """Tornado's request log, minus attendee data: only server errors, method and path, no query or address."""
    if handler.get_status() >= 500:
        log.error("%d %s %s", handler.get_status(), handler.request.method, handler.request.path)


class KitVoila(Voila):
    """Voilà with the kit's landing page at / in place of the file tree, and nothing else to browse."""

    room: Room | None = None
    announce: Callable[[Room, int], None] | None = None
    listed = "*"  # the notebooks the landing page lists (a pattern like "*/01-*.ipynb")

    @default("config_file_paths")
    def _no_config_files(self) -> list[str]:
        # A voila.json left in the working directory or in ~/.jupyter must not widen what visitors reach.
        return []

    @default("tornado_settings")
    def _kit_tornado_settings(self) -> dict:
        return {"websocket_max_message_size": WEBSOCKET_MAX_MESSAGE, "log_function": log_request}

    def init_settings(self) -> dict:
        # gzip must be set when Tornado's Application is built (Voilà adds tornado_settings afterwards).
        return {**super().init_settings(), "transforms": [CachedGZip]}

    def init_handlers(self) -> list:
        base = self.server_url
        entries = [e for e in notebook_entries(Path(self.root_dir)) if fnmatch.fnmatch(e.path, self.listed)]
        page = render_landing(default_content(), entries, self.base_url)
        own = [
            (rf"{base}", LandingHandler, {"page": page}),
            (rf"{base}voila/tree(?:/.*)?", web.RedirectHandler, {"url": self.base_url}),
            # The tree page's directory listing, and (with preheated kernels) the request details of any
            # kernel id, including its query string: the kit's pages use neither.
            (rf"{base}voila/api/contents(?:/.*)?", web.ErrorHandler, {"status_code": 404}),
            (rf"{base}voila/query/.*", web.ErrorHandler, {"status_code": 404}),
            (rf"{base}voila/templates/(.*)", TemplateAssetsHandler),
            *([(rf"{base}{REVEALJS_ROUTE}(.*)", web.StaticFileHandler, {"path": str(revealjs)})]
              if (revealjs := revealjs_dir()) else []),
        ]
        voila = [(route[0], RenderHandler, *route[2:]) if route[1] is TornadoVoilaHandler else route
                 for route in super().init_handlers()]
        return own + voila

    def start(self) -> None:
        if self.announce is not None and self.room is not None:
            IOLoop.current().add_callback(self._announce, self.announce, self.room)
        super().start()

    def launch_browser(self) -> None:
        """Open the address the start-up message gives (the room's, with its token), not http://0.0.0.0."""
        if self.room is None:
            return super().launch_browser()
        threading.Thread(target=webbrowser.open, args=(self.room.url,), daemon=True).start()

    def _announce(self, announce: Callable[[Room, int], None], room: Room) -> None:
        """Runs once the server listens: the start-up message, then a line when the pools are full."""
        announce(room, self.port)
        pools = getattr(self.kernel_manager, "_pools", {})
        tasks = [task for pool in pools.values() for task in pool]
        if tasks:
            async def ready() -> None:
                started = await asyncio.gather(*tasks, return_exceptions=True)
                renders = [item["task"] for item in started if isinstance(item, dict)]
                rendered = await asyncio.gather(*renders, return_exceptions=True)
                failed = len(tasks) - sum(not isinstance(item, BaseException) for item in rendered)
                print(f"kit serve: {len(tasks) - failed} preheated kernels ready"
                      + (f" ({failed} failed to start: see the messages above)" if failed else "")
                      + ".", flush=True)

            asyncio.ensure_future(ready())


def preheat_pools(notebooks_dir: Path, sizes: list[tuple[str, int]]) -> dict[str, int]:
    """Pool size per notebook (paths like "fr/01-….ipynb"): for each notebook the last (pattern, size) it matches.

    Notebooks whose size is 0 are left out: their kernels start when a page is opened.
    """
    pools = {}
    for entry in notebook_entries(notebooks_dir):
        matched = [size for pattern, size in sizes if fnmatch.fnmatch(entry.path, pattern)]
        if matched and matched[-1] > 0:
            pools[entry.path] = matched[-1]
    return pools


def voila_argv(notebooks_dir: Path, port: int, ip: str, open_browser: bool, *, template: str = TEMPLATE,
               pools: dict[str, int] | None = None, token: str | None = None,
               cull_idle: int = CULL_IDLE_SECONDS, cull_interval: int = CULL_INTERVAL_SECONDS) -> list[str]:
    """Command-line options for the kit's Voilà app (lists and dicts go through voila_config)."""
    argv = [
        str(notebooks_dir),
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--Voila.port_retries=0",
        f"--template={template}",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--VoilaConfiguration.allow_template_override=NO",
        "--VoilaConfiguration.allow_theme_override=NO",
        f"--VoilaConfiguration.multi_kernel_manager_class={KitKernelManager.__module__}.KitKernelManager",
        f"--MappingKernelManager.cull_interval={cull_interval}",
        f"--MappingKernelManager.cull_idle_timeout={cull_idle}",
        "--MappingKernelManager.cull_connected=False",  # an open page keeps its kernel, however long the pause
        "--MappingKernelManager.cull_busy=False",  # a kernel at work (reading an upload) is not idle
    ]
    if pools:
        # Each preheated kernel has run its whole notebook before anyone asks; the pool refills as
        # visitors take kernels. (Incompatible with Voilà's progressive rendering, which the kit does not use.)
        argv += ["--preheat_kernel=True", f"--pool_size={max(pools.values())}", "--VoilaKernelManager.fill_delay=0"]
    if token:
        argv.append(f"--token={token}")
    if not open_browser:
        argv.append("--no-browser")
    return argv


def voila_config(pools: dict[str, int] | None = None) -> Config:
    """The options that are lists or dicts (traitlets deprecates them on the command line)."""
    config = Config()
    # /voila/files/ serves nothing: the notebooks hold no image, and nothing else there is for visitors.
    config.VoilaConfiguration.file_allowlist = []
    config.VoilaConfiguration.file_denylist = [".*"]
    if pools:
        config.VoilaKernelManager.kernel_pools_config = {"default": {"pool_size": 0}} | {
            path: {"pool_size": size} for path, size in pools.items()}
    return config


def check_port_free(ip: str, port: int) -> None:
    """Raise PortInUseError if nothing can listen on ip:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((ip if ip != "localhost" else "127.0.0.1", port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise PortInUseError(exc.errno, f"port {port} is not available") from exc
            raise


def kernel_mb(notebook: str) -> int:
    """About how much memory one served kernel of this notebook holds."""
    name = notebook.rsplit("/", 1)[-1]
    return next(mb for prefix, mb in KERNEL_MB.items() if name.startswith(prefix))


def pool_memory_mb(pools: dict[str, int]) -> int:
    """About how much memory full pools hold."""
    return sum(size * kernel_mb(path) for path, size in pools.items())


def print_room(room: Room, port: int) -> None:
    """The start-up message: where to go, the QR code, the kernels, how to stop."""
    lines = ["", f"kit serve: attendees open  {room.url}"]
    lines += [f"           or, if that address does not work,  {url}" for url in room.other_urls]
    if room.qr_text:
        lines += ["", room.qr_text.rstrip("\n")]
    if room.qr_png:
        lines.append(f"QR code for the projector: {room.qr_png}")
    if room.token:
        lines.append(f"Access token: {room.token} (the address and the QR code carry it)")
    total = sum(room.preheated.values())
    if total:
        groups: dict[int, list[str]] = {}
        for path, size in room.preheated.items():
            groups.setdefault(size, []).append(path)
        parts = [f"{size} for {paths[0]}" if len(paths) == 1 else f"{size} for each of {len(paths)} notebooks"
                 for size, paths in sorted(groups.items())]
        memory = pool_memory_mb(room.preheated) / 1000
        lines.append(f"Kernels: {total} preheated ({', '.join(parts)}; about {memory:.1f} GB of memory), "
                     "refilled as attendees take them.")
    else:
        lines.append("Kernels: none preheated; each page view starts one.")
    lines.append(f"A kernel whose page is closed stops at once; one left without a connection stops after "
                 f"{room.cull_idle} s (checked every {room.cull_interval} s).")
    lines.append("Stop with Ctrl-C: the server shuts its kernels down on the way out.")
    print("\n".join(lines) + "\n", flush=True)


def serve(port: int = PORT, ip: str = "localhost", open_browser: bool = True,
          notebooks_dir: Path = NOTEBOOKS_DIR, upload_limit_mb: int = 0, *,
          pools: dict[str, int] | None = None, token: str | None = None, room: Room | None = None,
          cull_idle: int = CULL_IDLE_SECONDS, cull_interval: int = CULL_INTERVAL_SECONDS,
          template: str = TEMPLATE, announce: Callable[[Room, int], None] = print_room, listed: str = "*") -> None:
    """Run the Voilà server until Ctrl-C or SIGTERM; kernels are shut down on the way out."""
    check_port_free(ip, port)
    # Kernels inherit these, preheated ones included (Voilà copies os.environ when it fills a pool):
    # they tell the notebooks they are served to a room, and what upload is allowed.
    os.environ["KIT_SERVED"] = "1"
    os.environ["KIT_UPLOAD_LIMIT_MB"] = str(max(upload_limit_mb, 0))
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(TEMPLATES_ROOT), os.environ.get("JUPYTER_PATH")])
    )
    use_forking_kernels()  # kernels start as forks of a warm parent where that is safe (kit/serving/forking.py)
    for name in REDACTED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactRequests) for f in logger.filters):
            logger.addFilter(RedactRequests())
    app = KitVoila.instance(config=voila_config(pools))
    app.room = room or Room(url=f"http://localhost:{port}/" + (f"?token={token}" if token else ""),
                            token=token, preheated=pools or {}, cull_idle=cull_idle, cull_interval=cull_interval)
    app.announce, app.listed = announce, listed
    app.initialize(argv=voila_argv(notebooks_dir, port, ip, open_browser, template=template, pools=pools, token=token,
                                   cull_idle=cull_idle, cull_interval=cull_interval))
    sys.stdout.flush()
    app.start()
