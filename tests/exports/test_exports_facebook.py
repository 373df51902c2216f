"""Facebook readers, one per kind of file, in every layout from 2019 to 2026."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.exports import read_export

from .export_builders import counts, zip_bytes


def utc_day(*args, **kwargs) -> pd.Timestamp:
    """The UTC day of a timestamp, as the inventory keeps dates."""
    return pd.Timestamp(*args, **kwargs, tz="UTC").tz_localize(None).normalize()


def classic(n: int, start: int = 1_600_000_000, **extra) -> list[dict]:
    return [{"timestamp": start + 3600 * i, "title": "Camille Dupré a publié.", **extra} for i in range(n)]


def labelled(n: int, start: int = 1_700_000_000) -> list[dict]:
    return [
        {
            "timestamp": start + 60 * i,
            "fbid": str(i),
            "media": [],
            "label_values": [{"label": "URL", "value": "u"}],
        }
        for i in range(n)
    ]


def photos(n: int, album: str) -> list[dict]:
    return [
        {"uri": f"posts/media/{album}/{i}.jpg", "creation_timestamp": 1_500_000_000 + i} for i in range(n)
    ]


def comments(n: int) -> list[dict]:
    return [
        {
            "timestamp": 1_650_000_000 + i,
            "data": [{"comment": {"timestamp": 1_650_000_000 + i, "comment": "ok"}}],
        }
        for i in range(n)
    ]


PROFILE = {
    "name": {"full_name": "Camille Dupré", "first_name": "Camille", "last_name": "Dupré"},
    "emails": {"emails": ["c@example.org"], "previous_emails": []},
    "birthday": {"year": 1991, "month": 4, "day": 23},
    "phone_numbers": [],
    "registration_timestamp": 1_250_000_000,
    "username": "camille",
}

LAYOUTS = {
    "≤2020": {
        "posts/your_posts_1.json": classic(5),
        "comments/comments.json": {"comments": comments(4)},
        "likes_and_reactions/posts_and_comments.json": {"reactions": classic(3)},
        "likes_and_reactions/pages.json": {"page_likes": [{"name": "Page", "timestamp": 1_500_000_000}]},
        "photos_and_videos/album/0.json": {"name": "Album", "photos": photos(2, "a")},
        "photos_and_videos/your_videos.json": {"videos": photos(1, "v")},
        "profile_information/profile_information.json": {"profile": PROFILE},
        "groups/your_posts_and_comments_in_groups.json": {"group_posts": {"activity_log_data": classic(2)}},
        "messages/inbox/elodie_1/message_1.json": {"participants": [], "messages": []},
    },
    "2021–2022": {
        "posts/your_posts_1.json": classic(5),
        "comments_and_reactions/comments.json": {"comments_v2": comments(4)},
        "comments_and_reactions/posts_and_comments.json": {"reactions_v2": classic(3)},
        "posts/album/0.json": {"name": "Album", "photos": photos(2, "a")},
        "posts/your_videos.json": {"videos_v2": photos(1, "v")},
        "profile_information/profile_information.json": {"profile_v2": PROFILE},
        "groups/group_posts_and_comments.json": {"group_posts_v2": classic(2)},
        "messages/inbox/elodie_1/message_1.json": {"participants": [], "messages": []},
    },
    "2022–2023": {
        "your_activity_across_facebook/posts/your_posts__check_ins__photos_and_videos_1.json": classic(5),
        "your_activity_across_facebook/comments_and_reactions/comments.json": {"comments_v2": comments(4)},
        "your_activity_across_facebook/comments_and_reactions/likes_and_reactions_1.json": classic(3),
        "your_activity_across_facebook/posts/album/0.json": {"name": "Album", "photos": photos(2, "a")},
        "your_activity_across_facebook/posts/your_videos.json": {"videos_v2": photos(1, "v")},
        "personal_information/profile_information/profile_information.json": {"profile_v2": PROFILE},
        "your_activity_across_facebook/groups/group_posts_and_comments.json": {"group_posts_v2": classic(2)},
        "your_activity_across_facebook/messages/inbox/elodie_1/message_1.json": {"messages": []},
    },
    "2024–2026": {
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": classic(5),
        "your_facebook_activity/comments_and_reactions/comments.json": {"comments_v2": comments(4)},
        "your_facebook_activity/comments_and_reactions/likes_and_reactions_1.json": classic(3),
        "your_facebook_activity/posts/album/0.json": {"name": "Album", "photos": photos(2, "a")},
        "your_facebook_activity/posts/your_videos.json": {"videos_v2": photos(1, "v")},
        "personal_information/profile_information/profile_information.json": {"profile_v2": PROFILE},
        "your_facebook_activity/groups/group_posts_and_comments.json": {"group_posts_v2": classic(2)},
        "your_facebook_activity/messages/inbox/elodie_1/message_1.json": {"messages": []},
    },
}
EXPECTED = {
    ("facebook", "post"): 5,
    ("facebook", "photo"): 2,
    ("facebook", "video"): 1,
    ("facebook", "comment"): 4,
    ("facebook", "reaction"): 3,
    ("facebook", "profile"): 4,  # name, emails, birthday, username
    ("facebook", "group-activity"): 2,
    ("facebook", "private-message"): 1,
}


@pytest.mark.parametrize("era", LAYOUTS)
@pytest.mark.parametrize("top_folder", ["", "facebook-camille.dupre-2024-11-18-aB3dE6gH/"])
def test_every_layout_with_and_without_top_folder(make_zip, era: str, top_folder: str) -> None:
    path = make_zip({top_folder + name: content for name, content in LAYOUTS[era].items()})
    assert counts(path) == EXPECTED


def test_first_and_last_dates() -> None:
    rows = read_export(zip_bytes(LAYOUTS["2024–2026"])).rows.set_index("category")
    assert rows.loc["post", "first"] == utc_day(1_600_000_000, unit="s")
    assert rows.loc["post", "last"] == utc_day(1_600_000_000 + 4 * 3600, unit="s")
    assert pd.isna(rows.loc["profile", "first"]) and pd.isna(rows.loc["profile", "last"])


def test_numbered_splits_are_concatenated(make_zip) -> None:
    root = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_"
    files = {f"{root}1.json": classic(10_000), f"{root}2.json": classic(10, start=1_700_000_000)}
    files[f"{root}10.json"] = classic(3, start=1_710_000_000)
    assert counts(make_zip(files)) == {("facebook", "post"): 10_013}


def test_single_check_in_written_as_bare_object(make_zip) -> None:
    check_in = {"timestamp": 1_690_000_000, "fbid": "1", "media": [], "label_values": [{"label": "Message"}]}
    files = {"your_facebook_activity/posts/check-ins.json": check_in}
    assert counts(make_zip(files)) == {("facebook", "check-in"): 1}


def test_check_ins_and_tagged_places_count_each_visit_once(make_zip) -> None:
    files = {
        "your_facebook_activity/posts/check-ins.json": labelled(3),
        "your_facebook_activity/posts/places_you_have_been_tagged_in.json": labelled(5),  # 3 shared times
    }
    assert counts(make_zip(files)) == {("facebook", "check-in"): 5}


def test_two_reaction_files_overlap_counted_once(make_zip) -> None:
    files = {
        "your_facebook_activity/comments_and_reactions/likes_and_reactions_1.json": classic(
            80, start=1_700_000_000
        ),
        # 20 records at the same times as the classic ones, plus 5 later ones
        "your_facebook_activity/comments_and_reactions/likes_and_reactions.json": [
            *labelled(0),
            *({"timestamp": 1_700_000_000 + 3600 * i, "label_values": []} for i in range(20)),
            *({"timestamp": 1_800_000_000 + i, "label_values": []} for i in range(5)),
        ],
        "your_facebook_activity/stories/story_reactions.json": {"stories_feedback_v2": [{"title": "x"}] * 2},
    }
    assert counts(make_zip(files)) == {("facebook", "reaction"): 80 + 5 + 2}


def test_reactions_at_the_same_second_in_one_file_all_count(make_zip) -> None:
    same = [{"timestamp": 1_700_000_000, "title": "t"}] * 3
    files = {"your_facebook_activity/comments_and_reactions/likes_and_reactions_1.json": same}
    assert counts(make_zip(files)) == {("facebook", "reaction"): 3}


def test_photos_of_albums_and_uncategorized_counted_once_by_uri(make_zip) -> None:
    album = photos(4, "a")
    files = {
        "your_facebook_activity/posts/album/0.json": {"name": "A", "photos": album},
        "your_facebook_activity/posts/album/1.json": {"name": "B", "photos": photos(3, "b")},
        "your_facebook_activity/posts/your_uncategorized_photos.json": {
            "other_photos_v2": [album[0], *photos(2, "c")]
        },
    }
    assert counts(make_zip(files)) == {("facebook", "photo"): 9}


def test_photos_without_an_address_are_each_counted_and_photos_are_dated(make_zip) -> None:
    loose = [{"uri": "", "creation_timestamp": 1_400_000_000}, {"creation_timestamp": 1_600_000_000}]
    files = {
        "your_facebook_activity/posts/album/0.json": {"name": "A", "photos": [*loose, "stray"]},
        "your_facebook_activity/posts/your_uncategorized_photos.json": {"other_photos_v2": loose},
    }
    rows = read_export(make_zip(files)).rows.set_index("category")
    assert rows.loc["photo", "count"] == 4, "no address: nothing to tell two photos apart by"
    assert (f"{rows.loc['photo', 'first']:%Y-%m-%d}", f"{rows.loc['photo', 'last']:%Y-%m-%d}") == (
        "2014-05-13", "2020-09-13")
    no_list = read_export(zip_bytes({"your_facebook_activity/posts/album/0.json": {"name": "C"}}))
    assert [f.problem.code for f in no_list.failed] == ["exports.unexpected-shape"]


def test_posts_elsewhere_reels_stories_group_comments_and_ai(make_zip) -> None:
    files = {
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": classic(2),
        "your_facebook_activity/posts/posts_on_other_pages_and_profiles.json": labelled(3),
        "your_facebook_activity/reels/your_reels.json": {"lasso_videos_v2": classic(4)},
        "your_facebook_activity/stories/archived_stories.json": {"archived_stories_v2": classic(6)},
        "your_facebook_activity/groups/your_comments_in_groups.json": {"group_comments_v2": comments(7)},
        "your_facebook_activity/messages/ai_conversations.json": labelled(2),
    }
    assert counts(make_zip(files)) == {
        ("facebook", "post"): 5,
        ("facebook", "reel"): 4,
        ("facebook", "story"): 6,
        ("facebook", "group-activity"): 7,
        ("facebook", "ai-chat"): 2,
    }


def test_empty_files_give_zero_rows_missing_files_give_no_row(make_zip) -> None:
    files = {"your_facebook_activity/comments_and_reactions/comments.json": {"comments_v2": []}}
    assert counts(make_zip(files)) == {("facebook", "comment"): 0}


def test_conversations_counted_from_names_without_opening_them(make_zip) -> None:
    box = "your_facebook_activity/messages"
    files = {
        f"{box}/inbox/elodie_1/message_1.json": b"not even json",
        f"{box}/inbox/elodie_1/message_2.json": b"{",
        f"{box}/inbox/elodie_1/photos/1.jpg": b"\xff\xd8",
        f"{box}/archived_threads/theo_2/message_1.json": b"",
        f"{box}/message_requests/ines_3/message_1.json": b"",
        f"{box}/filtered_threads/zoe_4/message_1.json": b"",
        f"{box}/e2ee_cutover/lucas_5/message_1.json": b"",
    }
    result = read_export(make_zip(files))
    assert result.problems == [] and result.failed == []
    row = result.rows.iloc[0]
    assert (row.platform, row.category, row["count"]) == ("facebook", "private-message", 5)
    assert pd.isna(row["first"]) and pd.isna(row["last"])
    assert counts(make_zip(files, name="again.zip"), include_messages=False) == {}


def test_visibility_stays_unknown_even_with_privacy_settings(make_zip) -> None:
    settings = [
        {
            "timestamp": 0,
            "label_values": [{"dict": [{"dict": [{"label": "Who can see", "value": "Public"}]}]}],
        }
    ]
    files = {
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": classic(2),
        "preferences/preferences/privacy_settings.json": settings,
    }
    result = read_export(make_zip(files))
    assert set(result.rows["visibility"]) == {"unknown"}
