"""The rule-based status extractor: the offline default behind the `Extractor` protocol.

Reads each sentence for delay phrases (durations.py), cuts it into clauses (clauses.py), finds
the words naming what slipped and resolves them against the backlog (matching.py).

Decisions a reader should know:
- One slip per delay phrase; how its subject and reason are found is in sentence.py. A
  reason may also be the next sentence when it starts with "because"/"car"/"en cause".
- The same item reported twice with the same kind keeps only the larger delay (compared with
  2-week sprints and 30-day months; points are scope, kept apart from time).
- A subject that matches no item still yields a slip (`item_key` None) and its sentence is
  listed in `unmatched`; a tie yields `ambiguous` with the candidates.
- Delay talk without a number ("a bit late") yields no slip: the sentence goes to
  `unquantified`. So does a date moved to a new date when the item has no planned date.
"""

from __future__ import annotations

import datetime as dt
import os

from assistant.domain import Backlog
from assistant.errors import InputError
from assistant.facts.clauses import split_sentences
from assistant.facts.glossary import Glossary, load_glossary
from assistant.facts.language import detect_language, fold, unsupported_language
from assistant.facts.matching import BacklogIndex
from assistant.facts.reading import StatusReading, to_claims
from assistant.facts.status import ClaimKind, DelayUnit, Slip, StatusFacts

_DAYS = {
    DelayUnit.SPRINTS: 14.0,
    DelayUnit.WEEKS: 7.0,
    DelayUnit.WORKING_DAYS: 1.4,
    DelayUnit.CALENDAR_DAYS: 1.0,
    DelayUnit.MONTHS: 30.44,
    DelayUnit.DATES: 1.0,
    DelayUnit.POINTS: 1.0,
}


DEFAULT_MAX_STATUS_CHARS = 50_000  # the request models of assistant.service take it too


class RuleBasedExtractor:
    """Regular expressions, a glossary and fuzzy matching; no model, no network, no clock."""

    name = "rules"

    def __init__(self, glossary: Glossary | None = None, *, cache_size: int = 8) -> None:
        self._glossary = glossary
        self._cache_size = cache_size
        self._indexes: dict[int, tuple[Backlog, BacklogIndex]] = {}

    def index(self, backlog: Backlog) -> BacklogIndex:
        """The title index of `backlog`, built on first use and kept for the next statuses."""
        cached = self._indexes.get(id(backlog))
        if cached is not None and cached[0] is backlog:
            return cached[1]
        if self._glossary is None:
            self._glossary = load_glossary()
        index = BacklogIndex(backlog, self._glossary)
        if len(self._indexes) >= self._cache_size:
            self._indexes.pop(next(iter(self._indexes)))
        self._indexes[id(backlog)] = (backlog, index)
        return index

    def extract(self, text: str, backlog: Backlog, *, today: dt.date) -> StatusFacts:
        index = self.index(backlog)
        language = detect_language(text)
        folded = fold(text)
        drafts = StatusReading(text, folded, index, today, language).read(split_sentences(text))
        claims = to_claims(drafts)
        slips = [
            d.slip
            for d in drafts
            if d.slip is not None
            and (
                d.kind in (ClaimKind.SLIP, ClaimKind.GOOD_NEWS)
                or (d.kind is ClaimKind.TO_CONFIRM and d.slip.item_key is None)
            )
        ]
        unmatched = [c.quote for c in claims if c.kind is ClaimKind.TO_CONFIRM and c.delay]
        unquantified = [c.quote for c in claims if c.kind is ClaimKind.TO_CONFIRM and not c.delay]
        return StatusFacts(
            language=language,
            slips=tuple(slips),
            unmatched=tuple(dict.fromkeys(unmatched)),
            unquantified=tuple(dict.fromkeys(unquantified)),
            extractor=self.name,
            claims=tuple(claims),
        )


def check_status_text(text: str) -> None:
    """Refuse what cannot be read: an empty status, one beyond the size bound, or one written
    in a language Steerco does not read (it would otherwise read as "nothing moves")."""
    if not text.strip():
        raise InputError(
            "the status is empty: there is nothing to read.",
            fix="paste or give the status text (--status FILE, --status - or --text).",
        )
    limit = max_status_chars()
    if len(text) > limit:
        raise InputError(
            f"the status is {len(text):,} characters long; Steerco reads at most {limit:,}.",
            fix="shorten it to what the committee needs, or raise STEERCO_MAX_STATUS_CHARS.",
        )
    foreign = unsupported_language(text)
    if foreign is not None:
        raise InputError(
            f"this status looks {foreign}; Steerco reads {_spoken()}.",
            fix="write or translate the status in one of those languages.",
        )


def max_status_chars() -> int:
    """The bound on one status (setting STEERCO_MAX_STATUS_CHARS, default and most 50,000)."""
    raw = os.environ.get("STEERCO_MAX_STATUS_CHARS", "")
    try:
        return max(1, int(raw)) if raw.strip() else DEFAULT_MAX_STATUS_CHARS
    except ValueError:
        raise InputError(
            f"STEERCO_MAX_STATUS_CHARS is {raw!r}, not a whole number.",
            fix="set it to a number of characters, e.g. 100000, or unset it.",
        ) from None


def _spoken() -> str:
    from assistant.lang import READ, SPOKEN

    names = [SPOKEN[code] for code in READ]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def _largest_per_item(slips: list[Slip]) -> list[Slip]:
    """One slip per (item, kind, time or points): the largest, at the place of the first."""
    best: dict[tuple[str, str, bool], int] = {}
    kept: list[Slip] = []
    for slip in slips:
        if slip.item_key is None:
            kept.append(slip)
            continue
        group = (slip.item_key, slip.kind.value, slip.delay.unit is DelayUnit.POINTS)
        size = slip.delay.amount * _DAYS[slip.delay.unit]
        if group not in best:
            best[group] = len(kept)
            kept.append(slip)
            continue
        held = kept[best[group]]
        if size > held.delay.amount * _DAYS[held.delay.unit]:
            kept[best[group]] = slip
    return kept
