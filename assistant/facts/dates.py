"""Dates in a status ("15 mars", "March 1st", "12/04/2027", "2027-04-12") and moves between them.

Works on folded text. Numeric dates are read day first (dd/mm), the European habit, unless
the second number cannot be a month and the first can (03/25 is March 25). A date without a
year takes the year that puts it nearest to its anchor: `today` for the first date, the other
date for the second, so "du 15 décembre au 10 janvier" crosses into the next year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "janvier": 1, "janv": 1, "january": 1, "jan": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "september": 9, "sept": 9, "sep": 9,
    "octobre": 10, "october": 10, "oct": 10,
    "novembre": 11, "november": 11, "nov": 11,
    "decembre": 12, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?P<d>[0-3]?\d)(?:er|st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
_PATTERNS = (
    re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?!\d)"),
    re.compile(r"(?<![\d/.])(?P<d>[0-3]?\d)/(?P<m>[0-3]?\d)(?:/(?P<y>\d{4}|\d\d))?(?![\d/])"),
    re.compile(r"(?<![\d/.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{4})(?![\d.])"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}"),
)

# Words saying a date moved; without one, two dates are just a period ("from March 1 to 15").
SHIFT_WORDS = re.compile(
    r"\b(?:decal\w*|repouss\w*|report(?:e|ee|es|ees|er)\b|gliss\w*|retard\w*|avance\w*|deplac\w*"
    r"|move[ds]?|pushed|postponed?|slipped|slips|delayed|rescheduled|brought forward|pulled in"
    r"|pass(?:e|ent|ee|es)|shift\w*|now|desormais|maintenant|instead|au lieu|plutot que"
    r"|rather than|initialement|initially|originally)\b"
)
_SWAP = re.compile(r"\b(?:au lieu d[ue]s?|instead of|rather than|plutot que|vs|versus)\b")
# Words right before a lone new date: "repoussée au 12 avril", "moved to April 12".
_LONE_NEW = re.compile(
    r"(?:repouss\w*|report(?:e|ee|es|ees)|decal\w*|gliss\w*|deplac\w*|avance\w*|move[ds]?|"
    r"pushed(?: back| out)?|postponed|slipped|delayed|rescheduled|now due|now planned|"
    r"now scheduled|now expected|desormais prevue?s?)"
    r"\s+(?:to|until|till|au|a|jusqu'au|pour le|le|on|for)?\s*$"
)
_OLD_LEAD = re.compile(
    r"(?:(?:initialement |originally |initially )?prevue?s? (?:le |pour le |au |pour )?|"
    r"(?:was |were )?(?:due|planned|scheduled|expected)(?: for| on)? |moved from |from |du |de )$"
)


@dataclass(frozen=True)
class DateShift:
    """A planned date that moved. `old` is None when only the new date is written."""

    start: int
    end: int
    new: dt.date
    old: dt.date | None = None


@dataclass(frozen=True)
class _Raw:
    start: int
    end: int
    day: int
    month: int
    year: int | None


def _raw_dates(folded: str) -> list[_Raw]:
    found: list[_Raw] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            parts = m.groupdict()
            day = int(parts["d"])
            month = _MONTHS[parts["mon"]] if parts.get("mon") else int(parts["m"])
            if parts.get("m") and month > 12 and day <= 12:
                day, month = month, day
            year = int(parts["y"]) if parts.get("y") else None
            if year is not None and year < 100:
                year += 2000
            found.append(_Raw(m.start(), m.end(), day, month, year))
    found.sort(key=lambda r: (r.start, r.start - r.end))
    kept: list[_Raw] = []
    for raw in found:
        if not kept or raw.start >= kept[-1].end:
            kept.append(raw)
    return kept


def _resolve(raw: _Raw, anchor: dt.date) -> dt.date | None:
    """The date `raw` names; a missing year is the one nearest to `anchor`."""
    years = [raw.year] if raw.year else [anchor.year - 1, anchor.year, anchor.year + 1]
    options = []
    for year in years:
        try:
            options.append(dt.date(year, raw.month, raw.day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - anchor).days), default=None)


def _pair(first: _Raw, second: _Raw, today: dt.date) -> tuple[dt.date, dt.date] | None:
    if first.year is None and second.year is not None:
        b = _resolve(second, today)
        a = _resolve(first, b) if b else None
    else:
        a = _resolve(first, today)
        b = _resolve(second, a) if a else None
    return (a, b) if a and b else None


def find_date_shifts(folded: str, today: dt.date) -> list[DateShift]:
    """Moves of a planned date: two dates with a shift word, or one new date after a move verb."""
    raws = _raw_dates(folded)
    shifts: list[DateShift] = []
    used: set[int] = set()
    has_shift_word = SHIFT_WORDS.search(folded) is not None
    for i in range(len(raws) - 1):
        first, second = raws[i], raws[i + 1]
        if i in used or not has_shift_word or second.start - first.end > 80:
            continue
        pair = _pair(first, second, today)
        if pair is None:
            continue
        old, new = pair
        if _SWAP.search(folded, first.end, second.start):
            old, new = new, old
        lead = _OLD_LEAD.search(folded[max(0, first.start - 40) : first.start])
        start = first.start - (len(lead.group(0)) if lead else 0)
        shifts.append(DateShift(start, second.end, new=new, old=old))
        used.update((i, i + 1))
    for i, raw in enumerate(raws):
        lead = _LONE_NEW.search(folded[max(0, raw.start - 40) : raw.start])
        if i in used or lead is None:
            continue
        new = _resolve(raw, today)
        if new is not None:
            shifts.append(DateShift(raw.start - len(lead.group(0)), raw.end, new=new))
    return sorted(shifts, key=lambda s: s.start)
