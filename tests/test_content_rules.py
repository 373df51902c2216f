"""Cross-entry rules of the content loader: each class of contradiction in data/ is reported, naming the entry."""

from __future__ import annotations

from test_content import _edit, _problems  # helpers that damage the copy of data/ (conftest.data_copy)

from kit.content import load_content
from kit.exports import reader
from kit.exports.records import AccountFacts

ADS = "use-ai-chats-for-ads"


def _entry(raw: dict, key: str, entry_id: str) -> dict:
    return next(item for item in raw[key] if item["id"] == entry_id)


# --- UI strings that state something about Meta rest on facts ---------------------------------

def test_ui_claims_name_the_facts_they_rest_on(content):
    for key in ("plan.no-route", "letter.hint", "exports.html-export"):
        assert content.ui[key].rests_on, key
        assert all(ref in content.facts for ref in content.ui[key].rests_on)


def test_ui_string_resting_on_an_unknown_fact_is_reported(data_copy):
    _edit(data_copy / "ui" / "checklist.yaml",
          lambda raw: raw["strings"]["plan.no-route"]["rests_on"].append("no-such-fact"))
    (problem,) = _problems(data_copy)
    assert problem.startswith("data/ui/checklist.yaml: entry 'plan.no-route'") and "'no-such-fact'" in problem


def test_unknown_refers_to_is_reported(data_copy):
    _edit(data_copy / "objection.yaml", lambda raw: _entry(raw, "effects", "eff-not-ads")["refers_to"].append("nope"))
    (problem,) = _problems(data_copy)
    assert "entry 'eff-not-ads'" in problem and "refers_to" in problem and "'nope'" in problem


# --- One rule for Meta AI chats used for ads ------------------------------------------------------

def test_ai_chats_for_ads_is_one_rule_with_switzerland_unknown(content):
    (use,) = [u for u in content.uses if u.id == ADS]
    assert set(use.excluded) == {"eu", "uk"} and use.unknown == ["ch"]
    assert "ch" not in use.applies
    mentions = [f for f in content.facts.values() if ADS in f.refers_to]
    assert {"tl-2025-12-16-ai-chats-for-ads", "eff-not-ads", "rule-ai-chat-elsewhere"} <= {f.id for f in mentions}
    for fact in mentions:  # an entry aimed at a few regions aims only where the use applies or is unknown
        regions = set(getattr(fact, "regions", None) or [])
        if regions and regions != set(content.regions):
            assert regions <= set(use.applies) | set(use.unknown), fact.id


def test_a_region_without_status_or_with_two_is_reported(data_copy):
    def damage(raw):
        use = _entry(raw, "uses", ADS)
        use["unknown"] = []
        use["applies"].append("eu")
    _edit(data_copy / "ai_use.yaml", damage)
    problems = _problems(data_copy)
    assert any(f"'{ADS}'" in p and "eu" in p and "twice" in p for p in problems)
    assert any(f"'{ADS}'" in p and "no status" in p and "ch" in p for p in problems)


def test_entry_aimed_at_a_region_where_the_use_is_excluded_is_reported(data_copy):
    _edit(data_copy / "checklist.yaml",
          lambda raw: _entry(raw, "items", "chk-whatsapp-accounts-center")["regions"].append("uk"))
    (problem,) = _problems(data_copy)
    assert problem.startswith("data/checklist.yaml: entry 'chk-whatsapp-accounts-center'")
    assert "uk" in problem and ADS in problem


def test_an_entry_for_every_region_may_explain_the_use(data_copy):
    _edit(data_copy / "timeline.yaml",
          lambda raw: _entry(raw, "events", "tl-2025-12-16-ai-chats-for-ads").update(regions=[]))
    assert load_content(data_copy).timeline


# --- Regions of a claim against what it leans on --------------------------------------------------

def test_checklist_item_aimed_outside_its_route_is_reported(data_copy):
    _edit(data_copy / "checklist.yaml", lambda raw: _entry(raw, "items", "chk-object-facebook")["regions"].append("us"))
    problems = _problems(data_copy)
    assert problems and all("entry 'chk-object-facebook'" in p and p.endswith("serve us") for p in problems)
    assert any("'route-facebook-form'" in p for p in problems)


def test_uk_objection_items_do_not_promise_ai_chat_coverage_there(content):
    for item_id in ("chk-object-facebook", "chk-object-instagram"):
        item = next(i for i in content.checklist if i.id == item_id)
        assert "uk" in item.regions
        assert "UK" in item.changes("en") and "Royaume-Uni" in item.changes("fr")


def test_camera_roll_item_reaches_the_regions_its_note_calls_unknown(content):
    item = next(i for i in content.checklist if i.id == "chk-camera-roll-off")
    assert {"ch", "br", "au"} <= set(item.regions)


# --- The private-account rule the inventory reads ---------------------------------------------------

def test_account_setting_with_a_category_the_platform_lacks_is_reported(data_copy):
    threads = "setting-private-account-threads"
    _edit(data_copy / "always_public.yaml",
          lambda raw: _entry(raw, "account_settings", threads)["private_hides"].append("reel"))
    (problem,) = _problems(data_copy)
    assert "setting-private-account-threads" in problem and "'reel'" in problem and "threads" in problem


def test_account_setting_showing_what_a_private_account_would_not_hide_is_reported(data_copy):
    def damage(raw):
        setting = _entry(raw, "account_settings", "setting-private-account-instagram")
        setting["private_hides"].remove("reel")
    _edit(data_copy / "always_public.yaml", damage)
    (problem,) = _problems(data_copy)
    assert "setting-private-account-instagram" in problem and "public_shows" in problem


def test_inventory_visibility_follows_the_data(data_copy, monkeypatch):
    private, public = AccountFacts(), AccountFacts()
    private.private["instagram"], public.private["instagram"] = True, False
    reader._account_wide.cache_clear()
    try:
        assert reader._visibility("instagram", "story", private) == "not-public"
        assert reader._visibility("instagram", "story", public) == "unknown"  # close friends only, maybe
        assert reader._visibility("instagram", "reel", public) == "public"
        assert reader._visibility("instagram", "comment", private) == "unknown"
        instagram = "setting-private-account-instagram"
        _edit(data_copy / "always_public.yaml",
              lambda raw: _entry(raw, "account_settings", instagram)["public_shows"].remove("reel"))
        monkeypatch.setattr(reader, "shared_content", lambda: load_content(data_copy))
        reader._account_wide.cache_clear()
        assert reader._visibility("instagram", "reel", public) == "unknown"
    finally:
        reader._account_wide.cache_clear()


# --- Dated entries the review asked for ---------------------------------------------------------------

def test_face_recognition_return_has_its_own_dated_entries(content):
    item = next(i for i in content.checklist if i.id == "chk-face-recognition")
    events = {e.id: e for e in content.timeline}
    steps = [events[ref] for ref in item.refers_to if ref in events]
    assert len(steps) >= 2 and all(str(e.date) >= "2024-10" for e in steps)


def test_cologne_court_is_named_and_not_an_appeal_in_french(content):
    event = next(e for e in content.timeline if e.id == "tl-2025-05-23-cologne-court")
    assert "15 UKl 2/25" in event.text("fr") and "15 UKl 2/25" in event.text("en")
    assert "cour d’appel" not in event.text("fr").lower() and "cour d'appel" not in event.text("fr").lower()


def test_uk_start_is_not_dated_to_september_2024(content):
    rule = next(r for r in content.ai_rules if r.id == "rule-public-content-uk")
    assert rule.since is None and "coming months" in rule.reason("en")
