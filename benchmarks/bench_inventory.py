"""Benchmark `kit inventory` on a synthetic ~2 GB Facebook export against a bare read-and-parse script.

    python benchmarks/bench_inventory.py              # full scale: ~2 GB zip, 100k posts, 300k reactions
    python benchmarks/bench_inventory.py --scale 0.05 # quick run

The export is generated in a temporary folder (deleted at the end): JSON members deflated as Meta does,
media stored as random bytes, and one `likes_and_reactions_1.json` of 50 MB+ as heavy users have. Both
sides run as whole processes (interpreter start and imports included), timed from here, their peak RSS
read from the kernel (wait4): `kit inventory PATH` (table output), and a bare script that opens the same
zip and runs `json.loads` on every JSON member, nothing else (a second one with the cyclic garbage
collector off, as the inventory runs). `read_export` alone is also timed in a child, to tell start-up
from reading. The machine may be shared: the load average is printed with the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FULL = {"posts": 100_000, "comments": 50_000, "reactions": 300_000, "media_bytes": 2 * 10**9}
POSTS_PER_FILE = 10_000  # Meta's split (§3 of the format notes)
REACTIONS_PER_FILE = 25_000
BIG_FILE_REACTIONS = 200_000  # likes_and_reactions_1.json alone: ~57 MB at full scale (real heavy users: 52 MB)
PHOTOS_PER_ALBUM = 500
MEDIA_FILE_BYTES = 128 * 1024
TARGETS = {"ratio": 1.0, "seconds": 10.0, "peak_rss_mb": 300.0, "mb_per_s": 100.0}
# The baseline: read the zip, json.loads every JSON member (run as `python -c BARE ZIP`).
BARE = (
    "import json, sys, zipfile\n"
    "with zipfile.ZipFile(sys.argv[1]) as archive:\n"
    "    for info in archive.infolist():\n"
    "        if info.filename.endswith('.json'):\n"
    "            json.loads(archive.read(info))\n"
)
TREE = "facebook-bench.user-2026-03-14-Bn7Kq2Lx"
YFA = f"{TREE}/your_facebook_activity"
OWNER = "Camille Dupré"
TEXTS = [
    "Première balade de l'année au bord du Doubs ❄️",
    "Gâteau à la crème de marrons réussi 🎂",
    "Qui vient au marché de Noël samedi ? 🎄",
    "Rentrée : café, cartable et bonne humeur ☕📚",
    "Vélo jusqu'à Arc-et-Senans, 40 km 🚴",
    "Just a plain English sentence about the weekend.",
]


def generate(path: Path, scale: float, seed: int = 1) -> dict[str, int]:
    """Write the synthetic export zip; return the counts an inventory must find."""
    from kit.demo import meta_json  # imported here so that the baseline child never loads pandas

    rng = random.Random(seed)
    n_posts, n_comments = int(FULL["posts"] * scale), int(FULL["comments"] * scale)
    n_reactions = int(FULL["reactions"] * scale)
    n_media = max(1, int(FULL["media_bytes"] * scale) // MEDIA_FILE_BYTES)
    pool = rng.randbytes(16 * 1024 * 1024)
    media_uris = [
        f"your_facebook_activity/posts/media/Album_{i // PHOTOS_PER_ALBUM}/{i}.jpg" for i in range(n_media)
    ]

    def when(i: int) -> int:
        return 1_400_000_000 + i * 379

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:

        def put_json(name: str, value: Any) -> None:
            archive.writestr(name, meta_json(value), compress_type=zipfile.ZIP_DEFLATED)

        for start in range(0, n_posts, POSTS_PER_FILE):
            posts = []
            for i in range(start, min(start + POSTS_PER_FILE, n_posts)):
                post: dict[str, Any] = {
                    "timestamp": when(i),
                    "data": [{"post": TEXTS[i % len(TEXTS)]}, {"update_timestamp": when(i) + 60}],
                    "title": f"{OWNER} a publié un statut.",
                }
                if i % 3 == 0:
                    uri = media_uris[i % n_media]
                    post["attachments"] = [{"data": [{"media": {"uri": uri, "creation_timestamp": when(i)}}]}]
                posts.append(post)
            number = start // POSTS_PER_FILE + 1
            put_json(f"{YFA}/posts/your_posts__check_ins__photos_and_videos_{number}.json", posts)
        comments = [
            {
                "timestamp": when(i),
                "data": [
                    {"comment": {"timestamp": when(i), "comment": TEXTS[i % len(TEXTS)], "author": OWNER}}
                ],
                "title": f"{OWNER} a commenté la publication d'Élodie.",
            }
            for i in range(n_comments)
        ]
        put_json(f"{YFA}/comments_and_reactions/comments.json", {"comments_v2": comments})
        del comments
        big = int(BIG_FILE_REACTIONS * scale)
        splits = [(0, big)] + [
            (at, min(at + REACTIONS_PER_FILE, n_reactions)) for at in range(big, n_reactions, REACTIONS_PER_FILE)
        ]
        for number, (start, end) in enumerate(splits, start=1):
            reactions = [
                {
                    "timestamp": when(i),
                    "data": [{"reaction": {"reaction": "LIKE", "actor": OWNER}}],
                    "title": f"{OWNER} a aimé la publication de Théo.",
                }
                for i in range(start, end)
            ]
            put_json(f"{YFA}/comments_and_reactions/likes_and_reactions_{number}.json", reactions)
        for album in range(0, n_media, PHOTOS_PER_ALBUM):
            photos = [
                {"uri": uri, "creation_timestamp": when(i), "title": "", "description": TEXTS[i % len(TEXTS)]}
                for i, uri in enumerate(media_uris[album : album + PHOTOS_PER_ALBUM], start=album)
            ]
            put_json(
                f"{YFA}/posts/album/{album // PHOTOS_PER_ALBUM}.json", {"name": "Album", "photos": photos}
            )
        for uri in media_uris:
            offset = rng.randrange(len(pool) - MEDIA_FILE_BYTES)
            archive.writestr(f"{TREE}/{uri}", pool[offset : offset + MEDIA_FILE_BYTES], zipfile.ZIP_STORED)
    return {"post": n_posts, "comment": n_comments, "reaction": n_reactions, "photo": n_media}


def child(path: Path) -> None:
    """Time `read_export` alone in this (fresh) process and print it as JSON."""
    from kit.exports import read_export

    start = time.perf_counter()
    result = read_export([path])
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_rss_mb": peak_rss_mb(), "found": _found(result)}))


def _found(result: Any) -> dict[str, int]:
    problems = [problem.code for problem in result.problems] + [f.problem.code for f in result.failed]
    return {row[1]: row[2] for row in result.found} | ({"problems": problems} if problems else {})


def peak_rss_mb() -> float:
    """This process's own peak RSS in MB (10^6 bytes)."""
    # VmHWM starts afresh at exec; ru_maxrss would inherit the parent's peak when the child is spawned.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # not Linux: best effort


