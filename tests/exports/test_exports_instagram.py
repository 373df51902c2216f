"""Instagram and Threads readers, in every layout from 2020 to 2026, and account-level visibility."""

from __future__ import annotations

import pytest

from kit.exports import read_export

from .export_builders import counts


def media(n: int, folder: str = "posts", start: int = 1_600_000_000) -> list[dict]:
    return [
        {"uri": f"media/{folder}/202001/{i}.jpg", "creation_timestamp": start + i, "title": ""}
        for i in range(n)
    ]


def posts(n: int) -> list[dict]:
    return [
        {"media": media(2), "title": f"post {i}", "creation_timestamp": 1_600_000_000 + i} for i in range(n)
    ]


def mapped_comments(n: int) -> list[dict]:
    return [
        {"string_map_data": {"Comment": {"value": "ok"}, "Time": {"timestamp": 1_650_000_000 + i}}}
        for i in range(n)
    ]


def listed(n: int) -> list[dict]:
    return [
        {"title": "owner", "string_list_data": [{"href": "h", "value": "👍", "timestamp": 1_640_000_000 + i}]}
        for i in range(n)
    ]


def labelled(n: int) -> list[dict]:
    return [
        {"timestamp": 1_760_000_000 + i, "media": [], "label_values": [{"label": "URL"}]} for i in range(n)
    ]


def profile(private: str) -> dict:
    return {
        "profile_user": [
            {
                "title": "User Information",
                "media_map_data": {"Profile Photo": {"uri": "media/profile/1.jpg", "creation_timestamp": 1}},
                "string_map_data": {
                    "Username": {"value": "camille", "timestamp": 0},
                    "Name": {"value": "Camille", "timestamp": 0},
                    "Phone Confirmed": {"value": "True", "timestamp": 0},
                    "Emoji Pong High Score": {"value": "12", "timestamp": 0},
                    "Private Account": {"value": private, "timestamp": 0},
                },
            }
        ]
    }


LAYOUTS = {
    "2021": {
        "content/posts_1.json": posts(3),
        "content/stories.json": {"ig_stories": media(4, "stories")},
        "comments/post_comments.json": {"comments_media_comments": mapped_comments(2)},
        "likes/liked_posts.json": {"likes_media_likes": listed(5)},
        "account_information/personal_information.json": profile("False"),
        "messages/inbox/zoe_1/message_1.json": {},
    },
    "2022": {
        "content/posts_1.json": posts(3),
        "content/stories.json": {"ig_stories": media(4, "stories")},
        "comments/post_comments.json": {"comments_media_comments": mapped_comments(2)},
        "likes/liked_posts.json": {"likes_media_likes": listed(5)},
        "personal_information/personal_information.json": profile("False"),
        "messages/inbox/zoe_1/message_1.json": {},
    },
    "2023–2025": {
        "your_instagram_activity/content/posts_1.json": posts(3),
        "your_instagram_activity/content/stories.json": {"ig_stories": media(4, "stories")},
        "your_instagram_activity/comments/post_comments_1.json": mapped_comments(2),
        "your_instagram_activity/likes/liked_posts.json": {"likes_media_likes": listed(5)},
        "personal_information/personal_information/personal_information.json": profile("False"),
        "your_instagram_activity/messages/inbox/zoe_1/message_1.json": {},
    },
    "2025–2026": {
        "your_instagram_activity/media/posts_1.json": posts(3),
        "your_instagram_activity/media/stories.json": {"ig_stories": media(4, "stories")},
        "your_instagram_activity/comments/post_comments_1.json": mapped_comments(2),
        "your_instagram_activity/likes/liked_posts.json": labelled(5),
        "personal_information/personal_information/personal_information.json": profile("False"),
        "your_instagram_activity/messages/inbox/zoe_1/message_1.json": {},
    },
}
EXPECTED = {
    ("instagram", "post"): 3,
    ("instagram", "story"): 4,
    ("instagram", "comment"): 2,
    ("instagram", "reaction"): 5,
    ("instagram", "profile"): 3,  # username, name, profile photo
    ("instagram", "private-message"): 1,
}


