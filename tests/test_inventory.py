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
    normalize,
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


def test_each_row_is_used_excluded_or_unclear_from_its_rule_and_visibility(content):
    def kind_whose_rule_is(status):
        return next((p, c.id) for p in content.platforms for c in content.categories_on(p)
                    if content.ai_rule(p, "eu", c.id).status == status)

    used, unclear, excluded = (kind_whose_rule_is(s) for s in ("used", "unclear", "excluded"))
    nowhere = next((p, c.id) for p in content.platforms for c in content.categories.values() if p not in c.platforms)
    cases = [  # (platform, category), visibility, count, exposure
        (used, "public", 1, "used"), (used, "not-public", 2, "excluded"), (used, "unknown", 4, "unclear"),
        (unclear, "public", 8, "unclear"), (excluded, "public", 16, "excluded"), (nowhere, "public", 32, "unclear"),
    ]
    rows = normalize(pd.DataFrame([(*kind, count, None, None, visibility, "export")
                                   for kind, visibility, count, _ in cases], columns=list(COLUMNS)))
    exposed = exposure(content, rows, "eu")
    assert list(exposed["exposure"]) == [expected for *_, expected in cases]
    assert exposed["rule"].iloc[-1] is None, "no rule for a kind of content the platform does not have"
    assert exposure_totals(exposed) == {"used": 1, "unclear": 4 + 8 + 32, "excluded": 2 + 16}
    assert exposure_totals(exposure(content, empty_inventory(), "eu")) == {"used": 0, "unclear": 0, "excluded": 0}


def test_answers_outside_the_form_add_no_row(content):
    always = next(c.id for c in content.categories_on("facebook") if c.id in content.always_public_categories())
    inventory = manual_inventory(content, {
        "facebook": AccountAnswers("private", {"post": "lots", always: "few"}),  # "lots" is no range of the form
        "whatsapp": AccountAnswers("public", {"photo": "dozens"}),  # no photos on WhatsApp
    })
    assert list(zip(inventory.platform, inventory.category, inventory.visibility, strict=True)) == [
        ("facebook", always, "public")]
    assert manual_inventory(content, {}).equals(empty_inventory())


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
    text = to_csv(inventory)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert "facebook,photo,12,2019-01-05,2025-12-24,public,export" in text.splitlines()
    loaded, problems = from_csv(content, text.encode("utf-8"))
    assert problems == []
    pd.testing.assert_frame_equal(loaded, inventory)
    with_bom, problems = from_csv(content, "\ufeff".encode() + text.encode("utf-8"))  # as spreadsheets save it
    assert problems == []
    pd.testing.assert_frame_equal(with_bom, inventory)


def test_bad_csv_lines_are_reported_and_the_rest_kept(content):
    text = (
        "platform,category,count,first,last,visibility,source\n"
        "facebook,post,10,,,public,estimate\n"
        "myspace,post,3,,,public,estimate\n"
        "facebook,comment,many,,,public,estimate\n"
        "facebook,photo,2,2020-13-40,,public,export\n"
        "facebook,video,2,01/05/2019,,public,export\n"
    )
    loaded, problems = from_csv(content, text)
    assert list(loaded.category) == ["post"]
    assert [p.params["line"] for p in problems] == [3, 4, 5, 6]
    assert {p.code for p in problems} == {"inventory.csv-line"}
    assert "myspace" in content.text(problems[0].code, "en", **problems[0].params), "the message names the value"


@pytest.mark.parametrize("data, code", [
    (b"", "inventory.csv-unreadable"),
    (b"a,b\n1,2\n", "inventory.csv-columns"),
    (b"platform,category,count,first,last,visibility,source\n", "inventory.csv-empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "inventory.csv-columns"),
])
def test_unusable_csv_gives_one_clear_problem(content, data, code):
    loaded, problems = from_csv(content, data)
    assert loaded.empty and [p.code for p in problems] == [code]
    assert content.text(code, "fr", **problems[0].params), "the message can be shown"


def test_missing_columns_are_named(content):
    _, (problem,) = from_csv(content, b"platform,category,visibility\nfacebook,post,public\n")
    assert problem.params == {"columns": "count, first, last, source"}
