"""Which backlog item a status means: "la migration", "the carrier portal epic", "MIG-103".

Titles and mentions are reduced to terms (folded, stop words out, plurals stripped); glossary
synonyms map "payment" and "paiement" to one concept; rare terms weigh more than common ones
(IDF over the backlog titles); rapidfuzz forgives typos. The hint and filler words are every
read language's (assistant/lang/<code>.py). Build a `BacklogIndex` once per
backlog and ask it many mentions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

import assistant.patterns as cached_re
from assistant.domain import Backlog
from assistant.facts.glossary import Glossary
from assistant.facts.language import stem, terms, words
from assistant.facts.status import Match, MatchMethod
from assistant.lang import words_of

MIN_SCORE = 0.5  # below this the best candidate is not a match
TIE_MARGIN = 0.05  # candidates this close to the best are a tie
HINT_BONUS = 0.1  # "epic"/"chantier" in a mention favours epics; "story"/"ticket" the others
FUZZY_CUTOFF = 85  # rapidfuzz ratio for a typo ("migraton" -> "migration")


@cache
def _hints() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Epic words ("epic", "chantier"), story words ("ticket") and every word a mention drops
    with them (their plurals too), of every read language (assistant/lang/<code>.py)."""
    epic, story = frozenset(words_of("epic_words")), frozenset(words_of("story_words"))
    return epic, story, epic | story | frozenset(words_of("item_plurals"))


@cache
def filler() -> frozenset[str]:
    """Schedule words that name no item unless some title uses them: "the migration's ETA"."""
    return frozenset(stem(word) for word in words_of("filler"))


_KEY = cached_re.compile(r"(?<![\w-])([A-Za-z][A-Za-z0-9]*-\d+)(?![\w-])")
_NUMBER_REF = cached_re.compile(r"(?<![\w#])#(\d+)\b")
_REPO_REF = cached_re.compile(r"(?<![\w/.-])([\w.-]+/[\w.-]+#\d+)\b")  # GitHub "owner/repo#12"
_TRAILING_NUMBER = cached_re.compile(r"(?:^|#)(\d+)$")
_METHOD_RANK = {MatchMethod.TITLE: 0, MatchMethod.GLOSSARY: 1, MatchMethod.FUZZY: 2}


class Resolution(NamedTuple):
    """Where a mention points. `item_key` is None when nothing matched or when it is ambiguous."""

    candidates: tuple[Match, ...] = ()
    item_key: str | None = None
    ambiguous: bool = False


class _Term(NamedTuple):
    key: str  # concept id ("#payment") or stem
    surface: str  # the stem as written
    quality: float = 1.0  # below 1 for a fuzzy match
    fuzzy: bool = False


