"""`kit serve`: Voilà over notebooks/, with the kit's template, landing page and safe defaults.

Serving a room (`kit serve --lan`) adds: every network interface, preheated kernels, the address and a
QR code for attendees, and an optional access token. What stays the same in every mode:
- visitors cannot run code (standalone Voilà refuses execute_request), never see a traceback or a
  notebook's source, and reach only the notebooks: no file download, no directory listing;
- nothing an attendee sends is written to disk or to the log (no request line, no address, no query string);
- kernels whose attendee left are shut down: at once when the tab closes (even while the page loads), otherwise
  by the culler once nobody has been connected to them for the idle timeout.
"""

from __future__ import annotations

import asyncio
import contextvars
import errno
import fnmatch
import logging
import os
import re
import socket
import sys
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.services.contents.largefilemanager import LargeFileManager
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from tornado.ioloop import IOLoop, PeriodicCallback
from traitlets import default
from traitlets.config import Config
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.static_file_handler import TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler

from kit.content import default_content
from kit.env import MIB, NOTEBOOKS_DIR
from kit.serving import internals
from kit.serving.compression import CachedGZip
from kit.serving.console import Console, quiet_jupyter_logs, start_up_lines, status_line, totals_lines
from kit.serving.defaults import CULL_IDLE_SECONDS, CULL_INTERVAL_SECONDS, PORT
from kit.serving.forking import use_forking_kernels
from kit.serving.landing import notebook_entries, render_landing
from kit.serving.nav import template_resources
from kit.serving.page_scripts import ROUTE as PAGE_SCRIPTS_ROUTE
from kit.serving.page_scripts import PageScriptsHandler, build_page_scripts
from kit.serving.pulse import Pulse
from kit.serving.room import room_handlers
from kit.serving.slides import REVEALJS_ROUTE, revealjs_dir

TEMPLATES_ROOT = Path(__file__).resolve().parent / "templates"
TEMPLATE = "kit"

# The kit's upload widget sends files in 1 MiB slices, so no legitimate websocket message comes near this;
# Tornado's default (10 MiB) would let any visitor make the server buffer 10 MiB per message.
WEBSOCKET_MAX_MESSAGE = 4 * MIB
PREHEAT_CONCURRENCY = os.cpu_count() or 2
PAGE_EXTENSIONS = ("@voila-dashboards/widgets-manager8", "@jupyter-widgets/jupyterlab-manager", "anywidget")
KERNEL_NICENESS = 10  # kernels yield the CPU to the server (see KitKernelManager)
WS_PING_MS = 30_000
WATCH_EVERY_MS = 1000  # how often the status line and the room view's page counts are brought up to date
# Kernels talk to the server over Unix sockets where there are some (no TCP port at all, so nothing to
# eavesdrop on); elsewhere over TCP on 127.0.0.1 only. The socket files live in Voilà's private connection
# folder (made with mkdtemp, so readable by this user only, and removed when the server stops).
KERNEL_TRANSPORT = "ipc" if os.name == "posix" else "tcp"

log = logging.getLogger("kit.serve")
# The kernel a render request started or took, seen by the log lines its render writes (they name no kernel).
RENDERING: contextvars.ContextVar[list[str]] = contextvars.ContextVar("kit_rendering")


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
    room_view: str = ""  # the facilitator's room view, with its key (empty: no room pulse)
    join_sheet: Path | None = None


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
        RENDERING.set([])
        await super().get(path)


