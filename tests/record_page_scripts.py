"""Record which of Voilà's scripts the kit's pages fetch, into kit/serving/page_scripts.json.

    python tests/record_page_scripts.py

Run it after upgrading Voilà, ipywidgets or anywidget (tests/test_page_scripts.py fails until then, and pages
fetch their scripts one by one). It serves the kit without the bundle, opens every module in both languages at
a phone's and a laptop's width in Chromium, and keeps each webpack chunk a page fetched, with its SHA-256.
Scripts the page itself names (voila.js, the extensions' remoteEntry files) are fetched as they are.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kit.env import NOTEBOOKS_DIR  # noqa: E402
from kit.serving.internals import PAGE_SCRIPT_ROOTS, PAGE_SCRIPTS  # noqa: E402
from kit.serving.page_scripts import SWITCH  # noqa: E402

CHROMIUM = os.environ.get("KIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# The page is drawn: loading screen gone, widgets there, none still waiting (Voilà's words, or the kit's).
DRAWN = """(waiting) => { const cells = document.getElementById("rendered_cells");
  return cells && !document.getElementById("loading") && cells.querySelector(".jupyter-widgets")
    && !waiting.some((words) => cells.innerText.includes(words)); }"""
LIBRARIES = ("voila", "ipywidgets", "jupyterlab_widgets", "anywidget")


def chunk(url_path: str) -> bool:
    """A webpack chunk a page fetches by itself (not voila.js, not an extension's remoteEntry)."""
    name = url_path.rsplit("/", 1)[-1]
    return (url_path.startswith(PAGE_SCRIPT_ROOTS) and name.endswith(".js") and name != "voila.js"
            and not name.startswith("remoteEntry."))


def record(base: str, pages: list[str]) -> dict[str, str]:
    """URL path → SHA-256 of every chunk the pages fetched."""
    from playwright.sync_api import sync_playwright

    from kit.content import LANGS, default_content

    waiting = ["Loading widget", *(default_content().text("loading.widget", lang) for lang in LANGS)]
    seen: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for page_path in pages:
            for width in (390, 1280):
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                fetched: list[str] = []
                page.on("request", lambda r, fetched=fetched: fetched.append(urlsplit(r.url).path.lstrip("/")))
                page.goto(base + "voila/render/" + page_path, timeout=180_000)
                page.wait_for_function(DRAWN, arg=waiting, timeout=180_000)
                time.sleep(2)  # chunks a drawn widget asks for a moment later
                seen += [path for path in fetched if chunk(path) and path not in seen]
                context.close()
        browser.close()
    return {path: hashlib.sha256(urllib.request.urlopen(base + path).read()).hexdigest() for path in sorted(seen)}


def main() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    pages = sorted(p.relative_to(NOTEBOOKS_DIR).as_posix() for p in NOTEBOOKS_DIR.glob("*/[0-9][0-9]-*.ipynb"))
    server = subprocess.Popen([sys.executable, "-m", "kit", "serve", "--no-browser", f"--port={port}", "--pool", "0"],
                              env={**os.environ, SWITCH: "0"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base, timeout=5).read()
                break
            except OSError:
                time.sleep(0.5)
        files = record(base, pages)
    finally:
        server.terminate()
        server.wait(timeout=30)
    manifest = {"about": "Written by tests/record_page_scripts.py: the webpack chunks the kit's pages fetch.",
                "libraries": {name: version(name) for name in LIBRARIES}, "pages": pages, "files": files}
    PAGE_SCRIPTS.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"{len(files)} chunks from {len(pages)} pages written to {PAGE_SCRIPTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
