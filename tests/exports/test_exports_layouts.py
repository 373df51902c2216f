"""Whole-export layouts: combined Accounts Center downloads, several parts, re-zipped archives."""

from __future__ import annotations

import tracemalloc
import zipfile

from kit.exports import read_export

from .export_builders import counts, encode, zip_bytes

FB_POSTS = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
FB_COMMENTS = "your_facebook_activity/comments_and_reactions/comments.json"
FB_PROFILE = "personal_information/profile_information/profile_information.json"
IG_POSTS = "your_instagram_activity/media/posts_1.json"
IG_PROFILE = "personal_information/personal_information/personal_information.json"


def posts(n: int, start: int = 1_700_000_000) -> list[dict]:
    return [{"timestamp": start + i, "title": "t"} for i in range(n)]


def ig_posts(n: int) -> list[dict]:
    return [{"media": [], "title": "", "creation_timestamp": 1_700_000_000 + i} for i in range(n)]


def test_accounts_center_export_with_both_platforms(make_zip) -> None:
    fb = "meta-2025-Jul-13-19-10-01/facebook-camille-2025-07-13-aaaa"
    ig = "meta-2025-Jul-13-19-10-01/instagram-camille-2025-07-13-bbbb"
    files = {
        f"{fb}/{FB_POSTS}": posts(3),
        f"{fb}/your_facebook_activity/messages/inbox/a_1/message_1.json": b"",
        f"{ig}/{IG_POSTS}": ig_posts(2),
        f"{ig}/your_instagram_activity/messages/inbox/b_1/message_1.json": b"",
        f"{ig}/your_instagram_activity/messages/inbox/c_2/message_1.json": b"",
    }
    assert counts(make_zip(files)) == {
        ("facebook", "post"): 3,
        ("facebook", "private-message"): 1,
        ("instagram", "post"): 2,
        ("instagram", "private-message"): 2,
    }


def test_several_parts_form_one_export(make_zip) -> None:
    def part(number: int) -> str:
        return f"{number}of3-facebook-camille-2026-3-11-tok/"

    inbox = "your_facebook_activity/messages/inbox/a_1/"
    part1 = make_zip({part(1) + FB_POSTS: posts(10), part(1) + "x.jpg": b"1"}, name="part1.zip")
    part2 = make_zip(
        {
            part(2) + FB_POSTS.replace("_1.json", "_2.json"): posts(4, 1_710_000_000),
            part(2) + FB_PROFILE: {"profile_v2": {"username": "camille"}},
            part(2) + inbox + "message_1.json": b"",
        },
        name="part2.zip",
    )
    # A media-only part, where the same conversation folder holds only photos.
    part3 = make_zip(
        {
            part(3) + inbox + "photos/1.jpg": b"\xff",
            part(3) + "your_facebook_activity/posts/media/2.jpg": b"\xff",
        },
        name="part3.zip",
    )
    assert counts([part1, part2, part3]) == {
        ("facebook", "post"): 14,
        ("facebook", "profile"): 1,
        ("facebook", "private-message"): 1,
    }


def test_same_file_in_two_parts_is_read_once(make_zip) -> None:
    files = {FB_POSTS: posts(5), "your_facebook_activity/messages/inbox/a_1/message_1.json": b""}
    assert counts([make_zip(files, name="a.zip"), make_zip(files, name="b.zip")]) == {
        ("facebook", "post"): 5,
        ("facebook", "private-message"): 1,
    }


def test_parts_given_as_bytes_and_paths_mixed(make_zip) -> None:
    part1 = make_zip({FB_POSTS: posts(2)}, name="a.zip")
    part2 = zip_bytes({FB_COMMENTS: {"comments_v2": posts(3)}})
    assert counts([part1, memoryview(part2)]) == {("facebook", "post"): 2, ("facebook", "comment"): 3}
    assert counts(("upload.zip", part2)) == {("facebook", "comment"): 3}
    assert counts(bytearray(part2)) == {("facebook", "comment"): 3}


def test_unpacked_folder_and_zip_agree(make_zip, make_folder) -> None:
    files = {
        f"facebook-camille/{FB_POSTS}": posts(2),
        f"facebook-camille/{FB_COMMENTS}": {"comments_v2": posts(1)},
    }
    from_zip = read_export(make_zip(files)).rows
    from_folder = read_export(make_folder(files)).rows
    assert from_zip.equals(from_folder)
    assert counts(make_folder(files, name="other") / "facebook-camille") == counts(
        make_zip(files, name="z.zip")
    )


