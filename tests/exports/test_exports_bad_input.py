"""Bad input always ends as a Problem with a code: never an exception, never a file written."""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from kit.exports import ExportResult, Limits, Problem, read_export
from kit.exports.archive import MIB, ExportArchive, normalise_name

from .export_builders import central_entries, patch_member, traced_read, zip_bytes

POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
COMMENTS = "your_facebook_activity/comments_and_reactions/comments.json"
GOOD = {POSTS: [{"timestamp": 1_700_000_000, "title": "t"}], COMMENTS: {"comments_v2": []}}


def codes(result: ExportResult) -> list[str]:
    return [problem.code for problem in result.problems]


def only_problem(source, **kwargs) -> Problem:
    result = read_export(source, **kwargs)
    assert result.rows.empty and not result.ok
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


@pytest.mark.parametrize(
    "data",
    [b"", b"hello", b'{"posts": []}', b"<!DOCTYPE html><html></html>", b"Rar!\x1a\x07\x00" + bytes(100)],
)
def test_not_a_zip(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "facebook-export.zip"
    path.write_bytes(data)
    assert only_problem(path) == Problem("exports.not-a-zip", {"name": "facebook-export.zip"})
    assert only_problem(data) == Problem("exports.not-a-zip", {"name": "#1"})


def test_missing_file_and_no_file(tmp_path: Path) -> None:
    assert only_problem(tmp_path / "nope.zip") == Problem("exports.file-not-found", {"name": "nope.zip"})
    assert only_problem([]) == Problem("exports.no-file")


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.99])
def test_truncated_zip(keep: float) -> None:
    data = zip_bytes(GOOD | {"media/big.jpg": bytes(range(256)) * 400})
    assert only_problem(data[: int(len(data) * keep)]).code == "exports.truncated-zip"


def test_damaged_member_is_one_failed_category() -> None:
    data = bytearray(zip_bytes(GOOD | {"filler/x.jpg": b"x" * 100}, compression=zipfile.ZIP_STORED))
    at = data.find(b'"title"')
    data[at : at + 7] = b"XXXXXXX"  # CRC no longer matches
    result = read_export(bytes(data))
    assert result.read_categories == [("facebook", "comment")]
    assert [(f.category, f.problem.code) for f in result.failed] == [("post", "exports.damaged-member")]


def test_truncated_part_next_to_a_good_one(make_zip) -> None:
    good = make_zip(GOOD, name="part1.zip")
    bad = make_zip({"your_facebook_activity/reels/your_reels.json": []}, name="part2.zip")
    bad.write_bytes(bad.read_bytes()[:-30])
    result = read_export([good, bad])
    assert codes(result) == ["exports.truncated-zip"]
    assert result.read_categories == [("facebook", "post"), ("facebook", "comment")]


def test_encrypted_zip() -> None:
    data = patch_member(zip_bytes(GOOD), POSTS, flags=0x1)
    data = patch_member(data, COMMENTS, flags=0x1)
    assert only_problem(data) == Problem("exports.encrypted", {"name": "#1"})


def test_aes_encrypted_member_is_reported() -> None:
    result = read_export(patch_member(zip_bytes(GOOD), POSTS, method=99))
    assert codes(result) == ["exports.encrypted"]
    assert result.read_categories == [("facebook", "comment")]


def test_unsupported_compression() -> None:
    result = read_export(patch_member(zip_bytes(GOOD), POSTS, method=9))  # Deflate64, from Windows
    assert [f.problem.code for f in result.failed] == ["exports.unsupported-compression"]
    assert result.ok


def test_declared_size_beyond_the_cap_is_never_inflated() -> None:
    data = patch_member(zip_bytes(GOOD), POSTS, size=3_000_000_000)  # "3 GB" once decompressed
    result = read_export(data)
    assert [f.problem for f in result.failed] == [
        Problem("exports.zip-bomb", {"member": POSTS, "limit_mb": 256})
    ]
    assert result.read_categories == [("facebook", "comment")]