class ShutdownHandler(VoilaShutdownKernelHandler):
    """Voilà's tab-close beacon, answered once per kernel: the kit's page and Voilà's both send one.

    Voilà's page registers its beacon only once its widget manager has fetched the kernel's model, so a tab
    closed while the page was still loading (an attendee who reloads, a phone that locks) left its kernel
    to the culler. The kit's template sends its own beacon from the first moment the kernel id is on the
    page, and on `pagehide` too (mobile browsers often skip `beforeunload`); the second beacon is a no-op.
    """

    @web.authenticated
    async def post(self, kernel_id):
        manager = self.kernel_manager
        if kernel_id in manager.stopping or kernel_id not in manager:
            self.set_status(204)
            self.finish()
            return
        await super().post(kernel_id)


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

    # Without --verbose, kernels keep their own log off the facilitator's terminal (a kernel stopped while it ran
    # a cell prints a traceback there; a traceback could quote an attendee's file); the server still says when
    # a kernel dies.
    kernel_log_level = ""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.notebook_of: dict[str, str] = {}  # kernel id → the notebook ("fr/01-….ipynb") of the page it serves
        self.stopping: set[str] = set()  # kernels shut down on purpose (closed tab, culler, server stop)
        self.pages_served = 0
        self.pages_preheated = 0  # of them, pages whose kernel was waiting in a pool
        internals.wrap_preheating(self, self._take_preheated, PREHEAT_CONCURRENCY)

    async def _take_preheated(self, notebook_name: str, **_) -> tuple:
        """Voilà's VoilaKernelManager.get_rendered_notebook, with the pool refilled as soon as a kernel is taken.

        Voilà refills only once the kernel it took is ready: visitors arriving together while kernels are
        still starting drain the pool, and each visitor after that starts a kernel of its own, all at once.
        """
        pool = (internals.preheated_pools(self) or {}).get(notebook_name) or []
        if not pool:
            raise RuntimeError(f"Kernel pool for {notebook_name} is empty!")
        pool_item = pool.pop(0)
        internals.refill(self, notebook_name)
        content = await pool_item
        renderer, kernel_id = content["renderer"], content["kernel_id"]
        renderer.stop_generator = True
        self.log.info("Using pre-heated kernel: %s for %s", kernel_id, notebook_name)
        self.pages_preheated += 1
        self._serves(kernel_id, notebook_name)
        self._touch(kernel_id)
        _rendering(kernel_id)
        return content["task"], renderer.rendered_cache, kernel_id

    # jupyter_client types MultiKernelManager.start_kernel as a plain method; the async managers' is a coroutine.
    async def start_kernel(self, *args, **kwargs) -> str:  # type: ignore[override]
        if self.kernel_log_level:
            kwargs.setdefault("extra_arguments", [f"--IPKernelApp.log_level={self.kernel_log_level}"])
        elif KERNEL_TRANSPORT == "tcp":
            # ipykernel warns of eavesdropping on TCP; here its ports listen on 127.0.0.1 only (jupyter_client's
            # default ip), so the warning does not apply: only on platforms without Unix sockets is it silenced.
            kwargs.setdefault("extra_arguments", ["--IPKernelApp.log_level=ERROR"])
        kernel_id = await super().start_kernel(*args, **kwargs)
        page = (kwargs.get("env") or {}).get("SCRIPT_NAME", "")  # Voilà's render request, when not preheated
        if "/voila/render/" in page:
            self._serves(kernel_id, page.split("/voila/render/", 1)[1])
            _rendering(kernel_id)
        self._yield_to_server(kernel_id)
        return kernel_id

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs) -> None:  # type: ignore[override]
        self.stopping.add(kernel_id)  # ids are never reused: the set holds a few bytes per page served
        await super().shutdown_kernel(kernel_id, *args, **kwargs)

    def stopped_mid_render(self) -> bool:
        """Whether the render that is logging now runs on a kernel the kit shut down on purpose."""
        return any(kernel_id in self.stopping for kernel_id in RENDERING.get([]))

    def _serves(self, kernel_id: str, notebook: str) -> None:
        self.notebook_of[kernel_id] = notebook
        self.pages_served += 1

    def connected_pages(self) -> dict[str, int]:
        """Notebook → how many of its kernels have a page connected now."""
        counts: dict[str, int] = {}
        kernels = internals.kernels(self)
        for kernel_id, connections in list(internals.connections(self).items()):
            notebook = self.notebook_of.get(kernel_id)
            if connections > 0 and notebook and kernel_id in kernels:
                counts[notebook] = counts.get(notebook, 0) + 1
        for gone in [k for k in self.notebook_of if k not in kernels]:
            del self.notebook_of[gone]
        return counts

    def free_kernels(self) -> int | None:
        """Preheated kernels ready to hand out, or None without preheating."""
        pools = internals.preheated_pools(self)
        if pools is None:
            return None
        return sum(1 for pool in pools.values() for task in pool
                   if task.done() and not task.cancelled() and task.exception() is None)

    def _yield_to_server(self, kernel_id: str) -> None:
        """Run the kernel at a lower CPU priority than the server.

        When attendees arrive together, kernels start (and preheated ones run their notebook) while the
        server sends pages, files and widget state to the attendees already there: the server, a single
        process that every attendee waits on, goes first.
        """
        pid = getattr(getattr(internals.kernels(self).get(kernel_id), "provisioner", None), "pid", None)
        if pid and hasattr(os, "setpriority"):
            try:
                os.setpriority(os.PRIO_PROCESS, pid, max(os.getpriority(os.PRIO_PROCESS, pid), KERNEL_NICENESS))
            except OSError:
                pass

    def notify_disconnect(self, kernel_id: str) -> None:
        super().notify_disconnect(kernel_id)
        if internals.connections(self).get(kernel_id) == 0:
            self._touch(kernel_id)

    def _touch(self, kernel_id: str) -> None:
        kernel = internals.kernels(self).get(kernel_id)
        if kernel is not None:
            kernel.last_activity = internals.utcnow()


