"""Camille's Instagram tree, Threads inside: one builder per file kind, each adding what an inventory must count."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kit.demo.builder import Builder
from kit.demo.conversations import ai_chats, conversation
from kit.demo.persona import (
    CAPTIONS,
    COMMENTS,
    IG_ROOT,
    IG_USER,
    INSTAGRAM_PRIVATE,
    NAME,
    POSTS,
    THREADS_PRIVATE,
    YIA,
)


def build(b: Builder) -> None:
    """Every Instagram and Threads file, in the order Meta's zip lists them, then the media."""
    for builder in (posts, stories, reels, comments, liked_posts, liked_comments, story_likes, ai_chat, messages,
                    threads_posts, liked_threads, threads_profile, profile, followers):
        builder(b)
    b.end_platform()


def _item(b: Builder, folder: str, when: int, extension: str = "jpg", title: str = "") -> dict[str, Any]:
    """One photo or video of a post, story, reel or profile, with its media file."""
    month = dt.datetime.fromtimestamp(when, dt.UTC).strftime("%Y%m")
    uri = f"media/{folder}/{month}/{b.rng.randrange(10**17, 10**18)}.{extension}"
    b.media(f"{IG_ROOT}/{uri}", extension)
    metadata = "video_metadata" if extension == "mp4" else "photo_metadata"
    return {
        "uri": uri,
        "creation_timestamp": when,
        "media_metadata": {metadata: {"exif_data": [{"source_type": "camera"}]}},
        "title": title,
        "cross_post_source": {"source_app": "FB"},
    }


def posts(b: Builder) -> None:
    """18 posts, some of them carousels of two or three photos (one post each)."""
    written = []
    for when in b.times.sorted(18, 2017):
        caption = b.rng.choice(CAPTIONS)
        carousel = [_item(b, "posts", when) for _ in range(b.rng.choice((1, 1, 2, 3)))]
        written.append({"media": carousel, "title": caption, "creation_timestamp": when})
    b.json(f"{YIA}/media/posts_1.json", written)
    b.count("instagram", "post", len(written))


def stories(b: Builder) -> None:
    written = [
        _item(b, "stories", when, b.rng.choice(("jpg", "mp4")), b.rng.choice(CAPTIONS))
        for when in b.times.sorted(11, 2019)
    ]
    b.json(f"{YIA}/media/stories.json", {"ig_stories": written})
    b.count("instagram", "story", len(written))


def reels(b: Builder) -> None:
    written = [{"media": [_item(b, "reels", when, "mp4", b.rng.choice(CAPTIONS))]} for when in b.times.sorted(6, 2021)]
    b.json(f"{YIA}/media/reels.json", {"ig_reels_media": written})
    b.count("instagram", "reel", len(written))


def comments(b: Builder) -> None:
    """Comments on posts (a bare list) and on reels (under a wrapper key)."""
    on_posts = [
        {
            "media_list_data": [{"uri": ""}],
            "string_map_data": {
                "Comment": {"value": b.rng.choice(COMMENTS)},
                "Media Owner": {"value": b.rng.choice(("zoe.lefevre", "theo_marchand", "ines.benali"))},
                "Time": {"timestamp": when},
            },
        }
        for when in b.times.sorted(22, 2017)
    ]
    b.json(f"{YIA}/comments/post_comments_1.json", on_posts)
    on_reels = [
        {"string_map_data": {"Comment": {"value": b.rng.choice(COMMENTS)}, "Time": {"timestamp": when}}}
        for when in b.times.sorted(3, 2022)
    ]
    b.json(f"{YIA}/comments/reels_comments.json", {"comments_reels_comments": on_reels})
    b.count("instagram", "comment", len(on_posts) + len(on_reels))


def _labelled_like(b: Builder, when: int, *, with_caption: bool) -> dict[str, Any]:
    owner = b.rng.choice((("Zoé Lefèvre", "zoe.lefevre"), ("Théo Marchand", "theo_marchand")))
    labels: list[dict[str, Any]] = [{"label": "URL", "value": "https://www.instagram.com/p/DEMO/"}]
    if with_caption:
        labels.append({"label": "Caption", "value": b.rng.choice(CAPTIONS)})
    labels.append(
        {
            "title": "Owner",
            "dict": [
                {
                    "dict": [{"label": "Name", "value": owner[0]}, {"label": "Username", "value": owner[1]}],
                    "title": "",
                }
            ],
        }
    )
    return {"timestamp": when, "media": [], "fbid": str(b.rng.randrange(10**15, 10**16)), "label_values": labels}


def liked_posts(b: Builder) -> None:
    written = [_labelled_like(b, when, with_caption=True) for when in b.times.sorted(60, 2017)]
    b.json(f"{YIA}/likes/liked_posts.json", written)
    b.count("instagram", "reaction", len(written))


