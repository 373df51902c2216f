"""A widget that lives in the attendee's browser: a localStorage-backed store."""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets as t

HERE = Path(__file__).parent
CHECKLIST_KEY = "kit.checklist"  # notebook 03's answers and ticks
INVENTORY_KEY = "kit.inventory"  # notebook 02's inventory, as CSV, for notebook 03
INVENTORY_ANSWERS_KEY = "kit.inventory.answers"  # notebook 02's answers by hand, shown again on a page opened again
SELFCHECK_KEY = "kit.selfcheck"  # the before/after self-check answers (notebooks 01 and 03)
SELFCHECK_DRAFT_KEY = "kit.selfcheck.draft"  # + ".before" / ".after": answers chosen, not yet saved
QUIZ_KEY = "kit.quiz"  # + ".01": a notebook's quiz answers and the questions checked


def answer_keys(notebooks: list[str]) -> list[str]:
    """Every key under which the page keeps answers (module 2's, the quizzes of `notebooks`, the self-check)."""
    return [INVENTORY_ANSWERS_KEY, SELFCHECK_KEY, f"{SELFCHECK_DRAFT_KEY}.before", f"{SELFCHECK_DRAFT_KEY}.after",
            *(f"{QUIZ_KEY}.{notebook}" for notebook in notebooks)]


class BrowserStore(anywidget.AnyWidget):
    """A JSON value kept in this browser's localStorage under `key`; `ready` once the page has restored it."""

    _esm = HERE / "browser_store.js"
    key = t.Unicode("").tag(sync=True)
    data = t.Dict().tag(sync=True)
    ready = t.Bool(False).tag(sync=True)

    def erase(self, *keys: str) -> None:
        """Forget the value here and in the browser (and other keys of the kit, if given)."""
        self.data = {}
        self.send({"event": "erase", "keys": [self.key, *keys]})

