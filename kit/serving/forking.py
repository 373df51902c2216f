"""Kernels started as forks of a warm parent (a "zygote"), so a room's kernels share what they all load.

Every kernel of the kit imports ipykernel, ipywidgets, anywidget and the kit and parses data/: about 0.5 s of
CPU and most of its memory, the same for every attendee. The zygote, a process the server starts once, does
that work and then forks one child per kernel: each child starts with everything imported, and shares those
pages copy-on-write with the zygote and every other kernel.

How it stays safe:
- Linux only (os.fork, pidfd). macOS's system libraries are not fork-safe and Windows has no fork: there, or
  with KIT_FORK_KERNELS=0, or if the zygote cannot start, kernels start as ordinary processes (LocalProvisioner).
- The zygote starts no thread and no zmq context before forking (checked: it refuses to serve otherwise);
  each child closes what it inherited, and IPKernelApp opens its own context and sockets from the kernel's
  connection file, exactly as an ordinary kernel does (tcp or ipc: whatever the connection file says).
- The server gets a pidfd for each child (through the zygote's socket, before the child can be reaped):
  interrupt, kill, poll and wait act on that process and never on a reused pid. Children run in a session
  of their own, as ordinary kernels do; the zygote reaps them, and when the server goes, the zygote goes,
  and the kernels follow (ipykernel's parent poller).

`kit serve` calls use_forking_kernels(): a `python3` kernelspec (ipykernel's own, plus this provisioner's name)
in a private folder put first on JUPYTER_PATH; pyproject.toml registers the provisioner under the entry point
group "jupyter_client.kernel_provisioners".
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import select
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

PROVISIONER_NAME = "kit-forking-provisioner"
FORK_SWITCH = "KIT_FORK_KERNELS"  # "0": ordinary kernels, even where forking is possible
ZYGOTE_NAME = "kit-zygote"  # its process name (/proc/<pid>/comm); its kernels take back the usual one
# What every notebook's kernel would otherwise import itself (the panels' modules: kit/widgets/__init__.py).
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.comm", "ipywidgets",
           "anywidget", "kit.widgets", "kit.env")
READY_TIMEOUT = 120  # seconds for the zygote to import everything (about 1.3 s of CPU; more on a busy laptop)
FORK_TIMEOUT = 30  # seconds for one fork's answer (milliseconds, unless the laptop is swamped)
MAX_MESSAGE = 1 << 20  # a request is a command line, a folder and an environment
EXITED = -1  # poll()'s answer once a forked kernel has ended: its exit status went to the zygote, its parent

log = logging.getLogger("kit.serve")


def fork_possible() -> bool:
    """Whether kernels may be forks here: Linux with pidfds, and not switched off with KIT_FORK_KERNELS=0."""
    return (sys.platform == "linux" and hasattr(os, "fork") and hasattr(os, "pidfd_open")
            and hasattr(signal, "pidfd_send_signal") and os.environ.get(FORK_SWITCH, "1") != "0")


# --- the server's side ---

def use_forking_kernels() -> Path:
    """Make this process's kernels (and its children's) use ForkingProvisioner; returns the kernelspec folder.

    The notebooks name the `python3` kernel: a folder first on JUPYTER_PATH holding kernels/python3 wins over
    ipykernel's own spec. Removed when the process exits.
    """
    import atexit
    import shutil
    import tempfile

    from ipykernel.kernelspec import KERNEL_NAME, get_kernel_dict, write_kernel_spec

    root = Path(tempfile.mkdtemp(prefix="kit-kernelspec-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    metadata = {**get_kernel_dict()["metadata"], "kernel_provisioner": {"provisioner_name": PROVISIONER_NAME}}
    write_kernel_spec(root / "kernels" / KERNEL_NAME, overrides={"metadata": metadata})
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(root), os.environ.get("JUPYTER_PATH")]))
    return root


class ForkedProcess:
    """The part of subprocess.Popen that LocalProvisioner uses, for a kernel that is the zygote's child."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, pidfd: int):
        self.pid, self.pidfd = pid, pidfd
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and self._ended(0):
            self.returncode = EXITED
            os.close(self.pidfd)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self._ended(None if timeout is None else int(timeout * 1000))
        if self.poll() is None:
            raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
        return EXITED

    def _ended(self, timeout_ms: int | None) -> bool:
        # poll(), not select(): a server with 100 kernels holds descriptors above select()'s limit of 1024.
        watch = select.poll()
        watch.register(self.pidfd, select.POLLIN)
        return bool(watch.poll(timeout_ms))

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            signal.pidfd_send_signal(self.pidfd, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class Zygote:
    """The warm parent, seen from the server: started once, asked for one fork at a time over a socket pair."""

    _shared: Zygote | None = None

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.socket: socket.socket | None = None
        self.lock = asyncio.Lock()
        self.failed = False

    @classmethod
    def shared(cls) -> Zygote:
        if cls._shared is None:
            cls._shared = cls()
        return cls._shared

    async def fork(self, cmd: list[str], env: dict[str, str], cwd: str | None) -> ForkedProcess | None:
        """A kernel forked from the zygote, or None (the caller starts an ordinary kernel)."""
        if self.failed:
            return None
        async with self.lock:  # one request and its answer at a time
            try:
                if self.process is None or self.process.poll() is not None:
                    await asyncio.get_running_loop().run_in_executor(None, self._start)
                request = {"cmd": cmd, "env": env, "cwd": cwd or os.getcwd()}
                return await asyncio.get_running_loop().run_in_executor(None, self._ask, request)
            except (OSError, ValueError, RuntimeError) as exc:
                self.failed = True
                log.warning("kit serve: kernels start as ordinary processes (forking from a warm parent "
                            "failed: %s)", exc)
                self.stop()
                return None

    def _start(self) -> None:
        import atexit

        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        with theirs:
            # A session of its own: the terminal's Ctrl-C reaches the server, which shuts kernels down first.
            self.process = subprocess.Popen([sys.executable, "-m", "kit.serving.forking", str(theirs.fileno())],
                                            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
                                            start_new_session=True)
        atexit.register(self.stop)  # the server reaps it on the way out (its kernels are shut down by then)
        ours.settimeout(READY_TIMEOUT)
        self.socket = ours
        answer = _receive(ours)[0]
        if not answer.get("ready"):
            raise RuntimeError(answer.get("error", "the warm parent did not start"))
        ours.settimeout(FORK_TIMEOUT)

    def _ask(self, request: dict) -> ForkedProcess:
        assert self.socket is not None
        _send(self.socket, request)
        answer, fds = _receive(self.socket)
        if "pid" not in answer or len(fds) != 1:
            for fd in fds:
                os.close(fd)
            raise RuntimeError(answer.get("error", "no kernel forked"))
        return ForkedProcess(answer["pid"], fds[0])

    def stop(self) -> None:
        if self.socket is not None:
            self.socket.close()  # the zygote exits when its socket closes
            self.socket = None
        if self.process is not None:
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None


class ForkingProvisioner(LocalProvisioner):
    """LocalProvisioner whose kernels are forks of the zygote where that is safe, ordinary processes elsewhere."""

    forked = False

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        launch = LocalProvisioner._scrub_kwargs(kwargs)
        env, cwd = launch.pop("env", None), launch.pop("cwd", None)
        process = None
        # Anything else (stdout, stderr, independent...) is Popen's business: an ordinary kernel then.
        if fork_possible() and not launch and _is_ipykernel(cmd):
            process = await Zygote.shared().fork(cmd, dict(os.environ if env is None else env),
                                                 None if cwd is None else str(cwd))
        if process is None:
            self.forked = False
            return await super().launch_kernel(cmd, **kwargs)
        self.forked = True
        # Popen's interface, as far as LocalProvisioner uses it.
        self.process = process  # type: ignore[assignment]
        self.pid = self.pgid = process.pid  # the child made a session of its own (setsid)
        self.cwd = cwd or Path.cwd()
        return self.connection_info


def _is_ipykernel(cmd: list[str]) -> bool:
    """The command a kernelspec gives ipykernel here, with this Python: what a fork of the zygote becomes."""
    return len(cmd) >= 3 and cmd[0] == sys.executable and cmd[1:3] == ["-m", "ipykernel_launcher"]


# --- messages over the socket pair: a 4-byte length, JSON, and file descriptors alongside ---

def _send(sock: socket.socket, message: dict, fds: list[int] | None = None) -> None:
    data = json.dumps(message).encode()
    frame = len(data).to_bytes(4, "big") + data
    if fds:
        socket.send_fds(sock, [frame[:4]], fds)
        sock.sendall(frame[4:])
    else:
        sock.sendall(frame)


def _receive(sock: socket.socket) -> tuple[dict, list[int]]:
    head, fds, _, _ = socket.recv_fds(sock, 4, 4)
    while len(head) < 4:
        if not (more := sock.recv(4 - len(head))):
            raise ConnectionError("the other side closed the socket")
        head += more
    size = int.from_bytes(head, "big")
    if size > MAX_MESSAGE:
        raise ValueError("message too large")
    data = b""
    while len(data) < size:
        if not (more := sock.recv(size - len(data))):
            raise ConnectionError("the other side closed the socket")
        data += more
    return json.loads(data), list(fds)


# --- the zygote's side (python -m kit.serving.forking FD) ---

def _set_process_name(name: str) -> None:
    try:
        Path("/proc/self/comm").write_text(name)
    except OSError:
        pass


def _preload() -> None:
    """Import what every kernel imports, and parse data/, once."""
    import importlib

    for module in PRELOAD:
        importlib.import_module(module)
    from kit.content import default_content
    from kit.widgets import _PANELS

    for module in sorted(set(_PANELS.values())):
        importlib.import_module(f"kit.widgets.{module}")
    default_content()


def _fork_unsafe_reason() -> str | None:
    """Why forking this process now would not be safe, or None."""
    import threading

    import zmq

    if threading.active_count() != 1:
        return f"{threading.active_count()} threads are running"
    if zmq.Context._instance is not None:
        return "a zmq context exists"
    return None


def _reap(*_: object) -> None:
    """Collect every child that has ended (SIGCHLD): no zombie stays."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _become_kernel(request: dict, zygote_pid: int, usual_name: str) -> None:
    """In the child: drop what the zygote held, then run IPKernelApp as `python -m ipykernel_launcher` would."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.closerange(3, os.sysconf("SC_OPEN_MAX") if os.sysconf("SC_OPEN_MAX") > 0 else 65536)
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ["JPY_PARENT_PID"] = str(zygote_pid)
    os.chdir(request["cwd"])
    sys.path[0] = os.getcwd()  # what `python -m` puts first
    _set_process_name(usual_name)
    from ipykernel.kernelapp import IPKernelApp

    argv = request["cmd"][3:]
    sys.argv = [str(Path(sys.modules["ipykernel"].__file__ or "").parent.with_name("ipykernel_launcher.py")), *argv]
    app = IPKernelApp.instance()
    # The trait's default was read from the zygote's environment at import: say it again.
    app.initialize([*argv, f"--IPKernelApp.parent_handle={zygote_pid}"])
    _after_kernel_init()
    app.start()


def _after_kernel_init() -> None:
    """What the preloaded modules do on import when a kernel is running, and did not do in the zygote."""
    import ipywidgets

    ipywidgets.register_comm_target()  # the jupyter.widget and jupyter.widget.control comm targets


def _serve(fd: int) -> int:
    """The zygote's loop: one fork per request, until the server closes the socket."""
    import atexit
    import gc

    sock = socket.socket(fileno=fd)
    usual_name = Path("/proc/self/comm").read_text().strip() if Path("/proc/self/comm").exists() else "python"
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when kernels stop
    try:
        _preload()
    except Exception as exc:  # noqa: BLE001 (reported to the server, which starts ordinary kernels)
        _send(sock, {"error": f"preloading failed: {type(exc).__name__}: {exc}"})
        return 1
    if reason := _fork_unsafe_reason():
        _send(sock, {"error": f"not safe to fork: {reason}"})
        return 1
    _set_process_name(ZYGOTE_NAME)
    signal.signal(signal.SIGCHLD, _reap)
    gc.collect()
    gc.freeze()  # what is here now is never touched by the collector again: its pages stay shared
    _send(sock, {"ready": True})
    while True:
        try:
            request, fds = _receive(sock)
        except (ConnectionError, OSError, ValueError):
            return 0
        for extra in fds:
            os.close(extra)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})  # not reaped before its pidfd exists
        pid = os.fork()
        if pid == 0:
            code = 1
            sock.detach()  # its descriptor is closed below with the others, never again by this object
            try:
                _become_kernel(request, os.getppid(), usual_name)
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
            except BaseException:  # noqa: BLE001 (the child must never return into the zygote's loop)
                import traceback

                traceback.print_exc()
            finally:
                try:
                    atexit._run_exitfuncs()
                    sys.stdout.flush()
                    sys.stderr.flush()
                finally:
                    os._exit(code)
        try:
            pidfd = os.pidfd_open(pid)
            _send(sock, {"pid": pid}, [pidfd])
            os.close(pidfd)
        except OSError as exc:
            try:
                _send(sock, {"error": str(exc)})
            except OSError:
                return 0
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
        gc.freeze()


if __name__ == "__main__":
    sys.exit(_serve(int(sys.argv[1])))
