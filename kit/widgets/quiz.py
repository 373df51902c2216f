"""Quiz: one card per question, checked at once with an explained answer."""

from __future__ import annotations

import ipywidgets as w

from kit.content import Content
from kit.content import models as m
from kit.quiz import Feedback, check_answer, questions_for
from kit.rendering.explain import sources_html
from kit.rendering.html import paragraph, render, trusted
from kit.widgets.base import Panel


class QuestionCard(w.VBox):
    """A question, its choices, a Check button and the feedback."""

    def __init__(self, panel: QuizPanel, question: m.QuizQuestion, number: int, total: int):
        super().__init__()
        self.panel, self.question = panel, question
        self.correct: bool | None = None
        self._build(number, total)
        self._layout()
        self._wire()

    def _build(self, number: int, total: int) -> None:
        lang = self.panel.lang
        position = self.panel.t("quiz.question", number=number, total=total)
        self.prompt = w.HTML(render("quiz/question.html.j2", position=position, question=self.question.question(lang)))
        self.choices = w.RadioButtons(
            options=[(c.text(lang), c.id) for c in self.question.choices], value=None, layout=w.Layout(width="auto")
        )
        self.check = w.Button(
            description=self.panel.t("quiz.check"), button_style="primary", tooltip=self.panel.t("quiz.check")
        )
        self.feedback = w.HTML()

    def _layout(self) -> None:
        self.layout = w.Layout(padding="0.5rem 1rem", margin="0 0 1rem 0")
        self.add_class("kit-card")
        self.children = [self.prompt, self.choices, self.check, self.feedback]

    def _wire(self) -> None:
        self.check.on_click(self._on_check)

    # --- callbacks ---

    def _on_check(self, button) -> None:
        if self.choices.value is None:
            self.feedback.value = paragraph(self.panel.t("quiz.choose-first"), role="status")
            return
        feedback = check_answer(self.panel.content, self.question, self.choices.value, self.panel.lang)
        self.correct = feedback.correct
        self.feedback.value = self._feedback_html(feedback)
        self.panel.update_score()

    def _feedback_html(self, feedback: Feedback) -> str:
        sources = sources_html(self.panel.content, feedback.facts, self.panel.lang)
        return render("quiz/feedback.html.j2", feedback=feedback, sources=trusted(sources))


class QuizPanel(Panel):
    """Every question of one notebook and a running score."""

    def __init__(self, lang: str, notebook: str = "01", content: Content | None = None):
        self.notebook = notebook
        super().__init__(lang, content)

    def _build(self) -> None:
        questions = questions_for(self.content, self.notebook)
        self.cards = [QuestionCard(self, q, i, len(questions)) for i, q in enumerate(questions, start=1)]
        self.score = w.HTML()

    def _layout(self) -> None:
        self.children = [*self.cards, self.score]

    def _show(self) -> None:
        self.update_score()

    def update_score(self) -> None:
        """Show how many answers are right so far."""
        correct = sum(card.correct is True for card in self.cards)
        score = self.t("quiz.score", correct=correct, total=len(self.cards))
        self.score.value = paragraph(score, strong=True)
