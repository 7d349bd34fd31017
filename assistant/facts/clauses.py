"""Cutting a status into sentences and clauses, and reading the words around a delay phrase.

The words (connectors, prepositions, auxiliaries...) are every read language's, from its
lexicon (assistant/lang/); the patterns compile on first use, once per process. Offsets are shared by the original and the folded text (`language.fold` keeps lengths), so
everything here returns spans and the caller quotes the original verbatim.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

import assistant.patterns as cached_re
from assistant.lang import READ, alternation, lexicon, words_of

Span = tuple[int, int]

# The language-free patterns; those made of words are compiled from every read language's
# lexicon (assistant/lang/<code>.py) on first use, below.
_BULLET = cached_re.compile(r"(?:[-*•·‣◦>]+|#+|\d{1,2}[.)])\s+")
_PUNCT = cached_re.compile(r"\s*(?:[;:](?=\s|$)|,(?!\d)|\s-\s)\s*")
_TRAIL_WORD = cached_re.compile(r"[\s,]*\b([\w']+)[\s,]*$")


@cache
def _sentence_end() -> re.Pattern[str]:
    """A line end, or spaces after a full stop that ends no abbreviation ("e.g.")."""
    not_after = "".join(rf"(?<!\b{abbreviation})" for abbreviation in words_of("abbreviations"))
    return cached_re.compile(rf"\n\s*|(?<=[.!?…]){not_after}\s+")


@cache
def _connector() -> re.Pattern[str]:
    """The space before a clause giving a cause ("because") or a contrast ("however")."""
    return cached_re.compile(rf"\s(?=(?:{alternation('cause')}|{alternation('opposition')})\b)")


@cache
def _own_connector(language: str) -> re.Pattern[str] | None:
    """Connectors read only in a status in `language` ("car" in French), or None."""
    own = lexicon(language).cause_own if language in READ else ()
    return cached_re.compile(rf"\s(?=(?:{'|'.join(own)})\b)") if own else None


@cache
def _cause_lead() -> re.Pattern[str]:
    links = "|".join(w if w.endswith("'") else rf"{w}\b" for w in words_of("cause_link"))
    return cached_re.compile(
        rf"(?:{alternation('cause')}\w*|{alternation('cause_lead')})\b\s*(?:{links}|:)?\s*"
    )


@cache
def _contrast_lead() -> re.Pattern[str]:
    return cached_re.compile(rf"{alternation('opposition')}\b")


@cache
def _preposition() -> re.Pattern[str]:
    return cached_re.compile(rf"\s*{alternation('preposition')}\b\s*")


@cache
def _next_subject() -> re.Pattern[str]:
    """Where a subject after a delay phrase stops: "and the team", " (", "and moved"."""
    link = f"(?:{alternation('conjunction')}|{alternation('sequence')})"
    return cached_re.compile(
        rf"\s{link}\s+{alternation('subject_start')}\b|\s\(|\s{alternation('verb_after_link')}\b"
    )


@cache
def _lead() -> re.Pattern[str]:
    """What comes before a subject and is not part of it: "so net, we have"."""
    glued = alternation("contractions")
    return cached_re.compile(
        rf"(?:{alternation('lead_words')}\b[\s,.:*]*)*"
        rf"(?:{alternation('pronouns')}\b(?:{glued}|\s+{alternation('auxiliaries')})*\s*)?"
    )


@cache
def _trail() -> tuple[frozenset[str], re.Pattern[str], frozenset[str]]:
    """Words, one-word verbs and links that end no subject ("la migration est", "and")."""
    verbs = cached_re.compile(alternation("trail_verbs"))
    return frozenset(words_of("trail_words")), verbs, frozenset(words_of("trail_links"))


class Clause(NamedTuple):
    start: int
    end: int
    cause: bool = False  # starts with "because", "car", "due to"...
    contrast: bool = False  # starts with "but", "mais", "however"...


MAX_SENTENCE = 600  # characters; a longer run without a full stop is read in pieces


def _pieces(text: str, begin: int, stop: int) -> list[Span]:
    """[begin, stop) cut at a space before every MAX_SENTENCE characters, so the work per
    sentence stays bounded whatever the text (hostile statuses stay linear)."""
    out: list[Span] = []
    while stop - begin > MAX_SENTENCE:
        cut = text.rfind(" ", begin + MAX_SENTENCE // 2, begin + MAX_SENTENCE)
        cut = cut if cut > begin else begin + MAX_SENTENCE
        out.append((begin, cut))
        begin = cut
        while begin < stop and text[begin].isspace():
            begin += 1
    if stop > begin:
        out.append((begin, stop))
    return out


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of `text`: lines and full stops; bullets and headings markers skipped."""
    spans: list[Span] = []
    start = 0
    for m in [*_sentence_end().finditer(text), None]:
        end = m.start() if m else len(text)
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        bullet = _BULLET.match(piece, lead)
        begin = start + (bullet.end() if bullet else lead)
        stop = start + len(piece.rstrip())
        if stop > begin:
            spans.extend(_pieces(text, begin, stop))
        start = m.end() if m else len(text)
    return spans


