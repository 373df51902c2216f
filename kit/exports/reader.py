"""Take the inventory of an export: find the files that matter, read each once, count per category.

Members are matched on the end of their path (any root folder, several export trees, several parts),
each needed JSON file is read once, one at a time, and conversations are counted from folder names.
Counting looks only at structure (list lengths, numeric times under ASCII keys), which Meta's mojibake
cannot touch, so the bulk files are parsed as they are; files whose text is read (profiles, where
localised labels such as "Compte privé" matter) are repaired first, keys included.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import re
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from kit.env import MIB, facilitator_log
from kit.exports import facebook, instagram, stream
from kit.exports.archive import ExportArchive, ExportPart, Limits, Member, source_size
from kit.exports.problems import ExportError, Failure, Problem
from kit.exports.records import (
    CATEGORIES,
    PLATFORMS,
    AccountFacts,
    Counted,
    FileKind,
    Reader,
    RecordReader,
    ShapeError,
    kind,
    load_json,
)

if TYPE_CHECKING:
    import pandas as pd

    from kit.content import Content

# What went wrong, for the facilitator and the maintainers: an exception's type and a member's kind, never a
# member's name (it may hold a friend's name) nor anything read from it.
log = facilitator_log("kit.exports")

# Old root-level `messages/` trees exist in both platforms' exports: the tree they sit in decides.
SHARED_KINDS: tuple[FileKind, ...] = (
    kind(
        "legacy-messages",
        None,
        "private-message",
        r"(?:^|/)messages/" + facebook.MESSAGE_BOXES + r"/(?P<thread>[^/]+)/message_\d+\.json$",
        None,
    ),
    kind("legacy-ai-chats", None, "ai-chat", r"(?:^|/)messages/ai_conversations\.json$", None),
)
KINDS: tuple[FileKind, ...] = facebook.KINDS + instagram.KINDS
# A legacy AI-chat file is read like the current ones of the platform it turns out to belong to.
_AI_READERS = {"facebook": facebook.KINDS, "instagram": instagram.KINDS}

# Folder names of Meta exports (any era); a path below one of them is inside an export tree.
KNOWN_FOLDERS = frozenset(
    {
        "your_facebook_activity",
        "your_activity_across_facebook",
        "your_instagram_activity",
        "personal_information",
        "connections",
        "logged_information",
        "preferences",
        "ads_information",
        "security_and_login_information",
        "apps_and_websites_off_of_facebook",
        "apps_and_websites_off_of_instagram",
        "posts",
        "comments",
        "comments_and_reactions",
        "likes_and_reactions",
        "likes",
        "saved",
        "content",
        "media",
        "messages",
        "stories",
        "reels",
        "groups",
        "threads",
        "profile_information",
        "photos_and_videos",
        "account_information",
        "followers_and_following",
        "story_interactions",
        "story_sticker_interactions",
    }
)
_PART_NUMBER = re.compile(r"^\d+of\d+-")  # "5of8-facebook-…": the same tree split over several zips
_HTML_ENTRY_PAGES = frozenset({"start_here.html", "index.html"})
_HTML_TREES = ("your_facebook_activity/", "your_activity_across_facebook/", "your_instagram_activity/")
# (what to look for in a member name, service named in the message), for exports of other services
_OTHER_SERVICES = (
    (re.compile(r"(?:^|/)Takeout/|(?:^|/)archive_browser\.html$"), "Google Takeout"),
    (re.compile(r"(?:^|/)data/(?:tweets?|account)\.js$|(?:^|/)Your archive\.html$"), "X (Twitter)"),
    (re.compile(r"(?:^|/)user_data(?:_tiktok)?\.json$"), "TikTok"),
)


def shared_content() -> Content:
    """data/ as every page shares it, loaded on first need: only an export with a privacy flag needs it."""
    from kit.content import default_content

    return default_content()


@functools.cache
def _account_wide() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Per platform, what a private account keeps non-public and a public one makes public (data/always_public.yaml)."""
    return {
        platform: (frozenset(setting.private_hides), frozenset(setting.public_shows))
        for setting in shared_content().account_settings for platform in setting.platforms
    }


