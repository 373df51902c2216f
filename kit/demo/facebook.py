"""Camille's Facebook tree: one builder per file kind, each adding its files and what an inventory must count."""

from __future__ import annotations

from typing import Any

from kit.demo.builder import Builder
from kit.demo.conversations import ai_chats, conversation
from kit.demo.persona import (
    CAPTIONS,
    COMMENTS,
    FB_ROOT,
    FB_USER,
    FRIENDS,
    GROUPS,
    NAME,
    POSTS,
    REACTION_LABELS,
    REACTIONS,
    YFA,
)


def build(b: Builder) -> None:
    """Every Facebook file, in the order Meta's zip lists them, then the media."""
    for builder in (posts, photos, videos, check_in, reels, stories, comments, reactions, groups, ai_chat,
                    messages, profile, privacy, friends, searches):
        builder(b)
    b.end_platform()


def posts(b: Builder) -> None:
    """42 status updates, some with a link, in two numbered splits."""
    written = []
    for when in b.times.sorted(42, 2014):
        post: dict[str, Any] = {
            "timestamp": when,
            "data": [{"post": b.rng.choice(POSTS)}, {"update_timestamp": when + b.rng.randrange(60, 9_000)}],
            "title": f"{NAME} a publié un statut.",
        }
        if b.rng.random() < 0.3:
            post["attachments"] = [
                {"data": [{"external_context": {"url": "https://www.example.org/article"}}]}
            ]
        written.append(post)
    b.json(f"{YFA}/posts/your_posts__check_ins__photos_and_videos_1.json", written[:30])
    b.json(f"{YFA}/posts/your_posts__check_ins__photos_and_videos_2.json", written[30:])
    b.count("facebook", "post", len(written))


def _media_uri(b: Builder, folder: str, extension: str) -> str:
    """A new media file under your_facebook_activity/`folder`, and the uri the JSON gives it."""
    uri = f"your_facebook_activity/{folder}/{b.rng.randrange(10**15, 10**16)}.{extension}"
    b.media(f"{FB_ROOT}/{uri}", extension)
    return uri


def _photo(b: Builder, folder: str, when: int) -> dict[str, Any]:
    return {
        "uri": _media_uri(b, f"posts/media/{folder}", "jpg"),
        "creation_timestamp": when,
        "media_metadata": {"photo_metadata": {"exif_data": [{"upload_ip": "192.0.2.10"}]}},
        "title": "",
        "description": b.rng.choice(CAPTIONS),
    }


def photos(b: Builder) -> None:
    """Two albums, and uncategorised photos that repeat one album photo (counted once)."""
    albums = [
        ("Photos du journal", "PhotosDuJournal_10158", 12),
        ("Vacances en Bretagne 🌊", "Vacances_20417", 9),
    ]
    first_album: list[dict[str, Any]] = []
    for number, (name, folder, count) in enumerate(albums):
        album_photos = [_photo(b, folder, when) for when in b.times.sorted(count, 2015)]
        first_album = first_album or album_photos
        album = {
            "name": name,
            "photos": album_photos,
            "cover_photo": album_photos[0],
            "last_modified_timestamp": album_photos[0]["creation_timestamp"],
            "description": "",
        }
        b.json(f"{YFA}/posts/album/{number}.json", album)
        b.count("facebook", "photo", len(album_photos))
    loose = [_photo(b, "UncategorizedPhotos_3391", when) for when in b.times.sorted(2, 2016)]
    b.json(f"{YFA}/posts/your_uncategorized_photos.json", {"other_photos_v2": [*loose, first_album[3]]})
    b.count("facebook", "photo", len(loose))


def videos(b: Builder) -> None:
    """Four videos, each with its media file."""
    written = [
        {"uri": _media_uri(b, "posts/media/Videos_5512", "mp4"), "creation_timestamp": when, "title": "",
         "description": b.rng.choice(POSTS)}
        for when in b.times.sorted(4, 2016)
    ]
    b.json(f"{YFA}/posts/your_videos.json", {"videos_v2": written})
    b.count("facebook", "video", len(written))