COMMANDS = {
    "inventory": lambda path: [sys.executable, "-m", "kit", "inventory", str(path)],
    "baseline": lambda path: [sys.executable, "-c", BARE, str(path)],
    "baseline-nogc": lambda path: [sys.executable, "-c", "import gc; gc.disable()\n" + BARE, str(path)],
    "read_export": lambda path: [sys.executable, __file__, "--child", str(path)],
}


def run_process(mode: str, path: Path) -> dict[str, Any]:
    """One whole-process run of `mode`, measured with wait4: its own wall time, CPU time and peak RSS."""
    start = time.perf_counter()
    process = subprocess.Popen(
        COMMANDS[mode](path), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT
    )
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{mode} exited with {process.returncode}")
    return {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss * 1024 / 1e6,  # Linux: kB
        "stdout": out.decode(),
        "load": os.getloadavg()[0],
    }


def table_counts(table: str) -> dict[str, int]:
    """{category: count} from `kit inventory`'s table."""
    lines = table.splitlines()[1:]
    return {cells[1]: int(cells[2]) for cells in (line.split() for line in lines) if len(cells) >= 3}


def main(argv: list[str] | None = None) -> int:
    """Generate, measure, report against the targets, clean up."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size (default 1.0)")
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each (default 5)")
    parser.add_argument("--dir", type=Path, default=None, help="where to generate (default: the temp dir)")
    parser.add_argument("--child", metavar="ZIP", help=argparse.SUPPRESS)
    parser.add_argument("--generate", metavar="ZIP", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(Path(args.child))
        return 0
    if args.generate:
        print(json.dumps(generate(Path(args.generate), args.scale)))
        return 0
    work = Path(tempfile.mkdtemp(prefix="bench-inventory-", dir=args.dir))
    try:
        need = int(FULL["media_bytes"] * args.scale * 1.2)
        free = shutil.disk_usage(work).free
        if free < need:
            print(f"not enough space in {work}: {free / 1e9:.1f} GB free, {need / 1e9:.1f} GB needed")
            return 2
        path = work / f"{TREE}.zip"
        start = time.perf_counter()
        # Generated in a child: a child's peak RSS counts the pages of the process it was forked from, so
        # this process stays small (the children's peaks are then their own).
        generator = [sys.executable, __file__, "--generate", str(path), "--scale", str(args.scale)]
        expected = json.loads(subprocess.run(generator, capture_output=True, text=True, check=True).stdout)
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
        json_bytes = sum(i.file_size for i in infos if i.filename.endswith(".json"))
        json_files = sum(i.filename.endswith(".json") for i in infos)
        print(
            f"generated {path.stat().st_size / 1e9:.2f} GB zip, {len(infos)} members, {json_files} JSON "
            f"({json_bytes / 1e6:.0f} MB uncompressed) in {time.perf_counter() - start:.0f} s"
        )
        load_before = os.getloadavg()
        run_process("baseline", path)  # warm the page cache for all
        runs: dict[str, list[dict[str, Any]]] = {mode: [] for mode in COMMANDS}
        for _ in range(args.runs):
            for mode, mode_runs in runs.items():
                mode_runs.append(run_process(mode, path))
        load_after = os.getloadavg()
        found = table_counts(runs["inventory"][-1]["stdout"])
        in_process = json.loads(runs["read_export"][-1]["stdout"])["found"]
        if any(found.get(k) != v for k, v in expected.items()) or in_process != found:
            print(f"WRONG inventory: expected {expected}, kit inventory found {found}, read_export {in_process}")
            return 1
        median = {
            mode: {key: statistics.median(r[key] for r in mode_runs) for key in ("seconds", "cpu", "peak_rss_mb")}
            for mode, mode_runs in runs.items()
        }
        inventory = median["inventory"]["seconds"]
        figures = {
            "seconds": inventory,
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs["inventory"]),
            "mb_per_s": json_bytes / 1e6 / inventory,
            "ratio": inventory / median["baseline"]["seconds"],
        }
        print(f"kit inventory found {found}")
        print(f"medians of {args.runs} whole-process runs (wall s / CPU s / peak RSS MB):")
        labels = {
            "baseline": "bare zip + json.loads",
            "baseline-nogc": "same, gc off",
            "inventory": "kit inventory",
            "read_export": "read_export in a child",
        }
        for mode, label in labels.items():
            m = median[mode]
            print(f"  {label:24} {m['seconds']:6.2f} s  {m['cpu']:6.2f} s  {m['peak_rss_mb']:5.0f} MB")
        reading = statistics.median(json.loads(r["stdout"])["seconds"] for r in runs["read_export"])
        print(f"  (of which read_export itself, timed inside its child: {reading:.2f} s)")
        loads = [r["load"] for mode_runs in runs.values() for r in mode_runs]
        print(
            f"machine: {os.cpu_count()} CPUs, load average (1 min) {load_before[0]:.1f} before, "
            f"{statistics.median(loads):.1f} median during, {load_after[0]:.1f} after"
        )
        print(f"kit inventory wall time: {inventory:.2f} s (target ≤ {TARGETS['seconds']} s)")
        print(
            f"kit inventory peak RSS:  {figures['peak_rss_mb']:.0f} MB, the highest of the runs "
            f"(target ≤ {TARGETS['peak_rss_mb']:.0f} MB)"
        )
        print(f"JSON throughput:         {figures['mb_per_s']:.0f} MB/s (target ≥ {TARGETS['mb_per_s']:.0f} MB/s)")
        print(f"ratio to the bare script: {figures['ratio']:.2f} (target ≤ {TARGETS['ratio']})")
        cpu_ratio = median["inventory"]["cpu"] / median["baseline"]["cpu"]
        print(f"ratio of CPU seconds (less sensitive to the other load): {cpu_ratio:.2f}")
        print(f"ratio to the bare script with gc off: {inventory / median['baseline-nogc']['seconds']:.2f}")
        misses = [
            name
            for name, value in figures.items()
            if (value < TARGETS[name] if name == "mb_per_s" else value > TARGETS[name])
        ]
        print("all targets met" if not misses else f"targets missed: {', '.join(misses)}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
