"""The kit's kernel provisioner: on Linux a kernel is a fork of a warm parent that has already imported the kit;
with KIT_FORK_KERNELS=0 (as on macOS and Windows) it is an ordinary process. Both start, run code, are
interrupted, restarted and shut down the same way, over tcp and ipc, and leave no process behind."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from jupyter_client.manager import AsyncKernelManager

from kit.serving.forking import FORK_SWITCH, ZYGOTE_NAME, ForkingProvisioner, Zygote, fork_possible, use_forking_kernels

PROBE = ("import os, sys, comm\n"
         "import ipywidgets  # an ordinary kernel registers the widget comm targets here\n"
         "print('preloaded=%s' % ('kit.widgets.checklist' in sys.modules and 'kit.content' in sys.modules))\n"
         "print('widget-targets=%s' % ('jupyter.widget.control' in comm.get_comm_manager().targets))\n"
         "print('cwd=%s probe=%s parent=%s' % (os.getcwd(), os.environ.get('KIT_PROBE'), os.getppid()))")


@pytest.fixture(autouse=True)
def kit_kernelspec(monkeypatch, tmp_path) -> Iterator[None]:
    monkeypatch.setenv("JUPYTER_PATH", os.environ.get("JUPYTER_PATH", ""))  # restored after the test
    use_forking_kernels()
    yield
    Zygote.shared().stop()
    Zygote._shared = None


def gone(pid: int) -> bool:
    """Neither running nor a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "X"
    except OSError:
        return True


def process_name(pid: int) -> str:
    return Path(f"/proc/{pid}/comm").read_text().strip()


async def run_kernel(transport: str, cwd: Path) -> dict:
    """Start a kernel of the kit's kernelspec, run the probe, interrupt a sleep, restart, shut down."""
    seen: dict = {}
    # As the server's kernels: a connection file in its own folder (ipc sockets are made next to it).
    km = AsyncKernelManager(kernel_name="python3", transport=transport, connection_file=str(cwd / "kernel.json"))
    await km.start_kernel(cwd=str(cwd), env={**os.environ, "KIT_PROBE": "here"})
    seen["provisioner"] = km.provisioner
    seen["pids"] = [km.provisioner.pid]
    client = km.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        out: list[str] = []
        reply = await client.execute_interactive(
            PROBE, timeout=30, output_hook=lambda m: out.append(m["content"].get("text", "")))
        seen["probe"], seen["status"] = "".join(out), reply["content"]["status"]
        seen["name"] = process_name(km.provisioner.pid)
        client.execute("import time; time.sleep(60)")
        await asyncio.sleep(0.5)
        started = time.monotonic()
        await km.interrupt_kernel()
        interrupted = await client.get_shell_msg(timeout=20)
        seen["interrupted"] = (interrupted["content"].get("ename"), time.monotonic() - started)
        await km.restart_kernel()
        await client.wait_for_ready(timeout=60)
        seen["pids"].append(km.provisioner.pid)
        seen["alive_after_restart"] = await km.is_alive()
        seen["forked_after_restart"] = km.provisioner.forked
    finally:
        client.stop_channels()
        await km.shutdown_kernel()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not all(gone(pid) for pid in seen["pids"]):
        await asyncio.sleep(0.1)
    seen["left_behind"] = [pid for pid in seen["pids"] if not gone(pid)]
    return seen


def assert_same_behaviour(seen: dict, cwd: Path) -> None:
    assert isinstance(seen["provisioner"], ForkingProvisioner)
    assert seen["status"] == "ok"
    assert "widget-targets=True" in seen["probe"], "ipywidgets' comm targets are there, as in any kernel"
    assert f"cwd={cwd} probe=here" in seen["probe"], "the kernel runs in its folder with its environment"
    assert seen["interrupted"][0] == "KeyboardInterrupt" and seen["interrupted"][1] < 10
    assert seen["pids"][0] != seen["pids"][1] and seen["alive_after_restart"]
    assert seen["left_behind"] == [], "no kernel process and no zombie stays after shutdown"


@pytest.mark.skipif(not fork_possible(), reason="forking kernels is Linux-only (macOS, Windows: ordinary kernels)")
@pytest.mark.parametrize("transport", ["tcp", "ipc"])
def test_a_forked_kernel_starts_with_the_kit_imported_and_behaves_like_any_kernel(transport, tmp_path):
    seen = asyncio.run(run_kernel(transport, tmp_path))
    assert_same_behaviour(seen, tmp_path)
    assert seen["provisioner"].forked and seen["forked_after_restart"]
    assert "preloaded=True" in seen["probe"], "the kit was imported before the kernel ran any code"
    zygote = Zygote.shared().process
    assert zygote is not None and f"parent={zygote.pid}" in seen["probe"]
    assert process_name(zygote.pid) == ZYGOTE_NAME and seen["name"] != ZYGOTE_NAME
    Zygote.shared().stop()
    assert gone(zygote.pid), "the warm parent goes when the server lets it go"


def test_with_forking_switched_off_kernels_are_ordinary_processes(monkeypatch, tmp_path):
    monkeypatch.setenv(FORK_SWITCH, "0")
    assert not fork_possible()
    seen = asyncio.run(run_kernel("tcp", tmp_path))
    assert_same_behaviour(seen, tmp_path)
    assert not seen["provisioner"].forked
    assert "preloaded=False" in seen["probe"] and f"parent={os.getpid()}" in seen["probe"]
    assert Zygote.shared().process is None, "no warm parent was started"