@pytest.mark.parametrize("era", LAYOUTS)
@pytest.mark.parametrize("top_folder", ["", "instagram-camille-2025-07-13-Zx9Yw8Vu/"])
def test_every_layout_with_and_without_top_folder(make_zip, era: str, top_folder: str) -> None:
    path = make_zip({top_folder + name: content for name, content in LAYOUTS[era].items()})
    assert counts(path) == EXPECTED


def test_2020_root_files(make_zip) -> None:
    files = {
        "instagram-camille-2020/media.json": {
            "photos": [
                {"caption": "carrousel", "taken_at": "2019-05-01T12:00:00", "path": "photos/201905/a.jpg"},
                {"caption": "carrousel", "taken_at": "2019-05-01T12:00:00", "path": "photos/201905/b.jpg"},
                {"caption": "seule", "taken_at": "2019-06-01T12:00:00", "path": "photos/201906/c.jpg"},
            ],
            "videos": [{"caption": "vidéo", "taken_at": "2019-07-01T12:00:00", "path": "videos/d.mp4"}],
            "stories": [{"caption": "", "taken_at": "2019-08-01T12:00:00", "path": "stories/e.jpg"}] * 2,
            "direct": [{"path": "direct/f.jpg"}],
        },
        "instagram-camille-2020/comments.json": {
            "media_comments": [["2019-05-02T10:00:00", "super", "zoe"]] * 3,
            "live_comments": [],
        },
        "instagram-camille-2020/likes.json": {
            "media_likes": [["2019-05-03T10:00:00", "zoe"]] * 4,
            "comment_likes": [],
        },
        "instagram-camille-2020/profile.json": {
            "username": "camille",
            "name": "Camille",
            "private_account": True,
        },
    }
    result = read_export(make_zip(files))
    assert {(r.platform, r.category): r.count for r in result.rows.itertuples()} == {
        ("instagram", "post"): 3,
        ("instagram", "story"): 2,
        ("instagram", "comment"): 3,
        ("instagram", "reaction"): 4,
        ("instagram", "profile"): 2,
    }
    assert result.rows.set_index("category").loc["post", "first"].isoformat() == "2019-05-01T00:00:00"
    assert result.rows.set_index("category").loc["post", "visibility"] == "not-public"


def test_2020_posts_are_told_apart_by_time_and_caption(make_zip) -> None:
    def photo(caption: str, day: str) -> dict:
        return {"caption": caption, "taken_at": f"2019-{day}T12:00:00", "path": f"photos/{day}.jpg"}

    files = {
        "media.json": {
            "photos": [photo("", "05-01"), photo("", "05-02"), photo("a", "06-01"), photo("b", "06-01")],
            "stories": [{"caption": "", "taken_at": f"2019-{day}T12:00:00"} for day in ("08-01", "09-30")],
        },
        "profile.json": {"username": "camille", "biography": "", "private_account": False},
    }
    rows = read_export(make_zip(files)).rows.set_index("category")
    assert rows.loc["post", "count"] == 4
    assert (rows.loc["story", "first"].isoformat(), rows.loc["story", "last"].isoformat()) == (
        "2019-08-01T00:00:00", "2019-09-30T00:00:00")
    assert rows.loc["profile", "count"] == 1, "an empty field and the privacy flag are not counted"
    assert rows.loc["post", "visibility"] == "public"


def test_profile_counts_filled_fields_in_every_shape(make_zip) -> None:
    record = {
        "title": "User Information",
        "string_map_data": {"Username": {"value": "camille"}, "Website": "camille.example", "Bio": {"value": ""}},
        "label_values": [{"label": "Name", "value": "Camille"}, {"label": "Pronouns", "value": ""}, "stray"],
    }
    files = {"personal_information/personal_information/personal_information.json": {"profile_user": [record]}}
    assert counts(make_zip(files)) == {("instagram", "profile"): 3}


def test_single_post_written_as_bare_object(make_zip) -> None:
    files = {
        "your_instagram_activity/media/posts_1.json": {
            "media": media(3),
            "title": "",
            "creation_timestamp": 1,
        }
    }
    assert counts(make_zip(files)) == {("instagram", "post"): 1}


