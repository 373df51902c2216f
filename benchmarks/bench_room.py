"""A room of attendees opening a notebook against `kit serve` with the settings of `--lan`, on 127.0.0.1 only.

    python benchmarks/bench_room.py                    # 40 attendees within 60 s, notebook 03 (else 01)
    python benchmarks/bench_room.py --attendees 10 --spread 20 --notebook en/01-what-feeds-meta-ai.ipynb

What it does, and stops by itself (every loop is bounded in count and time):
1. starts `kit serve` on a free port of 127.0.0.1 with --lan's kernel settings (the --lan pool for every
   notebook) and short culling (--cull-idle/--cull-interval, shortened so the run ends within minutes);
2. opens the notebook once in a real headless Chromium, if there is one: its time to the first widget
   drawn is printed, and the same-origin files it fetched become the files every simulated attendee fetches;
3. baseline: one simulated attendee at a time, three times, on a quiet server;
4. the room: N simulated attendees arriving at random times spread over S seconds, each doing what a
   browser does with a cold cache, and staying connected;
5. they leave: half close the tab (websocket closed and Voilà's beforeunload beacon POSTed), half vanish
   (connection dropped, no beacon: a phone put away). The kernel count is followed until it is back to
   the pool size: the beacon frees kernels at once, the culler frees the others.
Kernels and memory (RSS of the server and all its descendants, and PSS, which counts shared pages once)
are sampled every 0.25 s throughout.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kit.cli.serve import LAN_POOL  # noqa: E402  (the path above must come first)
from kit.serving.forking import FORK_SWITCH, ZYGOTE_NAME  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
DEFAULT_NOTEBOOKS = ("en/03-my-checklist.ipynb", "en/01-what-feeds-meta-ai.ipynb")
CHROMIUM = os.environ.get("KIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
TARGETS = {"p95_usable_s": 3.0, "peak_rss_gb": 6.0}
BROWSER_PARALLEL = 6  # connections per host a browser opens at once
USABLE = (
    "usable = the page's HTML has fully arrived (every cell rendered by the server), every file a cold-cache\n"
    "Chromium fetched for that page (scripts, styles, fonts, the kernel model) has been fetched, 6 at a time,\n"
    "the kernel websocket is open, kernel_info_reply and comm_info_reply have come back, and the kernel has sent\n"
    "the state of every widget (update_states on the jupyter.widget.control comm, which Voilà's widget manager\n"
    "asks for before it draws anything). Not included: the browser's own JavaScript and layout time, which\n"
    "runs on the attendee's device; the real-Chromium line shows it for one attendee on this machine."
)


# --- the server's process tree ---

def tree(pid: int) -> list[int]:
    """pid and all its descendants."""
    found, todo = [], [pid]
    while todo and len(found) < 10_000:
        current = todo.pop()
        found.append(current)
        todo.extend(children(current))
    return found


def children(pid: int) -> set[int]:
    """pid's direct child processes."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.update(int(child) for child in task.read_text().split())
        except OSError:
            pass
    return found


def kernels(pid: int) -> list[int]:
    """The server's kernels: its descendants but the warm parent that forked kernels come from (kit-zygote)."""
    found = []
    for descendant in tree(pid)[1:]:
        try:
            if Path(f"/proc/{descendant}/comm").read_text().strip() != ZYGOTE_NAME:
                found.append(descendant)
        except OSError:
            pass
    return found


def memory_kb(pids: list[int], pss: bool = True) -> tuple[int, int]:
    """(RSS, PSS) in kB summed over pids; PSS 0 unless `pss` (smaps_rollup walks every page table: costly)."""
    rss_kb = pss_kb = 0
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    for pid in pids:
        try:
            if not pss:
                rss_kb += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page_kb
                continue
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss_kb += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss_kb += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            pass
    return rss_kb, pss_kb


