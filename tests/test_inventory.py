"""The inventory model: manual answers, visibility, exposure for a region, CSV round trip."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.inventory import (
    COLUMNS,
    AccountAnswers,
    combine,
    empty_inventory,
    exposure,
    exposure_totals,
    from_csv,
    manual_inventory,
    to_csv,
    visibility_for,
)


def test_private_account_keeps_always_public_categories_public(content):
    always = content.always_public_categories()
    partly = content.partly_public_categories()
    assert always and partly
    for category in always:
        assert visibility_for(content, category, "private") == "public"
    for category in partly - always:
        assert visibility_for(content, category, "private") == "unknown"
    assert visibility_for(content, "post", "private") == "not-public"
    assert visibility_for(content, "post", "public") == "public"
    assert visibility_for(content, "post", "unknown") == "unknown"


def test_manual_inventory_has_the_tidy_shape(content):
    inventory = manual_inventory(content, {
        "facebook": AccountAnswers("public", {"post": "hundreds", "photo": "none", "comment": "dozens"}),
        "instagram": AccountAnswers("private", {"photo": "thousands", "profile": "few"}),
    })
    assert tuple(inventory.columns) == COLUMNS
    assert set(zip(inventory.platform, inventory.category, inventory["count"], strict=True)) == {
        ("facebook", "post", 500), ("facebook", "comment", 50), ("instagram", "photo", 2000),
        ("instagram", "profile", 5),
    }
    assert (inventory.source == "estimate").all()
    assert inventory["first"].isna().all()


@pytest.mark.parametrize("region", ["eu", "us", "au"])
def test_exposure_follows_the_rules_of_the_region(content, region):
    inventory = manual_inventory(content, {
        "facebook": AccountAnswers("public", {"post": "dozens", "private-message": "hundreds"}),
        "messenger": AccountAnswers("unknown", {"private-message": "hundreds"}),
        "instagram": AccountAnswers("private", {"photo": "dozens"}),
    })
    assert ("facebook", "private-message") not in set(zip(inventory.platform, inventory.category, strict=True))
    exposed = exposure(content, inventory, region).set_index(["platform", "category"])
    post_rule = content.ai_rule("facebook", region, "post")
    assert exposed.loc[("facebook", "post"), "rule"] == post_rule.id
    expected_post = {"used": "used", "excluded": "excluded", "unclear": "unclear"}[post_rule.status.value]
    assert exposed.loc[("facebook", "post"), "exposure"] == expected_post
    assert exposed.loc[("messenger", "private-message"), "exposure"] == "excluded"
    assert exposed.loc[("instagram", "photo"), "exposure"] in ("excluded", "unclear")
    totals = exposure_totals(exposure(content, inventory, region))
    assert sum(totals.values()) == inventory["count"].sum()


def test_export_rows_replace_estimates(content):
    estimate = manual_inventory(content, {"facebook": AccountAnswers("public", {"post": "dozens"})})
    export = pd.DataFrame([("facebook", "post", 137, pd.Timestamp("2015-03-01"), pd.Timestamp("2026-10-02"),
                            "unknown", "export")], columns=list(COLUMNS))
    combined = combine(estimate, export)
    assert len(combined) == 1 and combined.loc[0, "count"] == 137 and combined.loc[0, "source"] == "export"
    assert combine(empty_inventory(), empty_inventory()).empty


def test_csv_round_trip_keeps_every_value(content):
    inventory = combine(
        manual_inventory(content, {"instagram": AccountAnswers("unknown", {"story": "few"})}),
        pd.DataFrame([("facebook", "photo", 12, pd.Timestamp("2019-01-05"), pd.Timestamp("2025-12-24"),
                       "public", "export")], columns=list(COLUMNS)),
    )
    loaded, problems = from_csv(content, to_csv(inventory).encode("utf-8"))
    assert problems == []
    pd.testing.assert_frame_equal(loaded, inventory)


def test_bad_csv_lines_are_reported_and_the_rest_kept(content):
    text = (
        "platform,category,count,first,last,visibility,source\n"
        "facebook,post,10,,,public,estimate\n"
        "myspace,post,3,,,public,estimate\n"
        "facebook,comment,many,,,public,estimate\n"
        "facebook,photo,2,2020-13-40,,public,export\n"
    )
    loaded, problems = from_csv(content, text)
    assert list(loaded.category) == ["post"]
    assert [p.params["line"] for p in problems] == [3, 4, 5]
    assert {p.code for p in problems} == {"inventory.csv-line"}


@pytest.mark.parametrize("data, code", [
    (b"", "inventory.csv-unreadable"),
    (b"a,b\n1,2\n", "inventory.csv-columns"),
    (b"platform,category,count,first,last,visibility,source\n", "inventory.csv-empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "inventory.csv-columns"),
])
def test_unusable_csv_gives_one_clear_problem(content, data, code):
    loaded, problems = from_csv(content, data)
    assert loaded.empty and [p.code for p in problems] == [code]
