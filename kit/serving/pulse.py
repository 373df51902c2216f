"""The room pulse: what attendees' pages tell the facilitator, as counts held in memory only.

A page is known by a random id its browser tab keeps in sessionStorage: counts are of tabs, never of people.
Nothing here is written to disk or to a log; a seat label lives only in a waiting help request, and goes
with it. Everything is gone when the server stops, except the session's totals, printed once.
"""

from __future__ import annotations

import asyncio
import re
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from kit.content import Content

TAB = re.compile(r"^[0-9a-f]{16,32}$")
MODULE = re.compile(r"^[0-9]{2}$")
SEAT_MAX = 16  # "table 12", "B4", "près de la fenêtre" cut short: a place, never a sentence
MAX_TABS = 2000  # a room is 100; a client inventing ids cannot make the server hold more than this
KINDS = ("done", "help", "cancel-help", "sent", "unsent", "selfcheck", "status")


class PulseError(ValueError):
    """A message that is not one a kit page sends (answered 400, never logged with its content)."""


@dataclass
class HelpRequest:
    """An attendee waiting for the facilitator: where they sit (if they said), which module, since when."""

    number: int
    module: str
    seat: str
    since: float


@dataclass
class SelfCheckScore:
    before: int | None = None
    after: int | None = None


@dataclass
class Totals:
    """What the session adds up to, printed when the server stops."""

    help_requests: int = 0
    done: int = 0
    steps: int = 1
    peak_connected: int = 0
    pages: int = 0


def objection_items(content: Content) -> dict[str, list[str]]:
    """The module 03 checklist items that send an objection (those with routes): id → their platforms."""
    return {item.id: list(item.platforms) for item in content.checklist if item.routes}


def platform_names(content: Content, platforms: list[str], lang: str) -> str:
    """"Facebook · Messenger"."""
    return " · ".join(content.platforms[p].name(lang) if p in content.platforms else p for p in platforms)


def clean_seat(value: object) -> str:
    """A seat label as the room view shows it: printable characters only, short, or empty."""
    if not isinstance(value, str):
        return ""
    text = "".join(c for c in unicodedata.normalize("NFC", value) if unicodedata.category(c)[0] not in "CZ"
                   or c == " ")
    return " ".join(text.split())[:SEAT_MAX]