def test_absurd_compression_ratio() -> None:
    bomb = b"[" + b" " * (20 * MIB) + b"]"
    result = read_export(zip_bytes({POSTS: bomb, COMMENTS: {"comments_v2": []}}))
    assert [f.problem.code for f in result.failed] == ["exports.zip-bomb"]


def test_member_above_a_lower_cap() -> None:
    data = zip_bytes({POSTS: b"[" + b" " * (2 * MIB) + b"]"})
    result = read_export(data, limits=Limits(max_member_bytes=MIB))
    assert [f.problem for f in result.failed] == [
        Problem("exports.zip-bomb", {"member": POSTS, "limit_mb": 1})
    ]


def test_total_decompressed_budget() -> None:
    result = read_export(zip_bytes(GOOD), limits=Limits(max_total_bytes=60))
    assert result.read_categories == [("facebook", "post")]
    assert [f.problem.code for f in result.failed] == ["exports.zip-bomb"]


def test_header_that_understates_the_size_stops_at_the_declared_size() -> None:
    real = zip_bytes({POSTS: b"[" + b" " * 100_000 + b"]"})
    result = read_export(patch_member(real, POSTS, size=1_000))
    assert [f.problem.code for f in result.failed] == ["exports.damaged-member"]


def test_inflation_is_counted_while_reading(make_folder) -> None:
    root = make_folder(GOOD)
    with ExportArchive([root], Limits()) as archive:
        member = next(m for m in archive.members if m.name == POSTS)
        (root / POSTS).write_bytes(b"[" + b" " * 10_000 + b"]")  # grows after being listed
        with pytest.raises(Exception) as caught:
            archive.read(member)
    assert caught.value.problem.code == "exports.zip-bomb"


def test_too_many_files() -> None:
    data = zip_bytes({f"media/{i}.jpg": b"" for i in range(20)})
    assert only_problem(data, limits=Limits(max_members=10)) == Problem(
        "exports.too-many-files", {"name": "#1", "count": 20, "limit": 10}
    )
    assert read_export(zip_bytes(GOOD), limits=Limits(max_members=len(GOOD))).ok, "up to the limit is fine"


def test_too_many_files_in_a_folder(make_folder) -> None:
    root = make_folder(GOOD | {f"media/{i}.jpg": b"" for i in range(20)}, name="Downloads")
    assert only_problem(root, limits=Limits(max_members=10)) == Problem(
        "exports.too-many-files", {"name": "Downloads", "count": 11, "limit": 10}
    )


def as_zip64(data: bytes, count: int, record_at: int | None = None) -> bytes:
    """The zip with ZIP64 end records declaring `count` entries (its classic record then says 0xFFFF)."""
    end = data.rfind(b"PK\x05\x06")
    classic = bytearray(data[end:])
    cd_size, cd_offset = struct.unpack("<II", classic[12:20])
    record = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, cd_size, cd_offset)
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, end if record_at is None else record_at, 1)
    struct.pack_into("<HH", classic, 8, 0xFFFF, 0xFFFF)
    return data[:end] + record + locator + bytes(classic)


def test_zip64_entry_count_is_checked_before_listing() -> None:
    data = zip_bytes(GOOD)
    assert only_problem(as_zip64(data, 70_000), limits=Limits(max_members=65_000)) == Problem(
        "exports.too-many-files", {"name": "#1", "count": 70_000, "limit": 65_000})
    assert read_export(as_zip64(data, len(GOOD)), limits=Limits(max_members=65_000)).ok
    beyond = as_zip64(data, 70_000, record_at=10**9)
    assert read_export(beyond, limits=Limits(max_members=65_000)).ok, "a record out of the file is no count"


def test_entry_count_is_checked_before_listing() -> None:
    data = bytearray(zip_bytes(GOOD))
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 60_000, 60_000)
    assert only_problem(bytes(data), limits=Limits(max_members=50_000)).code == "exports.too-many-files"


