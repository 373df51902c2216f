"""`kit serve`: Voilà over notebooks/, with the kit's template, landing page and safe defaults."""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path

from tornado import web
from voila.app import Voila

from kit.content import load_content
from kit.paths import NOTEBOOKS_DIR
from kit.serving.landing import notebook_entries, render_landing

TEMPLATES_ROOT = Path(__file__).resolve().parent / "templates"
TEMPLATE = "kit"


class PortInUseError(OSError):
    """The requested port is taken: the kit never moves silently to another one."""


class LandingHandler(web.RequestHandler):
    """Serves the bilingual landing page built at start-up."""

    def initialize(self, page: str) -> None:
        self.page = page

    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.write(self.page)


class KitVoila(Voila):
    """Voilà with the kit's landing page at / in place of the file tree."""

    def init_handlers(self) -> list:
        base = self.server_url
        page = render_landing(load_content(), notebook_entries(Path(self.root_dir)), self.base_url)
        own = [
            (rf"{base}", LandingHandler, {"page": page}),
            (rf"{base}voila/tree(?:/.*)?", web.RedirectHandler, {"url": self.base_url}),
        ]
        return own + super().init_handlers()


def voila_argv(notebooks_dir: Path, port: int, ip: str, open_browser: bool) -> list[str]:
    """Command-line options for the kit's Voilà app."""
    argv = [
        str(notebooks_dir),
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--Voila.port_retries=0",
        f"--template={TEMPLATE}",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--VoilaConfiguration.allow_template_override=NO",
        "--VoilaConfiguration.allow_theme_override=NO",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_idle_timeout=1800",
    ]
    if not open_browser:
        argv.append("--no-browser")
    return argv


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


def serve(port: int = 8866, ip: str = "localhost", open_browser: bool = True,
          notebooks_dir: Path = NOTEBOOKS_DIR, upload_limit_mb: int = 0) -> None:
    """Run the Voilà server until Ctrl-C or SIGTERM; kernels are shut down on the way out."""
    check_port_free(ip, port)
    # Kernels inherit these: they tell the notebooks they are served to a room, and what upload is allowed.
    os.environ["KIT_SERVED"] = "1"
    os.environ["KIT_UPLOAD_LIMIT_MB"] = str(max(upload_limit_mb, 0))
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [str(TEMPLATES_ROOT), os.environ.get("JUPYTER_PATH")])
    )
    KitVoila.launch_instance(argv=voila_argv(notebooks_dir, port, ip, open_browser))
