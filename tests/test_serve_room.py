"""`kit serve --lan` as a facilitator serves a room: address and QR code, token, preheated kernels, culling,
nothing to browse or download, no code from visitors. Real servers on free ports, reached on 127.0.0.1 only."""

from __future__ import annotations

import asyncio
import http.client
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat
import pytest
from conftest import Server, free_port, start_server

from kit.cli import build_parser, main
from kit.cli.serve import TOKEN_ALPHABET
from kit.serving import qr as qr_module
from kit.serving.app import RedactRequests, preheat_pools, voila_argv, voila_config
from kit.serving.qr import lan_addresses, make_qr, room_url

ROOT = Path(__file__).resolve().parents[1]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NOTEBOOK_01 = "en/01-what-feeds-meta-ai.ipynb"
PROBE = "en/01-probe.ipynb"
CULL_IDLE, CULL_INTERVAL = 4, 1
# The room's addresses as the server finds them, in place of this machine's (which may have none): the first is
# loopback, so the test can open exactly what attendees are told to open; the second stands for another network.
ROOM_ADDRESSES = ["127.0.0.1", "192.0.2.7"]
WITH_ROOM_ADDRESSES = ("-c", "import sys\nimport kit.serving.qr as qr\n"
                       f"qr.lan_addresses = lambda: {ROOM_ADDRESSES!r}\n"
                       "from kit.cli import main\nsys.exit(main())\n")


# --- helpers ---

def wait_for(condition: Callable[[], bool], timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def fetch(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    """GET a raw path (no normalisation, no redirect following) on 127.0.0.1."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def kernel_id_of(page: str) -> str:
    return re.search(r'"kernelId": "([0-9a-f-]{36})"', page).group(1)


def kernel_messages(port: int, kernel_id: str, requests: list[dict], wait: float, token: str = "") -> list[dict]:
    """Open the kernel's websocket as a browser does, send `requests`, return what came back within `wait` s."""
    from tornado.websocket import WebSocketClosedError, websocket_connect

    async def talk() -> list[dict]:
        query = f"?session_id={uuid.uuid4()}" + (f"&token={token}" if token else "")
        ws = await websocket_connect(f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels{query}",
                                     max_message_size=64 * 1024 * 1024)
        received, deadline = [], time.monotonic() + wait
        for request in requests:
            try:
                await ws.write_message(json.dumps(request))
            except WebSocketClosedError:
                break
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = await asyncio.wait_for(ws.read_message(), left)
            except TimeoutError:
                break
            if message is None:
                received.append({"closed": ws.close_code})
                break
            if isinstance(message, str):
                received.append(json.loads(message))
        ws.close()
        return received

    return asyncio.run(talk())


def request(msg_type: str, content: dict | None = None, channel: str = "shell") -> dict:
    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "", "session": "test",
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "content": content or {}, "channel": channel, "buffers": []}


def probe_notebooks(folder: Path) -> Path:
    """A notebooks folder with one small notebook that shows what its kernel's environment says."""
    nb = nbformat.v4.new_notebook(metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "kit": {"lang": "en"}})
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Probe\n> what the kernel sees"),
        nbformat.v4.new_code_cell('import os\nprint("served=" + os.environ.get("KIT_SERVED", "-"), '
                                  '"upload-limit=" + os.environ.get("KIT_UPLOAD_LIMIT_MB", "-"))'),
        nbformat.v4.new_code_cell('import sys\nprint("kit-preloaded=" + str("kit.content" in sys.modules))'),
        nbformat.v4.new_code_cell('import ipywidgets\nipywidgets.Button(description="probe")'),
    ]
    (folder / "en").mkdir(parents=True)
    nbformat.write(nb, folder / PROBE)
    return folder


