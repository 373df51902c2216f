"""How strong are the core's tests? Mutation testing with mutmut, per file: the share of mutants the tests kill.

mutmut copies the kit into mutants/, plants one small bug at a time (a changed operator, constant, argument...)
in kit/checklist.py, kit/inventory.py and kit/exports/, and runs the fast unit tests that cover it
(settings: [tool.mutmut] in pyproject.toml; no browser, no server). A mutant the tests let through is a
behaviour nothing checks. CPU-heavy: about an hour on one core.

    .venv/bin/python benchmarks/mutation.py                # fresh run, one worker
    .venv/bin/python benchmarks/mutation.py --retest       # after adding tests: the last run's survivors again
    .venv/bin/python benchmarks/mutation.py --report-only  # figures of the last run, and its survivors
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
MUTMUT = [sys.executable, "-m", "mutmut"]
CAUGHT = ("killed", "timeout")  # a mutant that makes a test hang is caught too (mutmut stops it)


def results() -> dict[str, str]:
    """Each mutant's status from the last run: name -> killed, survived, timeout, no tests..."""
    listed = subprocess.run([*MUTMUT, "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout
    statuses = {}
    for line in listed.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            statuses[name] = status
    return statuses


def source_file(mutant: str) -> str:
    """kit.exports.archive.xǁExportArchiveǁread__mutmut_3 -> kit/exports/archive.py."""
    module = mutant.split(".x_", 1)[0].split(".xǁ", 1)[0]
    return module.replace(".", "/") + ".py"


def report(statuses: dict[str, str], survivors: bool) -> None:
    by_file: dict[str, Counter] = defaultdict(Counter)
    for mutant, status in statuses.items():
        by_file[source_file(mutant)][status] += 1
    width = max(len(path) for path in by_file)
    print(f"{'file':<{width}}  {'killed':>6}  {'tested':>6}  {'total':>5}  share of tested  (timeouts count as "
          "killed; the other statuses)")
    total = Counter()
    for path in sorted(by_file):
        counts = by_file[path]
        total.update(counts)
        _row(path, counts, width)
    _row("all", total, width)
    if survivors:
        print("\nNot killed (see one with: mutmut show NAME):")
        for mutant, status in sorted(statuses.items()):
            if status not in CAUGHT:
                print(f"  {mutant}: {status}")


def _row(label: str, counts: Counter, width: int) -> None:
    killed = sum(counts[s] for s in CAUGHT)
    tested = sum(counts.values()) - counts["not checked"]  # a run cut short leaves some not checked
    others = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()) if s not in CAUGHT)
    share = 100 * killed / max(tested, 1)
    print(f"{label:<{width}}  {killed:>6}  {tested:>6}  {sum(counts.values()):>5}  {share:5.1f} %  {others}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=1, help="mutants tested at once (default 1: a shared machine)")
    parser.add_argument("--resume", action="store_true", help="keep mutants/ and test only what is not done")
    parser.add_argument("--retest", action="store_true", help="test again only what the last run let through")
    parser.add_argument("--report-only", action="store_true", help="print the figures of the last run")
    parser.add_argument("--survivors", action="store_true", help="also list the mutants that were not killed")
    args = parser.parse_args()
    if not args.report_only:
        names = []
        if args.retest:
            names = [m for m, status in results().items() if status not in (*CAUGHT, "not checked")]
        elif not args.resume:
            shutil.rmtree(MUTANTS, ignore_errors=True)
        MUTANTS.mkdir(exist_ok=True)
        started = time.monotonic()
        with (MUTANTS / "run.log").open("w") as log:  # mutmut's progress spinner, kept out of the figures
            subprocess.run([*MUTMUT, "run", "--max-children", str(args.workers), *names], cwd=ROOT, stdout=log,
                           stderr=subprocess.STDOUT, check=False)
        print(f"mutation run: {(time.monotonic() - started) / 60:.1f} min with {args.workers} worker(s)")
    report(results(), survivors=args.survivors or args.report_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
