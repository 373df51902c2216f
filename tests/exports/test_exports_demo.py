"""The synthetic demo export: realistic quirks, deterministic, and read back with the counts its builders recorded."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kit.demo import FB_ROOT, IG_ROOT, build_demo_export, demo_visibility, write_demo_export
from kit.exports import read_export
from kit.exports.records import CATEGORIES, PLATFORMS, load_json


@pytest.mark.parametrize("seed", [2026, 7])
@pytest.mark.parametrize("folder", [False, True])
def test_round_trip_finds_the_known_counts(tmp_path: Path, seed: int, folder: bool) -> None:
    path = write_demo_export(tmp_path / ("demo" if folder else "demo.zip"), seed=seed, folder=folder)
    result = read_export(path)
    assert result.problems == [] and result.failed == []
    assert {(r.platform, r.category): r.count for r in result.rows.itertuples()} == build_demo_export(seed).counts
    visibility = {(r.platform, r.category): r.visibility for r in result.rows.itertuples()}
    expected = demo_visibility()
    assert {key: visibility[key] for key in expected} == expected
    assert set(visibility[key] for key in visibility if key[0] == "facebook") == {"unknown"}
    dated = result.rows.dropna(subset=["first"])
    assert (dated["first"] <= dated["last"]).all()
    assert dated["first"].min().year >= 2014 and dated["last"].max().year <= 2026


def test_counts_use_only_known_ids_and_do_not_depend_on_the_seed() -> None:
    counts = build_demo_export().counts
    assert {platform for platform, _ in counts} == set(PLATFORMS)
    assert {category for _, category in counts} <= set(CATEGORIES)
    assert build_demo_export(seed=7).counts == counts


def test_items_written_twice_are_counted_once() -> None:
    demo = build_demo_export()
    photos = {name for name in demo.files if "/posts/media/" in name and name.endswith(".jpg")}
    # the photo repeated among uncategorised photos has one media file, like every other photo
    assert demo.counts["facebook", "photo"] == len(photos)
    reactions = [load_json(content, repair=True) for name, content in demo.files.items()
                 if "/comments_and_reactions/likes_and_reactions" in name]
    assert len(reactions) == 2 and sum(map(len, reactions)) > demo.counts["facebook", "reaction"]  # they overlap
    assert demo.counts["facebook", "reaction"] == len({r["timestamp"] for file in reactions for r in file})


def test_deterministic_bytes(tmp_path: Path) -> None:
    first = write_demo_export(tmp_path / "a.zip").read_bytes()
    again = write_demo_export(tmp_path / "b.zip").read_bytes()
    other = write_demo_export(tmp_path / "c.zip", seed=1).read_bytes()
    assert first == again
    assert first != other


def test_written_like_meta(tmp_path: Path) -> None:
    path = write_demo_export(tmp_path / "demo.zip")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        profile = archive.read(
            f"{IG_ROOT}/personal_information/personal_information/personal_information.json"
        )
        check_in = archive.read(f"{FB_ROOT}/your_facebook_activity/posts/check-ins.json")
        infos = {info.filename: info for info in archive.infolist()}
    assert profile.isascii() and b"\\u00c3\\u00a9" in profile  # "é" written as two escaped bytes
    assert b"\\u00e2\\u009c\\u00a8" in profile  # "✨", three escaped bytes
    repaired = load_json(profile, repair=True)["profile_user"][0]["string_map_data"]
    assert repaired["Compte privé"]["value"] == "False"
    assert repaired["Nom"]["value"] == "Camille Dupré"
    assert load_json(check_in, repair=False)["timestamp"]  # a bare object, not a list
    assert any(name.endswith("_2.json") for name in names)  # numbered splits
    media = [name for name in names if name.endswith((".jpg", ".mp4"))]
    assert len(media) > 50
    assert all(infos[name].compress_type == zipfile.ZIP_STORED for name in media)
    assert {name.split("/")[1].split("-")[0] for name in names} == {"facebook", "instagram"}
