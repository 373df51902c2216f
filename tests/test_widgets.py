"""Notebook 01's panels, driven without a browser: set values, click, read what they show."""

from __future__ import annotations

from html import unescape

import pytest

from kit.content import models as m
from kit.env import format_date
from kit.widgets import AlwaysPublicPanel, ExplorerPanel, QuizPanel, TimelinePanel


def _combination_with(content, status: m.Status) -> tuple[str, str, str]:
    rule = next(r for r in content.ai_rules if r.status == status)
    return rule.platforms[0], rule.regions[0], rule.categories[0]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("status", list(m.Status))
def test_explorer_shows_status_reason_and_sources(content, lang, status):
    panel = ExplorerPanel(lang)
    platform, region, category = _combination_with(content, status)
    panel.platform.value = platform
    panel.region.value = region
    panel.category.value = category
    rule = content.ai_rule(platform, region, category)
    shown = panel.result.value
    assert content.text(f"status.{status.value}", lang) in unescape(shown)
    assert rule.reason(lang) in unescape(shown)
    for source in content.sources_of(rule):
        assert source.url in unescape(shown)
    assert format_date(rule.checked.sources, lang) in unescape(shown), "when the sources were last re-read"
    assert content.categories[category].description(lang) in unescape(shown), "what the kind of content covers"


def test_explorer_offers_only_categories_of_the_platform(content):
    panel = ExplorerPanel("en")
    for platform in content.platforms:
        panel.platform.value = platform
        offered = {value for _, value in panel.category.options}
        assert offered == {c.id for c in content.categories_on(platform)}
        assert panel.category.value in offered


def test_explorer_keeps_the_category_when_the_new_platform_has_it(content):
    panel = ExplorerPanel("fr", platform="facebook", category="comment")
    panel.platform.value = "instagram"
    assert panel.category.value == "comment"


def test_timeline_filters_by_region(content):
    panel = TimelinePanel("fr")
    everything = panel.events.value
    assert all(e.title("fr") in unescape(everything) for e in content.timeline)
    panel.region.value = "au"
    only_au = panel.events.value
    shown = [e for e in content.timeline if e.title("fr") in unescape(only_au)]
    assert shown and len(shown) < len(content.timeline)
    assert all(not e.regions or "au" in e.regions for e in shown)


def test_private_account_still_shows_always_public_items(content):
    panel = AlwaysPublicPanel("en")
    assert panel.account.value == "private"
    assert content.text("public.private-intro", "en") in unescape(panel.items.value)
    assert all(item.label("en") in unescape(panel.items.value) for item in content.always_public)
    panel.account.value = "public"
    assert content.text("public.public-intro", "en") in unescape(panel.items.value)


def test_quiz_gives_immediate_explained_feedback(content):
    panel = QuizPanel("fr", notebook="01")
    view, question = panel.view, panel.questions[0]
    total = len(panel.questions)
    assert question.question("fr") in unescape(view.html) and content.text("quiz.check", "fr") in unescape(view.html)
    view.checked = [question.id]  # Check pressed before choosing
    assert content.text("quiz.choose-first", "fr") in unescape(view.feedback[question.id])

    wrong = next(c.id for c in question.choices if c.id != question.answer)
    view.answers = {question.id: wrong}
    assert content.text("quiz.wrong", "fr") in unescape(view.feedback[question.id])
    right_text = next(c.text("fr") for c in question.choices if c.id == question.answer)
    assert right_text in unescape(view.feedback[question.id])
    assert question.explanation("fr") in unescape(view.feedback[question.id])
    assert content.text("quiz.score", "fr", correct=0, total=total) in unescape(view.result)

    view.answers = {question.id: question.answer}
    assert content.text("quiz.correct", "fr") in unescape(view.feedback[question.id])
    assert content.text("quiz.score", "fr", correct=1, total=total) in unescape(view.result)
    view.checked = []  # a new answer waits for its Check: no verdict on it yet
    assert question.id not in view.feedback


def test_quiz_answers_come_back_with_their_verdicts_on_a_page_opened_again(content):
    """The page hands back the answers it kept (localStorage): checked ones are explained again, in this language."""
    question = next(q for q in content.quiz if q.notebook == "01")
    first = QuizPanel("fr", notebook="01")
    assert first.view.store_key.endswith(".01")
    again = QuizPanel("en", notebook="01")  # the other language's page reads the same key
    assert again.view.store_key == first.view.store_key
    again.view.set_state({"answers": {question.id: question.answer}, "checked": [question.id]})
    assert content.text("quiz.correct", "en") in unescape(again.view.feedback[question.id])


def test_panels_speak_the_language_asked(content):
    fr, en = ExplorerPanel("fr"), ExplorerPanel("en")
    assert fr.platform.description == content.text("explorer.platform", "fr")
    assert en.platform.description == content.text("explorer.platform", "en")
    assert fr.result.value != en.result.value


def test_notebook_language_follows_the_folder(tmp_path, monkeypatch):
    from kit.env import notebook_language

    monkeypatch.delenv("KIT_LANG", raising=False)
    assert notebook_language(tmp_path / "en") == "en"
    assert notebook_language(tmp_path / "fr") == "fr"
    assert notebook_language(tmp_path / "elsewhere") == "fr"
    monkeypatch.setenv("KIT_LANG", "en")
    assert notebook_language(tmp_path / "fr") == "en"
