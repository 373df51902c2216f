"""The inventory: one tidy table of what a participant shared, by hand or from an export, and its exposure.

Columns: platform, category, count, first, last (dates or empty), visibility (public / not-public /
unknown) and source (estimate / export). The exposure summary adds, for a region, whether each row may
feed Meta's AI: used, excluded or unclear, with the rule behind the answer.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kit.content import Content
from kit.content.models import Status

COLUMNS = ("platform", "category", "count", "first", "last", "visibility", "source")
VISIBILITIES = ("public", "not-public", "unknown")
SOURCES = ("estimate", "export")
AUDIENCES = ("public", "private", "unknown")

# Rough counts a participant can give without checking: (id, representative count).
COUNT_RANGES: tuple[tuple[str, int], ...] = (
    ("none", 0),
    ("few", 5),
    ("dozens", 50),
    ("hundreds", 500),
    ("thousands", 2000),
)
RANGE_COUNTS = dict(COUNT_RANGES)


def empty_inventory() -> pd.DataFrame:
    """An inventory with no row, with the right columns and types."""
    return normalize(pd.DataFrame({column: [] for column in COLUMNS}))


@dataclass
class AccountAnswers:
    """What a participant says about one account: its audience and rough counts per category."""

    audience: str = "unknown"
    counts: dict[str, str] = field(default_factory=dict)  # category id -> COUNT_RANGES id


def visibility_for(content: Content, category: str, audience: str) -> str:
    """Who can see this kind of content, given the account's audience as the participant described it."""
    if category in content.always_public_categories():
        return "public"
    if audience == "public":
        return "public"
    if audience == "private":
        return "unknown" if category in content.partly_public_categories() else "not-public"
    return "unknown"


def manual_inventory(content: Content, accounts: dict[str, AccountAnswers]) -> pd.DataFrame:
    """The inventory from a participant's answers: one row per platform and category they have some of."""
    rows = []
    for platform, answers in accounts.items():
        offered = {c.id for c in content.categories_on(platform) if c.inventory}
        for category, range_id in answers.counts.items():
            count = RANGE_COUNTS.get(range_id, 0)
            if count and category in offered:
                visibility = visibility_for(content, category, answers.audience)
                rows.append((platform, category, count, None, None, visibility, "estimate"))
    return normalize(pd.DataFrame(rows, columns=list(COLUMNS))) if rows else empty_inventory()


def combine(*inventories: pd.DataFrame) -> pd.DataFrame:
    """Several inventories as one; an export's row replaces the estimate of the same platform and category."""
    frames = [df for df in inventories if not df.empty]
    if not frames:
        return empty_inventory()
    merged = pd.concat(frames, ignore_index=True)
    merged["_rank"] = merged["source"].map({"export": 0, "estimate": 1})
    merged = merged.sort_values("_rank", kind="stable").drop_duplicates(["platform", "category"])
    return normalize(merged.drop(columns="_rank").sort_values(["platform", "category"]).reset_index(drop=True))


def exposure(content: Content, inventory: pd.DataFrame, region: str) -> pd.DataFrame:
    """The inventory with, for each row, whether it may feed Meta's AI in `region`, and the rule why."""
    statuses, rules = [], []
    for row in inventory.itertuples(index=False):
        rule = content.ai_rule(row.platform, region, row.category)
        rules.append(rule.id if rule else None)
        statuses.append(_exposure_status(rule.status if rule else None, row.visibility))
    out = inventory.copy()
    out["exposure"] = pd.Series(statuses, index=out.index, dtype="str")
    out["rule"] = pd.Series(rules, index=out.index, dtype="object")
    return out


def _exposure_status(rule_status: Status | None, visibility: str) -> str:
    if rule_status is None or rule_status == Status.unclear:
        return "unclear"
    if rule_status == Status.excluded:
        return "excluded"
    return {"public": "used", "not-public": "excluded"}.get(visibility, "unclear")