@dataclass
class Pulse:
    """The room's live counts; `version` grows on every change, and `changed()` wakes whoever waits for one."""

    content: Content
    objections: dict[str, list[str]] = field(default_factory=dict)  # checklist item id → platforms
    step: int = 1
    done: dict[str, set[str]] = field(default_factory=dict)  # module → tabs done with the current step
    help: dict[str, HelpRequest] = field(default_factory=dict)  # tab → its waiting request
    sent: dict[str, set[str]] = field(default_factory=dict)  # checklist item → tabs that ticked it
    selfcheck: dict[str, SelfCheckScore] = field(default_factory=dict)
    connected: dict[str, int] = field(default_factory=dict)  # module → open pages (from the kernels)
    totals: Totals = field(default_factory=Totals)
    version: int = 0
    _tabs: set[str] = field(default_factory=set)
    _numbers: int = 0
    _event: asyncio.Event | None = None

    def __post_init__(self) -> None:
        if not self.objections:
            self.objections = objection_items(self.content)
        self._answers = {q.id: (q.answer, {c.id for c in q.choices}) for q in self.content.selfcheck}

    # --- what pages send ---

    def receive(self, message: Mapping) -> dict:
        """Apply one attendee message; returns what the page needs to show (its help request's state)."""
        tab, kind, module = message.get("tab"), message.get("kind"), message.get("module")
        if not isinstance(tab, str) or not TAB.match(tab) or kind not in KINDS:
            raise PulseError("not a pulse message")
        if not isinstance(module, str) or not MODULE.match(module):
            raise PulseError("no module")
        if tab not in self._tabs:
            if len(self._tabs) >= MAX_TABS:
                raise PulseError("too many pages")
            self._tabs.add(tab)
        if kind == "done":
            if tab not in self.done.setdefault(module, set()):
                self.done[module].add(tab)
                self.totals.done += 1
        elif kind == "help":
            seat = clean_seat(message.get("seat"))
            if tab not in self.help:
                self._numbers += 1
                self.help[tab] = HelpRequest(self._numbers, module, seat, time.time())
                self.totals.help_requests += 1
            elif seat:  # the seat typed once the request went: same request, same place in the queue
                self.help[tab].seat = seat
        elif kind == "cancel-help":
            self.help.pop(tab, None)
        elif kind in ("sent", "unsent"):
            item = message.get("item")
            if item not in self.objections:
                raise PulseError("not an objection")
            tabs = self.sent.setdefault(str(item), set())
            (tabs.add if kind == "sent" else tabs.discard)(tab)
        elif kind == "selfcheck":
            self._score(tab, message)
        if kind != "status":  # "status": a page waiting for help asks whether it still is (nothing changes)
            self._changed()
        return {"help": tab in self.help, "step": self.step}

    def _score(self, tab: str, message: Mapping) -> None:
        """A self-check stage's right answers, from the choices the page sends (answers are not kept)."""
        stage, answers = message.get("stage"), message.get("answers")
        if stage not in ("before", "after") or not isinstance(answers, dict):
            raise PulseError("not a self-check")
        right = 0
        for question, choice in answers.items():
            expected = self._answers.get(question)
            if expected is None or choice not in expected[1]:
                raise PulseError("unknown answer")
            right += choice == expected[0]
        setattr(self.selfcheck.setdefault(tab, SelfCheckScore()), stage, right)

    # --- what the facilitator does ---

    def dismiss(self, number: int) -> None:
        """The facilitator has seen to a help request."""
        for tab, waiting in list(self.help.items()):
            if waiting.number == number:
                del self.help[tab]
        self._changed()

    def new_step(self) -> None:
        """Everyone starts the next step: "done" counts start again from zero."""
        self.step += 1
        self.totals.steps += 1
        self.done.clear()
        self._changed()

    # --- what the server itself knows ---

    def set_connected(self, by_module: dict[str, int]) -> None:
        """Open module pages, counted from the kernels that have a page connected."""
        self.totals.peak_connected = max(self.totals.peak_connected, sum(by_module.values()))
        if by_module != self.connected:
            self.connected = dict(by_module)
            self._changed()

    # --- pushing changes ---

    def _changed(self) -> None:
        self.version += 1
        if self._event is not None:
            self._event.set()

    async def changed(self, seen: int, timeout: float) -> int:
        """Wait until the version differs from `seen` (or `timeout` s pass); the current version."""
        if self._event is None:
            self._event = asyncio.Event()
        if self.version == seen:
            self._event.clear()
            try:
                await asyncio.wait_for(self._event.wait(), timeout)
            except TimeoutError:
                pass
        return self.version

    def snapshot(self, lang: str, titles: Mapping[str, str]) -> dict:
        """What the room view shows, in the facilitator's language; help requests oldest first."""
        now = time.time()
        modules = sorted(set(self.connected) | set(self.done))
        return {
            "step": self.step,
            "connected": sum(self.connected.values()),
            "modules": [{"module": m, "title": titles.get(m, m), "open": self.connected.get(m, 0),
                         "done": len(self.done.get(m, ()))} for m in modules],
            "help": [{"number": h.number, "seat": h.seat, "module": titles.get(h.module, h.module),
                      "minutes": int((now - h.since) // 60)}
                     for h in sorted(self.help.values(), key=lambda h: h.since)],
            "objections": [{"platforms": platform_names(self.content, self.objections[item], lang), "count": len(tabs)}
                           for item, tabs in self.sent.items() if tabs],
        }

    def selfcheck_average(self) -> tuple[int, float, float] | None:
        """(attendees, before, after) over the tabs that shared both stages, or None."""
        both = [s for s in self.selfcheck.values() if s.before is not None and s.after is not None]
        if not both:
            return None
        return (len(both), sum(s.before or 0 for s in both) / len(both), sum(s.after or 0 for s in both) / len(both))
