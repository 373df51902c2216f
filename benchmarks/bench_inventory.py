"""Benchmark `read_export` on a synthetic ~2 GB Facebook export against a bare read-and-parse baseline.

    python benchmarks/bench_inventory.py              # full scale: ~2 GB zip, 100k posts, 200k reactions
    python benchmarks/bench_inventory.py --scale 0.05 # quick run

The export is generated in a temporary folder (deleted at the end): JSON members deflated as Meta does,
media stored as random bytes. Each measurement runs in a fresh child process so that its peak RSS is its
own. The baseline opens the same zip and runs `json.loads` on the same JSON members, nothing else; a
second baseline does the same with the cyclic garbage collector off, as the inventory does.
"""

from __future__ import annotations

import argparse
import gc
import json
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

FULL = {"posts": 100_000, "comments": 50_000, "reactions": 200_000, "media_bytes": 2 * 10**9}
POSTS_PER_FILE = 10_000  # Meta's split (§3 of the format notes)
REACTIONS_PER_FILE = 25_000
PHOTOS_PER_ALBUM = 500
MEDIA_FILE_BYTES = 128 * 1024
TARGETS = {"ratio": 1.5, "seconds": 10.0, "peak_rss_mb": 300.0, "mb_per_s": 100.0}
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
        for start in range(0, n_reactions, REACTIONS_PER_FILE):
            reactions = [
                {
                    "timestamp": when(i),
                    "data": [{"reaction": {"reaction": "LIKE", "actor": OWNER}}],
                    "title": f"{OWNER} a aimé la publication de Théo.",
                }
                for i in range(start, min(start + REACTIONS_PER_FILE, n_reactions))
            ]
            number = start // REACTIONS_PER_FILE + 1
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


def child(mode: str, path: Path) -> None:
    """Run one measurement in this (fresh) process and print it as JSON."""
    if mode == "inventory":
        from kit.exports import read_export

        start = time.perf_counter()
        result = read_export([path])
        seconds = time.perf_counter() - start
        found = {row.category: int(row.count) for row in result.rows.itertuples()}
        problems = [problem.code for problem in result.problems] + [f.problem.code for f in result.failed]
    else:
        if mode == "baseline-nogc":  # the parse floor: no cyclic GC passes (the inventory turns them off)
            gc.disable()
        start = time.perf_counter()
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.filename.endswith(".json"):
                    json.loads(archive.read(info))
        seconds = time.perf_counter() - start
        found, problems = {}, []
    print(
        json.dumps({"seconds": seconds, "peak_rss_mb": peak_rss_mb(), "found": found, "problems": problems})
    )


def peak_rss_mb() -> float:
    """This process's own peak RSS in MB (10^6 bytes)."""
    # VmHWM starts afresh at exec; ru_maxrss would inherit the parent's peak when the child is spawned.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # not Linux: best effort


def measure(mode: str, path: Path) -> dict[str, Any]:
    """One child-process run of `mode`."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)


def main(argv: list[str] | None = None) -> int:
    """Generate, measure, report against the targets, clean up."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size (default 1.0)")
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each (default 5)")
    parser.add_argument("--dir", type=Path, default=None, help="where to generate (default: the temp dir)")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "ZIP"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], Path(args.child[1]))
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
        expected = generate(path, args.scale)
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
        json_bytes = sum(i.file_size for i in infos if i.filename.endswith(".json"))
        json_files = sum(i.filename.endswith(".json") for i in infos)
        print(
            f"generated {path.stat().st_size / 1e9:.2f} GB zip, {len(infos)} members, {json_files} JSON "
            f"({json_bytes / 1e6:.0f} MB uncompressed) in {time.perf_counter() - start:.0f} s"
        )
        measure("baseline", path)  # warm the page cache for all
        runs: dict[str, list[dict[str, Any]]] = {"baseline": [], "baseline-nogc": [], "inventory": []}
        for _ in range(args.runs):
            for mode, found_runs in runs.items():
                found_runs.append(measure(mode, path))
        found = runs["inventory"][-1]["found"]
        if runs["inventory"][-1]["problems"] or any(found.get(k) != v for k, v in expected.items()):
            print(f"WRONG inventory: found {found}, problems {runs['inventory'][-1]['problems']}")
            return 1
        median = {
            mode: statistics.median(r["seconds"] for r in found_runs) for mode, found_runs in runs.items()
        }
        peak = {mode: max(r["peak_rss_mb"] for r in found_runs) for mode, found_runs in runs.items()}
        inventory = median["inventory"]
        figures = {
            "seconds": inventory,
            "peak_rss_mb": peak["inventory"],
            "mb_per_s": json_bytes / 1e6 / inventory,
            "ratio": inventory / median["baseline"],
        }
        print(f"inventory found {found}")
        for mode in ("baseline", "baseline-nogc"):
            print(
                f"{mode + ':':15} {median[mode]:.2f} s median, peak RSS {peak[mode]:.0f} MB, "
                f"{json_bytes / 1e6 / median[mode]:.0f} MB/s (zip read + json.loads of the same members)"
            )
        print(
            f"inventory wall time:  {inventory:.2f} s median of {args.runs} (target ≤ {TARGETS['seconds']} s)"
        )
        print(
            f"inventory peak RSS:   {figures['peak_rss_mb']:.0f} MB  (target ≤ {TARGETS['peak_rss_mb']} MB)"
        )
        print(
            f"JSON throughput:      {figures['mb_per_s']:.0f} MB/s  (target ≥ {TARGETS['mb_per_s']:.0f} MB/s)"
        )
        print(f"ratio to baseline:    {figures['ratio']:.2f}  (target ≤ {TARGETS['ratio']})")
        print(f"ratio to the no-GC baseline: {inventory / median['baseline-nogc']:.2f}")
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