def test_rezipped_on_windows_and_macos(make_zip) -> None:
    files = {
        "facebook-camille\\" + FB_POSTS.replace("/", "\\"): posts(3),
        "__MACOSX/facebook-camille/._your_posts.json": b"\x00\x05\x16\x07",
        "facebook-camille/your_facebook_activity/posts/._your_posts_2.json": b"\x00",
        "__MACOSX/facebook-camille/" + FB_COMMENTS: b"\x00",
    }
    result = read_export(make_zip(files))
    assert result.problems == []
    assert {(r.platform, r.category): r.count for r in result.rows.itertuples()} == {("facebook", "post"): 3}


def test_nested_one_level_deeper(make_zip) -> None:
    files = {f"personal_information/profile_information/{FB_POSTS}": posts(2)}
    assert counts(make_zip(files)) == {("facebook", "post"): 2}


def test_legacy_root_messages_follow_their_tree(make_zip) -> None:
    fb = {"posts/your_posts_1.json": posts(1), "messages/inbox/a_1/message_1.json": b""}
    ig = {"content/posts_1.json": ig_posts(1), "messages/inbox/b_1/message_1.json": b""}
    assert counts(make_zip(fb, name="fb.zip"))[("facebook", "private-message")] == 1
    assert counts(make_zip(ig, name="ig.zip"))[("instagram", "private-message")] == 1
    both = {f"facebook-c/{k}": v for k, v in fb.items()} | {f"instagram-c/{k}": v for k, v in ig.items()}
    assert counts(make_zip(both, name="both.zip")) == {
        ("facebook", "post"): 1,
        ("facebook", "private-message"): 1,
        ("instagram", "post"): 1,
        ("instagram", "private-message"): 1,
    }


def test_legacy_root_ai_chats_are_ai_chats_of_their_tree(make_zip) -> None:
    chats = [{"timestamp": 1_700_000_000 + i, "media": [], "label_values": []} for i in range(2)]
    fb = {"posts/your_posts_1.json": posts(1), "messages/ai_conversations.json": chats}
    ig = {"content/posts_1.json": ig_posts(1), "messages/ai_conversations.json": chats}
    assert counts(make_zip(fb, name="fb.zip")) == {("facebook", "post"): 1, ("facebook", "ai-chat"): 2}
    assert counts(make_zip(ig, name="ig.zip")) == {("instagram", "post"): 1, ("instagram", "ai-chat"): 2}


def test_a_tree_known_only_by_its_folders_or_its_threads_owns_its_ai_chats(make_zip) -> None:
    """AI chats at a tree's root belong to the platform its folder names, or a Threads file, point to."""
    chats = [{"timestamp": 1_700_000_000 + i, "media": [], "label_values": []} for i in range(2)]
    by_folder = {"likes_and_reactions/a_file_the_kit_does_not_read.json": {}, "messages/ai_conversations.json": chats}
    assert counts(make_zip(by_folder, name="export.zip")) == {("facebook", "ai-chat"): 2}
    thread = {"media": [{"uri": "", "creation_timestamp": 1_720_000_000, "title": "t"}]}
    by_threads = {"threads/threads_and_replies.json": {"text_post_app_text_posts": [thread]},
                  "messages/ai_conversations.json": chats}
    assert counts(make_zip(by_threads, name="export.zip")) == {("threads", "post"): 1, ("instagram", "ai-chat"): 2}


def test_ambiguous_legacy_messages_are_reported_not_guessed(make_zip) -> None:
    files = {
        "posts/your_posts_1.json": posts(1),
        "content/posts_1.json": ig_posts(1),
        "messages/inbox/a_1/message_1.json": b"",
    }
    result = read_export(make_zip(files))
    assert [p.code for p in result.problems] == ["exports.unknown-platform"]
    assert set(result.read_categories) == {("facebook", "post"), ("instagram", "post")}


def test_media_are_never_opened(make_zip, monkeypatch) -> None:
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(name if isinstance(name, str) else name.filename)
        return real_open(self, name, *args, **kwargs)

    files = {
        FB_POSTS: posts(2),
        "your_facebook_activity/posts/media/album/1.jpg": b"\xff\xd8" * 1000,
        "your_facebook_activity/messages/inbox/a_1/message_1.json": b"{}",
        "your_facebook_activity/search/your_search_history.json": {"searches_v2": []},
    }
    path = make_zip(files)
    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    read_export(path)
    assert opened == [FB_POSTS]


def test_media_do_not_raise_peak_memory(make_zip, tmp_path) -> None:
    big = tmp_path / "big.zip"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(FB_POSTS, encode(posts(100)))
        archive.writestr("your_facebook_activity/posts/media/video.mp4", bytes(40 * 1024 * 1024))
    data = big.read_bytes()
    for source in (big, data):
        tracemalloc.start()
        result = read_export(source)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert result.read_categories == [("facebook", "post")]
        assert peak < 8 * 1024 * 1024, peak  # far below the 40 MB media file: never read, never copied
