"""When a fact is due for re-verification, and the warning the servers print about it before a session."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kit.content.models import Fact

DEFAULT_MAX_AGE_DAYS = 180  # facts older than this are listed by `kit facts` and at the servers' start-up


def stale_fact_lines(stale: Iterable[Fact]) -> list[str]:
    """One indented line per stale fact: its id and when it was last verified."""
    return [f"  {fact.id}  verified {fact.last_checked}" for fact in stale]


def print_stale_facts(command: str = "kit serve", max_age_days: int = DEFAULT_MAX_AGE_DAYS,
                      today: dt.date | None = None) -> None:
    """Warn the facilitator, before the session, about facts past their re-verification date."""
    from kit.content.loader import ContentError, default_content

    try:
        stale = default_content().stale_facts(today or dt.date.today(), max_age_days)
    except ContentError as error:
        print(f"{command}: the content in data/ is invalid ({len(error.problems)} problem(s)): run kit facts",
              file=sys.stderr)
        return
    if stale:
        print(f"{command}: {len(stale)} fact(s) last verified more than {max_age_days} days ago; "
              "check them before the session (kit facts lists them):")
        print("\n".join(stale_fact_lines(stale)))
