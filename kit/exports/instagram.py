"""Instagram export files, Threads included (Threads data lives inside the Instagram export).

Assumptions (from the Meta export format notes §6–§9, checked against the saved samples):

* Paths are matched on their end: `your_instagram_activity/media/` (mid 2025–2026),
  `your_instagram_activity/content/` (2023–2025), root `content/`, `likes/`, `comments/` (2021–2022), and
  the ≤ 2020 root files `media.json`, `comments.json`, `likes.json`, `profile.json`.
* post: records of `posts_N.json` (a list, or one bare object for a single post); a carousel is one post.
  ≤ 2020: the photos and videos of `media.json`, one post per (time, caption).
* story: `stories.json`; reel: `reels.json`; video: IGTV `igtv_videos.json`. Archived, deleted and
  profile pictures are not counted: they are not shared any more, or belong to the profile.
* comment: `post_comments_N.json` and `reels_comments.json`. reaction: liked posts, liked comments and
  story likes, in both the old `string_list_data` wrappers and the late-2025 bare `label_values` lists.
* profile: the number of filled-in fields of `personal_information.json` (flags such as "Private Account"
  and empty or "unspecified" values are not counted), plus the profile photo.
* ai-chat: records of `messages/ai_conversations.json` (labels undocumented: only counted).
  `ai/interest_categories.json` holds interests Meta inferred, not chats: not counted.
* private-message: direct conversations, counted from folder names only; no message file is opened.
* Threads (`your_instagram_activity/threads/`): post = records of `threads_and_replies.json` (replies
  included), reaction = `liked_threads.json`, profile = `threads/personal_information.json`.
* Visibility: Instagram privacy is account-wide. The "Private Account" field of
  `personal_information.json` (state at export time; localised labels accepted) makes posts, photos,
  videos, reels and stories "not-public" when private, and posts, photos, videos and reels "public" when
  public (stories stay "unknown": close-friends stories are not flagged). The same rule applies to
  Threads with the private flag of `threads/personal_information.json`, when present. Comments and
  reactions sit under other people's content: "unknown".
"""

from __future__ import annotations

from typing import Any

from kit.exports.records import (
    AccountFacts,
    Counted,
    FileKind,
    Reader,
    ShapeError,
    count_fields,
    count_records,
    dict_records,
    is_filled,
    iso_seconds,
    kind,
    private_flag,
)

_ROOT = r"(?:^|/)"
_MEDIA = r"(?:^|/)(?:content|media)/"
_IG = r"(?:^|/)your_instagram_activity/"

POST = frozenset({"media", "creation_timestamp", "title"})
MEDIA = frozenset({"uri", "creation_timestamp"})
MAPPED = frozenset({"string_map_data", "media_list_data", "label_values", "timestamp"})
LISTED = frozenset({"string_list_data", "label_values", "timestamp", "title"})
# string_map_data labels that are bookkeeping, not something the participant filled in
_PROFILE_BOOKKEEPING = frozenset({"emoji pong high score", "phone confirmation method"})


def read_profile(data: Any, facts: AccountFacts) -> Counted:
    """personal_information.json (`profile_user`): one item per filled-in field; notes the private flag."""
    return count_fields(_filled_fields(data, facts, "instagram"))


def read_threads_profile(data: Any, facts: AccountFacts) -> Counted:
    """threads/personal_information.json: one item per filled-in field; notes the private flag."""
    return count_fields(_filled_fields(data, facts, "threads"))


def _filled_fields(data: Any, facts: AccountFacts, platform: str) -> int:
    filled = 0
    for record in dict_records(data, frozenset({"string_map_data", "media_map_data", "label_values"})):
        fields = record.get("string_map_data")
        if isinstance(fields, dict):
            private = private_flag(fields)
            if private is not None:
                facts.private[platform] = private
            for label, entry in fields.items():
                value = entry.get("value") if isinstance(entry, dict) else entry
                filled += label.lower() not in _PROFILE_BOOKKEEPING and is_filled(value)
        photos = record.get("media_map_data")
        if isinstance(photos, dict):
            filled += sum(is_filled(photo) for photo in photos.values())
        for entry in record.get("label_values") or []:
            filled += isinstance(entry, dict) and is_filled(entry.get("value"))
    return filled


def read_legacy_media_posts(data: Any, facts: AccountFacts) -> Counted:
    """≤ 2020 media.json: one item per post, i.e. per (time, caption) among its photos and videos."""
    posts: dict[tuple[Any, Any], int | None] = {}
    for entry in _legacy_lists(data, "photos", "videos"):
        posts.setdefault((entry.get("taken_at"), entry.get("caption")), iso_seconds(entry.get("taken_at")))
    return Counted(list(posts.values()))


