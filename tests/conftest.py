"""Shared fixtures: the kit's content, and a real `kit serve` on a free port."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kit.content import DATA_DIR, Content, load_content

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A throwaway copy of data/, for tests that damage it."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop_process(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
    """Ask a server to stop with `sig`; kill it if it has not stopped within `timeout` seconds."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
    return process.wait()


@dataclass
class Server:
    """A running `kit serve` process."""

    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}/"

    def get(self, path: str = "") -> str:
        with urllib.request.urlopen(self.url + path, timeout=120) as response:
            return response.read().decode("utf-8")

    def children(self) -> set[int]:
        """PIDs of the server's kernels: its descendants, but the warm parent that kernels are forked from."""
        from kit.serving.forking import ZYGOTE_NAME

        return {pid for pid in self.descendants() if _process_name(pid) != ZYGOTE_NAME}

    def descendants(self) -> set[int]:
        found, todo = set(), [self.process.pid]
        while todo:
            for task in Path(f"/proc/{todo.pop()}/task").glob("*/children"):
                try:
                    new = {int(pid) for pid in task.read_text().split()} - found
                except OSError:
                    continue
                found |= new
                todo.extend(new)
        return found

    def stop(self) -> int:
        return stop_process(self.process, signal.SIGINT)  # Ctrl-C, as a facilitator stops it


def _process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def start_server(tmp_path: Path, *extra: str, command: str = "serve", kit: tuple[str, ...] = ("-m", "kit")) -> Server:
    """Start `kit serve --no-browser` (or `kit slides`) on a free port and wait until the landing page answers."""
    # `kit`: how Python runs the command, `-m kit` or `-c CODE` that ends in kit.cli.main().
    port = free_port()
    log = tmp_path / "server.log"
    process = subprocess.Popen(
        [sys.executable, *kit, command, "--no-browser", f"--port={port}", *extra],
        stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=tmp_path,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    server = Server(process, port, log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kit {command} exited early:\n{log.read_text()}")
        try:
            server.get()
            return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"kit {command} did not answer in time:\n{log.read_text()}")


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("serve"))
    yield running
    running.stop()