# One inventory row as read: (platform, category, count, first, last, visibility), times in Unix seconds.
Row = tuple[str, str, int, int | None, int | None, str]


@dataclass
class ExportResult:
    """The inventory (one row per platform and category), with what went wrong along the way."""

    found: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    read_categories: list[tuple[str, str]] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)

    @functools.cached_property
    def rows(self) -> pd.DataFrame:
        """The inventory as a DataFrame (pandas is imported on first use: `kit inventory` may not need it)."""
        return _frame(self.found)

    @property
    def ok(self) -> bool:
        """Whether at least one category could be read."""
        return bool(self.found)

    def records(self) -> list[dict[str, Any]]:
        """The rows as `kit.inventory.to_records` gives them (dates as YYYY-MM-DD in UTC), without pandas."""
        columns = ("platform", "category", "count", "first", "last", "visibility")
        return [dict(zip(columns, (*row[:3], _day(row[3]), _day(row[4]), row[5]), strict=True)) | {"source": "export"}
                for row in self.found]


@dataclass(frozen=True)
class _Match:
    """A member the inventory needs, with the kinds it feeds and the export tree it belongs to."""

    member: Member
    kinds: tuple[FileKind, ...]
    platform: str | None
    tree: str
    thread: str | None


def read_export(
    sources: ExportPart | Iterable[ExportPart],
    *,
    limits: Limits | None = None,
    include_messages: bool = True,
) -> ExportResult:
    """Inventory one export given as zip path(s), a folder, or zip bytes; never raises, writes nothing."""
    try:
        return _read_export(_as_list(sources), limits or Limits(), include_messages)
    except Exception as error:  # the contract is a Problem, never a traceback in front of a participant
        where = f"a member of kind {error.kind}" if isinstance(error, _MemberFailed) else "the export"
        cause = error.__cause__ if isinstance(error, _MemberFailed) else error
        log.warning("read_export: unexpected %s while reading %s", type(cause).__name__, where)
        return ExportResult([], [Problem("exports.unexpected-error")])