def read_legacy_media_stories(data: Any, facts: AccountFacts) -> Counted:
    """≤ 2020 media.json: one item per story."""
    return Counted([iso_seconds(entry.get("taken_at")) for entry in _legacy_lists(data, "stories")])


def _legacy_lists(data: Any, *keys: str) -> list[dict[str, Any]]:
    if not isinstance(data, dict):
        raise ShapeError
    found: list[dict[str, Any]] = []
    for key in keys:
        value = data.get(key, [])
        if not isinstance(value, list):
            raise ShapeError
        found.extend(entry for entry in value if isinstance(entry, dict))
    return found


def read_legacy_pairs(*keys: str) -> Reader:
    """A reader for ≤ 2020 files holding lists of arrays whose first element is an ISO time."""

    def read(data: Any, facts: AccountFacts) -> Counted:
        if not isinstance(data, dict):
            raise ShapeError
        times = []
        for key in keys:
            for entry in data.get(key) or []:
                times.append(iso_seconds(entry[0] if isinstance(entry, list) and entry else None))
        return Counted(times)

    read.__doc__ = f"≤ 2020 file: one item per entry of {', '.join(keys)}."
    return read


def read_legacy_profile(data: Any, facts: AccountFacts) -> Counted:
    """≤ 2020 profile.json: one item per filled-in field; notes the private flag."""
    if not isinstance(data, dict):
        raise ShapeError
    private = data.get("private_account")
    if isinstance(private, bool):
        facts.private["instagram"] = private
    return count_fields(sum(1 for k, v in data.items() if k != "private_account" and is_filled(v)))


# Folder names found only in Instagram exports (any era): an export tree holding one is Instagram's.
FOLDERS = frozenset(
    {
        "your_instagram_activity",
        "apps_and_websites_off_of_instagram",
        "account_information",
        "followers_and_following",
        "story_sticker_interactions",
    }
)

KINDS: tuple[FileKind, ...] = (
    kind("ig-posts", "instagram", "post", _MEDIA + r"posts(?:_\d+)?\.json$", count_records(POST)),
    kind("ig-stories", "instagram", "story", _MEDIA + r"stories\.json$", count_records(MEDIA | POST)),
    kind("ig-reels", "instagram", "reel", _MEDIA + r"reels\.json$", count_records(MEDIA | POST)),
    kind("ig-igtv", "instagram", "video", _MEDIA + r"igtv_videos\.json$", count_records(MEDIA | POST)),
    kind(
        "ig-comments",
        "instagram",
        "comment",
        _ROOT + r"comments/(?:post_comments(?:_\d+)?|reels_comments)\.json$",
        count_records(MAPPED),
    ),
    kind(
        "ig-likes",
        "instagram",
        "reaction",
        _ROOT + r"(?:likes/liked_(?:posts|comments)|story_(?:sticker_)?interactions/story_likes)\.json$",
        count_records(LISTED),
    ),
    kind(
        "ig-profile",
        "instagram",
        "profile",
        _ROOT + r"(?:personal_information|account_information)/personal_information\.json$",
        read_profile,
        needs_text=True,
    ),
    kind(
        "ig-ai-chats",
        "instagram",
        "ai-chat",
        _IG + r"messages/ai_conversations\.json$",
        count_records(LISTED | MAPPED),
    ),
    kind(
        "ig-messages",
        "instagram",
        "private-message",
        _IG + r"messages/(?:inbox|message_requests)/(?P<thread>[^/]+)/message_\d+\.json$",
        None,
    ),
    kind(
        "threads-posts", "threads", "post", _ROOT + r"threads/threads_and_replies\.json$", count_records(POST)
    ),
    kind(
        "threads-likes", "threads", "reaction", _ROOT + r"threads/liked_threads\.json$", count_records(LISTED)
    ),
    kind(
        "threads-profile",
        "threads",
        "profile",
        _ROOT + r"threads/personal_information\.json$",
        read_threads_profile,
        needs_text=True,
    ),
)

# ≤ 2020 files sit at the export root with generic names: only matched outside any known folder.
ROOT_KINDS: tuple[FileKind, ...] = (
    kind("ig-legacy-posts", "instagram", "post", r"(?:^|/)media\.json$", read_legacy_media_posts),
    kind("ig-legacy-stories", "instagram", "story", r"(?:^|/)media\.json$", read_legacy_media_stories),
    kind(
        "ig-legacy-comments",
        "instagram",
        "comment",
        r"(?:^|/)comments\.json$",
        read_legacy_pairs("media_comments", "live_comments"),
    ),
    kind(
        "ig-legacy-likes",
        "instagram",
        "reaction",
        r"(?:^|/)likes\.json$",
        read_legacy_pairs("media_likes", "comment_likes"),
    ),
    kind(
        "ig-legacy-profile",
        "instagram",
        "profile",
        r"(?:^|/)profile\.json$",
        read_legacy_profile,
        needs_text=True,
    ),
)
