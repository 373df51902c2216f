"""Dates as people read them, in French and in English."""

import datetime as dt

from kit.rendering.explain import format_date


def test_the_first_of_a_month_reads_1er_in_french_only():
    assert format_date(dt.date(2026, 12, 1), "fr").startswith("1er décembre")
    assert format_date("2026-03-01", "fr").startswith("1er mars")
    assert format_date("2026-12-02", "fr").startswith("2 décembre")
    assert format_date(dt.date(2026, 12, 1), "en").startswith("1 December")


def test_partial_dates_keep_their_precision():
    assert format_date("2026-12", "fr") == "décembre 2026"
    assert format_date(2026, "en") == "2026"
