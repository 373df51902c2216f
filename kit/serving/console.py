"""The facilitator's terminal while a server runs: the address and QR code, one line per event that matters,
one status line kept up to date, and the session's totals at the end, in the facilitator's language.

On a terminal the status line is redrawn in place; written to a file or a pipe it becomes a plain line, printed
only when the number of attendees or of help requests changes (no escape codes, at most one line per arrival).
It never shows a seat label or anything else an attendee typed.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from kit.content import default_content
from kit.serving.defaults import pool_memory_mb

if TYPE_CHECKING:
    from kit.serving.app import Room
    from kit.serving.pulse import Pulse

CLEAR_LINE = "\r\x1b[K"
SETTLE_SECONDS = 2.0  # off a terminal, a count is printed once it has held this long (a page's reconnection is no news)


class Console:
    """Lines for the facilitator, and one status line below them."""

    def __init__(self, lang: str, stream: TextIO | None = None, settle: float = SETTLE_SECONDS):
        self.lang = lang
        self.stream = stream or sys.stdout
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.settle = settle
        self._status = ""
        self._printed_key: object = None
        self._pending: tuple[object, float] = (None, 0.0)
        self._lock = threading.Lock()

    def t(self, key: str, **params) -> str:
        """A string of data/ui in the facilitator's language."""
        return default_content().text(key, self.lang, **params)

    def say(self, *lines: str) -> None:
        """Print lines above the status line."""
        with self._lock:
            text = "\n".join(lines) + "\n"
            if self.tty and self._status:
                text = CLEAR_LINE + text + self._status
            self.stream.write(text)
            self.stream.flush()

    def status(self, text: str, key: object) -> None:
        """Show `text` as the status line; off a terminal, as a line once `key` (what it counts) has changed and
        then held for `settle` seconds (called again and again, as the server does every second)."""
        with self._lock:
            if self.tty:
                if text != self._status:
                    self.stream.write(CLEAR_LINE + text)
                    self.stream.flush()
                self._status = text
                return
            if key == self._printed_key:
                self._pending = (None, 0.0)
                return
            if self._pending[0] != key:
                self._pending = (key, time.monotonic())
            if time.monotonic() - self._pending[1] >= self.settle:
                self.stream.write(text + "\n")
                self.stream.flush()
                self._printed_key, self._pending = key, (None, 0.0)

    def end_status(self) -> None:
        """Leave the status line where it is and go to the next line."""
        with self._lock:
            if self.tty and self._status:
                self.stream.write("\n")
                self.stream.flush()
            self._status = ""


class ConsoleLog(logging.Handler):
    """Jupyter's, Voilà's and Tornado's warnings and errors as one console line each (the first line of the
    message: a traceback stays out of the facilitator's way, --verbose shows it whole)."""

    def __init__(self, console: Console, routine: Callable[[logging.LogRecord], bool] | None = None):
        super().__init__(logging.WARNING)
        self.console = console
        self.routine = routine  # what else the server knows to be routine

    # Routine work that Jupyter logs as a warning (--verbose still shows it): a kernel shut down after the idle
    # timeout is the culling the kit asks for; a page's websocket closed for want of an answer to its ping is a
    # phone put away or a tab gone, which the status line already counts.
    ROUTINE = ("Culling '%s' kernel ", "WebSocket ping timeout")

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.msg, str) and record.msg.startswith(self.ROUTINE):
            return
        if self.routine is not None and self.routine(record):
            return
        try:
            message = record.getMessage().strip().splitlines()
        except Exception:  # a log call with bad arguments must not stop the server
            return
        if message:
            self.console.say(self.console.t("serve.problem", message=message[0][:300]))


def quiet_jupyter_logs(console: Console, loggers: tuple[logging.Logger, ...],
                       routine: Callable[[logging.LogRecord], bool] | None = None) -> None:
    """Route the servers' logs through the console, warnings and errors only (but what `routine` says is)."""
    handler = ConsoleLog(console, routine)
    for logger in (*loggers, logging.getLogger()):
        logger.handlers = [handler]
        logger.setLevel(logging.WARNING)
        logger.propagate = False
    logging.getLogger().propagate = True


def port_busy(command: str, port: int, lang: str, again: str = "") -> str:
    """One sentence: the port is taken, and the command that would use the next one."""
    return default_content().text("serve.port-busy", lang, command=command, port=port,
                                  again=f"{command}{again} --port {port + 1}")


def start_up_lines(console: Console, room: Room) -> list[str]:
    """Where attendees go, the QR code, the room view, the kernels, how to stop."""
    t = console.t
    lines = ["", t("serve.attendees-open", url=room.url)]
    lines += [t("serve.other-address", url=url) for url in room.other_urls]
    if room.qr_text:
        lines += ["", room.qr_text.rstrip("\n")]
    if room.qr_png:
        lines.append(t("serve.qr-png", path=room.qr_png))
    if room.join_sheet:
        lines.append(t("serve.join-sheet", path=room.join_sheet))
    if room.token:
        lines.append(t("serve.token", token=room.token))
    if room.room_view:
        lines += ["", t("serve.room-view"), f"  {room.room_view}", ""]
    total = sum(room.preheated.values())
    if total:
        groups: dict[int, list[str]] = {}
        for path, size in room.preheated.items():
            groups.setdefault(size, []).append(path)
        parts = [t("serve.kernels-one", size=size, path=paths[0]) if len(paths) == 1
                 else t("serve.kernels-each", size=size, count=len(paths)) for size, paths in sorted(groups.items())]
        from kit.serving.forking import fork_possible

        memory = f"{pool_memory_mb(room.preheated, forked=fork_possible()) / 1000:.1f}"
        lines.append(t("serve.kernels", total=total, parts=", ".join(parts),
                       memory=memory.replace(".", ",") if console.lang == "fr" else memory))
    else:
        lines.append(t("serve.kernels-none"))
    lines.append(t("serve.culling", idle=room.cull_idle, interval=room.cull_interval))
    lines.append(t("serve.stop"))
    return lines


def status_line(console: Console, connected: int, free: int | None, help_waiting: int) -> tuple[str, object]:
    """The status line, and what it counts (a change of which is worth a new line off a terminal)."""
    text = console.t("serve.status", time=time.strftime("%H:%M"), connected=connected,
                     free="-" if free is None else free, help=help_waiting)
    return text, (connected, help_waiting)


def totals_lines(console: Console, pulse: Pulse) -> list[str]:
    """The session's totals: figures a library or an association can put in its report."""
    from kit.serving.pulse import platform_names

    t, totals = console.t, pulse.totals
    lines = ["", t("serve.totals"),
             t("serve.totals-pages", pages=totals.pages, peak=totals.peak_connected),
             t("serve.totals-help", count=totals.help_requests),
             t("serve.totals-done", count=totals.done, steps=totals.steps)]
    sent = {item: len(tabs) for item, tabs in pulse.sent.items() if tabs}
    lines.append(t("serve.totals-objections", count=sum(sent.values())))
    lines += [t("serve.totals-objection", platforms=platform_names(pulse.content, pulse.objections[item], console.lang),
                count=count) for item, count in sent.items()]
    average = pulse.selfcheck_average()
    if average:
        count, before, after = average
        number: Callable[[float], str] = ((lambda x: f"{x:.1f}".replace(".", ",")) if console.lang == "fr"
                                          else (lambda x: f"{x:.1f}"))
        lines.append(t("serve.totals-selfcheck", count=count, before=number(before), after=number(after),
                       total=len(pulse.content.selfcheck)))
    return lines
