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

from assistant.domain import Backlog
from assistant.facts.clauses import cause_text, split_sentences, starts_with_cause
from assistant.facts.durations import find_delays
from assistant.facts.glossary import Glossary, load_glossary
from assistant.facts.language import detect_language, fold
from assistant.facts.matching import BacklogIndex
from assistant.facts.sentence import SentenceReader
from assistant.facts.status import DelayUnit, Slip, StatusFacts

_DAYS = {
    DelayUnit.SPRINTS: 14.0,
    DelayUnit.WEEKS: 7.0,
    DelayUnit.WORKING_DAYS: 1.4,
    DelayUnit.CALENDAR_DAYS: 1.0,
    DelayUnit.MONTHS: 30.44,
    DelayUnit.DATES: 1.0,
    DelayUnit.POINTS: 1.0,
}


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
        slips: list[Slip] = []
        unquantified: list[str] = []
        sentences = split_sentences(text)
        skip_next = False
        for n, (start, end) in enumerate(sentences):
            if skip_next:
                skip_next = False
                continue
            reader = SentenceReader(text[start:end], folded[start:end], index, today, language)
            found, vague = reader.read()
            if vague:
                unquantified.append(reader.text)
            if n + 1 < len(sentences) and found and found[-1].reason is None:
                following = sentences[n + 1]
                next_folded = folded[following[0] : following[1]]
                if starts_with_cause(next_folded) and not find_delays(next_folded, today):
                    reason = cause_text(next_folded, (0, len(next_folded)))
                    reason_text = text[following[0] + reason[0] : following[0] + reason[1]]
                    found[-1] = found[-1].model_copy(update={"reason": reason_text or None})
                    skip_next = True
            slips.extend(found)
        kept = _largest_per_item(slips)
        unmatched = [s.sentence for s in kept if s.item_key is None and not s.ambiguous]
        return StatusFacts(
            language=language,
            slips=tuple(kept),
            unmatched=tuple(dict.fromkeys(unmatched)),
            unquantified=tuple(dict.fromkeys(unquantified)),
            extractor=self.name,
        )


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
