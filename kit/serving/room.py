"""The room pulse over HTTP: attendees' pages send a few bytes, the facilitator's room view gets them pushed.

No kernel is involved. Messages travel in request bodies, never in an address (Tornado's and the kit's logs
hold request paths, and only for server errors); a rejected message is answered 400 without being logged.
The room view opens with the facilitator's key only: the attendees' access token does not open it.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import Mapping
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from jupyter_server.base.handlers import JupyterHandler
from tornado import web
from tornado.iostream import StreamClosedError

from kit.serving.pulse import Pulse, PulseError

ROOM_TEMPLATES = Path(__file__).resolve().parent / "templates" / "room"
PULSE_ROUTE = "kit/pulse"  # attendees' pages POST here; GET kit/pulse.js is the bar's script
ROOM_ROUTE = "kit/room"  # the facilitator's view; kit/room/events pushes, kit/room/action acts
MESSAGE_MAX = 2048  # bytes: a pulse is about 100, a self-check answer set about 400
PUSH_EVERY = 0.25  # s: changes arriving together reach the room view as one update
KEEPALIVE = 15  # s: a comment line keeps proxies and phones from closing a quiet stream
PULSE_STRINGS = ("pulse.done", "pulse.done-noted", "pulse.help", "pulse.help-waiting", "pulse.seat", "pulse.more",
                 "pulse.shared", "pulse.shared-short", "pulse.dont-share", "pulse.not-shared", "pulse.share-again",
                 "pulse.offline", "pulse.share-selfcheck")


def _key_matches(given: object, key: str) -> bool:
    return isinstance(given, str) and hmac.compare_digest(given.encode(), key.encode())


def pulse_script(pulse: Pulse | None) -> str:
    """The pulse bar's script with what it needs inlined: its strings in both languages and the objection items."""
    if pulse is None:
        return "// The room pulse is off: kit serve --lan turns it on.\n"
    config = {
        "strings": {lang: {key.removeprefix("pulse."): pulse.content.text(key, lang) for key in PULSE_STRINGS}
                    for lang in ("fr", "en")},
        "objections": sorted(pulse.objections),
        "selfcheck": sorted(q.id for q in pulse.content.selfcheck),
    }
    source = (ROOM_TEMPLATES / "pulse.js").read_text(encoding="utf-8")
    return f"window.KIT_PULSE = {json.dumps(config, ensure_ascii=False)};\n{source}"


class PulseScriptHandler(JupyterHandler):
    """GET kit/pulse.js: the same few kilobytes for every attendee (Etag: compressed once, see CachedGZip)."""

    def initialize(self, script: str) -> None:
        self.script = script

    @web.authenticated
    def get(self) -> None:
        self.set_header("Content-Type", "application/javascript; charset=UTF-8")
        self.set_header("Cache-Control", "no-cache")
        self.write(self.script)


class PulseHandler(JupyterHandler):
    """POST kit/pulse: one attendee message (JSON body); behind the attendees' token and Jupyter's XSRF check."""

    def initialize(self, pulse: Pulse) -> None:
        self.pulse = pulse

    @web.authenticated
    def post(self) -> None:
        body = self.request.body
        try:
            if len(body) > MESSAGE_MAX:
                raise PulseError("too long")
            message = json.loads(body)
            if not isinstance(message, dict):
                raise PulseError("not an object")
            answer = self.pulse.receive(message)
        except (ValueError, UnicodeDecodeError):  # PulseError and JSONDecodeError are ValueErrors
            self.set_status(400)
            self.finish({"ok": False})
            return
        self.set_header("Cache-Control", "no-store")
        self.finish({"ok": True, **answer})


class RoomHandler(web.RequestHandler):
    """What the room view's three routes share: the facilitator's key, compared in constant time."""

    def initialize(self, pulse: Pulse, key: str, lang: str, titles: Mapping[str, str]) -> None:
        self.pulse, self.key, self.lang, self.titles = pulse, key, lang, titles

    def check_xsrf_cookie(self) -> None:
        """The facilitator's key, in the body of every action, is what a forged request cannot know."""

    def require_key(self, given: object) -> None:
        if not _key_matches(given, self.key):
            raise web.HTTPError(403)

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.finish(self.pulse.content.text("room.bad-key", self.lang) if status_code == 403 else str(status_code))

    def snapshot(self) -> str:
        return json.dumps(self.pulse.snapshot(self.lang, self.titles), ensure_ascii=False)


class RoomPageHandler(RoomHandler):
    """GET kit/room?key=…: the room view, a page that reads on a projector and on a phone."""

    def get(self) -> None:
        self.require_key(self.get_query_argument("key", None))
        env = Environment(loader=FileSystemLoader(ROOM_TEMPLATES), autoescape=select_autoescape(["html"]))
        ui = self.pulse.content.ui
        strings = {key.removeprefix("room."): ui[key](self.lang) for key in ui if key.startswith("room.")}
        page = env.get_template("room.html").render(
            lang=self.lang, s=strings, key=self.key, snapshot=self.snapshot(),
            css=(ROOM_TEMPLATES / "room.css").read_text(encoding="utf-8"),
            script=(ROOM_TEMPLATES / "room.js").read_text(encoding="utf-8"))
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Referrer-Policy", "no-referrer")
        self.finish(page)


class RoomEventsHandler(RoomHandler):
    """GET kit/room/events?key=…: server-sent events, one JSON snapshot per change (at most every PUSH_EVERY s)."""

    async def get(self) -> None:
        self.require_key(self.get_query_argument("key", None))
        self.set_header("Content-Type", "text/event-stream; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Accel-Buffering", "no")
        seen = -1
        try:
            while True:
                version = await self.pulse.changed(seen, KEEPALIVE)
                self.write(f"data: {self.snapshot()}\n\n" if version != seen else ": still here\n\n")
                await self.flush()
                seen = version
                await asyncio.sleep(PUSH_EVERY)
        except StreamClosedError:
            return


class RoomActionHandler(RoomHandler):
    """POST kit/room/action: the facilitator dismisses a help request or starts a new step (JSON body with key)."""

    def post(self) -> None:
        try:
            message = json.loads(self.request.body[:MESSAGE_MAX])
        except ValueError:
            raise web.HTTPError(400) from None
        if not isinstance(message, dict):
            raise web.HTTPError(400)
        self.require_key(message.get("key"))
        if message.get("action") == "dismiss" and isinstance(message.get("number"), int):
            self.pulse.dismiss(message["number"])
        elif message.get("action") == "new-step":
            self.pulse.new_step()
        else:
            raise web.HTTPError(400)
        self.finish({"ok": True})


def room_handlers(base: str, pulse: Pulse | None, key: str, lang: str, titles: Mapping[str, str]) -> list:
    """The pulse's routes; without a pulse, only the script (which then draws nothing)."""
    script = [(rf"{base}{PULSE_ROUTE}\.js", PulseScriptHandler, {"script": pulse_script(pulse)})]
    if pulse is None:
        return script
    room = {"pulse": pulse, "key": key, "lang": lang, "titles": titles}
    return [*script,
            (rf"{base}{PULSE_ROUTE}", PulseHandler, {"pulse": pulse}),
            (rf"{base}{ROOM_ROUTE}", RoomPageHandler, room),
            (rf"{base}{ROOM_ROUTE}/events", RoomEventsHandler, room),
            (rf"{base}{ROOM_ROUTE}/action", RoomActionHandler, room)]