def test_single_post_with_only_a_media_key(make_zip) -> None:
    files = {"your_instagram_activity/content/posts_1.json": {"media": media(1)}}
    assert counts(make_zip(files)) == {("instagram", "post"): 1}


def test_single_comment_written_as_bare_object(make_zip) -> None:
    files = {"your_instagram_activity/comments/post_comments_1.json": mapped_comments(1)[0]}
    assert counts(make_zip(files)) == {("instagram", "comment"): 1}


def test_reels_igtv_more_likes_numbered_files_and_ai(make_zip) -> None:
    root = "your_instagram_activity"
    files = {
        f"{root}/media/posts_1.json": posts(2),
        f"{root}/media/posts_2.json": posts(1),
        f"{root}/media/reels.json": {"ig_reels_media": [{"media": media(1, "reels")}] * 3},
        f"{root}/media/igtv_videos.json": {"ig_igtv_media": [{"media": media(1, "igtv")}] * 2},
        f"{root}/media/archived_posts.json": {"ig_archived_post_media": posts(5)},
        f"{root}/comments/reels_comments.json": {"comments_reels_comments": mapped_comments(2)},
        f"{root}/comments/post_comments_1.json": mapped_comments(1),
        f"{root}/comments/post_comments_2.json": mapped_comments(1),
        f"{root}/likes/liked_comments.json": {"likes_comment_likes": listed(2)},
        f"{root}/story_interactions/story_likes.json": labelled(3),
        f"{root}/story_sticker_interactions/story_likes.json": {"story_activities_story_likes": listed(1)},
        f"{root}/messages/ai_conversations.json": labelled(4),
        f"{root}/ai/interest_categories.json": labelled(9),
    }
    assert counts(make_zip(files)) == {
        ("instagram", "post"): 3,
        ("instagram", "video"): 2,
        ("instagram", "reel"): 3,
        ("instagram", "comment"): 4,
        ("instagram", "reaction"): 6,
        ("instagram", "ai-chat"): 4,
    }


def test_threads_inside_the_instagram_export(make_zip) -> None:
    threads = "your_instagram_activity/threads"
    files = {
        f"{threads}/threads_and_replies.json": {
            "text_post_app_text_posts": [
                {"media": [{"uri": "", "creation_timestamp": 1_720_000_000, "title": "t"}]}
            ]
            * 3
        },
        f"{threads}/liked_threads.json": {"text_post_app_media_likes": listed(2)},
        f"{threads}/personal_information.json": {
            "text_post_app_text_post_app_profile": [
                {"string_map_data": {"Name": {"value": "Camille"}, "Private profile": {"value": "True"}}}
            ]
        },
        f"{threads}/threads_viewed.json": {"text_post_app_text_post_app_posts_seen": listed(50)},
    }
    result = read_export(make_zip(files))
    rows = {(r.platform, r.category): (r.count, r.visibility) for r in result.rows.itertuples()}
    assert rows == {
        ("threads", "post"): (3, "not-public"),
        ("threads", "reaction"): (2, "unknown"),
        ("threads", "profile"): (1, "unknown"),
    }


@pytest.mark.parametrize(
    ("label", "value", "expected"),
    [
        ("Private Account", "True", {"post": "not-public", "story": "not-public", "comment": "unknown"}),
        ("Private Account", "False", {"post": "public", "story": "unknown", "comment": "unknown"}),
        ("Compte privé", "False", {"post": "public", "story": "unknown", "comment": "unknown"}),
        ("Something else", "False", {"post": "unknown", "story": "unknown", "comment": "unknown"}),
    ],
)
def test_visibility_from_account_privacy(make_zip, label: str, value: str, expected: dict[str, str]) -> None:
    person = {"profile_user": [{"string_map_data": {label: {"value": value}}}]}  # written mojibaked
    files = {
        "your_instagram_activity/media/posts_1.json": posts(1),
        "your_instagram_activity/media/stories.json": {"ig_stories": media(1)},
        "your_instagram_activity/comments/post_comments_1.json": mapped_comments(1),
        "personal_information/personal_information/personal_information.json": person,
    }
    rows = read_export(make_zip(files)).rows.set_index("category")["visibility"].to_dict()
    assert {category: rows[category] for category in expected} == expected
