"""Each module's page against a trivial Voilà page (pandas, one slider, a small table), in one Chromium.

    python benchmarks/bench_pages.py                 # medians of 5, fr and en, 390 and 1280 px
    python benchmarks/bench_pages.py --runs 3 --widths 390

The modules are served by `kit serve --pool 1` (every notebook preheated: its kernel started and the notebook
run before the page asks for it) from a temporary copy of the kit's notebooks with the trivial page added; the
yardstick is the trivial page served by plain Voilà (`voila --preheat_kernel=True --pool_size=1`: its own lab
template, every JupyterLab extension installed), and the trivial page under the kit's template is printed too. A page is
usable when Voilà's loading screen is gone and the last widget view is drawn (no "Loading widget..." left):
timed in the page from the navigation's start. Loads go round-robin over the pages, so that each page's
pool has refilled by its next turn. Also prints each page's widget states (the kernel's widget models once
the notebook's code has run, counted in a plain Python process) and how busy the machine was.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TRIVIAL = "00-trivial.ipynb"
CHROMIUM = os.environ.get("KIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
TARGET_RATIO = 1.0
PLAIN = "plain Voilà"  # the trivial page as plain Voilà serves it: the yardstick
# Set in the page before any of its scripts: the first animation frame at which the page is usable. A widget
# not yet drawn shows Voilà's "Loading widget...", which the kit's pages show in their own words.
USABLE_JS = """(() => {
  const waiting = %s;
  const check = () => {
    const cells = document.getElementById("rendered_cells");
    const ready = cells && !document.getElementById("loading") && cells.querySelector(".jupyter-widgets")
      && !waiting.some((words) => cells.innerText.includes(words));
    if (ready) window.__kitUsable = performance.now(); else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();"""


def usable_js() -> str:
    """USABLE_JS with the words of a widget not yet drawn: Voilà's, and the kit's in each language."""
    sys.path.insert(0, str(ROOT))
    from kit.content import LANGS, default_content

    content = default_content()
    return USABLE_JS % json.dumps(["Loading widget", *(content.text("loading.widget", lang) for lang in LANGS)])
COUNT_WIDGETS = """
import json, sys, warnings
warnings.simplefilter("ignore")
import ipywidgets
cells = [c for c in json.load(open(sys.argv[1]))["cells"] if c["cell_type"] == "code"]
namespace = {}
for cell in cells:
    exec("".join(cell["source"]), namespace)
print(len(ipywidgets.Widget.widgets))
"""


def trivial_notebook(lang: str) -> dict:
    """The yardstick: pandas, one slider and a small table."""
    source = (
        "import ipywidgets as w\nimport pandas as pd\nfrom IPython.display import display\n\n"
        'display(w.IntSlider(value=5, min=0, max=10, description="n"))\n'
        'pd.DataFrame({"platform": ["a", "b", "c"], "count": [1, 2, 3]})'
    )
    return {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": "# Trivial page"},
            {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source},
        ],
        "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                     "kit": {"lang": lang}, "language_info": {"name": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def widget_states(notebook: Path) -> int:
    """Widget models the notebook's code cells create, run from the notebook's folder (its language)."""
    served = {"KIT_SERVED": "1", "KIT_STYLESHEET_LINKED": "1"}  # as under kit serve
    done = subprocess.run([sys.executable, "-c", COUNT_WIDGETS, str(notebook.resolve())], cwd=notebook.parent,
                          capture_output=True, text=True, timeout=300, env={**os.environ, **served})
    return int(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else -1


def busy() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--widths", type=int, nargs="+", default=[390, 1280])
    parser.add_argument("--langs", nargs="+", default=["fr", "en"])
    parser.add_argument("--pause", type=float, default=2.0, help="seconds between two loads")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    usable_script = usable_js()

    with tempfile.TemporaryDirectory(prefix="kit-bench-pages-") as tmp:
        folder = Path(tmp) / "notebooks"
        shutil.copytree(NOTEBOOKS, folder)
        for lang in args.langs:
            (folder / lang / TRIVIAL).write_text(json.dumps(trivial_notebook(lang)))
        pages = sorted({p.name for lang in args.langs for p in (folder / lang).glob("*.ipynb")})
        print(f"machine before: {busy()}")
        states = {name: widget_states(folder / args.langs[0] / name) for name in pages}
        port = free_port()
        log = Path(tmp) / "server.log"
        server = subprocess.Popen(
            [sys.executable, "-m", "kit", "serve", "--no-browser", f"--port={port}", f"--notebooks={folder}",
             "--pool", "1"], stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=tmp)
        plain_folder = Path(tmp) / "plain"
        plain_folder.mkdir()
        (plain_folder / TRIVIAL).write_text(json.dumps(trivial_notebook(args.langs[0])))
        plain_port = free_port()
        plain = subprocess.Popen(
            [sys.executable, "-m", "voila", "--no-browser", f"--port={plain_port}", "--preheat_kernel=True",
             "--pool_size=1", str(plain_folder)], stdout=(Path(tmp) / "plain.log").open("w"),
            stderr=subprocess.STDOUT, cwd=tmp)
        times: dict[tuple[str, str, int], list[float]] = {}
        try:
            base = f"http://localhost:{port}/"
            plain_base = f"http://localhost:{plain_port}/"
            deadline = time.monotonic() + 120
            for url, process in ((base, server), (plain_base, plain)):
                while True:
                    try:
                        urllib.request.urlopen(url, timeout=5).read()
                        break
                    except OSError:
                        if time.monotonic() > deadline or process.poll() is not None:
                            print(log.read_text())
                            return 1
                        time.sleep(0.5)
            time.sleep(10 + 2 * len(pages))  # the pool: every notebook's kernel started and its notebook run
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                for run in range(args.runs + 1):  # run 0 warms the browser's and the server's caches
                    for width in args.widths:
                        for lang in args.langs:
                            for name in [*pages, PLAIN]:  # the yardstick in every turn: twice the samples
                                context = browser.new_context(viewport={"width": width, "height": 844})
                                context.add_init_script(usable_script)
                                page = context.new_page()
                                url = (f"{plain_base}voila/render/{TRIVIAL}" if name == PLAIN
                                       else f"{base}voila/render/{lang}/{name}")
                                page.goto(url, wait_until="commit", timeout=120_000)
                                page.wait_for_function("window.__kitUsable !== undefined", timeout=120_000)
                                usable = page.evaluate("window.__kitUsable") / 1000
                                page.close(run_before_unload=True)
                                context.close()
                                if run:
                                    times.setdefault((name, "" if name == PLAIN else lang, width), []).append(usable)
                                time.sleep(args.pause)
                browser.close()
        finally:
            for process in (server, plain):
                process.terminate()
                process.wait(timeout=30)
        print(f"machine after: {busy()}")
        print(f"\nusable (s, median of {args.runs}, of {args.runs * len(args.langs)} for plain Voilà); ratio to the "
              "trivial page as plain Voilà serves it, and to the trivial page under the kit's template; widget states")
        print(f"{'page':32} {'lang':4} {'width':>5} {'median':>7} {'ratio':>6} {'(kit)':>6} {'states':>6}")
        worst = 0.0
        for width in args.widths:
            print(f"{PLAIN + ' (' + TRIVIAL + ')':32} {args.langs[0]:4} {width:>5} "
                  f"{statistics.median(times[(PLAIN, '', width)]):>7.2f} {1:>6.2f} {'':>6} {states[TRIVIAL]:>6}")
        for name in pages:
            for lang in args.langs:
                for width in args.widths:
                    median = statistics.median(times[(name, lang, width)])
                    ratio = median / statistics.median(times[(PLAIN, "", width)])
                    kit_ratio = median / statistics.median(times[(TRIVIAL, lang, width)])
                    if name != TRIVIAL:
                        worst = max(worst, ratio)
                    print(f"{name:32} {lang:4} {width:>5} {median:>7.2f} {ratio:>6.2f} {kit_ratio:>6.2f} "
                          f"{states[name]:>6}")
        print(f"\nworst ratio {worst:.2f} (target <= {TARGET_RATIO:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
