"""What the inventory finds in the real public samples in ../shared/samples/meta-exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from kit.exports import read_export

from .export_builders import zip_bytes

IG_ZIP = "what-if-horizon__what-if-data-donation/pytests/public_testfiles/IG_public_test_file.zip"
FB_DUMP = (
    "what-if-horizon__what-if-data-donation/structure_donations/Processed_structure_donations"
    "/Facebook/Input/FB_structure_facebook_takeout_dutch.json"
)


def utc_day(*args, **kwargs) -> pd.Timestamp:
    """The UTC day of a timestamp, as the inventory keeps dates."""
    return pd.Timestamp(*args, **kwargs, tz="UTC").tz_localize(None).normalize()


def rows(result) -> dict[tuple[str, str], tuple[int, str]]:
    return {(r.platform, r.category): (r.count, r.visibility) for r in result.rows.itertuples()}


def test_anonymised_instagram_export_2025(samples: Path) -> None:
    result = read_export(samples / IG_ZIP)
    assert result.problems == [] and result.failed == []
    assert rows(result) == {
        ("instagram", "post"): (1, "not-public"),  # posts_1.json is one bare object; "Private Account": True
        ("instagram", "story"): (4, "not-public"),
        ("instagram", "comment"): (3, "unknown"),
        ("instagram", "reaction"): (6, "unknown"),  # 3 liked posts + 3 story likes
        ("instagram", "profile"): (6, "unknown"),  # email, phone, username, name, birth date, photo
        ("instagram", "private-message"): (6, "unknown"),  # 1 inbox + 5 message-request conversations
    }
    by_category = result.rows.set_index("category")
    assert by_category.loc["post", "first"] == utc_day("2024-07-19 16:54:34")
    # anonymised times such as 1726806 (January 1970) are ignored, not shown as dates
    assert by_category.loc["comment", "first"] == utc_day(1_726_468_307, unit="s")
    assert by_category.loc["reaction", "last"] == utc_day(1_711_225_461, unit="s")


def test_anonymised_instagram_export_from_memory(samples: Path) -> None:
    from_path = read_export(samples / IG_ZIP).rows
    from_bytes = read_export((samples / IG_ZIP).read_bytes()).rows
    assert from_path.equals(from_bytes)


def test_old_facebook_layout_mock(samples: Path) -> None:
    result = read_export(samples / "uvacw__osd2f/mockdata/facebook/facebook-jennifer87-0")
    assert result.problems == [] and result.failed == []
    assert rows(result) == {
        ("facebook", "post"): (100, "unknown"),
        ("facebook", "comment"): (50, "unknown"),
        ("facebook", "reaction"): (20, "unknown"),
    }


def test_synthetic_2025_instagram_fixture(samples: Path) -> None:
    result = read_export(samples / "rmaatougui__instagram-export-parser/tests/fixture/export")
    # interest_categories.json (AI-inferred interests) and posts_viewed.json are not the participant's content
    assert rows(result) == {
        ("instagram", "comment"): (2, "unknown"),
        ("instagram", "reaction"): (1, "unknown"),
    }


def test_language_settings_alone_hold_no_category(samples: Path) -> None:
    folder = "marcin-przywoski__Facebook-Export-Viewer/ExportViewer.Tests/TestData/GetExportLanguageJson"
    result = read_export(samples / folder)
    assert [p.code for p in result.problems] == ["exports.no-categories"]


def _fill(shape: Any, counter: list[int]) -> Any:
    """A value of the dumped type: distinct plausible times and distinct strings."""
    if shape == "number":
        counter[0] += 1
        return 1_600_000_000 + counter[0]
    if shape == "string":
        counter[0] += 1
        return f"s{counter[0]}"
    if shape == ["array"]:
        return []
    if isinstance(shape, list):
        return [_fill(item, counter) for item in shape]
    if isinstance(shape, dict):
        return {key: _fill(value, counter) for key, value in shape.items()}
    return shape


def test_real_2024_facebook_structure(samples: Path) -> None:
    """A real Dutch-locale export's structure, values replaced: every shape must be understood."""
    dump = json.loads((samples / FB_DUMP).read_text())
    counter = [0]
    files = {f"facebook-demo-2025-01-01-tok/{path}": _fill(shape, counter) for path, shape in dump.items()}
    result = read_export(zip_bytes(files))
    assert result.problems == [] and result.failed == []
    yfa = "your_facebook_activity/"
    reactions = len(dump[yfa + "comments_and_reactions/likes_and_reactions_1.json"]) + len(
        dump[yfa + "comments_and_reactions/likes_and_reactions.json"]
    )
    # album 2 is dumped as "photos": ["array"], i.e. an empty list
    album_photos = sum(
        isinstance(photo, dict) for n in range(3) for photo in dump[f"{yfa}posts/album/{n}.json"]["photos"]
    )
    assert {key: count for key, (count, _) in rows(result).items()} == {
        ("facebook", "post"): len(dump[yfa + "posts/your_posts__check_ins__photos_and_videos_1.json"]),
        ("facebook", "photo"): album_photos,
        ("facebook", "comment"): len(dump[yfa + "comments_and_reactions/comments.json"]["comments_v2"]),
        ("facebook", "reaction"): reactions
        + len(dump[yfa + "stories/story_reactions.json"]["stories_feedback_v2"]),
        ("facebook", "group-activity"): len(
            dump[yfa + "groups/your_comments_in_groups.json"]["group_comments_v2"]
        ),
        # name, emails, birthday, gender, previous names, profile uri
        ("facebook", "profile"): 6,
    }