def check_in(b: Builder) -> None:
    """A single check-in, which Meta writes as the bare object, not as a one-element list."""
    record = {
        "timestamp": b.times.between(2019),
        "fbid": "100000000000042",
        "media": [],
        "label_values": [
            {"label": "Message", "value": "Enfin à la citadelle de Besançon ! 🏰"},
            {
                "title": "Place tags",
                "dict": [
                    {
                        "dict": [
                            {"label": "Name", "value": "Citadelle de Besançon"},
                            {"label": "Address", "value": "99 rue des Fusillés de la Résistance, Besançon"},
                            {"label": "Coordinates", "value": "(47.2305 , 6.0309)"},
                        ],
                        "title": "",
                    }
                ],
            },
        ],
    }
    b.json(f"{YFA}/posts/check-ins.json", record)
    b.count("facebook", "check-in", 1)


def reels(b: Builder) -> None:
    written = [
        {"timestamp": when, "title": f"{NAME} a publié un reel.", "data": [{"post": b.rng.choice(CAPTIONS)}]}
        for when in b.times.sorted(5, 2022)
    ]
    b.json(f"{YFA}/reels/your_reels.json", {"lasso_videos_v2": written})
    b.count("facebook", "reel", len(written))


def stories(b: Builder) -> None:
    written = [
        {"timestamp": when, "title": "",
         "attachments": [{"data": [{"media": {"uri": _media_uri(b, "stories/media", "jpg")}}]}]}
        for when in b.times.sorted(7, 2018)
    ]
    b.json(f"{YFA}/stories/archived_stories.json", {"archived_stories_v2": written})
    b.count("facebook", "story", len(written))


def comments(b: Builder) -> None:
    written = [
        {
            "timestamp": when,
            "data": [{"comment": {"timestamp": when, "comment": b.rng.choice(COMMENTS), "author": NAME}}],
            "title": f"{NAME} a commenté la publication de {b.rng.choice(FRIENDS)}.",
        }
        for when in b.times.sorted(36, 2014)
    ]
    b.json(f"{YFA}/comments_and_reactions/comments.json", {"comments_v2": written})
    b.count("facebook", "comment", len(written))


def reactions(b: Builder) -> None:
    """Classic reactions, and a `label_values` file that repeats some of them (counted once) and adds others."""
    classic_times = b.times.sorted(80, 2014)
    classic = [
        {
            "timestamp": when,
            "data": [{"reaction": {"reaction": b.rng.choice(REACTIONS), "actor": NAME}}],
            "title": f"{NAME} a réagi à la publication de {b.rng.choice(FRIENDS)}.",
        }
        for when in classic_times
    ]
    b.json(f"{YFA}/comments_and_reactions/likes_and_reactions_1.json", classic)
    repeated = b.rng.sample(classic_times, 10)
    added = b.times.sorted(15, 2024)
    labelled = [
        {
            "timestamp": when,
            "media": [],
            "fbid": str(b.rng.randrange(10**15, 10**16)),
            "ent_name": "reaction",
            "label_values": [
                {"ent_field_name": "reaction", "label": "Réaction", "value": b.rng.choice(REACTION_LABELS)},
                {"ent_field_name": "url", "label": "URL", "value": "https://www.facebook.com/permalink/1"},
            ],
        }
        for when in sorted(repeated + added, reverse=True)
    ]
    b.json(f"{YFA}/comments_and_reactions/likes_and_reactions.json", labelled)
    b.count("facebook", "reaction", len(classic) + len(added))


def groups(b: Builder) -> None:
    """Posts and comments in groups: both are group activity."""
    group_posts = [
        {
            "timestamp": when,
            "data": [{"post": b.rng.choice(POSTS)}],
            "title": f"{NAME} a publié dans {b.rng.choice(GROUPS)}.",
        }
        for when in b.times.sorted(6, 2017)
    ]
    b.json(f"{YFA}/groups/group_posts_and_comments.json", {"group_posts_v2": group_posts})
    group_comments = [
        {
            "timestamp": when,
            "data": [
                {
                    "comment": {
                        "timestamp": when,
                        "comment": b.rng.choice(COMMENTS),
                        "author": NAME,
                        "group": b.rng.choice(GROUPS),
                    }
                }
            ],
            "title": f"{NAME} a commenté dans un groupe.",
        }
        for when in b.times.sorted(9, 2017)
    ]
    b.json(f"{YFA}/groups/your_comments_in_groups.json", {"group_comments_v2": group_comments})
    b.count("facebook", "group-activity", len(group_posts) + len(group_comments))


