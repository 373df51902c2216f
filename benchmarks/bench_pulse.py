"""The room pulse under a room of simulated attendees: latency to the room view, and the server's CPU.

    python benchmarks/bench_pulse.py                       # 100 attendees, 3 rounds over 20 s, then a burst
    python benchmarks/bench_pulse.py --attendees 30 --spread 10

What it does, on 127.0.0.1 only, and stops by itself (every loop is bounded in count and time):
1. starts `kit serve --lan --pool 0` on a free port (no preheated kernel: the pulse needs none) and reads the
   room view's key from its terminal output;
2. opens the room view's event stream, as the facilitator's browser does;
3. rounds: each attendee presses "done" once per round at a random time within --spread seconds (a new step
   between rounds), a tenth ask for help with a seat label, a fifth tick an objection "sent";
4. burst: every attendee presses "done" within one second (the end of an exercise);
latency = from an attendee's "done" leaving to the room view receiving a snapshot that counts it. The server's
CPU is its process's user + system time over each phase (kernels are other processes; there is one, started to
get the _xsrf cookie a page gets).
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kit.content import default_content  # noqa: E402  (the path above must come first)
from kit.serving.pulse import objection_items  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
MODULES = ("01", "02", "03")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Room:
    """The facilitator's event stream: the time each 'done' total was first seen."""

    def __init__(self) -> None:
        self.first_seen: dict[int, float] = {}
        self.snapshots = 0

    def feed(self, data: str) -> None:
        snapshot = json.loads(data)
        self.snapshots += 1
        done = sum(m["done"] for m in snapshot["modules"])
        now = time.monotonic()
        for count in range(done, 0, -1):
            if count in self.first_seen:
                break
            self.first_seen[count] = now


async def listen(port: int, key: str, room: Room, stop: asyncio.Event) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET /kit/room/events?key={key} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
                 .encode())
    await writer.drain()
    buffer = b""
    while not stop.is_set():
        try:
            chunk = await asyncio.wait_for(reader.read(65536), 0.5)
        except TimeoutError:
            continue
        if not chunk:
            break
        buffer += chunk
        while b"\n\n" in buffer:
            event, buffer = buffer.split(b"\n\n", 1)
            for line in event.decode("utf-8", "replace").splitlines():
                if line.startswith("data: "):
                    room.feed(line[6:])
    writer.close()


