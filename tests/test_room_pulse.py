"""The facilitator's room (issue 12): a calm terminal in their language, the QR code with its address, and the
anonymous room pulse from attendees' pages to the room view. Real servers on free ports, reached on 127.0.0.1
only; real Chromium."""

from __future__ import annotations

import http.client
import io
import json
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Server, start_server
from test_serve_room import wait_for

from kit.content import default_content
from kit.serving.console import Console
from kit.serving.pulse import Pulse, PulseError, clean_seat, objection_items
from kit.serving.qr import caption_lines, lan_addresses, make_qr, save_png

SEAT = "T7 zèbre"  # a seat label no other text of the kit holds
NOISE = re.compile(r"^\[[DIWEC] |Voil. is running|eavesdropping|not trusted|Kernel started|Traceback", re.M)
TAB = "0123456789abcdef0123456789abcdef"


def ui_pattern(key: str, lang: str) -> re.Pattern:
    """A data/ui string as a regular expression, each {placeholder} a captured group."""
    text = default_content().ui[key](lang)
    parts = re.split(r"\{(\w+)\}", text)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else rf"(?P<{p}>\S+?)" for i, p in enumerate(parts)) + "$",
                      re.M)


def request(port: int, method: str, path: str, body: bytes | None = None,
            headers: dict | None = None) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


# --- without a server ---

def test_pulse_counts_tabs_and_keeps_help_requests_oldest_first(content):
    pulse = Pulse(content)
    item = next(iter(pulse.objections))
    tabs = [f"{n:032x}" for n in range(1, 5)]
    pulse.receive({"tab": tabs[0], "module": "01", "kind": "done"})
    pulse.receive({"tab": tabs[0], "module": "01", "kind": "done"})  # pressed twice: one tab, counted once
    pulse.receive({"tab": tabs[1], "module": "03", "kind": "help", "seat": "B4"})
    time.sleep(0.01)
    pulse.receive({"tab": tabs[2], "module": "03", "kind": "help", "seat": "\x07fenêtre \t  nord\n"})
    pulse.receive({"tab": tabs[3], "module": "03", "kind": "sent", "item": item})
    room = pulse.snapshot("en", {"03": "My plan"})
    assert [h["seat"] for h in room["help"]] == ["B4", "fenêtre nord"], "oldest first, no control characters"
    assert room["modules"][0]["done"] == 1 and room["objections"][0]["count"] == 1
    pulse.dismiss(room["help"][0]["number"])
    assert pulse.receive({"tab": tabs[1], "module": "03", "kind": "status"})["help"] is False, "the page learns it"
    pulse.new_step()
    room = pulse.snapshot("en", {})
    assert [h["seat"] for h in room["help"]] == ["fenêtre nord"] and room["step"] == 2
    assert all(m["done"] == 0 for m in room["modules"])
    assert pulse.totals.help_requests == 2 and pulse.totals.done == 1
    pulse.receive({"tab": tabs[3], "module": "03", "kind": "unsent", "item": item})
    assert pulse.snapshot("en", {})["objections"] == []


@pytest.mark.parametrize("message", [
    {"tab": "x" * 32, "module": "01", "kind": "done"},
    {"tab": TAB, "module": "1", "kind": "done"},
    {"tab": TAB, "module": "01", "kind": "shout"},
    {"tab": TAB, "module": "01", "kind": "sent", "item": "anything-at-all"},
    {"tab": TAB, "module": "01", "kind": "selfcheck", "stage": "before", "answers": {"q": "free text"}},
])
def test_pulse_refuses_what_a_kit_page_never_sends(content, message):
    with pytest.raises(PulseError):
        Pulse(content).receive(message)


