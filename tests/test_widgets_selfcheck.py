"""The before/after self-check, headless: answers kept in the browser's store and compared at the end."""

from __future__ import annotations

from html import unescape

import pytest

from kit.widgets import SelfCheckPanel


def _answer(panel, right: bool, confidence: str):
    """What the page sends: the answers chosen, then a press on Save."""
    answers = {}
    for question in panel.questions:
        wrong = next(c.id for c in question.choices if c.id != question.answer)
        answers[question.id] = question.answer if right else wrong
    panel.view.answers = {**answers, "confidence": confidence}
    panel.view.submitted += 1


def test_before_keeps_answers_without_revealing_them(content):
    before = SelfCheckPanel("fr", "before")
    _answer(before, right=False, confidence="2")
    assert set(before.store.data["before"]["answers"]) == {q.id for q in content.selfcheck}
    assert before.store.data["before"]["confidence"] == "2"
    assert content.text("selfcheck.saved-before", "fr") in unescape(before.view.result)
    assert content.selfcheck[0].explanation("fr") not in unescape(before.view.result)


def test_after_compares_with_the_start_and_explains(content):
    before = SelfCheckPanel("en", "before")
    _answer(before, right=False, confidence="2")
    after = SelfCheckPanel("en", "after")
    after.store.data = before.store.data  # what the same browser hands over on the later page
    _answer(after, right=True, confidence="4")
    total = len(content.selfcheck)
    assert content.text("selfcheck.result", "en", before=0, after=total, total=total) in unescape(after.view.result)
    assert content.text("selfcheck.confidence-result", "en", before="2", after="4") in unescape(after.view.result)
    for question in content.selfcheck:
        assert question.explanation("en") in unescape(after.view.result)
    assert set(after.store.data) == {"before", "after"}


def test_after_without_a_start_still_scores(content):
    after = SelfCheckPanel("fr", "after")
    _answer(after, right=True, confidence="5")
    total = len(content.selfcheck)
    assert content.text("selfcheck.result-no-before", "fr", after=total, total=total) in unescape(after.view.result)


def test_saved_answers_come_back_when_the_page_is_opened_again(content):
    first = SelfCheckPanel("fr", "before")
    _answer(first, right=True, confidence="3")
    again = SelfCheckPanel("en", "before")  # a reload, or the other language's page, in the same browser
    again.store.set_state({"data": first.store.data, "ready": True})
    assert again.view.answers == first.view.answers
    assert SelfCheckPanel("en", "after").view.store_key != again.view.store_key, "each stage keeps its own draft"


def test_unknown_stage_is_refused():
    with pytest.raises(ValueError):
        SelfCheckPanel("fr", "during")