@dataclass
class BacklogIndex:
    """Title terms of every item of one backlog, ready for many `resolve` calls."""

    backlog: Backlog
    glossary: Glossary
    _phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    _longest: int = 1
    _item_keys: dict[str, set[str]] = field(default_factory=dict)
    _item_surfaces: dict[str, set[str]] = field(default_factory=dict)
    _postings: dict[str, set[str]] = field(default_factory=dict)
    _weights: dict[str, float] = field(default_factory=dict)
    _vocabulary: dict[str, str] = field(default_factory=dict)
    _partial: dict[str, str] = field(default_factory=dict)
    _upper_keys: dict[str, str] = field(default_factory=dict)
    _numbers: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.glossary.entries:
            for term in entry.terms():
                stems = tuple(terms(term))
                if stems:
                    self._phrases.setdefault(stems, "#" + entry.id)
        self._longest = max((len(p) for p in self._phrases), default=1)
        for key, item in self.backlog.items.items():
            found = self._terms(item.title)
            self._item_keys[key] = {t.key for t in found}
            self._item_surfaces[key] = {w for t in found for w in (t.surface, *t.surface.split())}
            for t in found:
                self._postings.setdefault(t.key, set()).add(key)
                self._vocabulary.setdefault(t.surface, t.key)
                for word in t.surface.split() if " " in t.surface else ():
                    self._partial.setdefault(word, t.key)  # "sepa" of "sepa instant"
            self._upper_keys[key.upper()] = key
            number = _TRAILING_NUMBER.search(key)
            if number:
                self._numbers.setdefault(number.group(1), []).append(key)
        size = len(self.backlog.items)
        self._weights = {k: math.log(1 + size / len(v)) for k, v in self._postings.items()}
        for stems, concept in self._phrases.items():
            if len(stems) == 1 and concept in self._postings:
                self._vocabulary.setdefault(stems[0], concept)

    def _terms(self, text: str) -> list[_Term]:
        """Terms of `text`, glossary phrases (longest first) replaced by their concept."""
        stems = terms(text)
        found: list[_Term] = []
        i = 0
        while i < len(stems):
            for size in range(min(self._longest, len(stems) - i), 0, -1):
                concept = self._phrases.get(tuple(stems[i : i + size]))
                if concept:
                    found.append(_Term(concept, " ".join(stems[i : i + size])))
                    i += size
                    break
            else:
                found.append(_Term(stems[i], stems[i]))
                i += 1
        return found

    def find_keys(self, text: str) -> list[str]:
        """Backlog keys written in `text` ("MIG-103", "mig-103", "#123"), in order, once each."""
        keys = [self._upper_keys.get(m.group(1).upper()) for m in _KEY.finditer(text)]
        keys += [self._upper_keys.get(m.group(1).upper()) for m in _REPO_REF.finditer(text)]
        for m in _NUMBER_REF.finditer(text):
            owners = self._numbers.get(m.group(1), [])
            keys.append(owners[0] if len(owners) == 1 else None)
        return list(dict.fromkeys(k for k in keys if k))

    def _known(self, term: _Term) -> _Term:
        if term.key in self._postings:
            return term
        if term.surface in self._partial:
            return _Term(self._partial[term.surface], term.surface)
        if len(term.surface) < 5 or not self._vocabulary:
            return term
        from rapidfuzz import fuzz, process  # 40 ms of imports, for the words no title has

        best = process.extractOne(
            term.surface, self._vocabulary.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        if best is None:
            return term
        return _Term(self._vocabulary[best[0]], best[0], best[1] / 100, fuzzy=True)

    def resolve(self, mention: str) -> Resolution:
        """The item `mention` names, the tie it falls in, or nothing. Keys are not read here."""
        tokens = set(words(mention))
        epic_words, story_words, hints = _hints()
        epic_hint = bool(tokens & epic_words) or any(t.startswith("epic") for t in tokens)
        story_hint = bool(tokens & story_words) and not epic_hint
        kept = " ".join(w for w in words(mention) if w not in hints)
        schedule_words = filler()
        found = [
            t
            for t in {t.key: t for t in map(self._known, self._terms(kept))}.values()
            if t.key in self._postings or not schedule_words.issuperset(t.surface.split())
        ]
        if not found:
            return Resolution()
        top = max(self._weights.values(), default=1.0)
        total = sum(self._weights.get(t.key, top) for t in found)
        scored: list[tuple[float, str, MatchMethod]] = []
        for key in set().union(*(self._postings.get(t.key, set()) for t in found)):
            item_keys = self._item_keys[key]
            hit = [t for t in found if t.key in item_keys]
            recall = sum(self._weights[t.key] * t.quality for t in hit) / total
            matched = sum(self._weights[t.key] for t in hit)
            precision = matched / sum(self._weights[k] for k in item_keys)
            score = recall * (0.8 + 0.2 * precision)
            if (epic_hint and self.backlog.items[key].is_epic) or (
                story_hint and not self.backlog.items[key].is_epic
            ):
                score += HINT_BONUS
            scored.append((min(score, 1.0), key, self._method(key, hit)))
        scored.sort(key=lambda s: (-s[0], s[1]))
        if not scored or scored[0][0] < MIN_SCORE:
            return Resolution()
        best = scored[0][0]
        tied = [s for s in scored if s[0] >= best - TIE_MARGIN]
        candidates = tuple(
            Match(key=key, score=round(score, 3), method=method)
            for score, key, method in scored
            if score >= MIN_SCORE
        )[: max(3, len(tied))]
        if len(tied) == 1:
            return Resolution(candidates, tied[0][1])
        head = self._common_ancestor([key for _, key, _ in tied])
        if head is not None and not epic_hint and scored[0][1] != head and len(found) >= 2:
            head_score = next(score for score, key, _ in scored if key == head)
            if scored[0][0] > head_score and (len(tied) == 2 or scored[0][0] > scored[1][0]):
                # "Connecteur Yuki": two words or more that fit the child's title better than
                # its epic's name the child; one word ("l'hébergeur") names the epic
                return Resolution(candidates, scored[0][1])
        if head is not None:
            ordered = sorted(candidates, key=lambda m: m.key != head)
            return Resolution(tuple(ordered), head)
        return Resolution(candidates, None, ambiguous=True)

    def _method(self, key: str, hit: list[_Term]) -> MatchMethod:
        surfaces = self._item_surfaces[key]
        methods = [
            MatchMethod.FUZZY
            if t.fuzzy
            else MatchMethod.TITLE
            if t.surface in surfaces
            else MatchMethod.GLOSSARY
            for t in hit
        ]
        return max(methods, key=_METHOD_RANK.__getitem__, default=MatchMethod.TITLE)

    def _ancestors(self, key: str) -> list[str]:
        chain: list[str] = []
        item = self.backlog.items.get(key)
        while item is not None and item.parent and item.parent not in chain and len(chain) < 10:
            chain.append(item.parent)
            item = self.backlog.items.get(item.parent)
        return chain

    def _common_ancestor(self, keys: list[str]) -> str | None:
        """The one tied item that every other tied item descends from, if any."""
        for head in keys:
            if all(other == head or head in self._ancestors(other) for other in keys):
                return head
        return None