def listening_on_all_interfaces(port: int) -> bool:
    """Whether /proc/net/tcp has a socket listening on 0.0.0.0:port."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return any(row.split()[1] == f"00000000:{port:04X}" and row.split()[3] == "0A" for row in rows)


# --- without a server ---

class FakeNetwork:
    """What the system answers `lan_addresses`: a local address per routed range, and the host name's addresses."""

    AF_INET, SOCK_DGRAM, SOCK_STREAM = socket.AF_INET, socket.SOCK_DGRAM, socket.SOCK_STREAM

    def __init__(self, routes: dict[str, str], host: list[str]):
        self.routes, self.host, self.sent = routes, host, []

    def socket(self, *_):
        network = self

        class Probe:
            def __enter__(self):
                return self

            def __exit__(self, *_):
                return False

            def connect(self, target):
                if target[0] not in network.routes:
                    raise OSError("Network is unreachable")
                self.local = network.routes[target[0]]

            def getsockname(self):
                return (self.local, 40000)

        return Probe()

    def gethostname(self):
        return "room-laptop"

    def getfqdn(self):
        return "room-laptop.lan"

    def getaddrinfo(self, name, *_):
        if name != "room-laptop":
            raise OSError("Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, 0)) for address in self.host]


def test_lan_addresses_are_the_routed_ones_first_without_loopback_or_link_local(monkeypatch):
    network = FakeNetwork({"10.255.255.255": "10.0.0.12", "192.168.255.255": "10.0.0.12"},
                          ["127.0.1.1", "192.168.1.20", "169.254.10.10", "10.0.0.12"])
    monkeypatch.setattr(qr_module, "socket", network)
    assert lan_addresses() == ["10.0.0.12", "192.168.1.20"]
    monkeypatch.setattr(qr_module, "socket", FakeNetwork({}, ["127.0.1.1"]))
    assert lan_addresses() == [], "no network: nothing to offer attendees"


def test_room_url_and_qr_code_carry_the_token():
    url = room_url("192.0.2.7", 8866, "k3m9p2x7qa")
    assert url == "http://192.0.2.7:8866/?token=k3m9p2x7qa"
    qr = make_qr(url)
    assert not qr.is_micro and qr.error in ("M", "Q", "H")


@pytest.fixture
def served(monkeypatch, tmp_path) -> list[dict]:
    """`kit serve` through kit.cli.main up to starting Voilà: what it would start it with, one dict per call."""
    import kit.serving

    calls: list[dict] = []
    monkeypatch.setattr(kit.serving, "serve", lambda **options: calls.append(options))
    monkeypatch.chdir(tmp_path)
    return calls


def test_lan_preheats_every_notebook_and_localhost_does_not(tmp_path, served, monkeypatch):
    monkeypatch.setattr(qr_module, "lan_addresses", lambda: ROOM_ADDRESSES[1:])
    common = ["serve", "--no-browser", f"--port={free_port()}", f"--notebooks={probe_notebooks(tmp_path / 'nb')}"]
    assert main([*common, "--lan"]) == 0
    assert main(common) == 0
    lan, local = served
    assert lan["ip"] == "0.0.0.0" and list(lan["pools"]) == [PROBE] and lan["pools"][PROBE] >= 1
    assert lan["room"].url == room_url(ROOM_ADDRESSES[1], lan["port"]) and (tmp_path / "kit-qr.png").is_file()
    assert local["ip"] == "localhost" and local["pools"] == {}


def test_without_a_network_the_room_is_served_on_localhost_with_a_warning(tmp_path, served, monkeypatch, capsys):
    monkeypatch.setattr(qr_module, "lan_addresses", list)
    notebooks = probe_notebooks(tmp_path / "nb")
    assert main(["serve", "--no-browser", f"--port={free_port()}", "--lan", "--token", "s3cret",
                 f"--notebooks={notebooks}"]) == 0
    (options,) = served
    assert options["ip"] == "0.0.0.0", "still reachable once the cable is in"
    assert options["room"].url.startswith("http://localhost:") and options["room"].url.endswith("?token=s3cret")
    assert options["room"].qr_png is None and not (tmp_path / "kit-qr.png").exists()
    assert "Wi-Fi" in capsys.readouterr().err


def test_room_options_are_parsed(capsys):
    parser = build_parser()
    args = parser.parse_args(["serve", "--lan", "--token", "--pool", "3", "--pool", "fr/01-*=10"])
    assert args.token == ""  # alone: generate one
    assert args.pool == [("*", 3), ("fr/01-*", 10)]
    assert parser.parse_args(["serve", "--token", "s3cret"]).token == "s3cret"


def test_bad_pool_or_pattern_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--pool", "many"])
    assert "PATTERN=NUMBER" in capsys.readouterr().err
    result = subprocess.run([sys.executable, "-m", "kit", "serve", "--no-browser", f"--port={free_port()}",
                             "--pool", "xx/*=2"], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 2 and "no notebook matches --pool xx/*" in result.stderr
    assert "Traceback" not in result.stderr


def test_pools_cover_every_listed_notebook_and_patterns_override():
    every = preheat_pools(ROOT / "notebooks", [("*", 2)])
    assert every and set(every.values()) == {2}
    assert NOTEBOOK_01 in every and f"fr/{NOTEBOOK_01[3:]}" in every
    chosen = preheat_pools(ROOT / "notebooks", [("*", 0), ("*/01-*", 3), ("fr/*", 1)])
    assert chosen == {NOTEBOOK_01: 3, f"fr/{NOTEBOOK_01[3:]}": 1} | {
        p: 1 for p in every if p.startswith("fr/") and "/01-" not in p}
    assert preheat_pools(ROOT / "notebooks", [("*", 0)]) == {}


def test_voila_options_lock_the_server_down():
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
    from voila.app import Voila
    from voila.configuration import VoilaConfiguration

    def as_voila_reads_them(argv: list[str]) -> tuple[Voila, VoilaConfiguration, MappingKernelManager]:
        app = Voila()
        app.parse_command_line(argv)
        app.config.merge(voila_config(pools))
        return app, VoilaConfiguration(config=app.config), MappingKernelManager(config=app.config)

    pools = {NOTEBOOK_01: 2}
    app, voila, kernels = as_voila_reads_them(voila_argv(ROOT / "notebooks", 8866, "0.0.0.0", False, pools=pools,
                                                         token="abc", cull_idle=600, cull_interval=60))
    assert (app.ip, app.port, app.port_retries, app.token, app.open_browser) == ("0.0.0.0", 8866, 0, "abc", False)
    assert voila.show_tracebacks is False and voila.strip_sources is True, "visitors see neither code nor tracebacks"
    assert voila.file_allowlist == [], "/voila/files/ serves nothing"
    assert voila.preheat_kernel is True
    assert voila.allow_template_override == voila.allow_theme_override == "NO"
    assert (kernels.cull_idle_timeout, kernels.cull_interval) == (600, 60)
    assert kernels.cull_connected is False and kernels.cull_busy is False, "an open page keeps its kernel"
    assert app.config.VoilaKernelManager.kernel_pools_config[NOTEBOOK_01] == {"pool_size": 2}

    pools = {}
    app, voila, _ = as_voila_reads_them(voila_argv(ROOT / "notebooks", 8866, "localhost", True))
    assert app.ip == "localhost" and app.open_browser is True and voila.preheat_kernel is False
    assert voila.show_tracebacks is False


def test_error_log_lines_lose_query_address_and_headers():
    import logging

    record = logging.LogRecord("tornado.general", logging.WARNING, __file__, 1, "%d %s: %s",
                               (403, "GET /voila/files/x?token=s3cret (192.0.2.9)", "File not allowlisted"), None)
    RedactRequests().filter(record)
    assert record.getMessage() == "403 GET /voila/files/x: File not allowlisted"


# --- a room: --lan with a generated token ---

@pytest.fixture(scope="module")
def room(tmp_path_factory) -> Iterator[tuple[Server, str, str]]:
    """`kit serve --lan --token --pool 0 --qr qr/room.png`: the server, the printed URL, the token."""
    folder = tmp_path_factory.mktemp("room")
    server = start_server(folder, "--lan", "--token", "--pool", "0", "--qr", "qr/room.png", kit=WITH_ROOM_ADDRESSES)
    try:
        assert wait_for(lambda: "Ctrl-C" in server.log.read_text(), 30), server.log.read_text()
        found = re.search(r"attendees open\s+(http://\S+)", server.log.read_text())
        url = found.group(1) if found else ""
        token = re.search(r"Access token: (\S+)", server.log.read_text()).group(1)
        yield server, url, token
    finally:
        server.stop()


def test_lan_prints_the_address_and_a_qr_code_and_binds_every_interface(room):
    server, url, token = room
    log = server.log.read_text()
    assert url == room_url(ROOM_ADDRESSES[0], server.port, token)
    assert f"or, if that address does not work,  {room_url(ROOM_ADDRESSES[1], server.port, token)}" in log
    assert len(token) == 10 and set(token) <= set(TOKEN_ALPHABET)
    assert "▀" in log or "█" in log, "the QR code is drawn in the terminal"
    assert listening_on_all_interfaces(server.port)
    with urllib.request.urlopen(url, timeout=60) as page:  # what attendees are told to open, as printed
        assert page.status == 200 and b"voila/render/en/" in page.read()


def test_qr_png_decodes_to_the_printed_address(room):
    import numpy as np
    import png
    import zxingcpp

    server, url, _ = room
    path = server.log.parent / "qr" / "room.png"
    assert path.read_bytes()[:8] == PNG_SIGNATURE
    assert f"QR code for the projector: {path}" in server.log.read_text()
    width, height, rows, _ = png.Reader(filename=str(path)).asRGB8()
    assert height > width >= 400, "big enough for a projector, with the address under the code"
    pixels = np.array([list(row) for row in rows], dtype=np.uint8).reshape(height, width, 3)
    assert [code.text for code in zxingcpp.read_barcodes(pixels)] == [url]


def test_generated_token_is_required(room):
    server, _, token = room
    for path in ("/", f"/voila/render/{NOTEBOOK_01}"):
        status, headers, _ = fetch(server.port, path)
        assert status == 302 and "/login" in headers["Location"], (path, status)
    assert fetch(server.port, "/?token=wrong-token")[0] == 302
    assert fetch(server.port, "/api/kernels")[0] in (403, 404)
    status, _, body = fetch(server.port, f"/?token={token}")
    assert status == 200 and b"voila/render/" in body


def test_start_up_message_says_kernels_and_how_to_stop(room):
    log = room[0].log.read_text()
    assert "Kernels: none preheated" in log
    assert "Stop with Ctrl-C" in log


def test_nothing_but_the_notebooks_can_be_fetched(room):
    server, _, token = room
    source = (ROOT / "notebooks" / NOTEBOOK_01).read_text(encoding="utf-8")
    secrets = [b"from kit.", b'"cell_type"', b"import ", b"root:x:0:0", source[:200].encode()]
    t = f"token={token}"
    paths = [
        f"/voila/files/{NOTEBOOK_01}?{t}", f"/voila/files/en/?{t}", f"/voila/files/?{t}",
        f"/voila/files/../kit/serving/app.py?{t}", f"/voila/files/%2e%2e/kit/serving/app.py?{t}",
        f"/voila/static/{NOTEBOOK_01}?{t}", f"/voila/static/?{t}", f"/voila/static/../app.py?{t}",
        f"/voila/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd?{t}",
        f"/voila/static/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd?{t}",
        f"/voila/templates/kit/static/../../../../../../kit/serving/app.py?{t}",
        f"/voila/templates/kit/static/%2e%2e/%2e%2e/conf.json?{t}",
        f"/voila/templates/..%2f..%2f..%2f..%2fetc/static/passwd?{t}",
        f"/voila/api/contents?{t}", f"/voila/api/contents/en?{t}", f"/voila/tree/en?{t}",
        f"/voila/render/{NOTEBOOK_01[:-6]}.py?{t}", f"/voila/render/../README.md?{t}",
        f"/voila/render/%2e%2e/kit/serving/app.py?{t}",
        f"/api/contents/en?{t}", f"/files/{NOTEBOOK_01}?{t}", f"/tree?{t}", f"/nbconvert/html/{NOTEBOOK_01}?{t}",
    ]
    for path in paths:
        status, _, body = fetch(server.port, path)
        leaked = [s for s in secrets if s in body]
        assert status != 200 or not leaked, (path, status, leaked)
        assert status in (301, 302, 400, 403, 404, 405), (path, status)
    # What the pages need is still served.
    assert fetch(server.port, "/voila/static/kit.css")[0] == 200


def test_logs_hold_no_query_string_and_no_address(room):
    server, _, token = room
    fetch(server.port, f"/voila/files/en/secret.ipynb?token={token}&attendee=alice")
    fetch(server.port, "/voila/static/nothing-here.js?attendee=alice")
    time.sleep(0.5)
    log = server.log.read_text()
    assert "alice" not in log
    assert "(127.0.0.1)" not in log
    startup = ("kit serve: attendees open", "or, if that address does not work", "Access token:")
    assert all(line.lstrip().startswith(startup) for line in log.splitlines() if token in line), \
        "the token appears only in the start-up message"


# --- preheated kernels, culling, what visitors can and cannot send ---

@pytest.fixture(scope="module")
def preheated(tmp_path_factory) -> Iterator[Server]:
    """`kit serve --pool 2` over the probe notebook, with uploads allowed and very short culling."""
    folder = tmp_path_factory.mktemp("preheat")
    notebooks = probe_notebooks(folder / "notebooks")
    # --verbose: these tests read Jupyter's own log lines (kernels taken from the pool, culled, shut down).
    server = start_server(folder, f"--notebooks={notebooks}", "--pool", "2", "--allow-upload", "--upload-limit",
                          "20", "--cull-idle", str(CULL_IDLE), "--cull-interval", str(CULL_INTERVAL), "--verbose")
    try:
        yield server
    finally:
        server.stop()


def pool_is_back(server: Server, size: int = 2) -> bool:
    return "preheated kernels ready" in server.log.read_text() and len(server.children()) == size


def test_preheated_kernels_are_there_before_any_visitor(preheated):
    assert wait_for(lambda: pool_is_back(preheated), 90), preheated.log.read_text()
    log = preheated.log.read_text()
    assert "Kernels: 2 preheated" in log and "Stop with Ctrl-C" in log
    assert "kit serve: 2 preheated kernels ready." in log


def test_preheated_kernels_see_the_serving_environment(preheated):
    assert wait_for(lambda: pool_is_back(preheated), 90)
    page = preheated.get(f"voila/render/{PROBE}")
    assert "served=1 upload-limit=20" in page
    assert "Using pre-heated kernel" in preheated.log.read_text()
    assert "import os" not in page, "sources stay stripped"


def test_room_kernels_are_forks_that_start_with_the_kit_imported(preheated):
    from kit.serving.forking import fork_possible

    assert wait_for(lambda: pool_is_back(preheated), 90)
    page = preheated.get(f"voila/render/{PROBE}")
    assert f"kit-preloaded={fork_possible()}" in page, "on Linux, kernels are forks of a warm parent"
    # The kernel taken is being replaced: count once the refill's new process is a kernel like the others.
    assert wait_for(lambda: len(preheated.descendants()) == len(preheated.children()) + fork_possible(), 30), \
        "one warm parent"


def culled(server: Server, kernel: str) -> Callable[[], bool]:
    return lambda: re.search(rf"Culling .*\({kernel}\)", server.log.read_text()) is not None


def test_visitor_without_connection_is_culled_and_the_pool_refills(preheated):
    assert wait_for(lambda: pool_is_back(preheated), 90)
    time.sleep(CULL_IDLE + CULL_INTERVAL)  # the pool's kernels have now been idle for longer than the timeout
    taken = time.monotonic()
    kernel = kernel_id_of(preheated.get(f"voila/render/{PROBE}"))  # a page fetched, never connected
    assert wait_for(lambda: len(preheated.children()) == 3, 30), "the pool refills after a visitor takes a kernel"
    assert wait_for(culled(preheated, kernel), CULL_IDLE + CULL_INTERVAL + 10), preheated.log.read_text()[-2000:]
    assert time.monotonic() - taken >= CULL_IDLE - 0.5, "a kernel handed to a visitor starts a fresh idle clock"
    assert wait_for(lambda: pool_is_back(preheated), 30), preheated.children()


def test_visitors_arriving_together_all_get_preheated_kernels(preheated):
    from concurrent.futures import ThreadPoolExecutor

    assert wait_for(lambda: pool_is_back(preheated), 90)
    before = preheated.log.read_text().count("Using pre-heated kernel")
    with ThreadPoolExecutor(5) as pool:  # more visitors than the pool holds
        pages = list(pool.map(lambda _: preheated.get(f"voila/render/{PROBE}"), range(5)))
    assert all("served=1" in page for page in pages)
    assert preheated.log.read_text().count("Using pre-heated kernel") - before == 5, "none started a kernel of its own"
    assert wait_for(lambda: pool_is_back(preheated), CULL_IDLE + CULL_INTERVAL + 30), preheated.children()


def test_connected_visitor_keeps_their_kernel_then_it_is_culled_after_they_go(preheated):
    assert wait_for(lambda: pool_is_back(preheated), 90)
    kernel = kernel_id_of(preheated.get(f"voila/render/{PROBE}"))
    # Connected for twice the idle timeout, saying nothing: never culled while the page is open.
    replies = kernel_messages(preheated.port, kernel, [request("kernel_info_request")], wait=2 * CULL_IDLE + 2)
    assert any(m.get("msg_type") == "kernel_info_reply" for m in replies)
    assert not culled(preheated, kernel)(), "culled while connected"
    # Gone without the tab's beacon (network lost): culled once nobody has been connected for the timeout.
    gone = time.monotonic()
    assert wait_for(culled(preheated, kernel), CULL_IDLE + CULL_INTERVAL + 10)
    assert time.monotonic() - gone >= CULL_IDLE - 1, "the idle clock restarts when the last connection closes"
    assert wait_for(lambda: pool_is_back(preheated), 30)


@pytest.mark.browser
def test_closing_the_tab_shuts_its_kernel_down_at_once(preheated):
    from browser import CHROMIUM, CHROMIUM_ARGS, require_browser

    require_browser()
    from playwright.sync_api import sync_playwright

    assert wait_for(lambda: pool_is_back(preheated), 90)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_context().new_page()  # a page of its own context would take it down on close
            page.goto(preheated.url + f"voila/render/{PROBE}")
            page.wait_for_selector("#loading", state="detached", timeout=60_000)
            page.get_by_role("button", name="probe").wait_for(timeout=60_000)
            kernel = kernel_id_of(page.content())
            assert len(preheated.children()) == 3
            page.close(run_before_unload=True)  # the browser stays up while the beacon goes
            # Voilà's beforeunload beacon shut the kernel down, long before the culler would have.
            assert wait_for(lambda: f"Kernel shutdown: {kernel}" in preheated.log.read_text(), CULL_IDLE - 1), \
                preheated.log.read_text()[-2000:]
        finally:
            browser.close()
    assert not culled(preheated, kernel)()
    assert wait_for(lambda: pool_is_back(preheated), 30)


def test_visitors_cannot_execute_code(preheated):
    assert wait_for(lambda: pool_is_back(preheated), 90)
    kernel = kernel_id_of(preheated.get(f"voila/render/{PROBE}"))
    replies = kernel_messages(preheated.port, kernel, [
        request("execute_request", {"code": "print('kit-' + 'executed')", "silent": False, "store_history": False,
                                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}),
        request("kernel_info_request"),
    ], wait=3)
    types = [m.get("msg_type") for m in replies]
    assert "kernel_info_reply" in types, "the connection works"
    assert "execute_reply" not in types and "execute_input" not in types
    assert not any("kit-executed" in json.dumps(m) for m in replies)
    assert 'Received message of type "execute_request", which is not allowed' in preheated.log.read_text()


def test_websocket_messages_are_limited_to_a_few_mib(preheated):
    assert wait_for(lambda: pool_is_back(preheated), 90)
    kernel = kernel_id_of(preheated.get(f"voila/render/{PROBE}"))
    slice_sized = request("comm_msg", {"comm_id": "none", "data": {"x": "a" * (1024 * 1024 + 4096)}})
    replies = kernel_messages(preheated.port, kernel, [slice_sized, request("kernel_info_request")], wait=3)
    assert any(m.get("msg_type") == "kernel_info_reply" for m in replies), "a 1 MiB upload slice goes through"
    too_big = request("comm_msg", {"comm_id": "none", "data": {"x": "a" * (8 * 1024 * 1024)}})
    replies = kernel_messages(preheated.port, kernel, [too_big, request("kernel_info_request")], wait=3)
    assert any("closed" in m for m in replies), "the server drops a connection that sends more"
    assert not any(m.get("msg_type") == "kernel_info_reply" for m in replies)
    replies = kernel_messages(preheated.port, kernel, [request("kernel_info_request")], wait=3)
    assert any(m.get("msg_type") == "kernel_info_reply" for m in replies), "and the kernel is still there"


def test_serve_help_lists_the_room_options(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--help"])
    text = capsys.readouterr().out
    for option in ("--lan", "--qr PATH", "--pool N|PATTERN=N", "--token [SECRET]",
                   "--cull-idle SECONDS", "--cull-interval SECONDS"):
        assert option in text


def test_start_up_message_sizes_the_pools_memory_with_the_heavier_inventory_kernels(capsys):
    from kit.serving.app import Room, print_room
    from kit.serving.console import Console

    light = {"fr/01-what-feeds-meta-ai.ipynb": 10}
    heavy = {"fr/02-my-inventory.ipynb": 10}
    said = {}
    for name, pools in (("light", light), ("heavy", heavy)):
        print_room(Console("en"), Room(url="http://localhost:8866/", preheated=pools))
        said[name] = re.search(r"about ([\d.]+) GB of memory", capsys.readouterr().out)
    assert said["light"] and said["heavy"]
    assert 0 < float(said["light"][1]) < float(said["heavy"][1])


def test_forked_kernels_are_sized_smaller_than_ordinary_ones():
    from kit.serving.defaults import pool_memory_mb

    pools = {"fr/01-what-feeds-meta-ai.ipynb": 4, "fr/02-my-inventory.ipynb": 4}
    assert 0 < pool_memory_mb(pools, forked=True) < pool_memory_mb(pools)


def test_at_stop_the_terminal_says_how_many_pages_found_a_preheated_kernel(tmp_path):
    """The figure to size --pool by next time: pages served, and how many of them had a kernel waiting."""
    notebooks = probe_notebooks(tmp_path / "notebooks")
    server = start_server(tmp_path, f"--notebooks={notebooks}", "--pool", "1", "--lang", "en")
    try:
        assert wait_for(lambda: "preheated kernels ready" in server.log.read_text(), 90)
        for _ in range(3):  # one from the pool, then (the refill still starting or not) the others
            server.get(f"voila/render/{PROBE}")
    finally:
        assert server.stop() == 0
    said = re.search(r"Preheated kernels: (\d+) of the (\d+) pages served", server.log.read_text())
    assert said and int(said[2]) == 3 and 1 <= int(said[1]) <= 3
