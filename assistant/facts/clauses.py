"""Cutting a status into sentences and clauses, and reading the words around a delay phrase.

Offsets are shared by the original and the folded text (`language.fold` keeps lengths), so
everything here returns spans and the caller quotes the original verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.facts.language import word_set

Span = tuple[int, int]

_SENTENCE_END = re.compile(
    r"\n\s*|(?<=[.!?…])(?<!\bi\.e\.)(?<!\be\.g\.)(?<!\bcf\.)(?<!\bvs\.)(?<!\betc\.)\s+"
)
_BULLET = re.compile(r"(?:[-*•·‣◦>]+|#+|\d{1,2}[.)])\s+")
_PUNCT = re.compile(r"\s*(?:[;:](?=\s|$)|,(?!\d)|\s-\s)\s*")
_CAUSE = (
    r"because|parce qu|puisque|due to|owing to|as a result of|a cause d|en raison d|suite a"
    r"|du fait d|faute d"
)
_CONTRAST = r"but|mais|however|cependant|whereas|alors que|tandis que|par contre|en revanche"
_CONNECTOR = re.compile(rf"\s(?=(?:{_CAUSE}|{_CONTRAST})\b)")
_CONNECTOR_FR = re.compile(r"\s(?=car\b)")
_CAUSE_LEAD = re.compile(
    rf"(?:(?:{_CAUSE})\w*|car|(?:this|it) is (?:due to|because(?: of)?)|c'est (?:du|lie) a"
    r"|en cause|cause|reason|raison|root cause)\b\s*(?:of\b|de\b|d'|du\b|des\b|:)?\s*"
)
_CONTRAST_LEAD = re.compile(rf"(?:{_CONTRAST})\b")
_PREPOSITION = re.compile(
    r"\s*(?:on|for|of|with|in|about|regarding|sur|pour|avec|dans|concernant|chez|cote"
    r"|au niveau d[eu]|des|de|du|d'|les|la|le|l'|the)\b\s*"
)
_NEXT_SUBJECT = re.compile(
    r"\s(?:and|et|but|mais|puis|then|while)\s+(?:the|le|la|les|l'|our|notre|nos|we|on|nous"
    r"|il|elle|they|ils|it|its)\b|\s\(|\s(?:and|but)\s+\w+ed\b"
)
_LEAD = re.compile(
    r"(?:(?:and|et|but|mais|puis|then|also|aussi|so|donc|soit|i\.?e|bref|thus|that is|in total"
    r"|au total|en tout|overall|good news|bonne nouvelle|net|so net|au final|finalement|actually"
    r"|en fait|update|edit|correction|in the end)\b[\s,.:*]*)*"
    r"(?:(?:we|on|nous|i|je|they|ils)\b(?:'re|'ve|\s+(?:are|have|has|a|est|sommes|avons|ont"
    r"|n'a|n'est|accuse\w*|prend\w*|cumul\w*|affiche\w*|now|still))*\s*)?"
)
_TRAIL_WORDS = word_set(
    """
    is are was were has have had will be been being now currently already still also again
    est sont a ont sera seront etait etaient deja actuellement desormais maintenant encore
    aussi toujours en delivered livre livree livrees livres shipped landed finished completed
    termine terminee done fini finie prend prennent took takes taken pris accuse accusent
    affiche cumule got gets getting with avec about environ running tourne went goes y need needs
    needed require requires required demande demandent necessite necessitent faut will would
    aura auront serait seraient pret prete prets pretes ready ne pas not avant before
    could may might should doit doivent va vont
    """
)
_TRAIL_VERB = re.compile(
    r"(?:decal|repouss|gliss|deplac|avance|retard|prevu)\w*|(?:pass|report)(?:e|ee|es|ees|ent)"
    r"|moved|pushed|postponed|delayed|slipped|rescheduled|brought|pulled|due|planned|scheduled"
    r"|expected|initially|originally|initialement"
)
_TRAIL_LINKS = word_set("and et but mais or ou then puis with avec so donc soit")
_TRAIL_WORD = re.compile(r"[\s,]*\b([\w']+)[\s,]*$")


@dataclass(frozen=True)
class Clause:
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
    for m in [*_SENTENCE_END.finditer(text), None]:
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
    cuts += [(m.start(), m.end()) for m in _CONNECTOR.finditer(folded)]
    if language == "fr":
        cuts += [(m.start(), m.end()) for m in _CONNECTOR_FR.finditer(folded)]
    protected = protected + _parentheses(folded)
    cuts = sorted(c for c in cuts if not any(s < c[1] and c[0] < e for s, e in protected))
    clauses: list[Clause] = []
    start = 0
    for cut_start, cut_end in [*cuts, (len(folded), len(folded))]:
        if cut_start < start:
            continue
        if cut_start > start:
            head = folded[start:cut_start]
            cause = bool(_CAUSE_LEAD.match(head))
            clauses.append(Clause(start, cut_start, cause, bool(_CONTRAST_LEAD.match(head))))
        start = cut_end
    return clauses


def _recovery_cut() -> re.Pattern[str]:
    """ "... on the X and won back one": the subject stops where a recovery starts."""
    from assistant.lang import pattern

    return pattern("recovery", r"\s(?:and|et|but|mais)\s+(?:\w+\s+)?(?:{})")


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
    lead = _PREPOSITION.match(folded, span[0], span[1])
    if lead is None:
        return None
    start = lead.end()
    stop = _NEXT_SUBJECT.search(folded, start, span[1])
    recovery = _recovery_cut().search(folded, start, stop.start() if stop else span[1])
    stop = recovery or stop
    start, end = _trim(folded, (start, stop.start() if stop else span[1]))
    while (m := _TRAIL_WORD.search(folded, start, end)) and m.group(1) in _TRAIL_LINKS:
        end = m.start()
    return (start, end) if end > start else None


def before_mention(folded: str, span: Span) -> Span | None:
    """The subject before a delay phrase ("La migration glisse ..."), auxiliaries stripped."""
    start, end = _trim(folded, span)
    lead = _LEAD.match(folded, start, end)
    start = lead.end() if lead else start
    while end > start:
        m = _TRAIL_WORD.search(folded, start, end)
        if m is None or not (m.group(1) in _TRAIL_WORDS or _TRAIL_VERB.fullmatch(m.group(1))):
            break
        end = m.start()
    start, end = _trim(folded, (start, end))
    return (start, end) if end > start else None


def cause_text(folded: str, span: Span) -> Span:
    """`span` without a leading "because"/"car"/"due to"."""
    lead = _CAUSE_LEAD.match(folded, span[0], span[1])
    return _trim(folded, (lead.end() if lead else span[0], span[1]))


def starts_with_cause(folded: str) -> bool:
    return _CAUSE_LEAD.match(folded.lstrip()) is not None
