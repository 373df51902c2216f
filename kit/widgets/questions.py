"""Questions with one answer each, in one widget: the quiz and the self-check draw their questions with it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import anywidget
import traitlets as t

from kit.rendering.html import render


@dataclass(frozen=True)
class Question:
    """One question as the page shows it: its text, (choice id, text) pairs, and where it stands."""

    id: str
    text: str
    choices: list[tuple[str, str]]
    position: str = ""  # "Question 2 of 5", when the form numbers its questions
    inline: bool = False  # short answers side by side (a 1-5 scale)


class QuestionsView(anywidget.AnyWidget):
    """The questions as radios in fieldsets; answers come back here, feedback and the result go to the page.

    One widget for the whole form (an ipywidgets form needs about six widget models per question: each one
    the kernel, the server and the phone pay for).
    """

    _esm = Path(__file__).with_name("questions.js")
    html = t.Unicode("").tag(sync=True)
    answers = t.Dict().tag(sync=True)  # question id -> choice id
    checked = t.List(t.Unicode()).tag(sync=True)  # the questions whose Check button was pressed since their answer
    feedback = t.Dict().tag(sync=True)  # question id -> HTML under it
    submitted = t.Int(0).tag(sync=True)  # presses of the form's own button
    result = t.Unicode("").tag(sync=True)  # HTML under the form's button
    store_key = t.Unicode("").tag(sync=True)  # where the page keeps answers and checks ("" : nowhere)

    def draw(self, name: str, questions: list[Question], check: str = "", submit: str = "", intro: str = "") -> None:
        """Render the form: `check` labels a button under each question, `submit` one under them all."""
        self.html = render("questions/questions.html.j2", name=name, questions=questions, check=check, submit=submit,
                           intro=intro)