def test_a_seat_typed_after_asking_for_help_keeps_the_place_in_the_queue(content):
    pulse = Pulse(content)
    first, second = f"{1:032x}", f"{2:032x}"
    pulse.receive({"tab": first, "module": "02", "kind": "help", "seat": ""})
    pulse.receive({"tab": second, "module": "02", "kind": "help", "seat": "A1"})
    pulse.receive({"tab": first, "module": "02", "kind": "help", "seat": "C3"})
    pulse.receive({"tab": first, "module": "02", "kind": "help", "seat": ""})  # an emptied field keeps the seat
    assert [h["seat"] for h in pulse.snapshot("en", {})["help"]] == ["C3", "A1"]
    assert pulse.totals.help_requests == 2


def test_seat_label_is_short_and_plain():
    assert clean_seat("x" * 100) == "x" * 16
    assert clean_seat(None) == "" and clean_seat(["B4"]) == ""


def test_objections_counted_are_the_checklist_items_with_a_route(content):
    items = objection_items(content)
    assert items and all(next(i for i in content.checklist if i.id == item).routes for item in items)


def test_self_check_average_is_of_tabs_that_shared_both_stages(content):
    pulse = Pulse(content)
    question = content.selfcheck[0]
    wrong = next(c.id for c in question.choices if c.id != question.answer)
    for tab, before, after in ((f"{1:032x}", wrong, question.answer), (f"{2:032x}", question.answer, None)):
        pulse.receive({"tab": tab, "module": "01", "kind": "selfcheck", "stage": "before",
                       "answers": {question.id: before}})
        if after:
            pulse.receive({"tab": tab, "module": "03", "kind": "selfcheck", "stage": "after",
                           "answers": {question.id: after}})
    assert pulse.selfcheck_average() == (1, 0.0, 1.0)


def test_status_line_off_a_terminal_is_a_plain_line_only_when_its_counts_change():
    out = io.StringIO()
    console = Console("fr", out, settle=0)
    for connected, free in ((0, 4), (0, 3), (1, 3), (1, 4), (1, 4)):
        console.status(f"connected {connected} free {free}", key=(connected,))
    assert out.getvalue().splitlines() == ["connected 0 free 4", "connected 1 free 3"]
    assert "\x1b" not in out.getvalue() and "\r" not in out.getvalue()
    settling = Console("fr", out, settle=60)
    settling.status("a page reconnects", key=(2,))
    assert out.getvalue().count("\n") == 2, "a count that has not held yet is not printed"


def test_status_line_on_a_terminal_is_redrawn_in_place():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    console = Console("en", out)
    console.status("one", key=1)
    console.say("an event")
    console.status("two", key=2)
    assert out.getvalue().count("\n") == 1 and out.getvalue().endswith("\r\x1b[Ktwo")


def test_qr_png_carries_its_address_under_the_code(tmp_path):
    import numpy as np
    import png
    import zxingcpp

    url = "http://192.0.2.7:8866/?token=k3m9p2x7qa"
    bare, captioned = save_png(make_qr(url), tmp_path / "bare.png"), save_png(make_qr(url), tmp_path / "qr.png",
                                                                          caption=url)

    def pixels(path: Path):
        width, height, rows, _ = png.Reader(filename=str(path)).asRGB8()
        return np.array([list(row) for row in rows], dtype=np.uint8).reshape(height, width, 3)

    with_text, without = pixels(captioned), pixels(bare)
    assert [code.text for code in zxingcpp.read_barcodes(with_text)] == [url]
    assert with_text.shape[1] == without.shape[1] and with_text.shape[0] > without.shape[0] + 40
    assert (with_text[without.shape[0]:] < 128).any(), "text is drawn under the code"
    lines, size = caption_lines(url, 600, lambda line, px: len(line) * px * 0.55)
    assert "".join(lines) == url and size >= 22, "the caption is the address itself, in large type"


def test_join_sheet_is_one_a4_page_with_the_address_token_and_wifi(tmp_path):
    from pypdf import PdfReader

    from kit.serving.qr import save_join_sheet

    url = "http://192.0.2.7:8866/?token=k3m9p2x7qa"
    path = save_join_sheet(make_qr(url), tmp_path / "join.pdf", url, "k3m9p2x7qa", "Mediatheque-Invites", "fr")
    reader = PdfReader(path)
    text = reader.pages[0].extract_text().replace("\n", "")
    assert len(reader.pages) == 1 and round(float(reader.pages[0].mediabox.width)) == 595
    assert url in text and "Mediatheque-Invites" in text