def split_clauses(folded: str, protected: list[Span], language: str) -> list[Clause]:
    """Clauses of one folded sentence; no cut falls inside a `protected` span (a delay phrase)."""
    cuts = [(m.start(), m.end()) for m in _PUNCT.finditer(folded)]
    cuts += [(m.start(), m.end()) for m in _connector().finditer(folded)]
    if own := _own_connector(language):
        cuts += [(m.start(), m.end()) for m in own.finditer(folded)]
    protected = protected + _parentheses(folded)
    cuts = sorted(c for c in cuts if not any(s < c[1] and c[0] < e for s, e in protected))
    clauses: list[Clause] = []
    start = 0
    for cut_start, cut_end in [*cuts, (len(folded), len(folded))]:
        if cut_start < start:
            continue
        if cut_start > start:
            head = folded[start:cut_start]
            cause = bool(_cause_lead().match(head))
            clauses.append(Clause(start, cut_start, cause, bool(_contrast_lead().match(head))))
        start = cut_end
    return clauses


@cache
def _recovery_cut() -> re.Pattern[str]:
    """ "... on the X and won back one": the subject stops where a recovery starts."""
    return cached_re.compile(
        rf"\s{alternation('conjunction')}\s+(?:\w+\s+)?{alternation('recovery')}"
    )


def _parentheses(folded: str) -> list[Span]:
    """Spans inside (...) : "Identité et accès (itsme, SSO) :" is one label, not two clauses."""
    spans, depth, start = [], 0, 0
    for i, char in enumerate(folded):
        if char == "(":
            if depth == 0:
                start = i
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    return spans


def _trim(folded: str, span: Span) -> Span:
    start, end = span
    while start < end and not folded[start].isalnum() and folded[start] not in "#+":
        start += 1
    while end > start and not (folded[end - 1].isalnum() or folded[end - 1] in ")+#"):
        end -= 1
    return start, end


def after_mention(folded: str, span: Span) -> Span | None:
    """The subject after a delay phrase, if a preposition introduces it ("... sur la migration")."""
    lead = _preposition().match(folded, span[0], span[1])
    if lead is None:
        return None
    start = lead.end()
    stop = _next_subject().search(folded, start, span[1])
    recovery = _recovery_cut().search(folded, start, stop.start() if stop else span[1])
    stop = recovery or stop
    start, end = _trim(folded, (start, stop.start() if stop else span[1]))
    links = _trail()[2]
    while (m := _TRAIL_WORD.search(folded, start, end)) and m.group(1) in links:
        end = m.start()
    return (start, end) if end > start else None


def before_mention(folded: str, span: Span) -> Span | None:
    """The subject before a delay phrase ("La migration glisse ..."), auxiliaries stripped."""
    start, end = _trim(folded, span)
    lead = _lead().match(folded, start, end)
    start = lead.end() if lead else start
    trail_words, trail_verb, _ = _trail()
    while end > start:
        m = _TRAIL_WORD.search(folded, start, end)
        if m is None or not (m.group(1) in trail_words or trail_verb.fullmatch(m.group(1))):
            break
        end = m.start()
    start, end = _trim(folded, (start, end))
    return (start, end) if end > start else None


def cause_text(folded: str, span: Span) -> Span:
    """`span` without a leading "because"/"car"/"due to"."""
    lead = _cause_lead().match(folded, span[0], span[1])
    return _trim(folded, (lead.end() if lead else span[0], span[1]))


def starts_with_cause(folded: str) -> bool:
    return _cause_lead().match(folded.lstrip()) is not None
