"""Reading one sentence of a status: its delay phrases, their subjects and their reasons.

The subject is looked for after the phrase when a preposition introduces it ("3 sprints de
retard sur la migration"), then before it ("la migration glisse de 2 semaines"), then in the
clause just before ("Migration : +2 sprints"); the first that resolves wins, and issue keys
written there beat title words. Failing all three, a key written earlier in the sentence is the
subject. The reason is what follows the slip's clause up to the next delay or a "but", else a
parenthesis; it never makes a slip nor changes the item.
"""

from __future__ import annotations

import datetime as dt

import assistant.patterns as cached_re
from assistant.facts.clauses import (
    Clause,
    Span,
    after_mention,
    before_mention,
    cause_text,
    split_clauses,
)
from assistant.facts.durations import DelayHit, find_delays, is_no_slip, is_vague_delay
from assistant.facts.matching import BacklogIndex, Resolution
from assistant.facts.status import Delay, Match, MatchMethod, Slip, SlipKind

_PARENS = cached_re.compile(r"\(([^()]*)\)")
_LABEL = cached_re.compile(r"\s*+([^:\n]{1,60}?)\s*+:(?=\s)")
_KEYS_ONLY = cached_re.compile(r"(?:[\s,;/&]*(?:[A-Za-z][A-Za-z0-9]*-\d+|#\d+))*[\s,;/&]*")