class Attendee:
    """One phone: a keep-alive connection and a tab id."""

    def __init__(self, port: int, xsrf: str, module: str):
        self.port, self.xsrf, self.module = port, xsrf, module
        self.tab = secrets.token_hex(16)
        self.connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def send(self, message: dict) -> int:
        body = json.dumps({"tab": self.tab, "module": self.module, **message}).encode()
        for _ in range(2):  # once more on a fresh connection if the kept one was closed
            if self.connection is None:
                self.connection = await asyncio.open_connection("127.0.0.1", self.port)
            reader, writer = self.connection
            try:
                writer.write(b"POST /kit/pulse HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             + f"Cookie: _xsrf={self.xsrf}\r\nX-XSRFToken: {self.xsrf}\r\n".encode()
                             + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
                await writer.drain()
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(re.search(rb"Content-Length: (\d+)", head, re.I)[1])
                await reader.readexactly(length)
                return int(head.split()[1])
            except (ConnectionError, asyncio.IncompleteReadError):
                self.connection = None
        return 0

    def close(self) -> None:
        if self.connection:
            self.connection[1].close()


async def phase(attendees: list[Attendee], spread: float, room: Room, sent_done: list[tuple[int, float]],
                counter: list[int], items: list[str], extras: bool) -> None:
    lock = asyncio.Lock()

    async def one(attendee: Attendee) -> None:
        await asyncio.sleep(random.uniform(0, spread))
        async with lock:
            counter[0] += 1
            number = counter[0]
        sent_done.append((number, time.monotonic()))
        await attendee.send({"kind": "done"})
        if extras and random.random() < 0.1:
            await attendee.send({"kind": "help", "seat": f"table {random.randint(1, 12)}"})
        if extras and random.random() < 0.2:
            await attendee.send({"kind": "sent", "item": random.choice(items)})

    await asyncio.gather(*(one(a) for a in attendees))


async def new_step(port: int, key: str) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    body = json.dumps({"key": key, "action": "new-step"}).encode()
    writer.write(b"POST /kit/room/action HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)
    await writer.drain()
    await reader.read()
    writer.close()


def latencies(sent: list[tuple[int, float]], room: Room, offset: int) -> list[float]:
    return [room.first_seen[n - offset] - at for n, at in sent if (n - offset) in room.first_seen]


async def run(port: int, pid: int, key: str, xsrf: str, args: argparse.Namespace) -> None:
    items = sorted(objection_items(default_content()))
    attendees = [Attendee(port, xsrf, MODULES[i % len(MODULES)]) for i in range(args.attendees)]
    stop = asyncio.Event()
    results = []
    for label, rounds, spread, extras in (("rounds", args.rounds, args.spread, True), ("burst", 1, 1.0, False)):
        for _ in range(rounds):
            room = Room()
            listener = asyncio.ensure_future(listen(port, key, room, stop))
            await asyncio.sleep(0.5)
            sent: list[tuple[int, float]] = []
            counter = [0]
            cpu, wall = cpu_seconds(pid), time.monotonic()
            await phase(attendees, spread, room, sent, counter, items, extras)
            deadline = time.monotonic() + 5
            while len(room.first_seen) < len(attendees) and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            cpu, wall = cpu_seconds(pid) - cpu, time.monotonic() - wall
            results.append((label, latencies(sent, room, 0), len(sent), cpu, wall, room.snapshots))
            stop.set()
            await listener
            stop.clear()
            await new_step(port, key)
    for attendee in attendees:
        attendee.close()
    print(f"{args.attendees} simulated attendees, machine load {os.getloadavg()[0]:.2f} "
          f"{os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min), {os.cpu_count()} cores")
    for label, lat, count, cpu, wall, snapshots in results:
        if not lat:
            print(f"{label}: no snapshot counted the presses")
            continue
        print(f"{label}: {count} 'done' in {wall:.1f} s, seen {len(lat)}/{count}; latency to the room view "
              f"median {statistics.median(lat) * 1000:.0f} ms, p95 {percentile(lat, 0.95) * 1000:.0f} ms, "
              f"max {max(lat) * 1000:.0f} ms; {snapshots} pushes; server CPU {cpu:.2f} s "
              f"({100 * cpu / wall:.1f} % of one core)")
    rounds = [r for r in results if r[0] == "rounds" and r[1]]
    if rounds:
        latency = statistics.median([statistics.median(r[1]) for r in rounds]) * 1000
        cpu = statistics.median([100 * r[3] / r[4] for r in rounds])
        print(f"median over the rounds: latency {latency:.0f} ms, server CPU {cpu:.1f} % of one core")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attendees", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--spread", type=float, default=20.0, help="seconds over which a round's presses come")
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "server.log"
        server = subprocess.Popen([sys.executable, "-m", "kit", "serve", "--lan", "--pool", "0", "--no-browser",
                                   f"--port={port}", "--lang", "en"], cwd=folder, stdout=log.open("w"),
                                  stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            deadline = time.monotonic() + 90
            while not (found := re.search(r"/kit/room\?key=(\w+)", log.read_text())) and time.monotonic() < deadline:
                if server.poll() is not None:
                    print(log.read_text())
                    return 1
                time.sleep(0.3)
            if not found:
                print("the server did not start")
                return 1
            key = found[1]
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            connection.request("GET", "/voila/render/en/01-what-feeds-meta-ai.ipynb")
            response = connection.getresponse()
            response.read()
            xsrf = re.search(r"_xsrf=([^;\s]+)", response.getheader("Set-Cookie") or "")[1]
            connection.close()
            asyncio.run(run(port, server.pid, key, xsrf, args))
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