def test_unsafe_member_names_are_ignored_and_reported() -> None:
    files = GOOD | {"../../etc/evil.json": b"[]", "/abs/evil.json": b"[]", "C:/Windows/evil.json": b"[]"}
    result = read_export(zip_bytes(files))
    assert result.problems == [Problem("exports.unsafe-path", {"count": 3, "member": "../../etc/evil.json"})]
    assert result.read_categories == [("facebook", "post"), ("facebook", "comment")]


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("your_facebook_activity/posts/a.json", "your_facebook_activity/posts/a.json"),
        ("your_facebook_activity//posts/a.json", "your_facebook_activity/posts/a.json"),
        ("./your_facebook_activity/./posts/a.json", "your_facebook_activity/posts/a.json"),
        ("your_facebook_activity\\posts\\a.json", "your_facebook_activity/posts/a.json"),  # zipped on Windows
        ("your_facebook_activity/posts/a\x00.json", None),
        ("/etc/a.json", None),
        ("C:/Users/a.json", None),
        ("posts/../../a.json", None),
    ],
)
def test_member_names_are_made_plain_or_refused(raw: str, name: str | None) -> None:
    assert normalise_name(raw) == name


def test_member_climbing_back_inside_is_also_refused() -> None:
    result = read_export(zip_bytes({"x/../" + POSTS: GOOD[POSTS]}))
    assert codes(result) == ["exports.unsafe-path"]


@pytest.mark.parametrize(
    "content",
    [b'[{"timestamp": 17', b"\xff\xfe not utf-8", b"", b"[" * 100_000 + b"]" * 100_000, b"NaN-ish garbage"],
)
def test_invalid_json_is_a_failed_category(content: bytes) -> None:
    result = read_export(zip_bytes(GOOD | {POSTS: content}))
    assert [(f.platform, f.category, f.problem) for f in result.failed] == [
        ("facebook", "post", Problem("exports.invalid-json", {"member": POSTS}))
    ]
    assert result.read_categories == [("facebook", "comment")]
    assert result.ok


@pytest.mark.parametrize(
    "content",
    [
        '"just a string"',
        "42",
        "[1, 2, 3]",
        '{"unrelated": 1, "fields": 2}',
        '{"comments_v2": "not a list", "other": 1}',
    ],
)
def test_unexpected_shape_is_a_failed_category(content: str) -> None:
    result = read_export(zip_bytes(GOOD | {POSTS: content.encode()}))
    assert [f.problem for f in result.failed] == [Problem("exports.unexpected-shape", {"member": POSTS})]


def test_unexpected_shape_in_an_album() -> None:
    result = read_export(zip_bytes({"your_facebook_activity/posts/album/0.json": {"name": "no photos"}}))
    assert [f.problem.code for f in result.failed] == ["exports.unexpected-shape"]
    assert not result.ok


def test_one_bad_split_fails_its_whole_category() -> None:
    split2 = POSTS.replace("_1.json", "_2.json")
    result = read_export(zip_bytes(GOOD | {split2: b"[{"}))
    assert result.read_categories == [("facebook", "comment")]
    assert result.failed[0].problem == Problem("exports.invalid-json", {"member": split2})


def test_empty_archive_and_empty_folder(tmp_path: Path) -> None:
    assert only_problem(zip_bytes({})) == Problem("exports.empty")
    (tmp_path / "empty").mkdir()
    assert only_problem(tmp_path / "empty") == Problem("exports.empty")


def test_zip_with_only_folders() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("your_facebook_activity/"), b"")
        archive.writestr(zipfile.ZipInfo("your_facebook_activity/posts/"), b"")
    assert only_problem(buffer.getvalue()) == Problem("exports.empty")


