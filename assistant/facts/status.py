"""What a status text says, as structured facts: the contract between extractors and the engine.

The rule-based extractor (offline default) and, later, an LLM extractor both produce
`StatusFacts`; the impact engine only reads these models.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Protocol

from pydantic import Field

from assistant.domain import Backlog, Frozen


class DelayUnit(StrEnum):
    SPRINTS = "sprints"
    WEEKS = "weeks"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"
    POINTS = "points"
    DATES = "dates"  # an old date and a new date; amount = calendar days between them


class Delay(Frozen):
    """A delay as the text states it, before any conversion to weeks."""

    amount: float = Field(description="In `unit`; for DATES, calendar days from old to new.")
    unit: DelayUnit
    text: str = Field(description="The phrase the delay was read from, verbatim.")
    old_date: dt.date | None = None
    new_date: dt.date | None = None


class MatchMethod(StrEnum):
    KEY = "key"  # an issue key written in the text
    TITLE = "title"  # words of the text match an item title
    FUZZY = "fuzzy"  # approximate (typos, plural, accents)
    GLOSSARY = "glossary"  # matched through a French/English synonym
    VECTOR = "vector"  # nearest title by meaning (embeddings), no shared word needed
    HYBRID = "hybrid"  # words and meaning agree (reciprocal rank fusion of both)


class Match(Frozen):
    key: str
    score: float = Field(ge=0, le=1)
    method: MatchMethod


class SlipKind(StrEnum):
    LATE = "late"
    AHEAD = "ahead"  # good news: earlier than planned


class Slip(Frozen):
    """One reported change of schedule and what it refers to."""

    kind: SlipKind = SlipKind.LATE
    mention: str = Field(description="The words naming what slipped, as written.")
    sentence: str = Field(description="The clause the slip was read from.")
    delay: Delay
    reason: str | None = Field(default=None, description="Why, if the text says so.")
    candidates: tuple[Match, ...] = Field(default=(), description="Best matches, best first.")
    item_key: str | None = Field(default=None, description="Resolved item; None if unmatched.")
    ambiguous: bool = False


class StatusFacts(Frozen):
    language: str = Field(pattern="^(fr|en)$", description="Detected language of the status.")
    slips: tuple[Slip, ...] = ()
    unmatched: tuple[str, ...] = Field(
        default=(), description="Sentences that report a delay whose subject matched no item."
    )
    unquantified: tuple[str, ...] = Field(
        default=(),
        description='Sentences that talk of a delay without a quantity ("a bit late").',
    )
    extractor: str = "rules"
    warnings: tuple[str, ...] = Field(
        default=(), description="What the reader should know about the extraction itself."
    )


class Extractor(Protocol):
    """Reads a status text against a backlog. `today` resolves dates written without a year."""

    def extract(self, text: str, backlog: Backlog, *, today: dt.date) -> StatusFacts: ...