# --- a room served in French ---

@pytest.fixture(scope="module")
def room(tmp_path_factory) -> Iterator[tuple[Server, str, str, str]]:
    """`kit serve --lan --token --pool 0` under a French locale: the server, the address, the token, the room view."""
    folder = tmp_path_factory.mktemp("pulse")
    saved = os.environ.get("LANG"), os.environ.get("LC_ALL")
    os.environ["LANG"], os.environ["LC_ALL"] = "fr_FR.UTF-8", ""
    try:
        server = start_server(folder, "--lan", "--token", "--pool", "0")
    finally:
        for name, value in zip(("LANG", "LC_ALL"), saved, strict=True):
            os.environ.pop(name) if value is None else os.environ.__setitem__(name, value)
    try:
        status = ui_pattern("serve.status", "fr")
        assert wait_for(lambda: status.search(server.log.read_text()), 30), server.log.read_text()  # ready, nobody yet
        log = server.log.read_text()
        url = ui_pattern("serve.attendees-open", "fr").search(log)["url"]
        token = url.rsplit("token=", 1)[1]
        view = re.search(r"^\s+(http://\S+/kit/room\?key=\w+)$", log, re.M)[1]
        yield server, url, token, view
    finally:
        server.stop()


def local(url: str, port: int) -> str:
    """The same address on 127.0.0.1 (tests never leave this computer)."""
    return re.sub(r"^http://[^/]+/", f"http://127.0.0.1:{port}/", url)


def test_terminal_is_french_with_the_address_and_no_jupyter_noise(room):
    server, url, token, view = room
    log = server.log.read_text()
    assert not NOISE.findall(log), NOISE.findall(log)
    if lan_addresses():
        assert url.startswith(f"http://{lan_addresses()[0]}:{server.port}/")
        assert view.startswith(f"http://{lan_addresses()[0]}:{server.port}/")
    assert "localhost" not in url or not lan_addresses()
    assert ui_pattern("serve.token", "fr").search(log)["token"] == token
    assert token not in view, "the room view's key is not the attendees' token"


def test_room_view_opens_with_its_key_only(room):
    server, _, token, view = room
    key = view.rsplit("key=", 1)[1]
    assert key != token
    for path in (f"/kit/room?key={token}", f"/kit/room?token={token}", "/kit/room", f"/kit/room/events?key={token}",
                 f"/kit/room?key={key[:-1]}"):
        status, body = request(server.port, "GET", path)
        assert status == 403 and SEAT not in body, path
    forged = json.dumps({"key": token, "action": "new-step"}).encode()
    assert request(server.port, "POST", "/kit/room/action", forged)[0] == 403
    assert request(server.port, "GET", f"/kit/room?key={key}")[0] == 200
    assert request(server.port, "POST", "/kit/pulse", b'{"tab": "x"}')[0] in (302, 403), "attendees' token needed"


def files_under(folder: Path, limit: int = 5000) -> dict[str, tuple[int, float]]:
    found = {}
    for path in list(folder.rglob("*"))[:limit]:
        try:
            if path.is_file():
                found[str(path)] = (path.stat().st_size, path.stat().st_mtime)
        except OSError:
            continue
    return found


def written_since(folders: list[Path], since: float, text: str) -> list[str]:
    """Files modified after `since` under `folders` that hold `text`."""
    hits = []
    for folder in folders:
        for name, (size, mtime) in files_under(folder).items():
            if mtime >= since and size < 2_000_000:
                try:
                    if text.encode() in Path(name).read_bytes():
                        hits.append(name)
                except OSError:
                    continue
    return hits