def liked_comments(b: Builder) -> None:
    written = [
        {
            "title": b.rng.choice(("zoe.lefevre", "theo_marchand")),
            "string_list_data": [{"href": "https://www.instagram.com/p/DEMO/", "value": "👍", "timestamp": when}],
        }
        for when in b.times.sorted(8, 2018)
    ]
    b.json(f"{YIA}/likes/liked_comments.json", {"likes_comment_likes": written})
    b.count("instagram", "reaction", len(written))


def story_likes(b: Builder) -> None:
    written = [_labelled_like(b, when, with_caption=False) for when in b.times.sorted(12, 2020)]
    b.json(f"{YIA}/story_interactions/story_likes.json", written)
    b.count("instagram", "reaction", len(written))


def ai_chat(b: Builder) -> None:
    chats = ai_chats(b, 4)
    b.json(f"{YIA}/messages/ai_conversations.json", chats)
    b.count("instagram", "ai-chat", len(chats))


def messages(b: Builder) -> None:
    threads = ("zoe.lefevre_17843", "theo_marchand_17902", "noemie.girard_18011")
    for thread in threads:
        b.json(f"{YIA}/messages/inbox/{thread}/message_1.json", conversation(b, thread))
    b.count("instagram", "private-message", len(threads))


def threads_posts(b: Builder) -> None:
    written = [
        {
            "media": [
                {
                    "uri": "",
                    "creation_timestamp": when,
                    "title": b.rng.choice(POSTS),
                    "text_app_post": {"reply_control": "everyone", "is_reply": b.rng.random() < 0.3},
                }
            ]
        }
        for when in b.times.sorted(9, 2024)
    ]
    b.json(f"{YIA}/threads/threads_and_replies.json", {"text_post_app_text_posts": written})
    b.count("threads", "post", len(written))


def liked_threads(b: Builder) -> None:
    written = [
        {
            "title": b.rng.choice(("zoe.lefevre", "theo_marchand")),
            "string_list_data": [{"href": "https://www.threads.com/@demo/post/DEMO", "timestamp": when}],
        }
        for when in b.times.sorted(14, 2024)
    ]
    b.json(f"{YIA}/threads/liked_threads.json", {"text_post_app_media_likes": written})
    b.count("threads", "reaction", len(written))


def threads_profile(b: Builder) -> None:
    """The Threads profile; its private flag is a setting, not a filled-in field."""
    fields = {
        "Username": {"value": IG_USER},
        "Name": {"value": NAME},
        "Bio": {"value": "Des livres, du vélo et des chats 🐈"},
        "Private Profile": {"value": str(THREADS_PRIVATE)},
    }
    b.json(f"{YIA}/threads/personal_information.json",
           {"text_post_app_text_post_app_profile": [{"string_map_data": fields}]})
    b.count("threads", "profile", len(fields) - 1)


def profile(b: Builder) -> None:
    """A French-language account: localised field labels, mojibaked like everything else; the photo counts too."""
    photo = _item(b, "profile", b.times.between(2016), title="")
    fields = {
        "Adresse e-mail": {"href": "", "value": "camille.dupre@example.org", "timestamp": 0},
        "Numéro de téléphone": {"href": "", "value": "", "timestamp": 0},
        "Nom d’utilisateur": {"href": "", "value": IG_USER, "timestamp": 0},
        "Nom": {"href": "", "value": NAME, "timestamp": 0},
        "Biographie": {"href": "", "value": "Besançon ✨ livres, vélo & chats", "timestamp": 0},
        "Genre": {"href": "", "value": "Femme", "timestamp": 0},
        "Date de naissance": {"href": "", "value": "1991-04-23", "timestamp": 0},
        "Site web": {"href": "", "value": "https://camille-lit.example.org", "timestamp": 0},
        "Compte privé": {"href": "", "value": str(INSTAGRAM_PRIVATE), "timestamp": 0},
    }
    media = {"Photo de profil": photo}
    record = {"title": "Informations sur l’utilisateur", "media_map_data": media, "string_map_data": fields}
    b.json(f"{IG_ROOT}/personal_information/personal_information/personal_information.json", {"profile_user": [record]})
    not_filled_in = ("Numéro de téléphone", "Compte privé")  # left empty; a setting
    b.count("instagram", "profile", len(fields.keys() - set(not_filled_in)) + len(media))


def followers(b: Builder) -> None:
    """Her followers: their accounts, not her content, nothing to count."""
    listed = [
        {
            "title": "",
            "media_list_data": [],
            "string_list_data": [
                {"href": f"https://www.instagram.com/{friend}", "value": friend, "timestamp": b.times.between(2017)}
            ],
        }
        for friend in ("zoe.lefevre", "theo_marchand", "ines.benali")
    ]
    b.json(f"{IG_ROOT}/connections/followers_and_following/followers_1.json", listed)
