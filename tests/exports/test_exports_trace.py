"""An export the reader trips on leaves a trace for the facilitator (what went wrong, in which kind of file),
never a participant's content, and never on the participant's page."""

from __future__ import annotations

import logging
import os
import queue
import subprocess
import sys
from pathlib import Path

import pytest
from jupyter_client.manager import KernelManager

from kit.exports import Problem, read_export, reader

from .export_builders import zip_bytes

POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
SECRET = "Camille's secret"
ROOT = Path(__file__).resolve().parents[2]


def broken_parse(raw, match):
    raise RuntimeError(SECRET)


def test_an_unexpected_error_names_its_type_and_the_kind_of_file(monkeypatch, caplog) -> None:
    monkeypatch.setattr(reader, "_parse", broken_parse)
    with caplog.at_level(logging.INFO, logger="kit.exports"):
        result = read_export(zip_bytes({POSTS: [{"timestamp": 1_700_000_000, "title": SECRET}]}))
    assert result.problems == [Problem("exports.unexpected-error")]
    [record] = [r for r in caplog.records if r.name == "kit.exports"]
    assert record.levelno == logging.WARNING
    assert "RuntimeError" in record.getMessage() and "fb-posts" in record.getMessage()
    assert SECRET not in record.getMessage() and "your_posts" not in record.getMessage()
    assert record.exc_info is None  # a traceback would carry the exception's message


def test_a_file_of_an_unexpected_shape_is_noted_by_kind(caplog) -> None:
    with caplog.at_level(logging.INFO, logger="kit.exports"):
        result = read_export(zip_bytes({POSTS: [SECRET, 2, 3]}))
    assert [f.problem.code for f in result.failed] == ["exports.unexpected-shape"]
    messages = [r.getMessage() for r in caplog.records if r.name == "kit.exports"]
    assert len(messages) == 1 and "fb-posts" in messages[0]
    assert SECRET not in messages[0] and "your_posts" not in messages[0]


def test_outside_a_kernel_nothing_is_written_without_logging_set_up() -> None:
    code = (
        "from kit.exports import reader, read_export\n"
        "from tests.exports.export_builders import zip_bytes\n"
        "def broken(raw, match):\n"
        "    raise RuntimeError('x')\n"
        "reader._parse = broken\n"
        f"print(read_export(zip_bytes({{{POSTS!r}: []}})).problems[0].code)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert (run.stdout.strip(), run.stderr) == ("exports.unexpected-error", "")


@pytest.mark.parametrize("capture_fd_output", [True, False])
def test_in_a_kernel_the_trace_reaches_the_terminal_not_the_page(tmp_path, capture_fd_output) -> None:
    terminal = tmp_path / "kernel-stderr.txt"
    manager = KernelManager(kernel_name="python3")
    # ipykernel captures fd 2 for the page, as in a served kernel, unless it sees that pytest is running
    env = {name: value for name, value in os.environ.items() if name != "PYTEST_CURRENT_TEST"}
    with terminal.open("w") as stderr:
        manager.start_kernel(stderr=stderr, cwd=str(ROOT), env=env,
                             extra_arguments=[f"--IPKernelApp.capture_fd_output={capture_fd_output}"])
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        code = (
            "from kit.exports import reader, read_export\n"
            "from tests.exports.export_builders import zip_bytes\n"
            "def broken(raw, match):\n"
            f"    raise RuntimeError({SECRET!r})\n"
            "reader._parse = broken\n"
            f"print(read_export(zip_bytes({{{POSTS!r}: []}})).problems[0].code)\n"
        )
        msg_id = client.execute(code)
        page = []
        while True:
            try:
                message = client.get_iopub_msg(timeout=60)
            except queue.Empty:
                break
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            if message["msg_type"] in ("stream", "error"):
                page.append(str(message["content"]))
            if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                break
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert "exports.unexpected-error" in "".join(page)
    assert "RuntimeError" not in "".join(page) and "kit.exports" not in "".join(page)
    written = terminal.read_text()
    assert "kit.exports WARNING: read_export: unexpected RuntimeError while reading a member of kind fb-posts" \
        in written
    assert SECRET not in written