def cpu_seconds(pids: list[int]) -> float:
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_cpu_seconds() -> float:
    """CPU time every core of the machine has spent busy since boot (/proc/stat: all but idle and iowait)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


@dataclass
class Sampler:
    """Kernels and RSS of the server's tree every 0.5 s, PSS every 2 s, in a thread of its own.

    Reading PSS costs the machine about 1 ms per kernel: sampled every 0.25 s with 120 kernels, the sampler
    alone took a quarter of a core from the room it measures. Its CPU is printed apart from the attendees'.
    """

    pid: int
    # (t, kernels, rss kB, pss kB of the tree, pss kB of the server process alone); PSS samples only have pss > 0
    samples: list[tuple[float, int, int, int, int]] = field(default_factory=list)
    cpu_s: float = 0.0  # CPU time of the sampler's thread
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> Sampler:
        threading.Thread(target=self._run, daemon=True).start()
        return self

    def _run(self) -> None:
        tick = 0
        while not self._stop.is_set():
            pids = tree(self.pid)
            with_pss = tick % 4 == 0
            rss, pss = memory_kb(pids, pss=with_pss)
            own = memory_kb([self.pid])[1] if with_pss else 0
            self.samples.append((time.monotonic(), len(kernels(self.pid)), rss, pss, own))
            self.cpu_s = time.thread_time()
            tick += 1
            self._stop.wait(0.5)

    def stop(self) -> None:
        self._stop.set()

    def between(self, start: float, end: float) -> list[tuple[float, int, int, int, int]]:
        return [s for s in self.samples if start <= s[0] <= end]


# --- the kit's server ---

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, timeout: float, step: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return bool(condition())


def wait_quiet(pid: int, timeout: float = 120, below: float = 0.1) -> None:
    """Until the server's tree uses less than `below` of a core for one second (pools refilled and rendered)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = cpu_seconds(tree(pid))
        time.sleep(1)
        if cpu_seconds(tree(pid)) - before < below:
            return


# --- one simulated attendee: what a browser does, over HTTP and the kernel websocket ---

def _message(msg_type: str, content: dict, metadata: dict | None = None) -> dict:
    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "", "session": uuid.uuid4().hex,
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": "shell", "buffers": []}


def _decode(frame: str | bytes) -> dict:
    """A kernel message from Jupyter Server's websocket (JSON text, or its legacy binary framing)."""
    if isinstance(frame, str):
        return json.loads(frame)
    count = struct.unpack("!I", frame[:4])[0]
    offsets = struct.unpack("!" + "I" * count, frame[4:4 + 4 * count])
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0]:end])


@dataclass
class Attendee:
    index: int
    arrival: float = 0.0  # seconds after the room starts
    page_s: float | None = None
    usable_s: float | None = None
    widgets: int = 0
    kernel: str = ""
    error: str = ""
    fetched: int = 0  # bytes over HTTP, as they travel (gzip-compressed where the server compresses)
    ws: object = None
    browser: Browser | None = None


