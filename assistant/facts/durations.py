"""Delay phrases in French and English: "3 sprints de retard", "slipped by two weeks", "+5j".

All functions work on folded text (`language.fold`), whose offsets equal the original's.
A phrase is read only with a quantity and a word saying late or early; talk of delay without
a quantity is reported separately by `is_vague_delay`, and negated talk ("pas de retard",
"no delay", "on track") by neither.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

import assistant.patterns as cached_re
from assistant.facts.dates import find_date_shifts
from assistant.facts.numbers import NUMBER, parse_number
from assistant.facts.status import DelayUnit, SlipKind
from assistant.lang import READ, alternation, lexicon

_UNITS = {  # the delay units of every read language (assistant/lang/<code>.py `units`)
    unit: "|".join(rx for code in READ for rx in lexicon(code).units.get(unit.name, ()))
    for unit in (
        DelayUnit.WORKING_DAYS,
        DelayUnit.CALENDAR_DAYS,
        DelayUnit.SPRINTS,
        DelayUnit.WEEKS,
        DelayUnit.MONTHS,
        DelayUnit.POINTS,
    )
}
UNIT = "(?:" + "|".join(f"(?P<u_{u.name}>{rx})" for u, rx in _UNITS.items()) + r")(?!\w)"
_UNIT_PLAIN = "(?:" + "|".join(_UNITS.values()) + r")(?!\w)"
_HALF = r"(?:\s+(?:et|and)\s+(?:a\s+)?(?P<half>demie?|half))?"
# A range keeps both bounds: "2 à 3 semaines", "1-2 sprints", "entre 9 et 18 jours ouvrés".
_RANGE_LINK = r"\s*+(?:-|a|to|ou|or|et|and)\s*+"
_LOW = rf"(?:(?:entre|between)\s++)?(?:(?<![\w-])(?P<low>{NUMBER}){_RANGE_LINK})??"
QTY = (
    rf"{_LOW}(?P<num>{NUMBER})(?:\s*-\s*|\s+|(?<=\d))(?:(?:more|extra|additional)\s+)?"
    rf"{UNIT}{_HALF}"
)
_MORE = rf"(?P<num>{NUMBER})\s+(?P<more>more|extra|additional|further|fewer|less)\s+{UNIT}"
_ABOUT = rf"(?:{alternation('about')}\s+|~\s*)?"
_ITSELF_LATE = frozenset(("another", "one more", "encore un", "encore une"))
# Each rule reads words before (a prefix ending where the quantity starts) or after (a suffix
# starting where it ends) one quantity, from the lexicons' roles. The quantity pattern is
# compiled once and the rules are small: a dozen patterns that each embedded the quantity
# were a third of the command's start-up time.
_RULES: tuple[tuple[SlipKind, str | None, str | None], ...] = (
    (SlipKind.LATE, None, rf"\s+{alternation('late_after')}\b"),
    (SlipKind.LATE, rf"\b{alternation('late_before')}{_ABOUT}(?:de\s+|d')?", None),
    (SlipKind.LATE, r"(?<![\w+])\+\s?", None),
    (SlipKind.AHEAD, None, rf"\s+{alternation('ahead_after')}\b"),
    (SlipKind.AHEAD, rf"\b{alternation('ahead_before')}{_ABOUT}", None),
)
_QTY = cached_re.compile(QTY)
_COMPILED = tuple(
    (
        kind,
        cached_re.compile(before + "$") if before else None,
        cached_re.compile(after) if after else None,
    )
    for kind, before, after in _RULES
)

# The patterns below each embed the quantity pattern, so each costs a few ms to compile (the
# quantity alone is 2,700 characters). Each is compiled when first needed, and tried only when
# a short pattern it cannot match without (its gate, a part every match contains) is found.


def _compiled(pattern: str) -> Callable[[], re.Pattern[str]]:
    return cache(lambda: cached_re.compile(pattern))


_MORE_GATE = cached_re.compile(r"(?:more|extra|additional|further|fewer|less)\s")
_MORE_RX = _compiled(_MORE)
_WINDOW = 80  # characters before a quantity where a prefix rule may start
_HAS_UNIT = cached_re.compile(UNIT)
_NEG = r"(?:\b(?:not|no|pas|non|never|jamais)\b|n't)"
_BUT = r"(?:but|mais)(?:\s+(?:rather|plutot|bien))?"
# Where a quantity can start: its range's "entre"/"between", then a number (of `_LOW` or `num`).
_QTY_START = rf"(?:(?:entre|between)\s++)?{NUMBER}"
# Corrections: "n'a pas 2 semaines de retard mais 3 semaines", "is not 2 but 3 weeks late",
# "actually 1 sprint, not 2", "3 jours, pas 3 semaines": the new figure is read, the old kept
# as what it replaces.
_NEG_BUT_GATES = (_compiled(_NEG), _compiled(_BUT))
_NOT_GATES = (
    _compiled(r"(?:not|pas|non|rather\s+than|plutot\s+que)\s"),  # cheap, then the exact lead
    _compiled(rf"(?:not|pas|non|rather\s+than|plutot\s+que)\s++(?:de\s+)?{NUMBER}"),
)
_CORRECTIONS = (
    (
        _NEG_BUT_GATES,
        _compiled(
            rf"{_NEG}\s++(?:[\w']++\s++){{0,3}}?(?P<old>{NUMBER}(?:\s++{_UNIT_PLAIN})?)"
            rf"(?:\s++[\w']++){{0,3}}?[\s,]*+{_BUT}\s++{QTY}"
        ),
    ),
    (
        _NOT_GATES,
        _compiled(
            rf"{QTY}\s*+,?\s*+(?:and\s+|et\s+)?(?:not|pas|non|rather\s+than|plutot\s+que)\s++"
            rf"(?:de\s+)?(?P<old>{NUMBER}(?:\s++{_UNIT_PLAIN})?)(?![\w-])"
        ),
    ),
)
_ACTUALLY_LEAD = r"\b(?:actually|in\s+fact|en\s+fait|en\s+realite|finalement)"
_ACTUALLY_GATE = _compiled(_ACTUALLY_LEAD)
_ACTUALLY = _compiled(
    rf"{_ACTUALLY_LEAD}\s*+,?\s*+"
    rf"(?:(?:it(?:'s|\s+is|\s+will\s+be)|c'est|ce\s+sera|ce\s+n'est\s+que|only)\s+)?{QTY}"
)
# "What is late is the Octopus export: 1 week": a bare quantity closing a clause after a colon,
# read only when the words before the colon talk of lateness.
_COLON_QTY = _compiled(rf"(?<=:)\s*+{_ABOUT}{QTY}(?=\s*+(?:[,.;!?(]|$))")
_COLON_GATE = _compiled(rf"(?<=:)\s*+{_ABOUT}{_QTY_START}")  # after a colon, a number
_PAREN_QTY = _compiled(rf"(?<=\()\s*+{_ABOUT}{QTY}(?=\s*+\))")
_PAREN_GATE = _compiled(rf"(?<=\()\s*+{_ABOUT}{_QTY_START}")
_LATE_BEFORE_COLON = cached_re.compile(
    r"\b(?:late|behind|delay\w*|slip\w*|retard|en\s+retard|glissement|decalage)\b[^.:;]*+$"
)
# "PLT-11 slipped by 5 days and BIL-21 by 3 weeks": the second delay's verb is left out. Read
# only after a real delay phrase, with a short subject, and the quantity ending the clause.
_ELIDED_GATE = cached_re.compile(r"\b(?:et|and|puis|then)\s")
_ELIDED = _compiled(
    rf"\b(?:et|and|puis|then)\s+(?:(?!\d|by\s|de\s)[\w'#./-]+\s+){{1,4}}(?P<prep>by\s+|de\s+|d')?{QTY}"
    r"(?=\s*(?:[.,;:!?)]|$))"
)
_NEGATOR = (
    r"(?:\b(?:no|not|never|zero|without|pas|aucun|aucune|sans|jamais|ni|rattrap\w*|resorb\w*"
    r"|recovered|caught\s+up(?:\s+on)?|made\s+up|absorb\w*)\b|n't)"
)
_NEGATED_BEFORE = cached_re.compile(rf"{_NEGATOR}(?:\s+[\w']+){{0,2}}\s*$")
_TALK = (
    r"retard\w*|late|delay\w*|behind|slip(?:s|ped|ping|page)?|gliss\w*|derap\w*|decal\w*"
    r"|repouss\w*|report(?:e|ee|es|ees)|postpone\w*|pushed\s+(?:back|out)|overdue"
)
_DELAY_TALK = cached_re.compile(
    rf"\b(?:{_TALK}|en\s+avance|d'avance|ahead\s+of\s+(?:schedule|plan))\b"
)
_NEGATED_TALK = cached_re.compile(
    rf"(?:{_NEGATOR}|\bne\b|\bn')(?:\s+[\w']+){{0,4}}?\s+(?:de\s+|d'|en\s+)?(?:{_TALK})\b"
)
_ON_TRACK = cached_re.compile(
    r"\b(?:on\s+track|on\s+schedule|on\s+time|as\s+planned|according\s+to\s+plan"
    r"|dans\s+les\s+(?:temps|delais)|a\s+l'heure|comme\s+prevu|conforme\s+au\s+planning)\b"
)


class DelayHit(NamedTuple):
    """A delay phrase at [start, end) of the folded text.

    `amount` is None only for a lone new date ("repoussée au 12 avril"), which needs the
    item's planned date to become a number of days.
    """

    start: int
    end: int
    kind: SlipKind
    unit: DelayUnit
    amount: float | None
    old_date: dt.date | None = None
    new_date: dt.date | None = None
    low: float | None = None  # lower bound of a range, in `unit`
    replaces: str | None = None  # the figure a correction replaces, as written


def _quantity_hit(kind: SlipKind | None, m: re.Match[str]) -> DelayHit | None:
    parts = m.groupdict()
    amount = parse_number(parts["num"])
    if amount is None:
        return None
    if parts.get("half"):
        amount += 0.5
    if kind is None:
        kind = SlipKind.AHEAD if parts["more"] in ("fewer", "less") else SlipKind.LATE
    unit = next(DelayUnit[name[2:]] for name, value in parts.items() if name[:2] == "u_" and value)
    if amount <= 0:
        return None
    start = m.start()
    low = parse_number(parts["low"]) if parts.get("low") else None
    if low is not None and not 0 < low < amount:  # "PAIE-101 a 1 sprint" is no range
        low = None
        if m.start("low") == start or m.group(0)[: m.start("low") - start].strip():
            start = m.start("num")
    if parts.get("old"):
        start = m.start()
    while start < m.end() and folded_char(m, start).isspace():
        start += 1
    return DelayHit(start, m.end(), kind, unit, amount, low=low, replaces=parts.get("old"))


def folded_char(m: re.Match[str], at: int) -> str:
    return m.string[at]


def _date_hits(folded: str, today: dt.date) -> list[DelayHit]:
    hits = []
    for shift in find_date_shifts(folded, today):
        amount = None if shift.old is None else float(abs((shift.new - shift.old).days))
        if amount == 0:
            continue
        late = shift.old is None or shift.new > shift.old
        kind = SlipKind.LATE if late else SlipKind.AHEAD
        hit = DelayHit(shift.start, shift.end, kind, DelayUnit.DATES, amount, shift.old, shift.new)
        hits.append(hit)
    return hits


_NOT_BEFORE = cached_re.compile(r"\b(?:avant|before|until|till|jusqu'(?:au|a)|qu'(?:apres|a))\s*$")


def _negated(folded: str, start: int) -> bool:
    """A negation just before the phrase ("pas de 2 semaines"), but not "pas avant le 15",
    "not before March": that is a new date."""
    window = re.split(r"[,;:.!?()]", folded[max(0, start - 40) : start])[-1]
    if _NOT_BEFORE.search(window):
        return False
    return _NEGATED_BEFORE.search(window) is not None


def find_delays(folded: str, today: dt.date) -> list[DelayHit]:
    """Every quantified delay phrase in `folded`, left to right, none overlapping.

    Where two readings overlap the longer one wins ("retard de 10 jours ouvrés" over "10
    jours"). `today` only gives a year to dates written without one.
    """
    found: list[DelayHit] = []
    corrections: list[DelayHit] = []
    if _HAS_UNIT.search(folded):
        for m in _QTY.finditer(folded):
            base = _quantity_hit(SlipKind.LATE, m)
            if base is None:
                continue
            if " ".join(m.group("num").split()) in _ITSELF_LATE:
                found.append(base)
            for kind, before, after in _COMPILED:
                if before is not None:
                    lead = before.search(folded, max(0, base.start - _WINDOW), base.start)
                    if lead is not None:
                        found.append(base._replace(kind=kind, start=lead.start()))
                elif after is not None and (tail := after.match(folded, m.end())):
                    found.append(base._replace(kind=kind, end=tail.end()))
        for m in _MORE_RX().finditer(folded) if _MORE_GATE.search(folded) else ():
            hit = _quantity_hit(None, m)
            if hit is not None:
                found.append(hit)
        for gates, pattern in _CORRECTIONS:
            if not all(gate().search(folded) for gate in gates):
                continue
            for m in pattern().finditer(folded):
                hit = _quantity_hit(SlipKind.LATE, m)
                if hit is not None:
                    corrections.append(hit)
        # "it is actually 1 week": restates a figure
        for m in _ACTUALLY().finditer(folded) if _ACTUALLY_GATE().search(folded) else ():
            hit = _quantity_hit(SlipKind.LATE, m)
            if hit is not None:
                corrections.append(hit._replace(replaces="the figure given before"))
        # "Slight delay on Octopus (3-4 days)"
        paren = "(" in folded and _PAREN_GATE().search(folded)
        for m in _PAREN_QTY().finditer(folded) if paren else ():
            head = folded[max(0, m.start() - 120) : m.start() - 1]
            if _LATE_BEFORE_COLON.search(head) and (hit := _quantity_hit(SlipKind.LATE, m)):
                found.append(hit)
        colon = ":" in folded and _COLON_GATE().search(folded)
        for m in _COLON_QTY().finditer(folded) if colon else ():
            head = folded[max(0, m.start() - 120) : m.start() - 1]
            if _LATE_BEFORE_COLON.search(head) and (hit := _quantity_hit(SlipKind.LATE, m)):
                found.append(hit)
    found.extend(_date_hits(folded, today))
    kept: list[DelayHit] = []
    for hit in corrections:
        if not any(hit.start < k.end and k.start < hit.end for k in kept):
            kept.append(hit)
    for hit in sorted(found, key=lambda h: (h.start - h.end, h.start)):
        overlaps = any(hit.start < k.end and k.start < hit.end for k in kept)
        if not overlaps and not _negated(folded, hit.start):
            kept.append(hit)
    return sorted(kept + _elided(folded, kept), key=lambda h: h.start)


def _elided(folded: str, kept: list[DelayHit]) -> list[DelayHit]:
    """Delays whose verb the sentence left out, of the same kind as the phrase before them.

    The hit starts at "by"/"de" or the quantity, so the words after "and" stay the subject."""
    extra: list[DelayHit] = []
    if not kept or not _ELIDED_GATE.search(folded):
        return extra
    kept = sorted(kept, key=lambda h: h.start)
    for m in _ELIDED().finditer(folded, kept[0].end):
        start = m.start("prep") if m.group("prep") else m.start("num")
        if any(start < k.end and k.start < m.end() for k in kept):
            continue
        before = [k for k in kept if k.end <= m.start()]
        hit = _quantity_hit(before[-1].kind if before else SlipKind.LATE, m)
        if hit is not None and not _negated(folded, m.start()):
            extra.append(DelayHit(start, hit.end, hit.kind, hit.unit, hit.amount))
    return extra


def is_vague_delay(folded: str) -> bool:
    """True if `folded` talks of a delay or an advance without it being denied or on track."""
    return (
        _DELAY_TALK.search(folded) is not None
        and _NEGATED_TALK.search(folded) is None
        and _ON_TRACK.search(folded) is None
    )


def is_no_slip(folded: str) -> bool:
    """True if `folded` says there is no delay ("pas de retard", "on track", "no slip")."""
    return _NEGATED_TALK.search(folded) is not None or _ON_TRACK.search(folded) is not None