@pytest.mark.browser
def test_room_pulse_from_attendee_pages_to_the_room_view(room):
    from browser import CHROMIUM, CHROMIUM_ARGS, require_browser, serious_accessibility_violations

    require_browser()
    from playwright.sync_api import expect, sync_playwright

    server, url, _, view = room
    content = default_content()
    item = sorted(objection_items(content))[0]
    started, cwd_before = time.time(), files_under(server.log.parent)
    lines_before = len(server.log.read_text().splitlines())
    status = ui_pattern("serve.status", "fr")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            facilitator = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            facilitator.goto(local(view, server.port))
            attendees = []
            for notebook in ("fr/01-what-feeds-meta-ai.ipynb", "fr/01-what-feeds-meta-ai.ipynb",
                             "en/03-my-checklist.ipynb"):
                page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
                page.set_default_timeout(120_000)  # a kernel starts and runs the notebook on a busy 2-core machine
                page.goto(local(url, server.port))  # the token's cookie, as an attendee scanning the QR code
                page.goto(f"http://127.0.0.1:{server.port}/voila/render/{notebook}")
                page.wait_for_selector(".kit-pulse-done", timeout=120_000)
                attendees.append(page)
            assert wait_for(lambda: any(m["connected"] == "3" for m in status.finditer(server.log.read_text())), 30)
            expect(facilitator.locator("#connected")).to_have_text("3", timeout=5_000)
            new = server.log.read_text().splitlines()[lines_before:]
            assert len(new) <= 3, f"{len(new)} lines for 3 attendees arriving: {new}"

            t = content.text
            attendees[0].locator(".kit-pulse-done").click()
            expect(facilitator.locator("#modules li").first).to_contain_text(
                t("room.done-of", "fr", done=1, open=2), timeout=2_000)
            attendees[1].locator(".kit-pulse-help").click()
            expect(facilitator.locator("#help-list li")).to_have_count(1, timeout=2_000)
            # Help asked with no seat: the bar opens its seat field, and what is typed there joins the request.
            attendees[1].get_by_label(t("pulse.seat", "fr")).fill(SEAT)
            attendees[1].get_by_label(t("pulse.seat", "fr")).press("Enter")
            expect(facilitator.locator("#help-list li .seat")).to_have_text(SEAT)
            # Module 03 keeps its ticks in localStorage (kit/widgets/browser_store.js): ticking an objection "sent".
            attendees[2].evaluate(f"localStorage.setItem('kit.checklist', JSON.stringify({{done: ['{item}']}}))")
            expect(facilitator.locator("#objection-list li")).to_have_count(1, timeout=2_000)
            expect(facilitator.locator("#objection-list li .figure")).to_have_text("1")

            assert serious_accessibility_violations(facilitator) == []
            facilitator.get_by_role("button", name=t("room.dismiss", "fr")).click()
            expect(facilitator.locator("#help-list li")).to_have_count(0, timeout=2_000)
        finally:
            browser.close()
    assert SEAT not in server.log.read_text(), "the terminal never shows a seat label"
    assert files_under(server.log.parent).keys() - {str(server.log)} == cwd_before.keys() - {str(server.log)}
    homes = [Path.home() / ".local" / "share" / "jupyter", Path.home() / ".jupyter", Path(tempfile.gettempdir())]
    assert not written_since([server.log.parent, *homes], started, SEAT), "the seat label reached the disk"


@pytest.mark.browser
def test_a_page_that_does_not_share_sends_nothing(room):
    from browser import chromium_page, require_browser

    require_browser()
    server, url, _, _ = room
    content = default_content()
    item = sorted(objection_items(content))[0]
    external: list[str] = []
    with chromium_page(external, viewport={"width": 390, "height": 844}) as page:
        sent: list[str] = []
        page.on("request", lambda r: sent.append(r.url) if r.method == "POST" and "/kit/pulse" in r.url else None)
        page.goto(local(url, server.port))
        page.goto(f"http://127.0.0.1:{server.port}/voila/render/fr/03-my-checklist.ipynb")
        page.get_by_role("button", name=content.text("pulse.dont-share", "fr")).click()
        assert page.locator(".kit-pulse-done").is_hidden()
        page.evaluate(f"localStorage.setItem('kit.checklist', JSON.stringify({{done: ['{item}']}}))")
        page.reload()
        page.wait_for_selector(".kit-pulse", timeout=120_000)
        assert page.locator(".kit-pulse-done").is_hidden(), "the choice is remembered"
        page.evaluate("localStorage.setItem('kit.checklist', JSON.stringify({done: []}))")
        page.wait_for_timeout(500)
        assert page.get_by_role("button", name=content.text("pulse.share-again", "fr")).is_visible()
    assert sent == [] and external == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390])
