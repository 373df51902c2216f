"""Nothing a participant provides is written to disk, logged or printed while it is read."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import pytest

from kit.demo import write_demo_export
from kit.exports import read_export

from .export_builders import zip_bytes


def listing(root: Path) -> set[tuple[str, int, int]]:
    """Every file and folder under root, with size and modification time."""
    found = set()
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            try:
                info = path.lstat()
            except FileNotFoundError:
                continue
            found.add((str(path), info.st_size, info.st_mtime_ns))
    return found


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """A fresh working directory and a fresh temp directory (other processes also write to /tmp)."""
    cwd, temp = tmp_path / "cwd", tmp_path / "tmp"
    cwd.mkdir()
    temp.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return cwd, temp


def test_import_from_a_zip_path_and_from_bytes_writes_no_file(
    isolated, tmp_path: Path, caplog, capsys
) -> None:
    export = write_demo_export(tmp_path / "input" / "demo.zip")
    data = export.read_bytes()
    broken = zip_bytes({"your_facebook_activity/comments_and_reactions/comments.json": b"{"})
    watched = [Path.cwd(), Path(tempfile.gettempdir())]
    assert watched == list(isolated)
    before = [listing(root) for root in watched]
    caplog.set_level(logging.DEBUG)
    for source in (export, data, memoryview(data), ("demo.zip", data), broken, b"not a zip"):
        read_export(source)
    assert [listing(root) for root in watched] == before
    assert caplog.records == []
    assert capsys.readouterr() == ("", "")


def test_import_from_a_folder_writes_no_file(isolated, tmp_path: Path) -> None:
    folder = write_demo_export(tmp_path / "input" / "demo", folder=True)
    before = [listing(root) for root in (*isolated, folder)]
    assert read_export(folder).ok
    assert [listing(root) for root in (*isolated, folder)] == before