def _rendering(kernel_id: str) -> None:
    """Note the kernel of the render request being served (see RENDERING)."""
    holder = RENDERING.get(None)
    if holder is not None:
        holder.append(kernel_id)


class KitContentsManager(LargeFileManager):
    """Jupyter's contents manager without the notebook signature check Voilà never needs.

    Voilà runs each notebook and shows only that run's outputs, so whether stored outputs were signed does
    not matter; the check printed "Notebook … is not trusted" for every page served (the kit's notebooks
    store no outputs, so none is ever signed) and opened a signature database in the user's data folder.
    """

    def mark_trusted_cells(self, nb, path="") -> None:
        self.notary.mark_cells(nb, False)


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
    announce: Callable[[Console, Room], None] | None = None
    listed = "*"  # the notebooks the landing page lists (a pattern like "*/01-*.ipynb")
    console: Console | None = None
    pulse: Pulse | None = None
    room_key = ""
    lang = "en"

    @default("config_file_paths")
    def _no_config_files(self) -> list[str]:
        # A voila.json left in the working directory or in ~/.jupyter must not widen what visitors reach.
        return []

    @default("tornado_settings")
    def _kit_tornado_settings(self) -> dict:
        return {"websocket_max_message_size": WEBSOCKET_MAX_MESSAGE, "log_function": log_request,
                # Jupyter's kernel websockets ping every 30 s and, by default, wait 90 s for the answer, which
                # Tornado 6.5 refuses with a warning at the first connection; equal values keep Jupyter's pings
                # and drop a phone that vanished within a minute (the room view's open pages stay true).
                "ws_ping_interval": WS_PING_MS, "ws_ping_timeout": WS_PING_MS}

    def init_settings(self) -> dict:
        # gzip must be set when Tornado's Application is built (Voilà adds tornado_settings afterwards).
        settings = super().init_settings()
        self.contents_manager = KitContentsManager(parent=self)
        return {**settings, "contents_manager": self.contents_manager, "transforms": [CachedGZip]}

    def init_handlers(self) -> list:
        base = self.server_url
        entries = [e for e in notebook_entries(Path(self.root_dir)) if fnmatch.fnmatch(e.path, self.listed)]
        page = render_landing(default_content(), entries, self.base_url)
        titles = {e.path.rsplit("/", 1)[-1][:2]: e.title for e in reversed(entries) if e.lang == self.lang}
        scripts = build_page_scripts(self.static_paths, self.labextensions_path)
        # The template links the bundle where there is one (Voilà reads these resources from the config at
        # every page it renders).
        resources = self.voila_configuration.config.VoilaConfiguration.resources
        resources.setdefault("kit", {})["page_scripts"] = scripts and scripts.path
        own = [
            *room_handlers(base, self.pulse, self.room_key, self.lang, titles),
            (rf"{base}", LandingHandler, {"page": page}),
            (rf"{base}voila/tree(?:/.*)?", web.RedirectHandler, {"url": self.base_url}),
            # The tree page's directory listing, and (with preheated kernels) the request details of any
            # kernel id, including its query string: the kit's pages use neither.
            (rf"{base}voila/api/contents(?:/.*)?", web.ErrorHandler, {"status_code": 404}),
            (rf"{base}voila/query/.*", web.ErrorHandler, {"status_code": 404}),
            (rf"{base}voila/templates/(.*)", TemplateAssetsHandler),
            *([(rf"{base}{PAGE_SCRIPTS_ROUTE}", PageScriptsHandler, {"scripts": scripts})] if scripts else []),
            *([(rf"{base}{REVEALJS_ROUTE}(.*)", web.StaticFileHandler, {"path": str(revealjs)})]
              if (revealjs := revealjs_dir()) else []),
        ]
        ours = {TornadoVoilaHandler: RenderHandler, VoilaShutdownKernelHandler: ShutdownHandler}
        voila = [(route[0], ours.get(route[1], route[1]), *route[2:]) for route in super().init_handlers()]
        return own + voila

    def start(self) -> None:
        if self.announce is not None and self.room is not None:
            IOLoop.current().add_callback(self._announce, self.announce, self.room)
        if self.console is not None:
            PeriodicCallback(self._watch, WATCH_EVERY_MS).start()
        super().start()

    def _watch(self) -> None:
        """Once a second: the pages connected per module (to the room view), and the terminal's status line."""
        manager = self.kernel_manager
        by_module: dict[str, int] = {}
        for notebook, count in manager.connected_pages().items():
            module = notebook.rsplit("/", 1)[-1][:2]
            by_module[module] = by_module.get(module, 0) + count
        if self.pulse is not None:
            self.pulse.set_connected(by_module)
            self.pulse.totals.pages = manager.pages_served
        if self.console is not None and self.room is not None and self.room.room_view:
            waiting = len(self.pulse.help) if self.pulse is not None else 0
            self.console.status(*status_line(self.console, sum(by_module.values()), manager.free_kernels(), waiting))

    def launch_browser(self) -> None:
        """Open the address the start-up message gives (the room's, with its token), not http://0.0.0.0."""
        if self.room is None:
            return super().launch_browser()
        threading.Thread(target=webbrowser.open, args=(self.room.url,), daemon=True).start()

    def _announce(self, announce: Callable[[Console, Room], None], room: Room) -> None:
        """Runs once the server listens: the start-up message, then a line when the pools are full."""
        announce(self.console or Console("en"), room)
        pools = internals.preheated_pools(self.kernel_manager) or {}
        tasks = [task for pool in pools.values() for task in pool]
        if tasks:
            async def ready() -> None:
                started = await asyncio.gather(*tasks, return_exceptions=True)
                renders = [item["task"] for item in started if isinstance(item, dict)]
                rendered = await asyncio.gather(*renders, return_exceptions=True)
                failed = len(tasks) - sum(not isinstance(item, BaseException) for item in rendered)
                console = self.console or Console("en")
                console.say(console.t("serve.ready-failed", count=len(tasks) - failed, failed=failed) if failed
                            else console.t("serve.ready", count=len(tasks)))

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
        f"--KernelManager.transport={KERNEL_TRANSPORT}",
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


