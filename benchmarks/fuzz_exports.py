"""Fuzz the export reader: mutated synthetic and sample exports, fed to `read_export` in-process.

    python benchmarks/fuzz_exports.py                 # 10,000 cases, seed 13
    python benchmarks/fuzz_exports.py --cases 500 --seed 2

Seeds: the demo export (`kit demo-export`), a small export from bench_inventory's generator, and the
public samples in ../shared/samples/meta-exports (when present). Each case takes a few members of one
seed, damages them (truncation, bit flips, wrong types, deep nesting, huge strings, wrong encodings,
odd numbers, duplicated and missing members, unsafe names) or damages the zip itself (truncation, flipped
bytes, lying headers, encryption and compression flags, a wrong entry count), and reads it with default,
streaming-everything or tight limits. Every case must end as a result or the kit's own Problem: an
exception escaping `read_export` or its catch-all `exports.unexpected-error` is a crash, printed with its
traceback (re-run outside the catch-all) and the case number to replay. Memory is checked after each case
(RSS). Everything stays in memory; only the demo export is written, to a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import random
import re
import struct
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SAMPLES = ROOT / ".." / "shared" / "samples" / "meta-exports"
# The samples that are exports (a zip, or an unpacked export's root folder), as tests/exports reads them.
SAMPLE_EXPORTS = (
    "what-if-horizon__what-if-data-donation/pytests/public_testfiles/IG_public_test_file.zip",
    "uvacw__osd2f/mockdata/facebook/facebook-jennifer87-0",
    "rmaatougui__instagram-export-parser/tests/fixture/export",
    "marcin-przywoski__Facebook-Export-Viewer/ExportViewer.Tests/TestData/GetExportLanguageJson",
)
RSS_LIMIT_MB = 600  # huge strings reach 24 MB; several copies of one may be alive while it is parsed
Members = list[tuple[str, bytes]]


def seeds(work: Path, samples: Path) -> dict[str, Members]:
    """The exports every case starts from, as (member name, bytes) lists."""
    from bench_inventory import generate

    from kit.cli import main

    found: dict[str, Members] = {}
    demo = work / "demo.zip"
    with contextlib.redirect_stdout(io.StringIO()):
        main(["demo-export", str(demo), "--lang", "en"])
    found["demo"] = _members(demo.read_bytes())
    generated = work / "bench.zip"
    generate(generated, 0.0005)
    found["bench"] = _members(generated.read_bytes())
    for relative in SAMPLE_EXPORTS:
        path = samples / relative
        if path.suffix == ".zip" and path.is_file():
            found[path.name] = _members(path.read_bytes())
        elif path.is_dir():
            found[path.name] = [(p.relative_to(path).as_posix(), p.read_bytes()) for p in sorted(path.rglob("*.json"))]
    return found


def _members(data: bytes) -> Members:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist() if not info.is_dir()]


def _zip(members: Members, rng: random.Random) -> bytes:
    buffer = io.BytesIO()
    method = rng.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
    with zipfile.ZipFile(buffer, "w", method, compresslevel=1 if method == zipfile.ZIP_DEFLATED else None) as out:
        for name, content in members:
            info = zipfile.ZipInfo(name, date_time=(2026, 3, 14, 9, 30, 0))
            info.compress_type = method
            with out.open(info, "w") as member:  # duplicated names are written as they come
                member.write(content)
    return buffer.getvalue()


# --- Mutations of one JSON member ----------------------------------------------------------------------


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def flip_structure(data: bytes, rng: random.Random) -> bytes:
    """Replace one structural character with another: brackets and quotes that no longer pair."""
    spots = [i for i, byte in enumerate(data[:200_000]) if byte in b'[]{}",:']
    if not spots:
        return data
    at = rng.choice(spots)
    return data[:at] + bytes([rng.choice(b'[]{}",:0 ')]) + data[at + 1 :]


ODD_VALUES: list[Any] = [
    None, True, False, 0, -1, 1.5, -0.0, 2**63, 2**64 + 1, -(2**70), 1e308, "", "x", "2024-13-45T99:99:99",
    "Ã©ð\x9f\x91\x8d", "\ud800", [], {}, [None], {"": None}, {"timestamp": "now"}, [[[]]], "\x00",
]


def wrong_types(data: bytes, rng: random.Random) -> bytes:
    """Parse, replace a few values (found anywhere) with values of other types, write back."""
    try:
        tree = json.loads(data)
    except ValueError:
        return flip_bits(data, rng)
    for _ in range(rng.randint(1, 4)):
        tree = _replace_somewhere(tree, rng, lambda: copy.deepcopy(rng.choice(ODD_VALUES)))
    return json.dumps(tree, indent=rng.choice([None, 2])).encode()


def _replace_somewhere(tree: Any, rng: random.Random, make: Any) -> Any:
    if rng.random() < 0.15 or not isinstance(tree, list | dict) or not tree:
        return make()
    if isinstance(tree, list):
        at = rng.randrange(len(tree))
        tree[at] = _replace_somewhere(tree[at], rng, make)
    else:
        key = rng.choice(list(tree))
        tree[key] = _replace_somewhere(tree[key], rng, make)
    return tree


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([100, 1_000, 5_000, 100_000])
    opener, closer = rng.choice([(b"[", b"]"), (b'{"a":', b"}"), (b'{"timestamp":', b"}")])
    nested = opener * depth + b"1" + closer * depth
    if rng.random() < 0.5:
        return nested
    at = data.find(b"{", 1)
    return data if at < 0 else data[: at + 1] + b'"deep": ' + nested + b"," + data[at + 1 :]


def huge_string(data: bytes, rng: random.Random) -> bytes:
    size = rng.choice([1_000_000, 5_000_000, 24_000_000])
    text = rng.choice([b"a", b"\\u00c3\\u00a9", b"\\\\", b'\\"']) * (size // 12)
    at = data.find(b"{", 1)
    if at < 0:
        return b'["' + text + b'"]'
    return data[: at + 1] + b'"title": "' + text + b'",' + data[at + 1 :]


def wrong_encoding(data: bytes, rng: random.Random) -> bytes:
    try:
        text = json.loads(data)
        text = json.dumps(text, ensure_ascii=False)
    except ValueError:
        text = data.decode("latin-1")
    choice = rng.randrange(6)
    if choice == 0:
        return text.encode("utf-16")
    if choice == 1:
        return text.encode("utf-32")
    if choice == 2:
        return text.encode("latin-1", errors="replace")
    if choice == 3:
        return b"\xef\xbb\xbf" + text.encode("utf-8")  # a BOM
    if choice == 4:
        return text.encode("utf-8").replace(b"a", b"\xc3", 3)  # invalid UTF-8
    return text.encode("utf-8").replace(b'"', b'"\\ud800', 1)  # a lone surrogate escape


def odd_numbers(data: bytes, rng: random.Random) -> bytes:
    replacement = rng.choice(
        [b"NaN", b"Infinity", b"-Infinity", b"1e400", b"-0", b"99999999999999999999999", b"1.", b"01"]
    )
    digits = [i for i in range(min(len(data), 200_000)) if data[i : i + 1].isdigit()]
    if not digits:
        return data
    at = rng.choice(digits)
    end = at
    while end < len(data) and data[end : end + 1].isdigit():
        end += 1
    return data[:at] + replacement + data[end:]


def duplicate_keys(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b'"timestamp":', b'"timestamp": "dup", "timestamp":', rng.randint(1, 50))


def unwrap_or_wrap(data: bytes, rng: random.Random) -> bytes:
    """The same records in another envelope: bare, under a wrapper key, twice wrapped, one lone record."""
    try:
        tree = json.loads(data)
    except ValueError:
        return data
    records = tree if isinstance(tree, list) else next(iter(tree.values()), []) if isinstance(tree, dict) else []
    shape = rng.randrange(4)
    if shape == 0:
        tree = records
    elif shape == 1:
        tree = {"wrapper_v2": records}
    elif shape == 2:
        tree = {"outer": {"inner": records}}
    else:
        tree = records[0] if isinstance(records, list) and records else {}
    return json.dumps(tree).encode()


MEMBER_MUTATIONS = (
    truncate, flip_bits, flip_structure, wrong_types, deep_nesting, huge_string, wrong_encoding, odd_numbers,
    duplicate_keys, unwrap_or_wrap,
)


# --- Mutations of the member list and of the zip ---------------------------------------------------------


def _rename(name: str, rng: random.Random) -> str:
    return rng.choice([
        "../" + name, "/" + name, name.replace("/", "\\"), "C:/" + name, name + "\x00.txt", "__MACOSX/" + name,
        "Élodie/" + name, name.upper(), name.replace(".json", ".JSON"), "a/" * 50 + name,
    ])


def mutate_members(members: Members, rng: random.Random) -> tuple[Members, list[str]]:
    """A few members of a seed, some damaged; returns them and what was done."""
    jsons = [m for m in members if m[0].endswith(".json")]
    others = [m for m in members if not m[0].endswith(".json")]
    keep = rng.sample(jsons, min(len(jsons), rng.randint(1, 8)))
    keep += rng.sample(others, min(len(others), rng.randint(0, 3)))
    done: list[str] = []
    out: Members = []
    for name, content in keep:
        if rng.random() < 0.5:
            mutation = rng.choice(MEMBER_MUTATIONS)
            content = mutation(content, rng)
            done.append(mutation.__name__)
        if rng.random() < 0.05:
            name = _rename(name, rng)
            done.append("rename")
        out.append((name, content))
        if rng.random() < 0.05:
            out.append((name, rng.choice([content, b"[]", b"{"])))  # the same member twice
            done.append("duplicate")
    if not done:
        mutation = rng.choice(MEMBER_MUTATIONS)
        name, content = out[0]
        out[0] = (name, mutation(content, rng))
        done.append(mutation.__name__)
    return out, done


def damage_zip(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    choice = rng.randrange(7)
    out = bytearray(data)
    if choice == 0:
        return data[: rng.randrange(len(data))], "zip-truncated"
    if choice == 1:
        for _ in range(rng.randint(1, 16)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out), "zip-bytes"
    headers = [found.start() for found in re.finditer(rb"PK\x01\x02|PK\x03\x04", data)]
    if not headers:
        return data, "zip-unchanged"
    at = rng.choice(headers)
    central = data[at + 2 : at + 4] == b"\x01\x02"
    if choice == 2:  # a lying size (compressed or not)
        offset = rng.choice([20, 24] if central else [18, 22])
        struct.pack_into("<I", out, at + offset, rng.choice([0, 1, 100, 2**31, 2**32 - 1]))
        return bytes(out), "zip-size"
    if choice == 3:  # an encryption flag
        struct.pack_into("<H", out, at + (8 if central else 6), 0x1)
        return bytes(out), "zip-encrypted"
    if choice == 4:  # another compression method
        struct.pack_into("<H", out, at + (10 if central else 8), rng.choice([1, 9, 12, 14, 93, 99, 0xFFFF]))
        return bytes(out), "zip-method"
    if choice == 5:  # a wrong entry count in the end record
        end = data.rfind(b"PK\x05\x06")
        if end >= 0:
            struct.pack_into("<HH", out, end + 8, *(rng.choice([0, 1, 0xFFFF]),) * 2)
        return bytes(out), "zip-count"
    offset = rng.choice([28, 30, 42] if central else [26, 28])  # name length, extra length, local offset
    width = "<I" if offset == 42 else "<H"
    struct.pack_into(width, out, at + offset, rng.choice([0, 1, 0xFFFF]))
    return bytes(out), "zip-header"


# --- The run -------------------------------------------------------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 1e6


def one_case(case: int, seed_members: dict[str, Members], master: int) -> tuple[Any, list[str], Any, str]:
    """(sources, what was done, limits, seed name) of case number `case`, the same for the same seeds."""
    from kit.exports import Limits

    rng = random.Random(master * 1_000_003 + case)
    seed = rng.choice(sorted(seed_members))
    members, done = mutate_members(seed_members[seed], rng)
    data = _zip(members, rng)
    if rng.random() < 0.25:
        data, what = damage_zip(data, rng)
        done.append(what)
    limits = rng.choice([
        Limits(), Limits(), Limits(stream_above_bytes=0), Limits(stream_above_bytes=0),
        Limits(max_member_bytes=64 * 1024, max_total_bytes=256 * 1024, max_members=20, stream_above_bytes=1024),
        Limits(max_upload_bytes=rng.randrange(1, 2 * len(data) + 2)),
    ])
    sources: Any = data
    if rng.random() < 0.1:  # a second part, maybe damaged too
        other, more = mutate_members(seed_members[rng.choice(sorted(seed_members))], rng)
        sources = [data, ("part2.zip", _zip(other, rng))]
        done += [f"part2:{m}" for m in more]
    return sources, done, limits, seed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--only", type=int, default=None, help="replay one case number")
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="the shared samples (default ../shared/…)")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", "Duplicate name", UserWarning)  # duplicated members are on purpose

    from kit.exports import ExportResult, describe_result, read_export, reader
    from kit.exports.problems import PARAMS

    with tempfile.TemporaryDirectory(prefix="fuzz-exports-") as work:
        seed_members = seeds(Path(work), args.samples)
    print(f"seeds: {', '.join(f'{name} ({len(m)} members)' for name, m in sorted(seed_members.items()))}")
    cases = [args.only] if args.only is not None else range(args.cases)
    crashes: list[tuple[int, str]] = []
    codes: Counter[str] = Counter()
    peak_rss = rss_mb()
    start = time.perf_counter()
    broken_cases: list[int] = []
    done_cases = 0
    for case in cases:
        done_cases += 1
        try:
            sources, done, limits, seed = one_case(case, seed_members, args.seed)
        except Exception:  # a bug of this script's mutations, not of the reader: counted apart
            broken_cases.append(case)
            continue
        try:
            result = read_export(sources, limits=limits)
            problems = result.problems + [failure.problem for failure in result.failed]
            assert isinstance(result, ExportResult)
            assert all(problem.code in PARAMS for problem in problems)
            describe_result(result, "en")  # every problem has its sentence
            result.records()
            if any(problem.code == "exports.unexpected-error" for problem in problems):
                raise RuntimeError("exports.unexpected-error")
            codes.update(problem.code for problem in problems)
            codes["(read something)" if result.ok else "(read nothing)"] += 1
        except Exception:
            detail = traceback.format_exc()
            try:  # the catch-all hides the cause: run the inner reader to see it
                reader._read_export(reader._as_list(sources), limits, True)
            except Exception:
                detail = traceback.format_exc()
            crashes.append((case, f"seed {seed}, {done}\n{detail}"))
        peak_rss = max(peak_rss, rss_mb())
        if peak_rss > RSS_LIMIT_MB:
            crashes.append((case, f"seed {seed}, {done}: RSS {peak_rss:.0f} MB"))
            break
    seconds = time.perf_counter() - start
    print(f"{done_cases} cases in {seconds:.0f} s: {done_cases / seconds:.0f} cases/s, peak RSS {peak_rss:.0f} MB")
    print("answers: " + ", ".join(f"{code} {count}" for code, count in codes.most_common()))
    if broken_cases:
        print(f"{len(broken_cases)} cases could not be built (a mutation failed), e.g. {broken_cases[:5]}")
    for case, detail in crashes[:20]:
        print(f"--- CRASH case {case} (replay: --only {case} --seed {args.seed})\n{detail}")
    print(f"{len(crashes)} crashes" if crashes else "0 crashes: each case got a result or the kit's own message")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