class _MemberFailed(Exception):
    """An unexpected error while reading one member; `kind` says what kind of file it was."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def _as_list(sources: ExportPart | Iterable[ExportPart]) -> list[ExportPart]:
    if isinstance(sources, str | bytes | bytearray | memoryview) or hasattr(sources, "__fspath__"):
        return [sources]  # type: ignore[list-item]
    if (
        isinstance(sources, tuple)
        and len(sources) == 2
        and isinstance(sources[1], bytes | bytearray | memoryview)
    ):
        return [cast(ExportPart, sources)]  # one (name, bytes) upload
    return list(sources)


def _read_export(sources: list[ExportPart], limits: Limits, include_messages: bool) -> ExportResult:
    if not sources:
        return ExportResult([], [Problem("exports.no-file")])
    if limits.max_upload_bytes is not None:
        total = sum(source_size(source) for source in sources)
        if total > limits.max_upload_bytes:
            size_mb, limit_mb = -(-total // MIB), limits.max_upload_bytes // MIB
            return ExportResult(
                [], [Problem("exports.too-large", {"size_mb": size_mb, "limit_mb": limit_mb})]
            )
    with ExportArchive(sources, limits) as archive:
        problems = list(archive.problems)
        if not archive.opened:
            return ExportResult([], problems)
        if not archive.members:
            if not problems:  # otherwise they already say why nothing is left
                problems.append(Problem("exports.empty"))
            return ExportResult([], problems)
        matches, unresolved = _plan(archive.members, include_messages)
        problems.extend(Problem("exports.unknown-platform", {"member": name}) for name in unresolved[:1])
        if not matches:
            problems.append(_why_nothing(archive.members))
            return ExportResult([], problems)
        return _inventory(archive, matches, problems)


def _plan(members: Sequence[Member], include_messages: bool) -> tuple[list[_Match], list[str]]:
    """The members to read (or only count), each once, with their platform decided."""
    votes: dict[str, set[str]] = defaultdict(set)
    found: list[tuple[Member, tuple[FileKind, ...], str, str, str | None]] = []
    for member in members:
        if not member.name.endswith(".json"):
            continue  # media say nothing the JSON files of their tree do not
        tree, relative = _split_tree(member.name)
        folders = relative.split("/")[:-1]
        if facebook.FOLDERS.intersection(folders):
            votes[tree].add("facebook")
        if instagram.FOLDERS.intersection(folders):
            votes[tree].add("instagram")
        kinds, thread_end = _kinds_of(member.name, folders)
        thread = None if thread_end is None else relative[: len(relative) - thread_end]
        if not kinds or (kinds[0].category == "private-message" and not include_messages):
            continue
        if kinds[0].platform is not None:
            votes[tree].add("instagram" if kinds[0].platform == "threads" else kinds[0].platform)
        found.append((member, kinds, tree, relative, thread))
    for tree in votes:
        name = tree.rsplit("/", 1)[-1].lower()
        for prefix in ("facebook", "instagram"):
            if name.startswith(prefix):
                votes[tree].add(prefix)
    everywhere = set().union(*votes.values()) if votes else set()
    matches: dict[tuple[str, str, str], _Match] = {}
    unresolved: list[str] = []
    for member, kinds, tree, relative, thread in found:
        platform = kinds[0].platform
        if platform is None:
            candidates = votes[tree] if len(votes.get(tree, ())) == 1 else everywhere
            if len(candidates) != 1:
                unresolved.append(member.name)
                continue
            platform = next(iter(candidates))
            kinds = _resolve_shared(kinds, platform)
        # The same file in two parts of one export (or twice in one folder tree) is read once.
        identity = (platform, tree, thread or relative)
        matches.setdefault(identity, _Match(member, kinds, platform, tree, thread))
    return list(matches.values()), unresolved


def _split_tree(name: str) -> tuple[str, str]:
    """(the export tree a member belongs to, its path inside that tree)."""
    parts = name.split("/")
    cut = next((i for i, part in enumerate(parts[:-1]) if part in KNOWN_FOLDERS), len(parts) - 1)
    tree = "/".join(_PART_NUMBER.sub("", part) for part in parts[:cut])
    return tree, "/".join(parts[cut:])


def _kinds_of(name: str, folders: list[str]) -> tuple[tuple[FileKind, ...], int | None]:
    for group in (KINDS, SHARED_KINDS):
        for candidate in group:
            found = candidate.pattern.search(name)
            if found:
                thread = found.groupdict().get("thread")
                # kept as the distance from the end, so it can be cut from the path inside the tree
                return (candidate,), (len(name) - found.end("thread") if thread else None)
    if not KNOWN_FOLDERS.intersection(folders):
        legacy = tuple(candidate for candidate in instagram.ROOT_KINDS if candidate.pattern.search(name))
        return legacy, None
    return (), None


def _resolve_shared(kinds: tuple[FileKind, ...], platform: str) -> tuple[FileKind, ...]:
    if kinds[0].category == "ai-chat":
        return tuple(k for k in _AI_READERS[platform] if k.category == "ai-chat")
    return tuple(k for k in _AI_READERS[platform] if k.category == "private-message")


def _why_nothing(members: Sequence[Member]) -> Problem:
    """The most helpful explanation when no file of the inventory was found."""
    names = [member.name for member in members]
    for pattern, service in _OTHER_SERVICES:
        if any(pattern.search(name) for name in names):
            return Problem("exports.other-service", {"service": service})
    html = [n for n in names if n.endswith((".html", ".htm"))]
    json_count = sum(n.endswith(".json") for n in names)
    if html and len(html) >= json_count:
        meta_html = any(
            n.rsplit("/", 1)[-1] in _HTML_ENTRY_PAGES or any(t in n for t in _HTML_TREES) for n in html
        )
        if meta_html:
            return Problem("exports.html-export")
    zips = [n for n in names if n.lower().endswith(".zip")]
    if zips:
        return Problem("exports.nested-zip", {"member": zips[0]})
    if any(KNOWN_FOLDERS.intersection(name.split("/")[:-1]) for name in names):
        return Problem("exports.no-categories")
    return Problem("exports.not-meta")


def _inventory(archive: ExportArchive, matches: list[_Match], problems: list[Problem]) -> ExportResult:
    # Parsed JSON holds no reference cycles and is freed by reference counting; the cyclic collector
    # would only rescan millions of fresh containers (and the whole notebook heap) during each parse.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _count(archive, matches, problems)
    finally:
        if collecting:
            gc.enable()


def _count(archive: ExportArchive, matches: list[_Match], problems: list[Problem]) -> ExportResult:
    facts = AccountFacts()
    items: dict[tuple[str, str], dict[str, Counted]] = defaultdict(dict)
    failures: dict[tuple[str, str], Failure] = {}
    threads: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    order = {(p, c): i for i, (p, c) in enumerate((p, c) for p in PLATFORMS for c in CATEGORIES)}
    ordered = sorted(matches, key=lambda m: (order[_key(m.kinds[0], m.platform)], _natural(m.member.name)))
    streamed = {id(match) for match in ordered if _streams(match, archive.limits)}
    # Members parsed whole, in order: one thread inflates the next while this one parses (zlib releases
    # the GIL). A streamed member inflates as it is parsed, in this thread, while the next one inflates.
    to_read = [m for m in ordered if m.kinds[0].reader is not None and id(m) not in streamed]
    with ThreadPoolExecutor(max_workers=1) as inflater:
        ahead = deque(inflater.submit(archive.read, match.member) for match in to_read[:1])
        next_index = 1
        for match in ordered:
            keys = [_key(k, match.platform) for k in match.kinds]
            if match.kinds[0].reader is None:
                threads[keys[0]].add((match.tree, match.thread or match.member.name))
                continue
            if id(match) in streamed:
                if not all(key in failures for key in keys):
                    _guarded(functools.partial(_stream_into, archive, match), match, keys, items, failures)
                continue
            raw = ahead.popleft()
            if next_index < len(to_read):
                ahead.append(inflater.submit(archive.read, to_read[next_index].member))
                next_index += 1
            if all(key in failures for key in keys):
                continue
            parse = functools.partial(_read_into, raw, match, facts)
            _guarded(parse, match, keys, items, failures)
    for key, found in threads.items():
        items[key]["threads"] = Counted([None] * len(found))
    rows = []
    for key in sorted(items, key=order.__getitem__):
        if key in failures:
            continue
        count, first, last = _tally(items[key])
        rows.append((*key, count, first, last, _visibility(*key, facts)))
    read = [(platform, category) for platform, category, *_ in rows]
    return ExportResult(rows, problems, read, [failures[key] for key in sorted(failures, key=order.__getitem__)])


def _guarded(
    read: Callable[[], list[Counted]],
    match: _Match,
    keys: list[tuple[str, str]],
    items: dict[tuple[str, str], dict[str, Counted]],
    failures: dict[tuple[str, str], Failure],
) -> None:
    """Run one member's read; add what it counted, or fail its categories with the kit's own Problem."""
    try:
        found = read()
    except ExportError as error:
        for key in keys:
            failures.setdefault(key, Failure(key[0], key[1], error.problem))
        return
    except Exception as error:
        raise _MemberFailed(match.kinds[0].id) from error
    for file_kind, key, new in zip(match.kinds, keys, found, strict=True):
        if file_kind.id in items[key]:
            items[key][file_kind.id].extend(new)
        else:
            items[key][file_kind.id] = new


def _read_into(raw: Future[bytearray], match: _Match, facts: AccountFacts) -> list[Counted]:
    """Parse one member's bytes (once inflated) and hand the data to each of its readers."""
    data = _parse(raw.result(), match)
    with _shape_errors(match):
        return [cast(Reader, file_kind.reader)(data, facts) for file_kind in match.kinds]


