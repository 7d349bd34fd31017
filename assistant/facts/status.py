"""What a status text says, as structured facts: the contract between extractors and the engine.

The rule-based extractor (offline default) and, later, an LLM extractor both produce
`StatusFacts`; the impact engine only reads these models.
"""

import datetime as dt
from enum import StrEnum
from typing import Protocol

from pydantic import Field, field_validator

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
    low: float | None = Field(
        default=None, description='Lower bound of a range ("2 à 3 semaines"), in `unit`.'
    )
    replaces: str | None = Field(
        default=None, description='The figure this one corrects, as written ("2 semaines").'
    )


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


class ClaimKind(StrEnum):
    SLIP = "slip"  # a certain delay with an amount: the only kind that is priced
    RISK = "risk"  # conditional or hedged: an "if it happens" figure, never in the totals
    RECOVERED = "recovered"  # time lost and caught up
    SUPERSEDED = "superseded"  # a figure corrected or restated later in the status
    GOOD_NEWS = "good_news"  # ahead of plan: never counted as a gain
    TO_CONFIRM = "to_confirm"  # late with no figure, an item not found, a date not placed
    NEWS = "news"  # budget, staffing, incident, vendor or regulator news for the committee
    NOT_A_SLIP = "not_a_slip"  # on track, a date, a count, a version, a sprint number
    ADDRESSED_TO_TOOL = "addressed_to_tool"  # an instruction to the assistant: never a fact


class ClaimReader(StrEnum):
    RULES = "rules"
    MODEL = "model"
    MEMORY = "memory"
    CTO = "cto"


class NewsKind(StrEnum):
    BUDGET = "budget"
    STAFFING = "staffing"
    INCIDENT = "incident"
    VENDOR = "vendor"
    REGULATOR = "regulator"


class Claim(Frozen):
    """One statement of the status about time, money, people or incidents, and how it was
    read. Every such sentence ends in at least one claim; only `slip` reaches the figures."""

    id: str = Field(description="c1, c2... in text order.")
    quote: str = Field(description="The words of the status that carry it, verbatim.")
    start: int = Field(ge=0, description="Offset of the quote in the status text.")
    end: int = Field(ge=0)
    kind: ClaimKind
    item: str | None = Field(default=None, description="The backlog item it is about.")
    matched_by: MatchMethod | None = Field(default=None, description="How the item was found.")
    mention: str = Field(default="", description="The words naming the item, as written.")
    delay: Delay | None = Field(default=None, description="The quantity as stated.")
    weeks: float | None = Field(
        default=None, description="The delay in weeks (ranges: the upper bound, priced)."
    )
    range_weeks: tuple[float, float] | None = Field(
        default=None, description="Both bounds of a range, in weeks."
    )
    old_date: dt.date | None = None
    new_date: dt.date | None = None
    news: NewsKind | None = None
    reader: ClaimReader = ClaimReader.RULES
    note: str = Field(default="", description="Why it was read this way (one line).")


class StatusFacts(Frozen):
    language: str = Field(description="Detected language of the status (assistant/lang).")

    slips: tuple[Slip, ...] = ()
    unmatched: tuple[str, ...] = Field(
        default=(), description="Sentences that report a delay whose subject matched no item."
    )
    unquantified: tuple[str, ...] = Field(
        default=(),
        description='Sentences that talk of a delay without a quantity ("a bit late").',
    )
    extractor: str = "rules"
    claims: tuple[Claim, ...] = Field(
        default=(), description="The reading: every claim of the status, in text order."
    )
    warnings: tuple[str, ...] = Field(
        default=(), description="What the reader should know about the extraction itself."
    )

    @field_validator("language")
    @classmethod
    def _read_language(cls, value: str) -> str:
        from assistant.lang import READ

        if value not in READ:
            raise ValueError(f"language must be one of {', '.join(READ)}")
        return value


class Extractor(Protocol):
    """Reads a status text against a backlog. `today` resolves dates written without a year."""

    def extract(self, text: str, backlog: Backlog, *, today: dt.date) -> StatusFacts: ...
