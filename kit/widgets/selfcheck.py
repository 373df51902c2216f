"""The anonymous before/after self-check: the same questions at the start and at the end, kept in the browser."""

from __future__ import annotations

from kit.content import Content
from kit.rendering.explain import sources_html
from kit.rendering.html import paragraph, render, trusted
from kit.widgets.base import Panel
from kit.widgets.browser import SELFCHECK_DRAFT_KEY, SELFCHECK_KEY, BrowserStore
from kit.widgets.questions import Question, QuestionsView

STAGES = ("before", "after")
CONFIDENCE = "confidence"  # the last question's id: how sure the attendee feels, 1 to 5
CONFIDENCE_SCALE = [str(n) for n in range(1, 6)]


class SelfCheckPanel(Panel):
    """The self-check questions; at the end, a comparison with the answers given at the start.

    Answers being given are kept by the page (a draft per stage); saved ones go to kit.selfcheck, which the
    self-check of the other module, and the room pulse when the attendee agrees, read.
    """

    def __init__(self, lang: str, stage: str, content: Content | None = None):
        if stage not in STAGES:
            raise ValueError(f"stage must be one of {STAGES}")
        self.stage = stage
        super().__init__(lang, content)

    def _build(self) -> None:
        self.questions = self.content.selfcheck
        self.view = QuestionsView(store_key=f"{SELFCHECK_DRAFT_KEY}.{self.stage}")
        self.store = BrowserStore(key=SELFCHECK_KEY)

    def _layout(self) -> None:
        questions = [Question(q.id, q.question(self.lang), [(c.id, c.text(self.lang)) for c in q.choices])
                     for q in self.questions]
        questions.append(Question(CONFIDENCE, self.t("selfcheck.confidence"), [(n, n) for n in CONFIDENCE_SCALE],
                                  inline=True))
        self.view.draw(f"selfcheck-{self.stage}", questions, submit=self.t("selfcheck.save"),
                       intro=self.t(f"selfcheck.intro-{self.stage}"))
        self.children = [self.view, self.store]

    def _wire(self) -> None:
        self.view.observe(self._on_save, names="submitted")
        self.store.observe(self._on_restored, names="ready")

    def save(self) -> None:
        """Keep this stage's answers in the browser and show what they mean."""
        saved = dict(self.store.data) if isinstance(self.store.data, dict) else {}
        answers = self.view.answers
        saved[self.stage] = {"answers": {q.id: answers.get(q.id) for q in self.questions},
                             "confidence": answers.get(CONFIDENCE)}
        self.store.data = saved
        self.view.result = (paragraph(self.t("selfcheck.saved-before"), role="status")
                            if self.stage == "before" else self._comparison(saved))

    # --- callbacks ---

    def _on_save(self, change) -> None:
        self.save()

    def _on_restored(self, change) -> None:
        """A page opened again: the answers saved at this stage come back, unless the page kept newer ones."""
        stage = self.store.data.get(self.stage) if isinstance(self.store.data, dict) else None
        if not change["new"] or not isinstance(stage, dict) or self.view.answers:
            return
        answers = stage.get("answers")
        answers = answers if isinstance(answers, dict) else {}
        restored = {qid: str(choice) for qid, choice in answers.items() if choice}
        if stage.get("confidence"):
            restored[CONFIDENCE] = str(stage["confidence"])
        self.view.answers = restored

    def _comparison(self, saved: dict) -> str:
        """Right answers then and now, and each answer explained."""
        before = saved.get("before", {}) if isinstance(saved.get("before"), dict) else {}
        now = saved["after"]

        def score(stage: dict) -> int:
            answers = stage.get("answers", {}) if isinstance(stage.get("answers"), dict) else {}
            return sum(answers.get(q.id) == q.answer for q in self.questions)
        total = len(self.questions)
        lines = [self.t("selfcheck.result", before=score(before), after=score(now), total=total) if before
                 else self.t("selfcheck.result-no-before", after=score(now), total=total)]
        if before.get("confidence") and now.get("confidence"):
            lines.append(self.t("selfcheck.confidence-result", before=before["confidence"], after=now["confidence"]))
        items = [
            {
                "question": q.question(self.lang),
                "answer": next(c.text(self.lang) for c in q.choices if c.id == q.answer),
                "explanation": q.explanation(self.lang),
                "sources": trusted(sources_html(self.content, [self.content.facts[f] for f in q.facts], self.lang)),
            }
            for q in self.questions
        ]
        return render("selfcheck/result.html.j2", lines=lines, items=items)