def _streams(match: _Match, limits: Limits) -> bool:
    """Whether a member is counted as it streams: large, and read by record counters only (no text kept)."""
    return (
        stream.BACKEND is not None
        and match.member.size > limits.stream_above_bytes
        and all(isinstance(file_kind.reader, RecordReader) for file_kind in match.kinds)
    )


def _stream_into(archive: ExportArchive, match: _Match) -> list[Counted]:
    """Count one large member's records as they inflate, for each of its readers, in one pass."""
    readers = [cast(RecordReader, file_kind.reader) for file_kind in match.kinds]
    with _shape_errors(match):
        try:
            return stream.count_stream(functools.partial(archive.stream, match.member), readers)
        except stream.InvalidJSON as error:
            raise ExportError(Problem("exports.invalid-json", {"member": match.member.name})) from error


@contextmanager
def _shape_errors(match: _Match) -> Iterator[None]:
    """A reader meeting a shape it does not expect: the kit's "unexpected shape" Problem, logged by kind."""
    try:
        yield
    except (ShapeError, TypeError, AttributeError, KeyError, IndexError, ValueError, RecursionError) as error:
        log.info("read_export: %s in a member of kind %s (not the shape it expects)", type(error).__name__,
                 match.kinds[0].id)
        raise ExportError(Problem("exports.unexpected-shape", {"member": match.member.name})) from error