def test_the_bar_leaves_the_phone_screen_to_the_page(room, width):
    from browser import (
        chromium_page,
        overlapping_text,
        require_browser,
        small_targets,
        swipes_to,
        wider_than_the_screen,
    )

    require_browser()
    server, url, _, _ = room
    content = default_content()
    external: list[str] = []
    with chromium_page(external, viewport={"width": width, "height": 844}) as page:
        page.goto(local(url, server.port))
        page.goto(f"http://127.0.0.1:{server.port}/voila/render/fr/03-my-checklist.ipynb")
        page.wait_for_selector(".kit-pulse-done", timeout=120_000)
        height = page.locator(".kit-pulse").bounding_box()["height"]
        assert height <= 120, f"the bar takes {height:.0f} of 844 px"  # was 200 at 390 px: seat, score, long line
        assert page.get_by_label(content.text("pulse.seat", "fr")).is_hidden()
        # Module 03's act first, as without the bar: the form one swipe down, the copy button three (390 px: a
        # 320 px screen, whose text wraps more, needs two swipes to the form).
        page.get_by_label(content.platforms["facebook"].name("fr"), exact=True).check()
        page.locator(".kit-act-form").first.wait_for()
        assert swipes_to(page, ".kit-act-form") <= (1 if width >= 390 else 2)
        assert swipes_to(page, ".kit-copy") <= 3
        page.get_by_role("button", name=content.text("pulse.more", "fr")).click()
        assert page.get_by_label(content.text("pulse.seat", "fr")).is_visible()
        assert page.get_by_label(content.text("pulse.share-selfcheck", "fr")).is_visible()
        # The page's end clears the opened bar, and nothing in it runs off the screen or is too small to tap.
        space = page.evaluate("parseFloat(getComputedStyle(document.getElementById('rendered_cells')).paddingBottom)")
        assert space >= page.locator(".kit-pulse").bounding_box()["height"]
        assert overlapping_text(page, ".kit-pulse") == [] and wider_than_the_screen(page) == []
        smallest, small = small_targets(page, ".kit-pulse")
        assert small == [], small
    assert external == []


@pytest.mark.browser
def test_the_self_check_score_is_shared_only_by_those_who_tick_it(room):
    from browser import chromium_page, require_browser

    require_browser()
    server, url, _, _ = room
    content = default_content()
    question = content.selfcheck[0]
    answers = f"{{before: {{answers: {{'{question.id}': '{question.answer}'}}}}}}"
    external: list[str] = []
    with chromium_page(external, viewport={"width": 390, "height": 844}) as page:
        bodies: list[str] = []
        page.on("request", lambda r: bodies.append(r.post_data or "") if r.method == "POST" and "/kit/pulse" in r.url
                else None)
        page.goto(local(url, server.port))
        page.goto(f"http://127.0.0.1:{server.port}/voila/render/fr/01-what-feeds-meta-ai.ipynb")
        page.wait_for_selector(".kit-pulse", timeout=120_000)
        page.get_by_role("button", name=content.text("pulse.more", "fr")).click()
        share = page.get_by_label(content.text("pulse.share-selfcheck", "fr"))
        assert not share.is_checked(), "off until the attendee chooses"
        page.evaluate(f"localStorage.setItem('kit.selfcheck', JSON.stringify({answers}))")
        page.wait_for_timeout(500)
        assert not any('"selfcheck"' in body for body in bodies), "nothing of the self-check without the tick"
        share.check()
        page.wait_for_timeout(1000)
        assert any('"selfcheck"' in body and question.id in body for body in bodies), "shared once ticked"
    assert external == []


