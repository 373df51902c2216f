"""A synthetic Meta export of a fictional French participant, for demos and tests.

Camille Dupré does not exist. The zip holds an Accounts Center download combining a Facebook and an
Instagram tree (Threads inside Instagram) in the 2025–2026 layouts, with Meta's quirks: text written
with Meta's mojibake (keys included), numbered splits, a single check-in written as a bare object,
wrapper keys and bare lists, `label_values` records, two reaction files that overlap, a photo found
both in an album and among uncategorised photos, and small media files that must never be opened.
The texts and dates depend on the seed; the counts do not (`DEMO_COUNTS`).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kit.exports.mojibake import map_strings, to_mojibake

NAME = "Camille Dupré"
FB_USER = "camille.dupre.demo"
IG_USER = "camille.dpr.demo"
EXPORT_DAY = dt.datetime(2026, 3, 14, 9, 30, 12, tzinfo=dt.UTC)
COMBINED_ROOT = "meta-2026-Mar-14-09-30-12"
FB_ROOT = f"{COMBINED_ROOT}/facebook-{FB_USER}-2026-03-14-Xk3bQ9dT"
IG_ROOT = f"{COMBINED_ROOT}/instagram-{IG_USER}-2026-03-14-p7RmW2zL"
YFA = f"{FB_ROOT}/your_facebook_activity"
YIA = f"{IG_ROOT}/your_instagram_activity"

# What an inventory of the demo export must find, whatever the seed.
DEMO_COUNTS: dict[tuple[str, str], int] = {
    ("facebook", "post"): 42,
    ("facebook", "photo"): 23,
    ("facebook", "video"): 4,
    ("facebook", "reel"): 5,
    ("facebook", "story"): 7,
    ("facebook", "comment"): 36,
    ("facebook", "reaction"): 95,
    ("facebook", "check-in"): 1,
    ("facebook", "profile"): 13,
    ("facebook", "group-activity"): 15,
    ("facebook", "ai-chat"): 3,
    ("facebook", "private-message"): 5,
    ("instagram", "post"): 18,
    ("instagram", "reel"): 6,
    ("instagram", "story"): 11,
    ("instagram", "comment"): 25,
    ("instagram", "reaction"): 80,
    ("instagram", "profile"): 8,
    ("instagram", "ai-chat"): 4,
    ("instagram", "private-message"): 3,
    ("threads", "post"): 9,
    ("threads", "reaction"): 14,
    ("threads", "profile"): 3,
}
# The Instagram account is public, the Threads profile private; Facebook records no audience.
DEMO_VISIBILITY: dict[tuple[str, str], str] = {
    ("instagram", "post"): "public",
    ("instagram", "reel"): "public",
    ("instagram", "story"): "unknown",
    ("threads", "post"): "not-public",
}

_POSTS = [
    "Première balade de l'année au bord du Doubs, il faisait un froid de canard ❄️",
    "Gâteau à la crème de marrons réussi du premier coup 🎂 merci Mamie pour la recette !",
    "Qui vient au marché de Noël de Besançon samedi ? 🎄",
    "Rentrée des classes : café, cartable et bonne humeur ☕📚",
    "Ce soir, concert à la Rodia. Hâte ! 🎶",
    "Vélo jusqu'à Arc-et-Senans, 40 km et des jambes en coton 🚴‍♀️",
    "On a enfin fini de repeindre la cuisine. Verdict : « vert sauge » 💚",
    "Lecture du moment : un polar islandais, parfait sous la couette 📖",
    "Joyeux anniversaire à ma sœur Élodie 🥳",
    "Fête de la musique sous la pluie, mais quelle ambiance ! 🎸☔",
]
_COMMENTS = [
    "Trop beau ! 😍",
    "Félicitations, c'est mérité 👏",
    "On se voit à la crémaillère ?",
    "Haha, j'adore 😂",
    "Merci pour le partage, très intéressant.",
    "Prends soin de toi ❤️",
    "Ça donne envie d'y aller !",
    "Bravo à toute l'équipe 🎉",
]
_CAPTIONS = [
    "Coucher de soleil sur la citadelle 🌅",
    "Brunch du dimanche 🥐🍓",
    "Randonnée dans le Jura ⛰️",
    "Mon chat, ce héros 🐈",
    "Week-end à Étretat 🌊",
    "Expo photo au musée des Beaux-Arts 🖼️",
]
_FRIENDS = ["Élodie Dupré", "Théo Marchand", "Inès Benali", "Lucas Perrin", "Zoé Lefèvre", "Noémie Girard"]
_GROUPS = ["Jardins partagés de Besançon 🌱", "Vélo-Doubs", "Parents d'élèves de l'école Fénelon"]
_AI_QUESTIONS = [
    "Quelle recette végétarienne avec des lentilles ?",
    "Résume-moi l'actualité du jour",
    "Idées de sortie à Besançon ce week-end ?",
    "Écris un poème pour l'anniversaire d'Élodie",
]
_REACTIONS = ["LIKE", "LOVE", "HAHA", "WOW", "CARE"]
_REACTION_LABELS = ["J’aime", "J’adore", "Haha", "Solidaire"]


class _Timeline:
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


def write_demo_export(path: Path, *, seed: int = 2026, folder: bool = False) -> Path:
    """Write the demo export as a zip at `path` (or as an unpacked folder) and return `path`."""
    files = dict(_demo_files(random.Random(seed)))
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
            is_json = name.endswith(".json")
            info.compress_type = zipfile.ZIP_DEFLATED if is_json else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return path


def meta_json(value: Any) -> bytes:
    """JSON as Meta writes it: two-space indent, ASCII only, every string (and key) mojibaked."""
    return json.dumps(map_strings(value, to_mojibake), indent=2, ensure_ascii=True).encode("ascii")




def _fake_media(rng: random.Random, extension: str) -> bytes:
    """A few kilobytes that look like a JPEG or MP4 file (only their names matter)."""
    body = rng.randbytes(rng.randrange(1_500, 6_000))
    if extension == "jpg":
        return b"\xff\xd8\xff\xe0" + body + b"\xff\xd9"
    return b"\x00\x00\x00\x18ftypmp42" + body


def _demo_files(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    times = _Timeline(rng)
    yield from _facebook(rng, times)
    yield from _instagram(rng, times)


def _facebook(rng: random.Random, times: _Timeline) -> Iterator[tuple[str, bytes]]:
    media: list[tuple[str, bytes]] = []

    def photo(folder: str, when: int) -> dict[str, Any]:
        uri = f"your_facebook_activity/posts/media/{folder}/{rng.randrange(10**15, 10**16)}.jpg"
        media.append((f"{FB_ROOT}/{uri}", _fake_media(rng, "jpg")))
        return {
            "uri": uri,
            "creation_timestamp": when,
            "media_metadata": {"photo_metadata": {"exif_data": [{"upload_ip": "192.0.2.10"}]}},
            "title": "",
            "description": rng.choice(_CAPTIONS),
        }

    posts = []
    for when in times.sorted(42, 2014):
        post: dict[str, Any] = {
            "timestamp": when,
            "data": [{"post": rng.choice(_POSTS)}, {"update_timestamp": when + rng.randrange(60, 9_000)}],
            "title": f"{NAME} a publié un statut.",
        }
        if rng.random() < 0.3:
            post["attachments"] = [
                {"data": [{"external_context": {"url": "https://www.example.org/article"}}]}
            ]
        posts.append(post)
    yield f"{YFA}/posts/your_posts__check_ins__photos_and_videos_1.json", meta_json(posts[:30])
    yield f"{YFA}/posts/your_posts__check_ins__photos_and_videos_2.json", meta_json(posts[30:])

    albums = [
        ("Photos du journal", "PhotosDuJournal_10158", 12),
        ("Vacances en Bretagne 🌊", "Vacances_20417", 9),
    ]
    first_album_photos: list[dict[str, Any]] = []
    for number, (name, folder, count) in enumerate(albums):
        photos = [photo(folder, when) for when in times.sorted(count, 2015)]
        first_album_photos = first_album_photos or photos
        album = {
            "name": name,
            "photos": photos,
            "cover_photo": photos[0],
            "last_modified_timestamp": photos[0]["creation_timestamp"],
            "description": "",
        }
        yield f"{YFA}/posts/album/{number}.json", meta_json(album)
    # Two new photos, and one already in an album: 12 + 9 + 2 = 23 distinct photos.
    loose = [photo("UncategorizedPhotos_3391", when) for when in times.sorted(2, 2016)]
    yield (
        f"{YFA}/posts/your_uncategorized_photos.json",
        meta_json({"other_photos_v2": [*loose, first_album_photos[3]]}),
    )
    videos = []
    for when in times.sorted(4, 2016):
        uri = f"your_facebook_activity/posts/media/Videos_5512/{rng.randrange(10**15, 10**16)}.mp4"
        media.append((f"{FB_ROOT}/{uri}", _fake_media(rng, "mp4")))
        videos.append(
            {"uri": uri, "creation_timestamp": when, "title": "", "description": rng.choice(_POSTS)}
        )
    yield f"{YFA}/posts/your_videos.json", meta_json({"videos_v2": videos})
    # A single check-in is written as the bare object, not as a one-element list.
    check_in = {
        "timestamp": times.between(2019),
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
    yield f"{YFA}/posts/check-ins.json", meta_json(check_in)
    reels = [
        {"timestamp": when, "title": f"{NAME} a publié un reel.", "data": [{"post": rng.choice(_CAPTIONS)}]}
        for when in times.sorted(5, 2022)
    ]
    yield f"{YFA}/reels/your_reels.json", meta_json({"lasso_videos_v2": reels})
    stories = []
    for when in times.sorted(7, 2018):
        uri = f"your_facebook_activity/stories/media/{rng.randrange(10**15, 10**16)}.jpg"
        media.append((f"{FB_ROOT}/{uri}", _fake_media(rng, "jpg")))
        stories.append({"timestamp": when, "title": "", "attachments": [{"data": [{"media": {"uri": uri}}]}]})
    yield f"{YFA}/stories/archived_stories.json", meta_json({"archived_stories_v2": stories})
    comments = [
        {
            "timestamp": when,
            "data": [{"comment": {"timestamp": when, "comment": rng.choice(_COMMENTS), "author": NAME}}],
            "title": f"{NAME} a commenté la publication de {rng.choice(_FRIENDS)}.",
        }
        for when in times.sorted(36, 2014)
    ]
    yield f"{YFA}/comments_and_reactions/comments.json", meta_json({"comments_v2": comments})
    # 80 classic reactions; the label_values file repeats 10 of them and adds 15: 95 in all.
    classic = [
        {
            "timestamp": when,
            "data": [{"reaction": {"reaction": rng.choice(_REACTIONS), "actor": NAME}}],
            "title": f"{NAME} a réagi à la publication de {rng.choice(_FRIENDS)}.",
        }
        for when in times.sorted(80, 2014)
    ]
    yield f"{YFA}/comments_and_reactions/likes_and_reactions_1.json", meta_json(classic)
    repeated = [record["timestamp"] for record in rng.sample(classic, 10)]
    labelled = [
        {
            "timestamp": when,
            "media": [],
            "fbid": str(rng.randrange(10**15, 10**16)),
            "ent_name": "reaction",
            "label_values": [
                {"ent_field_name": "reaction", "label": "Réaction", "value": rng.choice(_REACTION_LABELS)},
                {"ent_field_name": "url", "label": "URL", "value": "https://www.facebook.com/permalink/1"},
            ],
        }
        for when in sorted(repeated + times.sorted(15, 2024), reverse=True)
    ]
    yield f"{YFA}/comments_and_reactions/likes_and_reactions.json", meta_json(labelled)
    group_posts = [
        {
            "timestamp": when,
            "data": [{"post": rng.choice(_POSTS)}],
            "title": f"{NAME} a publié dans {rng.choice(_GROUPS)}.",
        }
        for when in times.sorted(6, 2017)
    ]
    yield f"{YFA}/groups/group_posts_and_comments.json", meta_json({"group_posts_v2": group_posts})
    group_comments = [
        {
            "timestamp": when,
            "data": [
                {
                    "comment": {
                        "timestamp": when,
                        "comment": rng.choice(_COMMENTS),
                        "author": NAME,
                        "group": rng.choice(_GROUPS),
                    }
                }
            ],
            "title": f"{NAME} a commenté dans un groupe.",
        }
        for when in times.sorted(9, 2017)
    ]
    yield f"{YFA}/groups/your_comments_in_groups.json", meta_json({"group_comments_v2": group_comments})
    yield f"{YFA}/messages/ai_conversations.json", meta_json(_ai_chats(rng, times, 3))
    threads = [("inbox", "elodiedupre_1012"), ("inbox", "theomarchand_2231"), ("inbox", "inesbenali_3398")]
    threads += [("inbox", "jardinspartages_4410"), ("e2ee_cutover", "lucasperrin_5521")]
    for box, thread in threads:
        yield f"{YFA}/messages/{box}/{thread}/message_1.json", meta_json(_conversation(rng, times, thread))
    profile = {
        "profile_v2": {
            "name": {"full_name": NAME, "first_name": "Camille", "middle_name": "", "last_name": "Dupré"},
            "emails": {"emails": ["camille.dupre@example.org"], "previous_emails": [], "pending_emails": []},
            "birthday": {"year": 1991, "month": 4, "day": 23},
            "gender": {"gender_option": "FEMALE", "pronoun": "FEMALE"},
            "current_city": {"name": "Besançon, France", "timestamp": times.between(2019)},
            "hometown": {"name": "Pontarlier, France", "timestamp": times.between(2015)},
            "relationship": {"status": "En couple", "timestamp": times.between(2020)},
            "family_members": [],
            "education_experiences": [{"name": "Université de Franche-Comté", "graduated": True}],
            "work_experiences": [{"employer": "Médiathèque Pierre-Bayle", "title": "Bibliothécaire"}],
            "websites": [{"address": "https://camille-lit.example.org"}],
            "phone_numbers": [],
            "username": FB_USER,
            "intro_bio": "Bibliothécaire, cycliste du dimanche et fan de polars 📚🚲",
            "registration_timestamp": times.between(2009, 2009),
            "profile_uri": f"https://www.facebook.com/{FB_USER}",
        }
    }
    yield f"{FB_ROOT}/personal_information/profile_information/profile_information.json", meta_json(profile)
    privacy = [
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
    yield f"{FB_ROOT}/preferences/preferences/privacy_settings.json", meta_json(privacy)
    friends = [{"name": friend, "timestamp": times.between(2010)} for friend in _FRIENDS]
    yield f"{FB_ROOT}/connections/friends/your_friends.json", meta_json({"friends_v2": friends})
    searches = [
        {
            "timestamp": times.between(2023),
            "data": [{"text": "horaires piscine Mallarmé"}],
            "title": "Recherche",
        }
    ]
    yield (
        f"{FB_ROOT}/logged_information/search/your_search_history.json",
        meta_json({"searches_v2": searches}),
    )
    yield from media


def _instagram(rng: random.Random, times: _Timeline) -> Iterator[tuple[str, bytes]]:
    media: list[tuple[str, bytes]] = []

    def item(folder: str, when: int, extension: str = "jpg", title: str = "") -> dict[str, Any]:
        month = dt.datetime.fromtimestamp(when, dt.UTC).strftime("%Y%m")
        uri = f"media/{folder}/{month}/{rng.randrange(10**17, 10**18)}.{extension}"
        media.append((f"{IG_ROOT}/{uri}", _fake_media(rng, extension)))
        metadata = "video_metadata" if extension == "mp4" else "photo_metadata"
        return {
            "uri": uri,
            "creation_timestamp": when,
            "media_metadata": {metadata: {"exif_data": [{"source_type": "camera"}]}},
            "title": title,
            "cross_post_source": {"source_app": "FB"},
        }

    posts = []
    for when in times.sorted(18, 2017):
        caption = rng.choice(_CAPTIONS)
        carousel = [item("posts", when) for _ in range(rng.choice((1, 1, 2, 3)))]
        posts.append({"media": carousel, "title": caption, "creation_timestamp": when})
    yield f"{YIA}/media/posts_1.json", meta_json(posts)
    stories = [
        item("stories", when, rng.choice(("jpg", "mp4")), rng.choice(_CAPTIONS))
        for when in times.sorted(11, 2019)
    ]
    yield f"{YIA}/media/stories.json", meta_json({"ig_stories": stories})
    reels = [{"media": [item("reels", when, "mp4", rng.choice(_CAPTIONS))]} for when in times.sorted(6, 2021)]
    yield f"{YIA}/media/reels.json", meta_json({"ig_reels_media": reels})
    comments = [
        {
            "media_list_data": [{"uri": ""}],
            "string_map_data": {
                "Comment": {"value": rng.choice(_COMMENTS)},
                "Media Owner": {"value": rng.choice(("zoe.lefevre", "theo_marchand", "ines.benali"))},
                "Time": {"timestamp": when},
            },
        }
        for when in times.sorted(22, 2017)
    ]
    yield f"{YIA}/comments/post_comments_1.json", meta_json(comments)
    reel_comments = [
        {"string_map_data": {"Comment": {"value": rng.choice(_COMMENTS)}, "Time": {"timestamp": when}}}
        for when in times.sorted(3, 2022)
    ]
    yield f"{YIA}/comments/reels_comments.json", meta_json({"comments_reels_comments": reel_comments})
    liked_posts = [_labelled_like(rng, when, with_caption=True) for when in times.sorted(60, 2017)]
    yield f"{YIA}/likes/liked_posts.json", meta_json(liked_posts)
    liked_comments = [
        {
            "title": rng.choice(("zoe.lefevre", "theo_marchand")),
            "string_list_data": [
                {"href": "https://www.instagram.com/p/DEMO/", "value": "👍", "timestamp": when}
            ],
        }
        for when in times.sorted(8, 2018)
    ]
    yield f"{YIA}/likes/liked_comments.json", meta_json({"likes_comment_likes": liked_comments})
    story_likes = [_labelled_like(rng, when, with_caption=False) for when in times.sorted(12, 2020)]
    yield f"{YIA}/story_interactions/story_likes.json", meta_json(story_likes)
    yield f"{YIA}/messages/ai_conversations.json", meta_json(_ai_chats(rng, times, 4))
    for thread in ("zoe.lefevre_17843", "theo_marchand_17902", "noemie.girard_18011"):
        yield f"{YIA}/messages/inbox/{thread}/message_1.json", meta_json(_conversation(rng, times, thread))
    threads_posts = [
        {
            "media": [
                {
                    "uri": "",
                    "creation_timestamp": when,
                    "title": rng.choice(_POSTS),
                    "text_app_post": {"reply_control": "everyone", "is_reply": rng.random() < 0.3},
                }
            ]
        }
        for when in times.sorted(9, 2024)
    ]
    yield f"{YIA}/threads/threads_and_replies.json", meta_json({"text_post_app_text_posts": threads_posts})
    liked_threads = [
        {
            "title": rng.choice(("zoe.lefevre", "theo_marchand")),
            "string_list_data": [{"href": "https://www.threads.com/@demo/post/DEMO", "timestamp": when}],
        }
        for when in times.sorted(14, 2024)
    ]
    yield f"{YIA}/threads/liked_threads.json", meta_json({"text_post_app_media_likes": liked_threads})
    threads_profile = [
        {
            "string_map_data": {
                "Username": {"value": IG_USER},
                "Name": {"value": NAME},
                "Bio": {"value": "Des livres, du vélo et des chats 🐈"},
                "Private Profile": {"value": "True"},
            }
        }
    ]
    yield (
        f"{YIA}/threads/personal_information.json",
        meta_json({"text_post_app_text_post_app_profile": threads_profile}),
    )
    # A French-language account: localised field labels, mojibaked like everything else.
    profile_photo = item("profile", times.between(2016), title="")
    profile = {
        "profile_user": [
            {
                "title": "Informations sur l’utilisateur",
                "media_map_data": {"Photo de profil": profile_photo},
                "string_map_data": {
                    "Adresse e-mail": {"href": "", "value": "camille.dupre@example.org", "timestamp": 0},
                    "Numéro de téléphone": {"href": "", "value": "", "timestamp": 0},
                    "Nom d’utilisateur": {"href": "", "value": IG_USER, "timestamp": 0},
                    "Nom": {"href": "", "value": NAME, "timestamp": 0},
                    "Biographie": {"href": "", "value": "Besançon ✨ livres, vélo & chats", "timestamp": 0},
                    "Genre": {"href": "", "value": "Femme", "timestamp": 0},
                    "Date de naissance": {"href": "", "value": "1991-04-23", "timestamp": 0},
                    "Site web": {"href": "", "value": "https://camille-lit.example.org", "timestamp": 0},
                    "Compte privé": {"href": "", "value": "False", "timestamp": 0},
                },
            }
        ]
    }
    yield f"{IG_ROOT}/personal_information/personal_information/personal_information.json", meta_json(profile)
    followers = [
        {
            "title": "",
            "media_list_data": [],
            "string_list_data": [
                {
                    "href": f"https://www.instagram.com/{friend}",
                    "value": friend,
                    "timestamp": times.between(2017),
                }
            ],
        }
        for friend in ("zoe.lefevre", "theo_marchand", "ines.benali")
    ]
    yield f"{IG_ROOT}/connections/followers_and_following/followers_1.json", meta_json(followers)
    yield from media


def _labelled_like(rng: random.Random, when: int, *, with_caption: bool) -> dict[str, Any]:
    owner = rng.choice((("Zoé Lefèvre", "zoe.lefevre"), ("Théo Marchand", "theo_marchand")))
    labels: list[dict[str, Any]] = [{"label": "URL", "value": "https://www.instagram.com/p/DEMO/"}]
    if with_caption:
        labels.append({"label": "Caption", "value": rng.choice(_CAPTIONS)})
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
    return {
        "timestamp": when,
        "media": [],
        "fbid": str(rng.randrange(10**15, 10**16)),
        "label_values": labels,
    }


def _ai_chats(rng: random.Random, times: _Timeline, count: int) -> list[dict[str, Any]]:
    return [
        {
            "title": "Conversation avec Meta AI",
            "timestamp": when,
            "fbid": str(rng.randrange(10**15, 10**16)),
            "label_values": [
                {"label": "Message", "value": rng.choice(_AI_QUESTIONS)},
                {"label": "Auteur", "value": NAME},
                {"label": "Heure", "timestamp_value": when},
            ],
        }
        for when in times.sorted(count, 2025)
    ]


def _conversation(rng: random.Random, times: _Timeline, thread: str) -> dict[str, Any]:
    other = thread.rsplit("_", 1)[0]
    start = times.between(2020)
    messages = [
        {"sender_name": sender, "timestamp_ms": (start + 60 * i) * 1000, "content": text}
        for i, (sender, text) in enumerate(
            [(other, "Coucou ! Tu viens samedi ? 😊"), (NAME, "Oui, avec plaisir ! J'apporte le dessert 🍰")]
        )
    ]
    return {
        "participants": [{"name": other}, {"name": NAME}],
        "messages": list(reversed(messages)),
        "title": other,
        "is_still_participant": True,
        "thread_path": f"inbox/{thread}",
        "magic_words": [],
    }
