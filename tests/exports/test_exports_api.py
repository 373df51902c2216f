"""The public API: input types, the exact columns and types of the inventory."""

from __future__ import annotations

import pytest

import kit.exports as exports
from kit.exports import CATEGORIES, PLATFORMS, ExportResult, read_export
from kit.inventory import COLUMNS, empty_inventory, to_records

from .export_builders import zip_bytes

FILES = {
    "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": [
        {"timestamp": 1_700_000_000},
        {"timestamp": 1_700_086_400},
    ],
    "personal_information/profile_information/profile_information.json": {"profile_v2": {"username": "c"}},
}


def test_columns_and_types() -> None:
    result = read_export(zip_bytes(FILES))
    assert isinstance(result, ExportResult) and result.ok
    rows = result.rows
    assert (
        tuple(rows.columns)
        == COLUMNS
        == ("platform", "category", "count", "first", "last", "visibility", "source")
    )
    assert rows["count"].dtype == "int64"
    assert rows["first"].dtype == "datetime64[s]", "days in UTC, as every inventory"
    assert set(rows["platform"]) <= set(PLATFORMS) and set(rows["category"]) <= set(CATEGORIES)
    assert set(rows["visibility"]) <= {"public", "not-public", "unknown"}
    assert set(rows["source"]) == {"export"}
    assert result.read_categories == [("facebook", "post"), ("facebook", "profile")]
    assert to_records(rows)[0] == {
        "platform": "facebook",
        "category": "post",
        "count": 2,
        "first": "2023-11-14",
        "last": "2023-11-15",
        "visibility": "unknown",
        "source": "export",
    }


def test_empty_rows_have_the_same_columns_and_types() -> None:
    empty, full = empty_inventory(), read_export(zip_bytes(FILES)).rows
    assert tuple(empty.columns) == COLUMNS and empty.empty
    assert list(empty.dtypes.astype(str)) == list(full.dtypes.astype(str))
    assert read_export(b"nope").rows.dtypes.equals(empty.dtypes)


@pytest.mark.parametrize("wrap", [bytes, bytearray, memoryview, lambda b: ("upload.zip", b), lambda b: [b]])
def test_accepts_every_bytes_like(wrap) -> None:
    assert read_export(wrap(zip_bytes(FILES))).read_categories == [
        ("facebook", "post"),
        ("facebook", "profile"),
    ]


def test_accepts_str_paths_and_generators(make_zip) -> None:
    path = make_zip(FILES)
    assert read_export(str(path)).ok
    assert read_export(p for p in [path]).ok


def test_core_never_imports_widgets() -> None:
    import subprocess
    import sys

    code = "import sys, kit.exports, kit.demo, kit.cli.inventory; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
    assert "read_export" in exports.__all__