def test_stopping_prints_the_sessions_totals_in_french(tmp_path):
    server = start_server(tmp_path, "--lan", "--pool", "0", "--lang", "fr")
    assert wait_for(lambda: "Ctrl-C" in server.log.read_text(), 30)
    assert server.stop() == 0
    log = server.log.read_text()
    assert ui_pattern("serve.totals-help", "fr").search(log)["count"] == "0"


def test_verbose_server_logs_hold_no_seat_label(tmp_path):
    """With Jupyter's and Tornado's logs all on, a help request's seat label still reaches no log line."""
    server = start_server(tmp_path, "--lan", "--pool", "0", "--verbose")
    try:
        assert wait_for(lambda: "Ctrl-C" in server.log.read_text(), 30)
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        connection.request("GET", "/voila/render/en/01-what-feeds-meta-ai.ipynb")
        response = connection.getresponse()
        response.read()
        xsrf = re.search(r"_xsrf=([^;]+)", response.getheader("Set-Cookie") or "")[1]
        connection.close()
        headers = {"Cookie": f"_xsrf={xsrf}", "X-XSRFToken": xsrf, "Content-Type": "application/json"}
        body = json.dumps({"tab": TAB, "module": "01", "kind": "help", "seat": SEAT}).encode()
        assert request(server.port, "POST", "/kit/pulse", body, headers)[0] == 200
        bad = json.dumps({"tab": TAB, "module": "01", "kind": "shout", "seat": SEAT}).encode()
        assert request(server.port, "POST", "/kit/pulse", bad, headers)[0] == 400
        time.sleep(1)
    finally:
        server.stop()
    log = server.log.read_text()
    assert "Kernel started" in log, "the verbose log is on"
    assert "zèbre" not in log


def test_problems_reach_the_terminal_as_one_line_and_routine_culling_does_not():
    import logging

    from kit.serving.console import ConsoleLog

    out = io.StringIO()
    logger = logging.Logger("kit-test")
    logger.addHandler(ConsoleLog(Console("en", out)))
    logger.warning("Culling '%s' kernel '%s' (%s) with %d connections due to %s seconds of inactivity.",
                   "idle", "python3", "k", 0, 601)
    logger.warning("WebSocket ping timeout after %i ms.", 30001)
    assert out.getvalue() == ""
    logger.error("Kernel %s died, removing from map.\nTraceback (most recent call last): ...", "k")
    assert out.getvalue().count("\n") == 1 and "died" in out.getvalue() and "Traceback" not in out.getvalue()


def test_handouts_speak_the_chosen_language(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "kit", "handouts", str(tmp_path / "out"), "--region", "mars",
                             "--lang", "fr"], capture_output=True, text=True, timeout=120)
    content = default_content()
    said = content.text("handouts.unknown-region", "fr", region="mars", known=", ".join(content.regions))
    assert result.returncode == 2 and result.stderr.strip() == said
    assert not (tmp_path / "out").exists()


def test_a_render_cut_short_by_a_kernel_stopped_on_purpose_is_routine_and_another_is_not():
    import asyncio
    import logging

    from kit.serving.app import RENDERING, KitKernelManager
    from kit.serving.console import ConsoleLog

    manager = KitKernelManager.__new__(KitKernelManager)  # its state only: no kernels, no event loop
    manager.stopping = {"closed-tab"}
    out = io.StringIO()
    logger = logging.Logger("kit-test")
    logger.addHandler(ConsoleLog(Console("en", out), routine=lambda _: manager.stopped_mid_render()))

    async def render(kernel_id: str) -> None:
        RENDERING.set([kernel_id])
        await asyncio.sleep(0)
        logger.error("Kernel died while waiting for execute reply.")

    asyncio.run(render("closed-tab"))
    assert out.getvalue() == ""
    asyncio.run(render("crashed"))
    assert "Kernel died" in out.getvalue()
