"""Fixtures that build synthetic exports (zips, folders) in tmp_path, and the shared samples' path."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .export_builders import SAMPLES, Files, encode, zip_bytes


@pytest.fixture
def make_zip(tmp_path: Path) -> Callable[..., Path]:
    """Write a zip of `files` in tmp_path and return its path."""

    def make(files: Files, name: str = "export.zip", **kwargs: Any) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(zip_bytes(files, **kwargs))
        return path

    return make


@pytest.fixture
def make_folder(tmp_path: Path) -> Callable[..., Path]:
    """Write `files` as an unpacked export folder in tmp_path and return it."""

    def make(files: Files, name: str = "export") -> Path:
        root = tmp_path / name
        root.mkdir(parents=True, exist_ok=True)
        for member, content in files.items():
            target = root / member
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(encode(content))
        return root

    return make


@pytest.fixture(scope="session")
def samples() -> Path:
    if not SAMPLES.is_dir():
        message = f"the shared samples are not at {SAMPLES} (../shared next to the repository)"
        if os.environ.get("CI") or os.environ.get("KIT_REQUIRE_BROWSER"):
            pytest.fail(message)  # CI always has ../shared: a missing copy is a failure there, never a skip
        pytest.skip(message)
    return SAMPLES.resolve()
