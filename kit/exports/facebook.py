"""Facebook export files: which ones the inventory reads, and one reader per kind of file.

Assumptions (from the Meta export format notes §5 and §9, checked against the saved samples):

* Paths are matched on their end, so any root folder works: `your_facebook_activity/` (2024–2026),
  `your_activity_across_facebook/` (2022–2023), or the bare folders of ≤ 2022 (`posts/`, `comments/`,
  `comments_and_reactions/`, `likes_and_reactions/`, `photos_and_videos/`, `profile_information/`).
* post: own timeline posts (`your_posts__check_ins__photos_and_videos_N.json`, older `your_posts_N.json`)
  plus posts on other people's timelines and Pages; the same post found in both counts once (same time).
* photo: the photos of every album plus the uncategorised photos, counted once per file `uri`; photos
  inside posts are already counted as posts. video: `your_videos.json`. reel: `reels/your_reels.json`.
  story: `stories/archived_stories.json`.
* comment: `comments.json` (`comments` ≤ 2020, `comments_v2` after). Group comments go to group-activity.
* reaction: the classic `likes_and_reactions_N.json` / `posts_and_comments.json` and the 2024+
  `label_values` `likes_and_reactions.json`, counted once per time when both hold the same reaction;
  reactions to stories too. Page likes ("pages you've liked") are follows, not reactions: not counted.
* check-in: `check-ins.json` (a list, or one bare object when there is a single check-in) and the places
  you were tagged in, counted once per time.
* group-activity: posts and comments in groups. Group memberships are not content: not counted.
* profile: the number of filled-in fields of `profile_information.json` (name, emails, birthday, ...).
* ai-chat: records of `messages/ai_conversations.json` (their labels are undocumented: only counted).
* private-message: Messenger conversations, counted from folder names only; no message file is opened.
* Visibility: an export records no audience per post (§9). `privacy_settings.json` only holds the
  default for *future* posts, so it is not applied to past ones: Facebook rows stay "unknown".
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from kit.exports.records import (
    AccountFacts,
    Counted,
    FileKind,
    RecordReader,
    ShapeError,
    count_fields,
    count_records,
    count_records_by_time,
    is_filled,
    kind,
    valid_seconds,
)

_ROOT = r"(?:^|/)"
_FB = r"(?:^|/)(?:your_facebook_activity|your_activity_across_facebook)/"
_MEDIA_DIR = r"(?:posts|photos_and_videos)/"
MESSAGE_BOXES = r"(?:inbox|archived_threads|filtered_threads|message_requests|e2ee_cutover)"

CLASSIC = frozenset({"timestamp", "title", "data", "attachments"})
LABELLED = frozenset({"timestamp", "label_values", "fbid"})
MEDIA = frozenset({"uri", "creation_timestamp"})
# Fields of profile_information.json that are bookkeeping, not something the participant filled in.
_PROFILE_BOOKKEEPING = frozenset({"registration_timestamp"})


def read_album(data: Any, facts: AccountFacts) -> Counted:
    """posts/album/<n>.json: one album object; one item per photo, keyed by its uri."""
    if not isinstance(data, dict) or not isinstance(data.get("photos"), list):
        raise ShapeError
    return _media([photo for photo in data["photos"] if isinstance(photo, dict)])


def _media(found: list[dict[str, Any]]) -> Counted:
    """One item per media file, keyed by its uri (a photo in an album and in the uncategorised file counts once)."""
    uris = [media.get("uri") for media in found]
    keys: list[Hashable | None] = [uri if isinstance(uri, str) and uri else None for uri in uris]
    return Counted([valid_seconds(media.get("creation_timestamp")) for media in found], keys)


def read_profile(data: Any, facts: AccountFacts) -> Counted:
    """profile_information.json (`profile_v2`, or `profile` ≤ 2020): one item per filled-in field."""
    if not isinstance(data, dict):
        raise ShapeError
    profile = data.get("profile_v2", data.get("profile", data))
    if not isinstance(profile, dict):
        raise ShapeError
    return count_fields(
        sum(1 for field, value in profile.items() if field not in _PROFILE_BOOKKEEPING and is_filled(value))
    )


# Folder names found only in Facebook exports (any era): an export tree holding one is Facebook's.
FOLDERS = frozenset(
    {
        "your_facebook_activity",
        "your_activity_across_facebook",
        "apps_and_websites_off_of_facebook",
        "photos_and_videos",
        "profile_information",
        "likes_and_reactions",
        "comments_and_reactions",
    }
)

# your_uncategorized_photos.json / your_videos.json: one item per media file, keyed by its uri.
read_media_by_uri = RecordReader(MEDIA, _media)
# comments.json: one item per comment, dated by the record or by its inner `comment`.
read_comments = count_records(CLASSIC)

KINDS: tuple[FileKind, ...] = (
    kind(
        "fb-posts",
        "facebook",
        "post",
        _ROOT + r"posts/(?:your_posts(?:_\d+)?|your_posts__check_ins__photos_and_videos(?:_\d+)?)\.json$",
        count_records_by_time(CLASSIC),
    ),
    kind(
        "fb-posts-elsewhere",
        "facebook",
        "post",
        _ROOT + r"posts/posts_on_other_pages_and_profiles\.json$",
        count_records_by_time(LABELLED | CLASSIC),
    ),
    kind("fb-album", "facebook", "photo", _ROOT + _MEDIA_DIR + r"album/\d+\.json$", read_album),
    kind(
        "fb-uncategorized-photos",
        "facebook",
        "photo",
        _ROOT + _MEDIA_DIR + r"your_uncategorized_photos\.json$",
        read_media_by_uri,
    ),
    kind("fb-videos", "facebook", "video", _ROOT + _MEDIA_DIR + r"your_videos\.json$", read_media_by_uri),
    kind("fb-reels", "facebook", "reel", _ROOT + r"reels/your_reels\.json$", count_records(CLASSIC | MEDIA)),
    kind(
        "fb-stories",
        "facebook",
        "story",
        _ROOT + r"stories/archived_stories\.json$",
        count_records(CLASSIC | MEDIA),
    ),
    kind(
        "fb-comments",
        "facebook",
        "comment",
        _ROOT + r"comments(?:_and_reactions)?/comments\.json$",
        read_comments,
    ),
    kind(
        "fb-reactions-classic",
        "facebook",
        "reaction",
        _ROOT + r"(?:comments_and_reactions/likes_and_reactions_\d+"
        r"|(?:likes_and_reactions|comments_and_reactions)/posts_and_comments)\.json$",
        count_records_by_time(CLASSIC),
    ),
    kind(
        "fb-reactions-labelled",
        "facebook",
        "reaction",
        _ROOT + r"comments_and_reactions/likes_and_reactions\.json$",
        count_records_by_time(LABELLED | CLASSIC),
    ),
    kind(
        "fb-story-reactions",
        "facebook",
        "reaction",
        _ROOT + r"stories/story_reactions\.json$",
        count_records(CLASSIC),
    ),
    kind(
        "fb-check-ins",
        "facebook",
        "check-in",
        _ROOT + r"posts/check-ins\.json$",
        count_records_by_time(LABELLED),
    ),
    kind(
        "fb-tagged-places",
        "facebook",
        "check-in",
        _ROOT + r"posts/places_you_have_been_tagged_in\.json$",
        count_records_by_time(LABELLED),
    ),
    kind(
        "fb-group-posts",
        "facebook",
        "group-activity",
        _ROOT + r"groups/(?:group_posts_and_comments|your_posts_and_comments_in_groups)\.json$",
        count_records(CLASSIC),
    ),
    kind(
        "fb-group-comments",
        "facebook",
        "group-activity",
        _ROOT + r"groups/your_comments_in_groups\.json$",
        read_comments,
    ),
    kind(
        "fb-profile",
        "facebook",
        "profile",
        _ROOT + r"profile_information/profile_information\.json$",
        read_profile,
        needs_text=True,
    ),
    kind(
        "fb-ai-chats",
        "facebook",
        "ai-chat",
        _FB + r"messages/ai_conversations\.json$",
        count_records(LABELLED | CLASSIC),
    ),
    kind(
        "fb-messages",
        "facebook",
        "private-message",
        _FB + r"messages/" + MESSAGE_BOXES + r"/(?P<thread>[^/]+)/message_\d+\.json$",
        None,
    ),
)
