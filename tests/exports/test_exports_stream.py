"""Large members are counted as they stream: the same inventory as parsing them whole, in bounded memory."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from kit.cli import main
from kit.exports import ExportResult, Limits, Problem, read_export, stream
from kit.exports.archive import MIB

from .export_builders import patch_member, traced_read, zip_bytes
from .test_exports_samples import FB_DUMP, IG_ZIP, _fill

STREAM_ALL = Limits(stream_above_bytes=0)
STREAM_NONE = Limits(stream_above_bytes=1 << 50)
REACTIONS = "your_facebook_activity/comments_and_reactions/likes_and_reactions_1.json"
COMMENTS = "your_facebook_activity/comments_and_reactions/comments.json"
SAMPLE_FOLDERS = (
    "uvacw__osd2f/mockdata/facebook/facebook-jennifer87-0",
    "rmaatougui__instagram-export-parser/tests/fixture/export",
)


def summary(result: ExportResult) -> tuple:
    return result.found, result.problems, result.read_categories, result.failed


def both_ways(source, monkeypatch) -> tuple[ExportResult, ExportResult]:
    """(streamed, parsed whole), checking that the streamed read did stream."""
    calls = []
    real = stream.count_stream
    monkeypatch.setattr(stream, "count_stream", lambda *args: calls.append(1) or real(*args))
    streamed = read_export(source, limits=STREAM_ALL)
    assert calls, "nothing was streamed"
    calls.clear()
    whole = read_export(source, limits=STREAM_NONE)
    assert not calls
    return streamed, whole


def test_streamed_demo_export_counts_as_parsed_whole(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "demo.zip"
    assert main(["demo-export", str(path)]) == 0
    streamed, whole = both_ways(path, monkeypatch)
    assert whole.ok and len(whole.found) > 15 and not whole.failed
    assert summary(streamed) == summary(whole)
    assert streamed.rows.equals(whole.rows)


def test_streamed_samples_count_as_parsed_whole(samples: Path, monkeypatch) -> None:
    for source in [samples / IG_ZIP, *(samples / folder for folder in SAMPLE_FOLDERS)]:
        streamed, whole = both_ways(source, monkeypatch)
        assert whole.ok and summary(streamed) == summary(whole), source


def test_streamed_real_facebook_structure_counts_as_parsed_whole(samples: Path, monkeypatch) -> None:
    dump = json.loads((samples / FB_DUMP).read_text())
    counter = [0]
    data = zip_bytes({f"facebook-demo-2025-01-01-tok/{path}": _fill(shape, counter) for path, shape in dump.items()})
    streamed, whole = both_ways(data, monkeypatch)
    assert len(whole.found) == 6 and summary(streamed) == summary(whole)


def reactions(count: int) -> list[dict]:
    owner = "Camille Dupré".encode().decode("latin-1")  # as Meta writes it
    return [
        {"timestamp": 1_600_000_000 + i, "data": [{"reaction": {"reaction": "LIKE", "actor": owner}}], "title": "x"}
        for i in range(count)
    ]


def test_a_large_member_is_streamed_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(REACTIONS, json.dumps(reactions(120_000), indent=2))
        size = archive.getinfo(REACTIONS).file_size
    assert size > Limits().stream_above_bytes
    result, peak = traced_read(path)
    assert [(r[1], r[2], r[3], r[4]) for r in result.found] == [("reaction", 120_000, 1_600_000_000, 1_600_119_999)]
    # Parsed whole, the bytes alone would take `size` and their tree several times more.
    assert peak < size / 2, f"{peak / MIB:.0f} MiB traced for a {size / MIB:.0f} MiB member"


def test_without_the_c_backend_large_members_are_parsed_whole(monkeypatch) -> None:
    data = zip_bytes({REACTIONS: reactions(50), COMMENTS: {"comments_v2": reactions(3)}})
    expected = summary(read_export(data, limits=STREAM_ALL))
    monkeypatch.setattr(stream, "BACKEND", None)
    assert summary(read_export(data, limits=STREAM_ALL)) == expected
    assert [r[2] for r in expected[0]] == [3, 50]


@pytest.mark.parametrize(
    "content",
    [
        b'\xef\xbb\xbf[{"timestamp": 1700000000}]',  # a BOM
        b'{"comments_v2": [{"timestamp": 1700000000}, {"timestamp": 1700000001}]}',
        b'{"group_posts": {"activity_log_data": [{"timestamp": 1700000000}]}}',  # a wrapper around a wrapper
        b'{"timestamp": 1700000000, "title": "one lone record"}',
        b"{}",
        b"[]",
        b"[" + b" " * 100_000 + b'{"timestamp": 1700000000}]',  # the records start after the first bytes read
        b'{"comments_v2": []}',
        b'[{"timestamp": 1.7e9}, {"timestamp": 1700000000000}, {"timestamp": "soon"}]',
    ],
)
def test_shapes_stream_as_they_parse(content: bytes, monkeypatch) -> None:
    streamed, whole = both_ways(zip_bytes({COMMENTS: content}), monkeypatch)
    assert summary(streamed) == summary(whole)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b'[{"timestamp": 17', "exports.invalid-json"),
        (b'[{"timestamp": 1700000000}] trailing', "exports.invalid-json"),
        (b"", "exports.invalid-json"),
        (b"\xff\xfe not utf-8", "exports.invalid-json"),
        (b"[1, 2, 3]", "exports.unexpected-shape"),
        (b'"just a string"', "exports.unexpected-shape"),
        (b'{"comments_v2": "not a list", "other": 1}', "exports.unexpected-shape"),
    ],
)
def test_bad_large_members_are_the_same_failed_category(content: bytes, code: str) -> None:
    for limits in (STREAM_ALL, STREAM_NONE):
        result = read_export(zip_bytes({COMMENTS: content}), limits=limits)
        assert [f.problem for f in result.failed] == [Problem(code, {"member": COMMENTS})], limits


def test_damaged_streamed_member() -> None:
    data = bytearray(zip_bytes({COMMENTS: reactions(20)}, compression=zipfile.ZIP_STORED))
    at = data.find(b'"title"')
    data[at : at + 7] = b'"tXtle"'  # still JSON, but the CRC no longer matches
    result = read_export(bytes(data), limits=STREAM_ALL)
    assert [f.problem.code for f in result.failed] == ["exports.damaged-member"]


def test_streamed_member_larger_than_its_header_says_is_damaged_as_parsed_whole() -> None:
    real = zip_bytes({COMMENTS: reactions(500)})
    for limits in (STREAM_ALL, STREAM_NONE):
        result = read_export(patch_member(real, COMMENTS, size=2_000), limits=limits)
        assert [f.problem.code for f in result.failed] == ["exports.damaged-member"]


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,  # found by benchmarks/fuzz_exports.py: 10 GB and 45 s before the guard
        b"[" + b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"]",
        b"[" + b"[1," * 3_000 + b"]" * 3_000 + b"]",
    ],
)
def test_deep_nesting_is_invalid_json_either_way_and_never_blows_up(content: bytes) -> None:
    for limits in (STREAM_ALL, STREAM_NONE):
        result, peak = traced_read(zip_bytes({REACTIONS: content}), limits=limits)
        assert [f.problem for f in result.failed] == [Problem("exports.invalid-json", {"member": REACTIONS})]
        assert peak < 20 * MIB


def test_nesting_as_deep_as_meta_ever_writes_streams(monkeypatch) -> None:
    record = b'{"timestamp": 1700000000, "data": ' + b"[" * 200 + b"]" * 200 + b"}"
    streamed, whole = both_ways(zip_bytes({REACTIONS: b"[" + record + b"]"}), monkeypatch)
    assert summary(streamed) == summary(whole) and streamed.found[0][2] == 1


def paths_taken(monkeypatch) -> list[str]:
    """Which reader each streamed member ended with: orjson on cut pieces, or ijson."""
    taken: list[str] = []
    for name, label in (("_count_pieces", "pieces"), ("_count_items", "ijson")):
        real = getattr(stream, name)

        def spy(*args, real=real, label=label):
            result = real(*args)
            taken.append(label)
            return result

        monkeypatch.setattr(stream, name, spy)
    return taken


def test_indented_records_are_cut_and_the_rest_goes_to_ijson(monkeypatch) -> None:
    taken = paths_taken(monkeypatch)
    records = reactions(3_000)
    records[5]["title"] = 'a line\n  },\n  {"timestamp": 1} [not a cut]'  # escaped in the file: never a cut
    indented = json.dumps({"reactions_v2": records}, indent=2).encode()
    compact = json.dumps(records).encode()
    # A nested brace at the records' indent: a cut there cannot parse, the cut after it does.
    uneven = indented.replace(b"\n          }", b"\n    }", 1)
    extra_key = indented[:-2] + b',\n  "other": 1\n}'
    for content, expected in ((indented, "pieces"), (compact, "ijson"), (uneven, "pieces"), (extra_key, "ijson")):
        taken.clear()
        streamed = read_export(zip_bytes({COMMENTS: content}), limits=STREAM_ALL)
        assert taken == [expected], expected
        assert [row[2] for row in streamed.found] == [3_000]
        if content is not extra_key:  # parsed whole, a second key makes the object one (unknown) record
            assert summary(streamed) == summary(read_export(zip_bytes({COMMENTS: content}), limits=STREAM_NONE))


def test_the_demo_export_is_read_in_pieces(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "demo.zip"
    assert main(["demo-export", str(path)]) == 0
    taken = paths_taken(monkeypatch)
    read_export(path, limits=STREAM_ALL)
    assert taken.count("pieces") > 10 and taken.count("ijson") < taken.count("pieces")