@pytest.mark.parametrize(
    "files",
    [
        {"index.html": "<html>", "html/your_posts_1.html": "<html>", "files/fb_logo.png": b"\x89PNG"},
        {
            "start_here.html": "<html>",
            "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html": "<html>",
            "your_facebook_activity/comments_and_reactions/comments.html": "<html>",
        },
        {
            "instagram-camille/start_here.html": "<html>",
            "instagram-camille/your_instagram_activity/media/posts_1.html": "<html>",
            "instagram-camille/files/Instagram-Logo.png": b"\x89PNG",
        },
    ],
)
def test_html_export(files) -> None:
    assert only_problem(zip_bytes(files)) == Problem("exports.html-export")


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ({"your_facebook_activity/posts/your_posts_1.htm": "<html>"}, "exports.html-export"),
        ({"exports/facebook-camille/index.html": "<html>", "exports/facebook-camille/files/a.png": b"png"},
         "exports.html-export"),
        ({"start_here.html": "<html>", "your_facebook_activity/posts/a.html": "<html>",  # as many pages as JSON
          "logged_information/a.json": "[]", "logged_information/b.json": "[]"}, "exports.html-export"),
        ({"your_facebook_activity/posts/a.html": "<html>",  # mostly JSON: a JSON export without the inventory
          "logged_information/a.json": "[]", "logged_information/b.json": "[]"}, "exports.no-categories"),
        ({"site/page.html": "<html>", "site/about.html": "<html>"}, "exports.not-meta"),
        ({"facebook-camille/logged_information/search.json": "[]"}, "exports.no-categories"),
    ],
)
def test_why_nothing_was_read(files, code: str) -> None:
    assert only_problem(zip_bytes(files)).code == code


@pytest.mark.parametrize(
    ("files", "service"),
    [
        ({"Takeout/archive_browser.html": "<html>", "Takeout/YouTube/history.json": "[]"}, "Google Takeout"),
        ({"data/tweets.js": "window.YTD = []", "Your archive.html": "<html>"}, "X (Twitter)"),
        ({"user_data_tiktok.json": "{}"}, "TikTok"),
    ],
)
def test_export_of_another_service(files, service: str) -> None:
    assert only_problem(zip_bytes(files)) == Problem("exports.other-service", {"service": service})


def test_nested_zip() -> None:
    inner = zip_bytes(GOOD)
    outer = zip_bytes({"facebook-camille-2026-03-14-tok.zip": inner})
    assert only_problem(outer) == Problem(
        "exports.nested-zip", {"member": "facebook-camille-2026-03-14-tok.zip"}
    )


def test_unrelated_zip_and_meta_export_without_inventoried_categories() -> None:
    assert only_problem(zip_bytes({"notes.txt": "x", "data.json": "[]"})) == Problem("exports.not-meta")
    ads = {"ads_information/ads_and_topics/posts_viewed.json": "[]", "preferences/settings/x.json": "{}"}
    assert only_problem(zip_bytes(ads)) == Problem("exports.no-categories")


def test_too_large_for_served_mode(make_zip) -> None:
    path = make_zip(GOOD | {"media/video.mp4": bytes(50_000)}, compression=zipfile.ZIP_STORED)
    limits = Limits(max_upload_bytes=10_000)
    expected = Problem("exports.too-large", {"size_mb": 1, "limit_mb": 0})
    assert only_problem(path, limits=limits) == expected
    assert only_problem(path.read_bytes(), limits=limits) == expected
    assert read_export(path, limits=Limits(max_upload_bytes=10 * MIB)).ok


def test_too_large_counts_an_upload_and_a_folder_too(make_zip, make_folder) -> None:
    big = GOOD | {"media/video.mp4": bytes(50_000)}
    upload = ("export.zip", make_zip(big, compression=zipfile.ZIP_STORED).read_bytes())
    limits = Limits(max_upload_bytes=40_000)
    assert only_problem(upload, limits=limits).code == "exports.too-large"
    assert only_problem(make_folder(big), limits=limits).code == "exports.too-large"
    assert read_export(make_folder(GOOD, name="small"), limits=limits).ok


