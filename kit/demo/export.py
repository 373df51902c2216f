"""The whole demo export: built in memory from a seed, written as a zip or a folder."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from kit.demo import facebook, instagram
from kit.demo.builder import Builder, Key
from kit.demo.persona import EXPORT_DAY, INSTAGRAM_PRIVATE, THREADS_PRIVATE

DEFAULT_SEED = 2026


@dataclass(frozen=True)
class DemoExport:
    """The export's files (path → bytes, in zip order) and what an inventory of it must find."""

    files: dict[str, bytes]
    counts: dict[Key, int]


def build_demo_export(seed: int = DEFAULT_SEED) -> DemoExport:
    """Every file of the demo export, and the counts its builders recorded while writing them."""
    builder = Builder(seed)
    facebook.build(builder)
    instagram.build(builder)
    return DemoExport(builder.files, dict(builder.counts))


def demo_visibility() -> dict[Key, str]:
    """Who can see what, from the account settings the profiles record; Facebook records no audience."""
    def audience(private: bool) -> str:
        return "not-public" if private else "public"

    return {
        ("instagram", "post"): audience(INSTAGRAM_PRIVATE),
        ("instagram", "reel"): audience(INSTAGRAM_PRIVATE),
        ("instagram", "story"): "unknown",  # a story may be for close friends only, which the export does not say
        ("threads", "post"): audience(THREADS_PRIVATE),
    }


def write_demo_export(path: Path, *, seed: int = DEFAULT_SEED, folder: bool = False) -> Path:
    """Write the demo export as a zip at `path` (or as an unpacked folder) and return `path`."""
    files = build_demo_export(seed).files
    if folder:
        for name, content in files.items():
            target = path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=EXPORT_DAY.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED if name.endswith(".json") else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return path
