"""Benchmark `kit --help`: wall time (median of several runs), peak memory, and the heavy modules it imports.

    python benchmarks/bench_cli.py                    # 11 runs of this checkout's `kit --help`
    python benchmarks/bench_cli.py --source /tmp/old  # the same for another checkout (e.g. `git archive` of a commit)

Each run is a fresh process started the way the console script starts (`from kit.cli import main`).
The machine is shared: the load average and how busy the cores were during the runs are printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_room import machine_cpu_seconds

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 0.3
HEAVY = ("pandas", "reportlab", "voila", "jupyter_server", "pydantic", "ipywidgets")
ENTRY = "import sys; from kit.cli import main; sys.exit(main())"  # what the `kit` console script runs


def command(args: list[str]) -> list[str]:
    return [sys.executable, "-c", ENTRY, *args]


def heavy_imports(args: list[str], source: Path) -> list[str]:
    """The heavy top-level packages one run imports (from `python -X importtime`)."""
    run = subprocess.run([sys.executable, "-X", "importtime", *command(args)[1:]], cwd=source, capture_output=True,
                         text=True, check=False)
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in run.stderr.splitlines() if "|" in line}
    return [name for name in HEAVY if name in names]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=11, help="how many runs (default 11)")
    parser.add_argument("--source", type=Path, default=ROOT, help="checkout whose kit/ is timed (default: this one)")
    args = parser.parse_args()
    source, help_args = args.source.resolve(), ["--help"]
    # `python -c` puts the working directory first on sys.path: run in the checkout to time its kit/.
    subprocess.run(command(help_args), cwd=source, capture_output=True, check=True)  # warm the file cache
    load_before = os.getloadavg()[0]
    busy_before, started = machine_cpu_seconds(), time.monotonic()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(command(help_args), cwd=source, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    busy = (machine_cpu_seconds() - busy_before) / ((time.monotonic() - started) * (os.cpu_count() or 1))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    median = statistics.median(times)
    print(f"kit --help ({args.source}): median {median:.3f} s over {args.runs} runs "
          f"(min {min(times):.3f}, max {max(times):.3f}); peak RSS {peak_mb:.0f} MB")
    print(f"heavy packages imported: {', '.join(heavy_imports(help_args, source)) or 'none'} (of {', '.join(HEAVY)})")
    print(f"machine: {os.cpu_count()} cores, load average {load_before:.2f} before the runs, "
          f"cores {busy:.0%} busy during them (this benchmark included)")
    print(f"target: at most {TARGET_SECONDS} s -> {'met' if median <= TARGET_SECONDS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