def voila_config(pools: dict[str, int] | None = None, notebooks_dir: Path = NOTEBOOKS_DIR) -> Config:
    """The options that are lists or dicts (traitlets deprecates them on the command line)."""
    config = Config()
    # What the kit's template draws around every page: the ways on, the loading screen's words (kit.serving.nav).
    config.VoilaConfiguration.resources = template_resources(default_content(), notebook_entries(notebooks_dir))
    # /voila/files/ serves nothing: the notebooks hold no image, and nothing else there is for visitors.
    config.VoilaConfiguration.file_allowlist = []
    config.VoilaConfiguration.file_denylist = [".*"]
    # The kit's pages draw ipywidgets and anywidgets, and show no code: every other JupyterLab extension found
    # in the environment (syntax highlighting, say) would be fetched and run by every phone for nothing.
    config.VoilaConfiguration.extension_allowlist = list(PAGE_EXTENSIONS)
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


def print_room(console: Console, room: Room) -> None:
    """The start-up message: where to go, the QR code, the room view, the kernels, how to stop."""
    console.say(*start_up_lines(console, room), "")


def serve(port: int = PORT, ip: str = "localhost", open_browser: bool = True,
          notebooks_dir: Path = NOTEBOOKS_DIR, upload_limit_mb: int = 0, *,
          pools: dict[str, int] | None = None, token: str | None = None, room: Room | None = None,
          cull_idle: int = CULL_IDLE_SECONDS, cull_interval: int = CULL_INTERVAL_SECONDS,
          template: str = TEMPLATE, announce: Callable[[Console, Room], None] | None = None, listed: str = "*",
          lang: str = "en", room_key: str = "", verbose: bool = False) -> None:
    """Run the Voilà server until Ctrl-C or SIGTERM; kernels are shut down on the way out.

    With `room_key` (and a Room whose room_view carries it), the room pulse runs and the session's totals are
    printed at the end. Without `verbose`, the terminal shows the console's lines only, and problems.
    """
    check_port_free(ip, port)
    # Kernels inherit these, preheated ones included (Voilà copies os.environ when it fills a pool):
    # they tell the notebooks they are served to a room, and what upload is allowed.
    os.environ["KIT_SERVED"] = "1"
    os.environ["KIT_UPLOAD_LIMIT_MB"] = str(max(upload_limit_mb, 0))
    os.environ["KIT_STYLESHEET_LINKED"] = "1"  # both kit templates link kit.css: panels need not carry it
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(TEMPLATES_ROOT), os.environ.get("JUPYTER_PATH")])
    )
    KitKernelManager.kernel_log_level = "" if verbose else "CRITICAL"
    internals.share_compiled_templates()
    use_forking_kernels()  # kernels start as forks of a warm parent where that is safe (kit/serving/forking.py)
    for name in REDACTED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactRequests) for f in logger.filters):
            logger.addFilter(RedactRequests())
    console = Console(lang)
    app = KitVoila.instance(config=voila_config(pools, notebooks_dir))
    app.room = room or Room(url=f"http://localhost:{port}/" + (f"?token={token}" if token else ""),
                            token=token, preheated=pools or {}, cull_idle=cull_idle, cull_interval=cull_interval)
    app.announce, app.listed, app.console, app.lang = announce or print_room, listed, console, lang
    if room_key:
        app.pulse, app.room_key = Pulse(default_content()), room_key
    app.initialize(argv=voila_argv(notebooks_dir, port, ip, open_browser, template=template, pools=pools, token=token,
                                   cull_idle=cull_idle, cull_interval=cull_interval))
    if not verbose:
        # A page closed while its notebook ran: its kernel was stopped on purpose, and the render says so loudly.
        quiet_jupyter_logs(console, (app.log, logging.getLogger("tornado")),
                           routine=lambda _: app.kernel_manager.stopped_mid_render())
    sys.stdout.flush()
    try:
        app.start()
    finally:
        console.end_status()
        if app.pulse is not None:
            console.say(*totals_lines(console, app.pulse), "")
        manager = getattr(app, "kernel_manager", None)
        if pools and isinstance(manager, KitKernelManager) and manager.pages_served:
            # How far the pools went: the figure to size --pool by for the next session.
            console.say(console.t("serve.pool-use", preheated=manager.pages_preheated, pages=manager.pages_served))
