"""Quiz: one card per question, checked at once with an explained answer."""

from __future__ import annotations

from kit.quiz import check_answer, questions_for
from kit.rendering.explain import sources_html
from kit.rendering.html import paragraph, render, trusted
from kit.widgets.base import Panel
from kit.widgets.browser import QUIZ_KEY
from kit.widgets.questions import Question, QuestionsView


class QuizPanel(Panel):
    """Every question of one notebook, each with its Check button and explained verdict, and a running score.

    The page keeps the answers (kit.widgets.browser.QUIZ_KEY): after a reload or on the other language's page
    they are there again, checked ones with their verdict.
    """

    def __init__(self, lang: str, notebook: str = "01", content=None):
        self.notebook = notebook
        super().__init__(lang, content)

    def _build(self) -> None:
        self.questions = questions_for(self.content, self.notebook)
        self.view = QuestionsView(store_key=f"{QUIZ_KEY}.{self.notebook}")

    def _layout(self) -> None:
        total = len(self.questions)
        self.view.draw(f"quiz-{self.notebook}", [
            Question(q.id, q.question(self.lang), [(c.id, c.text(self.lang)) for c in q.choices],
                     position=self.t("quiz.question", number=number, total=total))
            for number, q in enumerate(self.questions, start=1)
        ], check=self.t("quiz.check"))
        self.children = [self.view]

    def _wire(self) -> None:
        self.view.observe(self._on_answer, names=["answers", "checked"])

    def _show(self) -> None:
        feedback, correct = {}, 0
        for question in self.questions:
            if question.id not in self.view.checked:
                continue
            choice = self.view.answers.get(question.id)
            if choice not in {c.id for c in question.choices}:
                feedback[question.id] = paragraph(self.t("quiz.choose-first"), role="status")
                continue
            verdict = check_answer(self.content, question, choice, self.lang)
            correct += verdict.correct
            sources = sources_html(self.content, verdict.facts, self.lang)
            feedback[question.id] = render("quiz/feedback.html.j2", feedback=verdict, sources=trusted(sources))
        self.view.feedback = feedback
        self.view.result = paragraph(self.t("quiz.score", correct=correct, total=len(self.questions)), strong=True)

    # --- callbacks ---

    def _on_answer(self, change) -> None:
        self._show()