class SentenceReader:
    """Reads the slips of one sentence; offsets are shared by `text` and `folded`."""

    def __init__(
        self, text: str, folded: str, index: BacklogIndex, today: dt.date, language: str
    ) -> None:
        self.text, self.folded, self.index = text, folded, index
        self.hits = find_delays(folded, today)
        protected = [(h.start, h.end) for h in self.hits]
        self.clauses: list[Clause] = split_clauses(folded, protected, language)
        self.unquantified = False
        self.placed: list[tuple[DelayHit, int, int]] = []  # per slip: its hit and segment

    def _clause_at(self, offset: int) -> int:
        return next(
            (i for i, c in enumerate(self.clauses) if c.start <= offset < c.end),
            max(0, len(self.clauses) - 1),
        )

    def read(self) -> tuple[list[Slip], bool]:
        """The slips of this sentence, and whether it talks of a delay without a number."""
        if not self.clauses:
            return [], False
        spans = [(self._clause_at(h.start), self._clause_at(h.end - 1)) for h in self.hits]
        with_hit = {i for first, last in spans for i in range(first, last + 1)}
        used = set(with_hit)
        slips: list[Slip] = []
        subject: tuple[Span | None, list[Resolution]] | None = None
        for n, (hit, (first, last)) in enumerate(zip(self.hits, spans, strict=True)):
            lo = max(self.clauses[first].start, self.hits[n - 1].end if n else 0)
            nxt = self.hits[n + 1].start if n + 1 < len(self.hits) else len(self.folded)
            hi = min(self.clauses[last].end, nxt)
            candidates = [after_mention(self.folded, (hit.end, hi))]
            candidates.append(before_mention(self.folded, (lo, hit.start)))
            previous = self.clauses[first - 1] if first > 0 else None
            if previous and first - 1 not in with_hit and not previous.cause:
                candidates.append(before_mention(self.folded, (previous.start, previous.end)))
            label = self._label(hit.start)
            if label:  # "Connecteur Yuki : entre 9 et 18 jours": a label names the item
                candidates.append(label)
            found = [c for c in candidates if c]
            inherited = not found and subject is not None  # "..., soit 3 sprints au total"
            if not inherited:
                subject = self._subject(found)
                if not any(r.item_key or r.ambiguous for r in subject[1]):
                    subject = (
                        self._key_earlier(self.hits[n - 1].end if n else 0, hit.start) or subject
                    )
            mention, resolutions = subject
            reason = self._reason(last, with_hit, used) or self._parenthesis(lo, hi)
            clause_start = self.clauses[first].start
            if mention and not inherited:
                clause_start = min(clause_start, mention[0])
            sentence = self.text[clause_start : self.clauses[last].end]
            for resolution in resolutions:
                slip = self._slip(hit, mention, sentence, reason, resolution)
                if slip is not None:
                    slips.append(slip)
                    self.placed.append((hit, lo, nxt))
        vague = self.unquantified or any(
            is_vague_delay(self.folded[c.start : c.end])
            for i, c in enumerate(self.clauses)
            if i not in used
        )
        return slips, vague

    def _label(self, before: int) -> Span | None:
        """The words before the sentence's first colon, when the colon precedes `before`."""
        m = _LABEL.match(self.folded)
        if m is None or m.end(1) >= before:
            return None
        return before_mention(self.folded, (m.start(1), m.end(1)))

    def _subject(self, spans: list[Span]) -> tuple[Span | None, list[Resolution]]:
        for span in spans:
            words = self.text[span[0] : span[1]]
            outside = _PARENS.sub(" ", words)
            keys = self.index.find_keys(outside) or self.index.find_keys(words)
            if keys:
                return span, [_by_key(key) for key in keys]
            resolution = self.index.resolve(outside)
            if resolution.item_key or resolution.ambiguous:
                return span, [resolution]
        return (spans[0] if spans else None), [Resolution()]

    def _key_earlier(self, lo: int, hi: int) -> tuple[Span, list[Resolution]] | None:
        """A key written earlier in the sentence ("BIL-21 : la développeuse est absente, 2
        sprints de retard") names the subject when the nearby words name nothing."""
        keys = self.index.find_keys(_PARENS.sub(" ", self.text[lo:hi]))
        if not keys:
            return None
        first = self.text.find(keys[0], lo, hi)
        span = (first, first + len(keys[0])) if first >= 0 else (lo, hi)
        return span, [_by_key(key) for key in keys]

    def _reason(self, last: int, with_hit: set[int], used: set[int]) -> str | None:
        taken: list[Clause] = []
        for i in range(last + 1, len(self.clauses)):
            clause = self.clauses[i]
            words = self.folded[clause.start : clause.end]
            if i in with_hit or clause.contrast or is_no_slip(words):
                break
            if is_vague_delay(words) and not clause.cause:
                break
            taken.append(clause)
            used.add(i)
        if not taken:
            return None
        start, end = cause_text(self.folded, (taken[0].start, taken[-1].end))
        return self.text[start:end] or None

    def _parenthesis(self, lo: int, hi: int) -> str | None:
        for m in _PARENS.finditer(self.text, lo, hi):
            inside = m.group(1).strip()
            if _KEYS_ONLY.fullmatch(inside) is None:
                return inside
        return None

    def _slip(
        self,
        hit: DelayHit,
        mention: Span | None,
        sentence: str,
        reason: str | None,
        resolution: Resolution,
    ) -> Slip | None:
        amount, old, kind = hit.amount, hit.old_date, hit.kind
        if amount is None:  # a lone new date: measured from the item's planned date
            item = self.index.backlog.get(resolution.item_key or "")
            if item is None or item.due is None or hit.new_date is None:
                self.unquantified = True
                return None
            old, amount = item.due, float(abs((hit.new_date - item.due).days))
            kind = SlipKind.LATE if hit.new_date > item.due else SlipKind.AHEAD
            if amount == 0:
                return None
        delay = Delay(
            amount=float(amount),
            unit=hit.unit,
            text=self.text[hit.start : hit.end],
            old_date=old,
            new_date=hit.new_date,
        )
        return Slip(
            kind=kind,
            mention=self.text[mention[0] : mention[1]] if mention else "",
            sentence=sentence.strip().rstrip(".;,:").rstrip(),
            delay=delay.model_copy(update={"low": hit.low, "replaces": hit.replaces}),
            reason=reason,
            candidates=resolution.candidates,
            item_key=resolution.item_key,
            ambiguous=resolution.ambiguous,
        )


def _by_key(key: str) -> Resolution:
    return Resolution((Match(key=key, score=1.0, method=MatchMethod.KEY),), key)