def ai_chat(b: Builder) -> None:
    chats = ai_chats(b, 3)
    b.json(f"{YFA}/messages/ai_conversations.json", chats)
    b.count("facebook", "ai-chat", len(chats))


def messages(b: Builder) -> None:
    """One file per conversation, one of them in the end-to-end encrypted box."""
    threads = [("inbox", "elodiedupre_1012"), ("inbox", "theomarchand_2231"), ("inbox", "inesbenali_3398")]
    threads += [("inbox", "jardinspartages_4410"), ("e2ee_cutover", "lucasperrin_5521")]
    for box, thread in threads:
        b.json(f"{YFA}/messages/{box}/{thread}/message_1.json", conversation(b, thread))
    b.count("facebook", "private-message", len(threads))


# Profile fields Camille did not fill in: left empty, or written by Meta when she signed up.
_PROFILE_NOT_FILLED_IN = ("family_members", "phone_numbers", "registration_timestamp")


def profile(b: Builder) -> None:
    fields = {
        "name": {"full_name": NAME, "first_name": "Camille", "middle_name": "", "last_name": "Dupré"},
        "emails": {"emails": ["camille.dupre@example.org"], "previous_emails": [], "pending_emails": []},
        "birthday": {"year": 1991, "month": 4, "day": 23},
        "gender": {"gender_option": "FEMALE", "pronoun": "FEMALE"},
        "current_city": {"name": "Besançon, France", "timestamp": b.times.between(2019)},
        "hometown": {"name": "Pontarlier, France", "timestamp": b.times.between(2015)},
        "relationship": {"status": "En couple", "timestamp": b.times.between(2020)},
        "family_members": [],
        "education_experiences": [{"name": "Université de Franche-Comté", "graduated": True}],
        "work_experiences": [{"employer": "Médiathèque Pierre-Bayle", "title": "Bibliothécaire"}],
        "websites": [{"address": "https://camille-lit.example.org"}],
        "phone_numbers": [],
        "username": FB_USER,
        "intro_bio": "Bibliothécaire, cycliste du dimanche et fan de polars 📚🚲",
        "registration_timestamp": b.times.between(2009, 2009),
        "profile_uri": f"https://www.facebook.com/{FB_USER}",
    }
    b.json(f"{FB_ROOT}/personal_information/profile_information/profile_information.json", {"profile_v2": fields})
    b.count("facebook", "profile", len(fields.keys() - set(_PROFILE_NOT_FILLED_IN)))


def privacy(b: Builder) -> None:
    """A privacy setting: not content, nothing to count."""
    settings = [
        {
            "timestamp": 0,
            "media": [],
            "label_values": [
                {
                    "title": "Votre activité",
                    "dict": [
                        {"dict": [{"label": "Qui peut voir vos futures publications ?", "value": "Amis"}]}
                    ],
                }
            ],
            "fbid": "100000000000001",
        }
    ]
    b.json(f"{FB_ROOT}/preferences/preferences/privacy_settings.json", settings)


def friends(b: Builder) -> None:
    """Her friends: their data, not hers, nothing to count."""
    listed = [{"name": friend, "timestamp": b.times.between(2010)} for friend in FRIENDS]
    b.json(f"{FB_ROOT}/connections/friends/your_friends.json", {"friends_v2": listed})


def searches(b: Builder) -> None:
    """A search: logged information, nothing to count."""
    logged = [
        {"timestamp": b.times.between(2023), "data": [{"text": "horaires piscine Mallarmé"}], "title": "Recherche"}
    ]
    b.json(f"{FB_ROOT}/logged_information/search/your_search_history.json", {"searches_v2": logged})
