"""The before/after self-check, headless: answers kept in the browser's store and compared at the end."""

from __future__ import annotations

from html import unescape

import pytest

from kit.widgets import SelfCheckPanel


def _answer(panel, right: bool, confidence: str):
    for question in panel.questions:
        wrong = next(c.id for c in question.choices if c.id != question.answer)
        panel.answers[question.id].value = question.answer if right else wrong
    panel.confidence.value = confidence
    panel.save.click()


def test_before_keeps_answers_without_revealing_them(content):
    before = SelfCheckPanel("fr", "before")
    _answer(before, right=False, confidence="2")
    assert set(before.store.data["before"]["answers"]) == {q.id for q in content.selfcheck}
    assert before.store.data["before"]["confidence"] == "2"
    assert content.text("selfcheck.saved-before", "fr") in unescape(before.result.value)
    assert content.selfcheck[0].explanation("fr") not in unescape(before.result.value)


def test_after_compares_with_the_start_and_explains(content):
    before = SelfCheckPanel("en", "before")
    _answer(before, right=False, confidence="2")
    after = SelfCheckPanel("en", "after")
    after.store.data = before.store.data  # what the same browser hands over on the later page
    _answer(after, right=True, confidence="4")
    total = len(content.selfcheck)
    assert content.text("selfcheck.result", "en", before=0, after=total, total=total) in unescape(after.result.value)
    assert content.text("selfcheck.confidence-result", "en", before="2", after="4") in unescape(after.result.value)
    for question in content.selfcheck:
        assert question.explanation("en") in unescape(after.result.value)
    assert set(after.store.data) == {"before", "after"}


def test_after_without_a_start_still_scores(content):
    after = SelfCheckPanel("fr", "after")
    _answer(after, right=True, confidence="5")
    total = len(content.selfcheck)
    assert content.text("selfcheck.result-no-before", "fr", after=total, total=total) in unescape(after.result.value)


def test_unknown_stage_is_refused():
    with pytest.raises(ValueError):
        SelfCheckPanel("fr", "during")
