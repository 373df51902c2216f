"""Typed models of the kit's content files in data/ (French and English side by side)."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_ID = r"^[a-z0-9][a-z0-9-]*$"


def _partial_date(value: str | int | dt.date) -> str:
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if not _PARTIAL_DATE.match(text):
        raise ValueError("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    return text


PartialDate = Annotated[str | int | dt.date, AfterValidator(_partial_date)]
Id = Annotated[str, Field(pattern=_ID)]


class Strict(BaseModel):
    """Base model: unknown fields are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """One piece of text in both languages."""

    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


class Confidence(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"
    unconfirmed = "unconfirmed"


class Status(StrEnum):
    used = "used"
    excluded = "excluded"
    unclear = "unclear"


class Source(Strict):
    """A public document a claim rests on."""

    id: Id
    url: str = Field(pattern=r"^https?://")
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    published: PartialDate
    lang: str = Field(default="en", pattern=r"^[a-z]{2}$")


class Surface(StrEnum):
    app = "app"
    web = "web"


class CheckResult(StrEnum):
    confirmed = "confirmed"  # what the kit says is what the account showed
    changed = "changed"  # the account showed something else; the entry now says what was seen


class AccountCheck(Strict):
    """A look at the thing itself on a live account: when, from which country (ISO code), in the app or on the web."""

    date: dt.date  # not `on`, which YAML 1.1 (PyYAML) reads as true
    country: str = Field(pattern=r"^[a-z]{2}$")
    surface: Surface
    result: CheckResult
    # After a change typed in one language, the other language still describes what was there before;
    # a later confirmation keeps it (it is about the text, not the screen).
    translate: str | None = Field(default=None, pattern=r"^(fr|en)$")



class Checked(Strict):
    """How and when an entry was last confirmed: its sources re-read, and (for what only an account shows) seen."""

    sources: dt.date
    account: AccountCheck | None = None


class Fact(Strict):
    """Fields every factual entry carries: sources, how it was last checked, confidence."""

    id: Id
    sources: list[Id] = Field(min_length=1)
    checked: Checked
    confidence: Confidence
    confidence_note: Text | None = None
    refers_to: list[Id] = Field(default_factory=list)  # facts (e.g. a regional use) this entry's text leans on

    @model_validator(mode="after")
    def _note_when_unsure(self) -> Fact:
        if self.confidence in (Confidence.low, Confidence.unconfirmed) and self.confidence_note is None:
            raise ValueError("confidence_note is required when confidence is low or unconfirmed")
        return self

    @property
    def last_checked(self) -> dt.date:
        """The latest date the entry was confirmed, by any means."""
        account = self.checked.account
        return max(self.checked.sources, account.date) if account else self.checked.sources


class UiString(Text):
    """A UI string; one that states something about Meta names the facts it rests on."""

    rests_on: list[Id] = Field(default_factory=list)


class Named(Strict):
    """A platform or a region."""

    id: Id
    name: Text


class Category(Named):
    """A kind of content (post, photo, comment...), what it covers, and the platforms where it exists."""

    description: Text
    platforms: list[Id] = Field(min_length=1)
    inventory: bool = True


class AiRule(Fact):
    """Whether Meta uses some content for AI training, for a set of platforms, regions and categories."""

    platforms: list[Id] = Field(min_length=1)
    regions: list[Id] = Field(min_length=1)
    categories: list[Id] = Field(min_length=1)
    status: Status
    reason: Text
    since: PartialDate | None = None


class RegionalUse(Fact):
    """A use of people's data beyond AI training (e.g. for ads): where it applies, where not, where unknown."""

    applies: list[Id] = Field(min_length=1)
    excluded: list[Id] = Field(default_factory=list)
    unknown: list[Id] = Field(default_factory=list)
    since: PartialDate | None = None
    title: Text
    text: Text


class AccountSetting(Fact):
    """What an account's privacy switch decides on one platform: which kinds of content it makes (not) public."""

    platforms: list[Id] = Field(min_length=1)
    private_hides: list[Id] = Field(min_length=1)  # not public when the account is private
    public_shows: list[Id] = Field(default_factory=list)  # public for sure when the account is public
    text: Text


class AlwaysPublic(Fact):
    """Information that stays public even when an account is private."""

    label: Text
    detail: Text
    categories: list[Id] = Field(default_factory=list)  # public whatever the account's setting
    partly: list[Id] = Field(default_factory=list)  # public when made on someone else's public content


class TimelineEvent(Fact):
    """A dated step in Meta's AI-training policy."""

    date: PartialDate
    regions: list[Id] = Field(default_factory=list)
    title: Text
    text: Text


class RouteKind(StrEnum):
    form = "form"
    app = "app"
    web = "web"
    third_party_form = "third-party-form"


class ObjectionRoute(Fact):
    """A way to object to AI training: a form, or a path in an app or on the web."""

    kind: RouteKind
    platforms: list[Id] = Field(min_length=1)
    regions: list[Id] = Field(min_length=1)
    title: Text
    who: Text
    url: str | None = Field(default=None, pattern=r"^https?://")
    steps: list[Text] = Field(default_factory=list)


class ObjectionEffect(Fact):
    """Something an objection does, or does not do."""

    does: bool
    text: Text


class Reversibility(StrEnum):
    reversible = "reversible"
    irreversible = "irreversible"
    future_only = "future-only"


class Condition(StrEnum):
    """Answers that make a checklist item relevant, beyond platform and region."""

    public_account = "public-account"  # at least one account is public (or the participant is unsure)
    uses_meta_ai = "uses-meta-ai"
    in_others_photos = "in-others-photos"


class ChecklistItem(Fact):
    """One action of the opt-out checklist."""

    when: list[Condition] = Field(default_factory=list)  # all must hold
    platforms: list[Id] = Field(min_length=1)
    regions: list[Id] = Field(min_length=1)
    priority: int = Field(ge=1, le=3)
    minutes: int = Field(ge=1, le=120)
    reversibility: Reversibility
    routes: list[Id] = Field(default_factory=list)  # ways to object (data/objection.yaml), shown with their steps
    action: Text
    why: Text
    changes: Text
    does_not_change: Text
    web_path: Text | None = None
    app_path: Text | None = None
    paths_in_sources: bool = True  # false: no source describes these paths (the kit's best guess)


class Choice(Strict):
    id: Id
    text: Text


class Question(Strict):
    """A question with one right answer, explained; its claims rest on fact entries."""

    id: Id
    question: Text
    choices: list[Choice] = Field(min_length=2)
    answer: Id
    explanation: Text
    facts: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _answer_is_a_choice(self) -> Question:
        if self.answer not in {c.id for c in self.choices}:
            raise ValueError(f"answer '{self.answer}' is not one of the choices")
        return self


class QuizQuestion(Question):
    """A quiz question of one notebook, answered at once."""

    notebook: str = Field(pattern=r"^\d\d$")


class LetterReason(Strict):
    """A reason a participant may choose to give in an objection (the form needs none)."""

    id: Id
    text: Text


class ObjectionLetter(Fact):
    """An objection text to paste into Meta's form, with {placeholders} the participant fills."""

    regions: list[Id] = Field(min_length=1)
    subject: Text
    body: Text  # placeholders: {accounts}, {reasons}, {clause}, {date}; {reasons} and {clause} may be empty
    reasons: list[LetterReason] = Field(default_factory=list)
    clauses: dict[Id, Text] = Field(default_factory=dict)  # region → a paragraph for that region only ({clause})
