"""Quiz logic: answers checked and explained from data/quiz.yaml (no widget code here)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from kit.content import Content
from kit.content import models as m
from kit.explain import sources_html


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer, ready to show."""

    correct: bool
    html: str


def questions_for(content: Content, notebook: str) -> list[m.QuizQuestion]:
    """The questions of one notebook, in data order."""
    return [q for q in content.quiz if q.notebook == notebook]


def check_answer(content: Content, question: m.QuizQuestion, choice: str, lang: str) -> Feedback:
    """Whether `choice` is right, with the explanation and the sources behind it."""
    correct = choice == question.answer
    verdict = content.text("quiz.correct" if correct else "quiz.wrong", lang)
    colour, symbol = ("#1d6b35", "✓") if correct else ("#9b1c1c", "✗")
    right = next(c for c in question.choices if c.id == question.answer)
    answer = "" if correct else f"<p style='margin:0.3em 0'><strong>{escape(right.text(lang))}</strong></p>"
    sources = sources_html(content, [content.facts[f] for f in question.facts], lang)
    return Feedback(
        correct,
        f'<div class="kit kit-feedback" data-correct="{str(correct).lower()}" role="status">'
        f'<p style="margin:0.3em 0;color:{colour};font-weight:700">'
        f'<span aria-hidden="true">{symbol} </span>{escape(verdict)}</p>{answer}'
        f'<p style="margin:0.3em 0">{escape(question.explanation(lang))}</p>{sources}</div>',
    )