def test_links_in_an_export_folder_are_not_followed(make_folder, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "posts").mkdir(parents=True)
    (elsewhere / "posts" / "your_posts__check_ins__photos_and_videos_1.json").write_text(
        '[{"timestamp": 1700000000, "title": "not in the export"}]')
    folder = make_folder({COMMENTS: {"comments_v2": [{"timestamp": 1_700_000_000}]}})
    (folder / "your_facebook_activity" / "posts").symlink_to(elsewhere / "posts", target_is_directory=True)
    (folder / "your_facebook_activity" / "reels").mkdir()
    (folder / "your_facebook_activity" / "reels" / "your_reels.json").symlink_to(
        elsewhere / "posts" / "your_posts__check_ins__photos_and_videos_1.json")
    result = read_export(folder)
    assert list(result.rows.category) == ["comment"], "only the export's own files are read"
    assert result.failed == [] and result.problems == []


def test_too_large_counts_every_part(make_zip) -> None:
    parts = [make_zip(GOOD | {"m.bin": bytes(400_000)}, name=f"p{i}.zip", compression=0) for i in range(3)]
    assert only_problem(parts, limits=Limits(max_upload_bytes=MIB)).code == "exports.too-large"


def test_unexpected_errors_never_escape(monkeypatch) -> None:
    import kit.exports.reader as inventory

    def broken(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(inventory, "_plan", broken)
    assert only_problem(zip_bytes(GOOD)) == Problem("exports.unexpected-error")


def test_reader_bug_on_odd_content_is_an_unexpected_shape(monkeypatch) -> None:
    import kit.exports.reader as inventory

    def crashing(data, facts):
        return data["missing"]  # a KeyError, as a reader meeting a field it did not expect

    kinds = tuple(replace(k, reader=crashing) if k.id == "fb-posts" else k for k in inventory.KINDS)
    monkeypatch.setattr(inventory, "KINDS", kinds)
    result = read_export(zip_bytes(GOOD))
    assert [f.problem.code for f in result.failed] == ["exports.unexpected-shape"]
    assert result.read_categories == [("facebook", "comment")]


def test_central_directory_helper_sees_every_member() -> None:
    assert len(central_entries(zip_bytes(GOOD))) == 2


@pytest.mark.parametrize("seconds", [2**63, 2**63 * 1000, 99_999_999_999, 5_000_000_000, 2**62 + 0.5])
def test_absurd_future_times_are_undated_not_a_crash(seconds) -> None:
    # Found by benchmarks/fuzz_exports.py: a time past year 2262 broke the dates (pandas, datetime).
    files = {POSTS: [{"timestamp": seconds, "title": "t"}, {"timestamp": 1_700_000_000}]}
    result = read_export(zip_bytes(files))
    assert result.found == [("facebook", "post", 2, 1_700_000_000, 1_700_000_000, "unknown")]
    assert result.records()[0]["first"] == "2023-11-14" and result.rows["count"].tolist() == [2]


def test_a_header_declaring_gigabytes_allocates_nothing() -> None:
    # Found by benchmarks/fuzz_exports.py: the buffer for a member was allocated before its declared size
    # was checked (2 GB of RSS for one lying header).
    album = "your_facebook_activity/posts/album/0.json"  # parsed whole, never streamed: read into a buffer
    data = patch_member(zip_bytes(GOOD | {album: {"photos": []}}), album, size=2**31)
    result, peak = traced_read(data)
    assert [f.problem.code for f in result.failed] == ["exports.zip-bomb"]
    assert peak < 64 * MIB


def test_central_directory_claiming_a_future_zip_version() -> None:
    # Found by benchmarks/fuzz_exports.py: zipfile raised NotImplementedError ("zip file version 17.1").
    data = bytearray(zip_bytes(GOOD))
    struct.pack_into("<H", data, central_entries(bytes(data))[0] + 6, 171)  # version needed to extract
    assert only_problem(bytes(data)) == Problem("exports.truncated-zip", {"name": "#1"})