def _key(file_kind: FileKind, platform: str | None) -> tuple[str, str]:
    return (file_kind.platform or platform or "", file_kind.category)


def _natural(name: str) -> list[Any]:
    """Sort key so that posts_2.json comes before posts_10.json."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _parse(raw: bytes | bytearray, match: _Match) -> Any:
    repair = any(k.needs_text for k in match.kinds)
    try:
        return load_json(raw, repair=repair)
    except (ValueError, RecursionError) as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise ExportError(Problem("exports.invalid-json", {"member": match.member.name})) from error


def _tally(by_kind: dict[str, Counted]) -> tuple[int, int | None, int | None]:
    """(count, first, last): an item keyed in several kinds of file counts once, as in the fullest file."""
    times = [seconds for counted in by_kind.values() for seconds in counted.times if seconds is not None]
    first, last = (min(times), max(times)) if times else (None, None)
    if len(by_kind) == 1:  # keys only matter across kinds of file
        return sum(len(counted.times) for counted in by_kind.values()), first, last
    unkeyed = 0
    best: Counter[Any] = Counter()
    for counted in by_kind.values():
        keys = counted.keys if counted.keys is not None else [None] * len(counted.times)
        per_key = Counter(key for key in keys if key is not None)
        unkeyed += len(keys) - per_key.total()
        best |= per_key  # Counter union keeps the larger count of each key
    return unkeyed + best.total(), first, last


def _visibility(platform: str, category: str, facts: AccountFacts) -> str:
    private = facts.private.get(platform)
    if private is None:  # no privacy flag in the export: data/ need not even be loaded
        return "unknown"
    hides, shows = _account_wide().get(platform, (frozenset(), frozenset()))
    if private is True and category in hides:
        return "not-public"
    if private is False and category in shows:
        return "public"
    return "unknown"


def _day(seconds: int | None) -> str | None:
    return None if seconds is None else dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%d")


def _frame(rows: list[Row]) -> pd.DataFrame:
    import pandas as pd

    from kit.inventory import COLUMNS, empty_inventory, normalize

    if not rows:
        return empty_inventory()
    frame = pd.DataFrame([(*row, "export") for row in rows], columns=list(COLUMNS))
    for column in ("first", "last"):
        frame[column] = pd.to_datetime(frame[column].astype("Float64"), unit="s", utc=True)
    return normalize(frame)