class Browser:
    """What a browser keeps for one site: up to BROWSER_PARALLEL keep-alive HTTP/1.1 connections, its cookies.

    Written on asyncio's streams so that 100 simulated attendees cost the machine little: the room is measured
    on the same 2 cores as the server, and a heavy client (one connection per request, as Tornado's client
    opens) would both slow the server down and eat the CPU it needs, which phones do not.
    """

    def __init__(self, base: str, timeout: float):
        url = urlparse(base)
        self.host, self.port, self.timeout = url.hostname or "127.0.0.1", url.port or 80, timeout
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.gate = asyncio.Semaphore(BROWSER_PARALLEL)
        self.cookies: dict[str, str] = {}

    async def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None
                      ) -> tuple[int, dict[str, str], bytes]:
        """(status, headers with lower-case names, body as it travelled: gzip-compressed where the server did)."""
        async with self.gate:
            reader, writer = self.idle.pop() if self.idle else await asyncio.open_connection(self.host, self.port)
            lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Accept-Encoding: gzip",
                     *(f"{k}: {v}" for k, v in (headers or {}).items())]
            if self.cookies:
                lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
            if body:
                lines.append(f"Content-Length: {len(body)}")
            try:
                writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
                status, answer, data = await asyncio.wait_for(self._response(reader), self.timeout)
            except BaseException:
                writer.close()
                raise
            if answer.get("connection", "").lower() == "close":
                writer.close()
            else:
                self.idle.append((reader, writer))
            return status, answer, data

    async def _response(self, reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        answer: dict[str, str] = {}
        for line in head[1:]:
            if ":" in line:
                name, _, value = line.partition(":")
                name = name.strip().lower()
                if name == "set-cookie":
                    cookie, _, _ = value.strip().partition(";")
                    key, _, val = cookie.partition("=")
                    self.cookies[key.strip()] = val
                answer[name] = value.strip()
        if "content-length" in answer:
            return status, answer, await reader.readexactly(int(answer["content-length"]))
        if answer.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
                chunks.append(await reader.readexactly(size))
                await reader.readexactly(2)
            await reader.readuntil(b"\r\n")
            return status, answer, b"".join(chunks)
        return status, answer, b"" if status in (204, 304) or status < 200 else await reader.read()

    def close(self) -> None:
        for _, writer in self.idle:
            writer.close()
        self.idle.clear()


async def attend(who: Attendee, base: str, notebook: str, assets: list[str], timeout: float = 180) -> None:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    browser = who.browser = Browser(base, timeout)
    start = time.monotonic()
    try:
        # Like a browser: ask for gzip; count the bytes as they travel; decompressing is the attendee's device's work.
        status, headers, body = await browser.request("GET", f"/voila/render/{notebook}")
        if status != 200:
            raise RuntimeError(f"page: HTTP {status}")
        who.page_s = time.monotonic() - start
        who.fetched += len(body)
        html = gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body
        cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
        who.kernel = re.search(r'"kernelId": "([0-9a-f-]{36})"', html.decode()).group(1)

        async def get(path: str) -> None:
            status, _, body = await browser.request("GET", path)
            if status != 200:
                raise RuntimeError(f"{path}: HTTP {status}")
            who.fetched += len(body)

        await asyncio.gather(*(get(path) for path in assets),
                             get(f"/api/kernels/{who.kernel}?{int(time.time() * 1000)}"))
        ws_url = base.replace("http://", "ws://") + f"api/kernels/{who.kernel}/channels?session_id={uuid.uuid4()}"
        who.ws = ws = await websocket_connect(HTTPRequest(ws_url, headers={"Cookie": cookie}, request_timeout=timeout),
                                              max_message_size=256 * 1024 * 1024)

        async def reply_to(request: dict, accept) -> dict:
            await ws.write_message(json.dumps(request))
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                frame = await asyncio.wait_for(ws.read_message(), deadline - time.monotonic())
                if frame is None:
                    raise ConnectionError("websocket closed")
                message = _decode(frame)
                if message.get("parent_header", {}).get("msg_id") == request["header"]["msg_id"] and accept(message):
                    return message
            raise TimeoutError

        await reply_to(_message("kernel_info_request", {}), lambda m: m["msg_type"] == "kernel_info_reply")
        info = await reply_to(_message("comm_info_request", {"target_name": "jupyter.widget"}),
                              lambda m: m["msg_type"] == "comm_info_reply")
        comm = uuid.uuid4().hex
        await ws.write_message(json.dumps(_message("comm_open", {
            "comm_id": comm, "target_name": "jupyter.widget.control", "data": {}}, {"version": "1.0.0"})))
        states = await reply_to(
            _message("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}),
            lambda m: m["msg_type"] == "comm_msg" and m["content"]["data"].get("method") == "update_states")
        who.widgets = len(states["content"]["data"]["states"])
        if who.widgets < len(info["content"]["comms"]):
            raise RuntimeError(f"{who.widgets} widget states for {len(info['content']['comms'])} comms")
        who.usable_s = time.monotonic() - start
    except Exception as exc:  # noqa: BLE001 (reported, not raised: one failure must not stop the room)
        who.error = f"{type(exc).__name__}: {exc}"[:200]


async def leave(who: Attendee, base: str, beacon: bool) -> None:
    """Close the tab: the websocket goes, and with `beacon` the page's beforeunload POST goes too."""
    if who.ws is not None:
        who.ws.close()
    if who.browser is None:
        return
    if beacon and who.kernel:
        xsrf = who.browser.cookies.get("_xsrf", "")
        try:
            await who.browser.request("POST", f"/voila/api/shutdown/{who.kernel}", urlencode({"_xsrf": xsrf}).encode(),
                                      {"Content-Type": "application/x-www-form-urlencoded"})
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            pass  # a tab that closes does not wait for the answer either
    who.browser.close()


# --- a real browser, once ---

def real_browser(base: str, notebook: str) -> tuple[float | None, list[str], str]:
    """(seconds to the first widget drawn, same-origin files fetched, note). Closes its tab with the beacon."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None, [], "playwright is not installed"
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return None, [], f"no Chromium at {CHROMIUM}"
    host = urlparse(base).netloc
    fetched: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_context().new_page()
            page.on("request", lambda r: fetched.append(r.url) if r.method == "GET" else None)
            start = time.monotonic()
            page.goto(f"{base}voila/render/{notebook}", timeout=180_000)
            page.wait_for_selector("#loading", state="detached", timeout=180_000)
            page.locator(".jupyter-widgets").first.wait_for(timeout=180_000)
            seconds = time.monotonic() - start
            page.wait_for_load_state("networkidle", timeout=30_000)
            page.close(run_before_unload=True)
            time.sleep(1)  # the beacon leaves before the browser does
        finally:
            browser.close()
    assets = []
    for url in fetched:
        parsed = urlparse(url)
        if parsed.netloc != host or parsed.path.startswith(("/voila/render/", "/api/")):
            continue
        assets.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    return seconds, list(dict.fromkeys(assets)), ""


def assets_from_html(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="(/voila/[^"]+)"', html)


# --- the run ---

def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> int:
    default_notebook = next((nb for nb in DEFAULT_NOTEBOOKS if (NOTEBOOKS / nb).exists()), DEFAULT_NOTEBOOKS[-1])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attendees", type=int, default=40)
    parser.add_argument("--spread", type=float, default=60.0, help="seconds over which they arrive (default 60)")
    parser.add_argument("--notebook", default=default_notebook, help=f"under notebooks/ (default {default_notebook})")
    parser.add_argument("--pool", action="append", default=None, metavar="N|PATTERN=N",
                        help=f"as kit serve --pool (default {LAN_POOL} for every notebook, as --lan)")
    parser.add_argument("--cull-idle", type=int, default=30, help="seconds (default 30; kit serve's is 600)")
    parser.add_argument("--cull-interval", type=int, default=5, help="seconds (default 5; kit serve's is 60)")
    parser.add_argument("--stay", type=float, default=10.0, help="seconds they stay once all are in (default 10)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-fork", action="store_true",
                        help=f"ordinary kernels, not forks of a warm parent ({FORK_SWITCH}=0): to compare")
    parser.add_argument("--verbose", action="store_true", help="print every attendee's arrival and timings")
    args = parser.parse_args()
    if not (NOTEBOOKS / args.notebook).exists():
        parser.error(f"no notebook {args.notebook} under {NOTEBOOKS}")
    args.attendees = max(1, min(args.attendees, 500))

    from kit.cli.serve import parse_pool
    from kit.serving.app import preheat_pools

    pools = [str(LAN_POOL)] if not args.pool else args.pool
    pool_total = sum(preheat_pools(NOTEBOOKS, [parse_pool(p) for p in pools]).values())
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    work = Path(tempfile.mkdtemp(prefix="bench-room-"))
    log_path = work / "server.log"
    command = [sys.executable, "-m", "kit", "serve", "--no-browser", f"--port={port}", "--lang=en",
               "--cull-idle", str(args.cull_idle), "--cull-interval", str(args.cull_interval),
               *(f"--pool={size}" for size in pools)]
    print(f"kit serve with --lan's kernel settings on 127.0.0.1:{port}: --pool {' --pool '.join(pools)} "
          f"({pool_total} preheated kernels), culling after {args.cull_idle} s checked every {args.cull_interval} s "
          f"(shortened for the run); {os.cpu_count()} cores; kernels: "
          + ("ordinary processes" if args.no_fork else "forks of a warm parent where possible"))
    print(f"notebook {args.notebook}; {args.attendees} attendees arriving over {args.spread:.0f} s "
          f"(uniform, seed {args.seed}); half leave with the tab-close beacon, half vanish\n")
    print(USABLE + "\n")
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **({FORK_SWITCH: "0"} if args.no_fork else {})}
    server = subprocess.Popen(command, stdout=log_path.open("w"), stderr=subprocess.STDOUT, cwd=work, env=env)
    sampler = Sampler(server.pid).start()
    loop = asyncio.new_event_loop()
    try:
        started = time.monotonic()
        if not wait_until(lambda: "preheated kernels ready" in log_path.read_text() or server.poll() is not None,
                          600):
            raise RuntimeError("the pools did not fill in 10 minutes")
        if server.poll() is not None:
            raise RuntimeError("kit serve stopped:\n" + log_path.read_text()[-3000:])
        print(f"server ready, {pool_total} preheated kernels: {time.monotonic() - started:.1f} s after start")
        wait_quiet(server.pid)
        idle_rss = sampler.samples[-1][2] / 1e6

        browser_s, assets, note = real_browser(base, args.notebook)
        if not assets:
            with urllib.request.urlopen(f"{base}voila/render/{args.notebook}", timeout=180) as page:
                assets = assets_from_html(page.read().decode())
        print(f"real Chromium, one attendee: first widget drawn after {browser_s:.2f} s" if browser_s is not None
              else f"real Chromium: skipped ({note}); files taken from the page's HTML")
        wait_until(lambda: len(kernels(server.pid)) == pool_total, 60)
        wait_quiet(server.pid)

        # Baseline: one attendee at a time, on a quiet server.
        alone = []
        for i in range(3):
            who = Attendee(-1 - i)
            loop.run_until_complete(attend(who, base, args.notebook, assets))
            loop.run_until_complete(leave(who, base, beacon=True))
            if who.usable_s is None:
                raise RuntimeError(f"baseline attendee failed: {who.error}")
            alone.append(who)
            wait_until(lambda: len(kernels(server.pid)) == pool_total, 60)
            wait_quiet(server.pid)
        print(f"what each attendee fetches: {len(assets) + 2} files, {alone[-1].fetched / 1e6:.1f} MB on the wire; "
              f"the kernel sends the state of {alone[-1].widgets} widgets")
        print(f"baseline, one attendee alone: usable after {statistics.median(a.usable_s for a in alone):.2f} s "
              f"(page {statistics.median(a.page_s for a in alone):.2f} s), median of 3\n")

        # The room.
        rng = random.Random(args.seed)
        room = [Attendee(i, arrival=rng.uniform(0, args.spread)) for i in range(args.attendees)]

        async def arrive(who: Attendee) -> None:
            await asyncio.sleep(who.arrival)
            await attend(who, base, args.notebook, assets)

        async def everyone() -> None:
            await asyncio.wait_for(asyncio.gather(*(arrive(w) for w in room)), args.spread + 300)

        room_start = time.monotonic()
        cpu_before = cpu_seconds([server.pid]), cpu_seconds(tree(server.pid)[1:])
        cpu_machine, cpu_client, cpu_sampler = machine_cpu_seconds(), cpu_seconds([os.getpid()]), sampler.cpu_s
        loop.run_until_complete(everyone())
        all_in = time.monotonic()
        cpu_server = cpu_seconds([server.pid]) - cpu_before[0]
        cpu_kernels = cpu_seconds(tree(server.pid)[1:]) - cpu_before[1]  # live kernels only: culled ones are gone
        cpu_sampler = sampler.cpu_s - cpu_sampler
        cpu_client = cpu_seconds([os.getpid()]) - cpu_client - cpu_sampler
        # Whatever else ran on the machine meanwhile (another job, a test suite): a noisy run shows here.
        cpu_others = max(machine_cpu_seconds() - cpu_machine - cpu_server - cpu_kernels - cpu_client - cpu_sampler, 0)
        time.sleep(args.stay)
        during = sampler.between(room_start, time.monotonic())
        ok = [w for w in room if w.usable_s is not None]
        failed = [w for w in room if w.usable_s is None]
        usable = [w.usable_s for w in ok]
        pages = [w.page_s for w in ok]
        print(f"room: {len(ok)} of {len(room)} attendees usable, last one {all_in - room_start:.1f} s after the first "
              f"arrival" + (f"; failures: {sorted({w.error for w in failed})}" if failed else ""))
        if usable:
            print(f"  time until usable: p50 {percentile(usable, .5):.2f} s, p95 {percentile(usable, .95):.2f} s, "
                  f"max {max(usable):.2f} s (target p95 <= {TARGETS['p95_usable_s']:.0f} s)")
            print(f"  page HTML complete: p50 {percentile(pages, .5):.2f} s, p95 {percentile(pages, .95):.2f} s")
        if args.verbose:
            for w in sorted(room, key=lambda w: w.arrival):
                print(f"    arrives {w.arrival:5.1f} s  page {w.page_s or 0:5.2f} s  usable {w.usable_s or 0:5.2f} s"
                      f"  {w.error}")
        print(f"  CPU while they arrived: server process {cpu_server:.0f} s, live kernels {cpu_kernels:.0f} s, "
              f"simulated attendees {cpu_client:.0f} s, memory sampler {cpu_sampler:.0f} s, "
              f"other processes {cpu_others:.0f} s, "
              f"over {all_in - room_start:.0f} s on {os.cpu_count()} cores")
        print(f"  per attendee: kernel CPU {cpu_kernels / len(room):.2f} s, server CPU {cpu_server / len(room):.2f} s "
              "(kernels started during the room and the pools' kernels they took)")
        print(f"  kernels while they were in: up to {max(s[1] for s in during)} "
              f"({args.attendees} attendees + {pool_total} in the pools)")

        # They leave: even indexes close the tab (beacon), odd ones vanish.
        leaving = time.monotonic()
        vanished = sum(1 for w in ok if w.index % 2)
        async def everyone_leaves() -> None:
            await asyncio.gather(*(leave(w, base, beacon=w.index % 2 == 0) for w in room))

        loop.run_until_complete(everyone_leaves())
        after_beacon = wait_until(lambda: len(kernels(server.pid)) <= pool_total + vanished, 30)
        beacon_s = time.monotonic() - leaving
        limit = args.cull_idle + args.cull_interval + 60
        back = wait_until(lambda: len(kernels(server.pid)) == pool_total, limit)
        back_s = time.monotonic() - leaving
        print(f"\nthey leave: {len(ok) - vanished} close the tab, {vanished} vanish without a beacon")
        print(f"  closed tabs' kernels gone after {beacon_s:.1f} s" + ("" if after_beacon else " (not all!)")
              + f"; kernels back to the pool size ({pool_total}) after {back_s:.1f} s"
              + ("" if back else f" (NOT within {limit} s)")
              + f" (cull after {args.cull_idle} s without connection, checked every {args.cull_interval} s)")
        after = sampler.between(leaving, time.monotonic())
        timeline = [(round(t - leaving), k) for t, k, *_ in after[::8]]
        print(f"  kernels after they left (s, kernels): {timeline[:40]}")
        peak = max(sampler.samples, key=lambda s: s[2])
        peak_pss = max(sampler.samples, key=lambda s: s[3])
        print(f"\nmemory of the server and its kernels: idle with full pools {idle_rss:.2f} GB RSS; "
              f"peak {peak[2] / 1e6:.2f} GB RSS with {peak[1]} kernels, peak {peak_pss[3] / 1e6:.2f} GB PSS "
              f"with {peak_pss[1]} kernels (target <= {TARGETS['peak_rss_gb']:.0f} GB); "
              f"now {sampler.samples[-1][2] / 1e6:.2f} GB RSS")
        if peak_pss[1]:
            print(f"  PSS per kernel at the PSS peak: {(peak_pss[3] - peak_pss[4]) / peak_pss[1] / 1e3:.0f} MB "
                  f"(the tree's PSS but the server process's {peak_pss[4] / 1e3:.0f} MB, over the kernels; "
                  "PSS counts a page shared by n processes 1/n in each, RSS in full in each)")
        errors = [line for line in log_path.read_text().splitlines() if "ERROR" in line or "Traceback" in line]
        if errors:  # the server's log is removed with the run: what went wrong stays on screen
            print(f"server log: {len(errors)} error lines; the first ones: {list(dict.fromkeys(errors))[:3]}")
        return 0 if usable and len(ok) == len(room) else 1
    finally:
        loop.close()
        sampler.stop()
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
        pool_use = re.search(r"Preheated kernels: .*", log_path.read_text()) if log_path.exists() else None
        print(pool_use.group(0) if pool_use else "kit serve did not say how many pages found a preheated kernel")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
