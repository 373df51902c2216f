"""`kit serve` as a facilitator uses it: landing page, busy port, clean Ctrl-C, nothing from a CDN."""

from __future__ import annotations

import html
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import free_port, start_server

from kit.serving.landing import notebook_entries

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//(?!localhost|127\.0\.0\.1)""", re.I)


def test_landing_offers_every_notebook_in_both_languages(server):
    page = server.get()
    entries = notebook_entries(ROOT / "notebooks")
    assert {e.lang for e in entries} == {"fr", "en"}
    for entry in entries:
        assert f"voila/render/{entry.path}" in page
        assert html.escape(entry.title) in page
    assert '<html lang="fr">' in page and 'lang="en"' in page


def test_tree_redirects_to_the_landing_page(server):
    assert "voila/render/fr/" in server.get("voila/tree/fr")


def test_served_notebook_is_in_its_language_and_loads_nothing_external(server):
    for lang in ("fr", "en"):
        page = server.get(f"voila/render/{lang}/01-what-feeds-meta-ai.ipynb")
        assert f'<html lang="{lang}">' in page
        assert not EXTERNAL.findall(page), EXTERNAL.findall(page)
        assert "from kit.widgets" not in page, "sources must be stripped"


def test_pages_and_scripts_travel_compressed_and_intact_to_every_attendee(server):
    import gzip
    import urllib.request

    def fetch(path: str, method: str = "GET", gzipped: bool = True):
        headers = {"Accept-Encoding": "gzip"} if gzipped else {}
        request = urllib.request.Request(server.url + path, headers=headers, method=method)
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.headers, response.read()

    page = server.get("voila/render/fr/03-my-checklist.ipynb")
    scripts = re.findall(r'src="/(voila/[^"]+\.js[^"]*)"', page)
    assert scripts
    for path in ("voila/render/fr/03-my-checklist.ipynb", *scripts):
        headers, wire = fetch(path)
        assert headers["Content-Encoding"] == "gzip", path
        assert len(wire) < len(gzip.decompress(wire)) / 2, path
    for path in scripts:  # the first attendee's response was kept: later ones get the same script, whole
        _, plain = fetch(path, gzipped=False)
        for _ in range(2):
            headers, wire = fetch(path)
            assert gzip.decompress(wire) == plain and int(headers["Content-Length"]) == len(wire)
        headers, body = fetch(path, method="HEAD")
        assert body == b""


@pytest.mark.parametrize("lan", [[], ["--lan"]], ids=["local", "lan"])
def test_busy_port_is_a_clear_error_not_a_move(tmp_path, lan):
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = subprocess.run(
            [sys.executable, "-m", "kit", "serve", *lan, "--no-browser", f"--port={port}"],
            capture_output=True, text=True, timeout=60, cwd=tmp_path,
        )
    assert result.returncode == 2
    assert f"port {port} is already in use" in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr  # one sentence, one line
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "kit-qr.png").exists(), "no QR code for a server that did not start"


def test_ctrl_c_stops_the_server_and_its_kernels(tmp_path):
    server = start_server(tmp_path)
    server.get("voila/render/en/01-what-feeds-meta-ai.ipynb")
    assert server.children(), "opening a notebook starts a kernel"
    processes = server.descendants()  # its kernels, and the warm parent they were forked from
    assert server.stop() == 0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in processes):
        time.sleep(0.2)
    assert not [pid for pid in processes if Path(f"/proc/{pid}").exists()], "processes left behind"


@pytest.mark.browser
@pytest.mark.parametrize("moment", ["loaded", "loading"])
def test_closing_a_tab_shuts_its_kernel_down(server, moment):
    """A closed tab stops its kernel at once, even while the page is still loading (an attendee who reloads)."""
    from browser import CHROMIUM, CHROMIUM_ARGS, require_browser

    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            before = server.children()
            page = browser.new_context().new_page()  # a page of its own context would take it down on close
            page.goto(server.url + "voila/render/en/01-what-feeds-meta-ai.ipynb", wait_until="commit")
            # "detached" holds at once for a page whose loading screen has not arrived yet: the kernel id first.
            page.wait_for_selector("#jupyter-config-data", state="attached", timeout=120_000)
            if moment == "loaded":
                page.wait_for_selector("#loading", state="detached", timeout=120_000)
            else:  # the kernel has started (its id is on the page) and the notebook is running
                assert page.locator("#loading").count() == 1
            kernels = server.children() - before
            assert len(kernels) == 1, "the page started its kernel"
            page.close(run_before_unload=True)
            # At once, next to the culler's 600 s: the shutdown asks the kernel to stop and kills it 5 s later if
            # it has not, and a machine running the whole suite can be slow to do either.
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and _running(kernels):
                time.sleep(0.2)
        finally:
            browser.close()
    assert not _running(kernels), (f"the kernel outlived its page: {_running(kernels)} (server {server.process.pid}); "
                                   f"the server's last lines: {server.log.read_text()[-1500:]}")
    terminal = server.log.read_text()
    assert "Traceback" not in terminal and "Kernel died" not in terminal, "a closed tab is routine, not a problem"


def _running(pids: set[int]) -> dict[int, str]:
    """The processes among `pids` that still run, with their state (an exited one waiting to be reaped is not)."""
    states = {}
    for pid in pids:
        try:
            state = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                         if line.startswith("State:"))
        except (OSError, StopIteration):
            continue
        if "zombie" not in state:
            try:  # what it is, to tell a kernel from another process of the server's tree
                name = Path(f"/proc/{pid}/comm").read_text().strip()
                parent = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                              if line.startswith("PPid:"))
            except (OSError, StopIteration):
                name, parent = "?", "?"
            states[pid] = f"{state}; {name}; {parent}"
    return states


def test_start_up_names_the_facts_to_check_again(content, capsys):
    import datetime as dt

    from kit.content.staleness import print_stale_facts

    print_stale_facts(today=min(f.last_checked for f in content.facts.values()))
    assert "fact(s) last checked" not in capsys.readouterr().out, "no stale fact while every fact is fresh"
    later = max(f.last_checked for f in content.facts.values()) + dt.timedelta(days=400)
    print_stale_facts(today=later)
    out = capsys.readouterr().out
    assert f"{len(content.facts)} fact(s) last checked more than 180 days ago" in out
    assert all(fact_id in out for fact_id in content.facts)


def test_start_up_says_how_many_paths_and_forms_were_never_seen_on_an_account(content, capsys):
    from kit.content.staleness import print_stale_facts
    from kit.content.verification import account_summary

    summary = account_summary(content)
    print_stale_facts("kit slides")
    out = capsys.readouterr().out
    assert out.startswith("kit slides: ")
    assert f"{len(summary.never)} of {len(summary.entries)}" in out
    assert (str(summary.oldest) in out) if summary.oldest else "oldest" not in out
