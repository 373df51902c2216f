"""The anonymous before/after self-check: the same questions at the start and at the end, kept in the browser."""

from __future__ import annotations

import ipywidgets as w

from kit.content import Content
from kit.rendering.explain import sources_html
from kit.rendering.html import paragraph, render, trusted
from kit.widgets.base import Panel
from kit.widgets.browser import SELFCHECK_KEY, BrowserStore

STAGES = ("before", "after")


class SelfCheckPanel(Panel):
    """The self-check questions; at the end, a comparison with the answers given at the start."""

    def __init__(self, lang: str, stage: str, content: Content | None = None):
        if stage not in STAGES:
            raise ValueError(f"stage must be one of {STAGES}")
        self.stage = stage
        super().__init__(lang, content)

    def _build(self) -> None:
        self.questions = self.content.selfcheck
        self.answers = {
            q.id: w.RadioButtons(value=None, options=[(c.text(self.lang), c.id) for c in q.choices],
                                 layout=w.Layout(width="auto"))
            for q in self.questions
        }
        self.confidence = w.ToggleButtons(options=[str(n) for n in range(1, 6)], value=None,
                                          style={"button_width": "3rem"})
        self.save = w.Button(description=self.t("selfcheck.save"), button_style="primary",
                             layout=w.Layout(width="auto"))
        self.result = w.HTML()
        self.store = BrowserStore(key=SELFCHECK_KEY)

    def _layout(self) -> None:
        def prompt(text: str) -> w.HTML:
            return w.HTML(render("selfcheck/question.html.j2", question=text))

        questions = [item for q in self.questions for item in (prompt(q.question(self.lang)), self.answers[q.id])]
        self.children = [w.HTML(paragraph(self.t(f"selfcheck.intro-{self.stage}"))), *questions,
                         prompt(self.t("selfcheck.confidence")), self.confidence, self.save, self.result, self.store]

    def _wire(self) -> None:
        self.save.on_click(self._on_save)

    # --- callbacks ---

    def _on_save(self, button) -> None:
        saved = dict(self.store.data) if isinstance(self.store.data, dict) else {}
        saved[self.stage] = {"answers": {qid: radio.value for qid, radio in self.answers.items()},
                             "confidence": self.confidence.value}
        self.store.data = saved
        self.result.value = (paragraph(self.t("selfcheck.saved-before"), role="status")
                             if self.stage == "before" else self._comparison(saved))

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
