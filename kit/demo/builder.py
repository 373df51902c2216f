"""What every file builder shares: the seeded randomness, distinct times, the files written and what they hold."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from typing import Any

from kit.demo.persona import EXPORT_DAY
from kit.exports.mojibake import map_strings, to_mojibake

Key = tuple[str, str]  # (platform, category), as the inventory names them


def meta_json(value: Any) -> bytes:
    """JSON as Meta writes it: two-space indent, ASCII only, every string (and key) mojibaked."""
    return json.dumps(map_strings(value, to_mojibake), indent=2, ensure_ascii=True).encode("ascii")


class Timeline:
    """Distinct, seeded Unix times: items that must count once apart never share a second."""

    def __init__(self, rng: random.Random):
        self._rng = rng
        self._used: set[int] = set()

    def between(self, start: int, end: int = 2026) -> int:
        low = int(dt.datetime(start, 1, 1, tzinfo=dt.UTC).timestamp())
        high = int(min(dt.datetime(end, 12, 31, tzinfo=dt.UTC), EXPORT_DAY).timestamp()) - 86_400
        while True:
            moment = self._rng.randrange(low, high)
            if moment not in self._used:
                self._used.add(moment)
                return moment

    def sorted(self, count: int, start: int, end: int = 2026) -> list[int]:
        return sorted((self.between(start, end) for _ in range(count)), reverse=True)


class Builder:
    """The export being written: its files in order, its media (written after each platform's JSON), its counts."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.times = Timeline(self.rng)
        self.files: dict[str, bytes] = {}
        self.counts: Counter[Key] = Counter()
        self._media: dict[str, bytes] = {}

    def json(self, path: str, value: Any) -> None:
        """Add a JSON file written as Meta writes it."""
        self.files[path] = meta_json(value)

    def media(self, path: str, extension: str) -> None:
        """Add a few kilobytes that look like a JPEG or MP4 file (only their names matter; nobody opens them)."""
        body = self.rng.randbytes(self.rng.randrange(1_500, 6_000))
        self._media[path] = (b"\xff\xd8\xff\xe0" + body + b"\xff\xd9" if extension == "jpg"
                             else b"\x00\x00\x00\x18ftypmp42" + body)

    def count(self, platform: str, category: str, items: int) -> None:
        """Record `items` new things an inventory of this export must find."""
        self.counts[platform, category] += items

    def end_platform(self) -> None:
        """Write the media gathered so far, after the platform's JSON files (as Meta's zips order them)."""
        self.files.update(self._media)
        self._media = {}
