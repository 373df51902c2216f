"""Quiz logic: answers checked and explained from data/quiz.yaml (no widget code, no markup here)."""

from __future__ import annotations

from dataclasses import dataclass

from kit.content import Content
from kit.content import models as m


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer, in the participant's language."""

    correct: bool
    verdict: str
    right_answer: str | None  # the right choice's text, when the answer was wrong
    explanation: str
    facts: list[m.Fact]  # the facts behind the explanation, whose sources are shown with it


def questions_for(content: Content, notebook: str) -> list[m.QuizQuestion]:
    """The questions of one notebook, in data order."""
    return [q for q in content.quiz if q.notebook == notebook]


def check_answer(content: Content, question: m.QuizQuestion, choice: str, lang: str) -> Feedback:
    """Whether `choice` is right, with the explanation and the facts behind it."""
    correct = choice == question.answer
    right = next(c for c in question.choices if c.id == question.answer)
    return Feedback(
        correct=correct,
        verdict=content.text("quiz.correct" if correct else "quiz.wrong", lang),
        right_answer=None if correct else right.text(lang),
        explanation=question.explanation(lang),
        facts=[content.facts[f] for f in question.facts],
    )