def exposure_totals(exposed: pd.DataFrame) -> dict[str, int]:
    """How many items fall under used, excluded and unclear."""
    totals = exposed.groupby("exposure")["count"].sum().to_dict() if not exposed.empty else {}
    return {status: int(totals.get(status, 0)) for status in ("used", "unclear", "excluded")}


def to_records(inventory: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts, dates as YYYY-MM-DD (None when unknown), ready for JSON."""
    records = []
    for row in inventory.loc[:, list(COLUMNS)].itertuples(index=False):
        record = dict(zip(COLUMNS, row, strict=True))
        record["count"] = int(record["count"])
        for column in ("first", "last"):
            record[column] = None if pd.isna(record[column]) else record[column].strftime("%Y-%m-%d")
        records.append(record)
    return records


def to_json(inventory: pd.DataFrame) -> str:
    """The inventory as a JSON array, one object per row."""
    return json.dumps(to_records(inventory), ensure_ascii=False, indent=2)


def to_csv(inventory: pd.DataFrame) -> str:
    """The inventory as CSV text (ISO dates), to download and load back later."""
    out = inventory.loc[:, list(COLUMNS)].copy()
    for column in ("first", "last"):
        out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out.to_csv(index=False)


@dataclass(frozen=True)
class CsvProblem:
    """Why a CSV file, or one of its lines, could not be read."""

    code: str
    params: dict = field(default_factory=dict)


def from_csv(content: Content, data: bytes | str) -> tuple[pd.DataFrame, list[CsvProblem]]:
    """An inventory read back from CSV; bad lines are skipped and reported, never raised."""
    text = data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes | bytearray) else data
    try:
        raw = pd.read_csv(io.StringIO(text), dtype="str", keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeError):
        return empty_inventory(), [CsvProblem("inventory.csv-unreadable")]
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        return empty_inventory(), [CsvProblem("inventory.csv-columns", {"columns": ", ".join(missing)})]
    rows, problems = [], []
    for number, row in enumerate(raw.loc[:, list(COLUMNS)].itertuples(index=False), start=2):
        problem = _csv_row_problem(content, row)
        if problem:
            problems.append(CsvProblem("inventory.csv-line", {"line": number, "what": problem}))
        else:
            rows.append(tuple(row))
    if not rows:
        return empty_inventory(), problems or [CsvProblem("inventory.csv-empty")]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["count"] = frame["count"].astype("int64")
    return normalize(frame), problems


def _csv_row_problem(content: Content, row) -> str | None:
    if row.platform not in content.platforms:
        return f"platform '{row.platform}'"
    if row.category not in content.categories:
        return f"category '{row.category}'"
    if not row.count.isdigit():
        return f"count '{row.count}'"
    if row.visibility not in VISIBILITIES:
        return f"visibility '{row.visibility}'"
    if row.source not in SOURCES:
        return f"source '{row.source}'"
    for value in (row.first, row.last):
        if value and pd.isna(pd.to_datetime(value, errors="coerce", format="%Y-%m-%d")):
            return f"date '{value}'"
    return None


def normalize(frame: pd.DataFrame) -> pd.DataFrame:
    """The inventory's columns and types, whatever built it: dates become days (UTC, no time zone)."""
    frame = frame.loc[:, list(COLUMNS)].copy()
    for column in ("platform", "category", "visibility", "source"):
        frame[column] = frame[column].astype("str")
    frame["count"] = frame["count"].astype("int64")
    for column in ("first", "last"):
        values = frame[column]
        if values.dtype == "object" or values.dtype.kind in "OU" or str(values.dtype) == "str":
            values = pd.to_datetime(values.replace("", None), format="%Y-%m-%d", errors="coerce")
        values = pd.to_datetime(values)
        if values.dt.tz is not None:
            values = values.dt.tz_convert("UTC").dt.tz_localize(None)
        frame[column] = values.dt.normalize().astype("datetime64[s]")
    return frame.reset_index(drop=True)
