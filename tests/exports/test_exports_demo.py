"""The synthetic demo export: realistic quirks, deterministic, and read back with the known counts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kit.demo import DEMO_COUNTS, DEMO_VISIBILITY, FB_ROOT, IG_ROOT, write_demo_export
from kit.exports import read_export
from kit.exports.records import CATEGORIES, PLATFORMS, load_json


@pytest.mark.parametrize("seed", [2026, 7])
@pytest.mark.parametrize("folder", [False, True])
def test_round_trip_finds_the_known_counts(tmp_path: Path, seed: int, folder: bool) -> None:
    path = write_demo_export(tmp_path / ("demo" if folder else "demo.zip"), seed=seed, folder=folder)
    result = read_export(path)
    assert result.problems == [] and result.failed == []
    assert {(r.platform, r.category): r.count for r in result.rows.itertuples()} == DEMO_COUNTS
    visibility = {(r.platform, r.category): r.visibility for r in result.rows.itertuples()}
    assert {key: visibility[key] for key in DEMO_VISIBILITY} == DEMO_VISIBILITY
    assert set(visibility[key] for key in visibility if key[0] == "facebook") == {"unknown"}
    dated = result.rows.dropna(subset=["first"])
    assert (dated["first"] <= dated["last"]).all()
    assert dated["first"].min().year >= 2014 and dated["last"].max().year <= 2026


def test_counts_use_only_known_ids() -> None:
    assert {platform for platform, _ in DEMO_COUNTS} == set(PLATFORMS)
    assert {category for _, category in DEMO_COUNTS} <= set(CATEGORIES)


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
