"""Dates in a status ("15 mars", "March 1st", "12/04/2027", "2027-04-12") and moves between them.

Works on folded text. Numeric dates are read day first (dd/mm), the European habit, unless
the second number cannot be a month and the first can (03/25 is March 25). A date without a
year takes the year that puts it nearest to its anchor: `today` for the first date, the other
date for the second, so "du 15 décembre au 10 janvier" crosses into the next year.

Fuzzy dates, by convention: début / early = the 1st, mi- / mid = the 15th, fin / end = the
last day of the month; quarters (Q2, T2): early = first day, mid = the 15th of the middle
month, end or alone = last day; Pâques / Easter = Easter Monday, Noël = 25 December, "avant
Noël" = 24 December, "après les fêtes" / "after the holidays" = the first Monday of January,
Toussaint = 1 November; week numbers (S12, W12, semaine 12) = the Monday of that ISO week;
"la semaine prochaine" / "next week" = the Monday after the status date; "dans 15 jours" /
"in two weeks" = the status date plus that.

Which date is the planned one is read from the words before each date (its role), whatever
the order: "prévue le", "au lieu de", "instead of", "was", "from" mark the planned date;
"repoussée au", "passe à", "moved to", "now", "to" the new one. Without role words the first
date is the planned one.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import NamedTuple

import assistant.patterns as cached_re
from assistant.facts.numbers import NUMBER, parse_number
from assistant.lang import longest_first, month_words

_MONTHS = month_words()  # month names of every read language (assistant/lang/<code>.py)
_MONTH_NAMES = longest_first(_MONTHS)
_MONTH = "(?P<mon>" + _MONTH_NAMES + r")\b\.?"
# The patterns naming a month compile when a text first has a month name (their gate).
_MONTH_GATE = cached_re.compile(rf"(?:{_MONTH_NAMES})\b")
_DAY = r"(?P<d>[0-3]?\d)(?:er|st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
_POS = r"(?P<pos>debut|early|beginning\s+of|start\s+of|mi|mid|fin|end\s+of|late)"
_FUZZY_MONTH = rf"\b{_POS}[\s-]+(?:de\s+|d'|of\s+)?{_MONTH}{_YEAR}"
_QUARTER = cached_re.compile(
    rf"\b(?:{_POS}[\s-]+(?:du\s+|de\s+|d'|of\s+)?)?(?P<q>[qt])(?P<qn>[1-4])(?![\w-])"
    r"(?:(?:\s+|/)(?P<y>20\d\d)\b)?"
)
_HOLIDAY = cached_re.compile(
    r"\b(?:(?P<hpos>avant|apres|before|after)\s+(?:les\s+|the\s+)?)?"
    r"(?P<h>paques|easter|noel|christmas|fetes|holidays|toussaint)\b"
)
_PATTERNS = (
    cached_re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?!\d)"),
    cached_re.compile(
        r"(?<![\d/.])(?P<d>[0-3]?\d)/(?P<m>[0-3]?\d)(?:/(?P<y>\d{4}|\d\d))?(?![\d/])"
    ),
    cached_re.compile(r"(?<![\d/.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{4})(?![\d.])"),
)
_NAMED_MONTH = (rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}", rf"\b{_MONTH}\s+{_DAY}\b{_YEAR}")


@cache
def _month_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The fuzzy-month pattern, then the two day-and-month ones, compiled on first need."""
    fuzzy, day_month, month_day = (cached_re.compile(p) for p in (_FUZZY_MONTH, *_NAMED_MONTH))
    return fuzzy, day_month, month_day


# Words saying a date moved; without one, two dates are just a period ("from March 1 to 15").
SHIFT_WORDS = cached_re.compile(
    r"\b(?:decal\w*|repouss\w*|report(?:e|ee|es|ees|er)\b|gliss\w*|retard\w*|avance\w*|deplac\w*"
    r"|move[ds]?|pushed|postponed?|slipped|slips|delayed|rescheduled|brought forward|pulled in"
    r"|pass(?:e|ent|ee|es)|shift\w*|now|desormais|maintenant|instead|au lieu|plutot que"
    r"|rather than|initialement|initially|originally)\b"
)
# Words right before a lone new date: "repoussée au 12 avril", "moved to April 12".
_LONE_NEW = cached_re.compile(
    r"(?:repouss\w*|report(?:e|ee|es|ees)|decal\w*|gliss\w*|deplac\w*|avance\w*|move[ds]?|"
    r"pushed(?: back| out)?|postponed|slipped|delayed|rescheduled|now due|now planned|"
    r"now scheduled|now expected|desormais prevue?s?)"
    r"\s+(?:to|until|till|au|a|jusqu'au|pour le|le|on|for)?\s*$"
)
_OLD_LEAD = cached_re.compile(
    r"(?:(?:initialement |originally |initially )?prevue?s? (?:le |pour le |au |pour )?|"
    r"(?:was |were )?(?:due|planned|scheduled|expected)(?: for| on)? |moved from |from |du |de )$"
)


# Role words before a date: the planned one, or the new one ("whatever the order").
_OLD_ROLE = cached_re.compile(
    r"\b(?:prevu\w*|initialement|originally|initially|au\s+lieu\s+d\w*|instead\s+of|rather\s+than"
    r"|plutot\s+que|(?:was|were|etait|etaient)(?:\s+(?:due|planned|scheduled|expected|prevu\w*))?"
    r"|from|du|vs|versus)\b"
)
_NEW_ROLE = cached_re.compile(
    r"\b(?:repouss\w*|report(?:e|ee|es|ees)|decal\w*|pass(?:e|ent|ee|es)|moved|pushed|postponed"
    r"|slipped|rescheduled|now|desormais|maintenant|sortira\w*|arrivera\w*|to|au|jusqu'au"
    r"|until|before|avant)\b"
)
# Role words strong enough to make two dates a move even without a shift verb.
_STRONG_ROLE = cached_re.compile(
    r"\b(?:prevu\w*|initialement|originally|initially|au\s+lieu\s+d\w*|instead\s+of|rather\s+than"
    r"|plutot\s+que|repouss\w*|moved|pushed|postponed|now\s+(?:due|expected|planned)"
    r"|(?:was|were|etait|etaient)\s+(?:due|planned|scheduled|expected|prevu\w*)"
    r"|(?:not|pas|qu')\s+(?:\w+\s+)?(?:before|avant|apres))\b"
)


def _role(window: str) -> str | None:
    """'old' or 'new' from the last role word of `window` (the words before a date)."""
    last_old = max((m.end() for m in _OLD_ROLE.finditer(window)), default=-1)
    last_new = max((m.end() for m in _NEW_ROLE.finditer(window)), default=-1)
    if last_old < 0 and last_new < 0:
        return None
    return "old" if last_old > last_new else "new"


class DateShift(NamedTuple):
    """A planned date that moved. `old` is None when only the new date is written."""

    start: int
    end: int
    new: dt.date
    old: dt.date | None = None


class _Raw(NamedTuple):
    start: int
    end: int
    day: int  # 0: the last day of the month
    month: int
    year: int | None
    holiday: str | None = None  # "easter", "after_holidays", "week": computed from the year
    fixed: dt.date | None = None  # relative to the status date: "la semaine prochaine"


def _easter_sunday(year: int) -> dt.date:
    """Gregorian Easter (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _on(raw: _Raw, year: int) -> dt.date:
    if raw.fixed is not None:
        return raw.fixed
    if raw.holiday == "week":
        return dt.date.fromisocalendar(year, raw.day, 1)
    if raw.holiday == "easter":
        return _easter_sunday(year) + dt.timedelta(days=1)
    if raw.holiday == "after_holidays":
        day = dt.date(year, 1, 2)
        return day + dt.timedelta(days=(7 - day.weekday()) % 7)
    if raw.day == 0:
        following = dt.date(year + raw.month // 12, raw.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(year, raw.month, raw.day)


_WEEK_NUMBER = cached_re.compile(
    r"\b(?:semaine|week|wk|[sw])\s?(?P<w>[0-5]?\d)\b(?:\s+(?P<y>20\d\d)\b)?"
)
_NEXT_WEEK = cached_re.compile(r"\b(?:la\s+semaine\s+prochaine|next\s+week)\b")
_IN_SOME_GATE = cached_re.compile(r"\b(?:dans|in|d'ici)\s")
_IN_SOME = rf"\b(?:dans|in|d'ici)\s+(?P<n>{NUMBER})\s+(?P<u>jours?|days?|semaines?|weeks?)\b"


@cache
def _in_some() -> re.Pattern[str]:
    return cached_re.compile(_IN_SOME)


_POS_DAY = {"debut": 1, "early": 1, "beginning": 1, "start": 1, "mi": 15, "mid": 15}


def _relative_dates(folded: str, today: dt.date) -> list[_Raw]:
    """Week numbers (S12, W12, semaine 12: the Monday of that ISO week), "la semaine
    prochaine" / "next week" (the Monday after the status date), "dans 15 jours" / "in two
    weeks" (the status date plus that)."""
    found: list[_Raw] = []
    for m in _WEEK_NUMBER.finditer(folded):
        week = int(m.group("w"))
        if 1 <= week <= 52:
            year = int(m.group("y")) if m.group("y") else None
            found.append(_Raw(m.start(), m.end(), week, 1, year, holiday="week"))
    for m in _NEXT_WEEK.finditer(folded):
        monday = today + dt.timedelta(days=7 - today.weekday())
        found.append(_Raw(m.start(), m.end(), monday.day, monday.month, monday.year, fixed=monday))
    for m in _in_some().finditer(folded) if _IN_SOME_GATE.search(folded) else ():
        n = parse_number(m.group("n"))
        if n:
            days = n * (7 if m.group("u")[0] in "sw" else 1)
            when = today + dt.timedelta(days=round(days))
            found.append(_Raw(m.start(), m.end(), when.day, when.month, when.year, fixed=when))
    return found


def _fuzzy_dates(folded: str, months: bool) -> list[_Raw]:
    found: list[_Raw] = []
    for m in _month_patterns()[0].finditer(folded) if months else ():
        day = _POS_DAY.get(m.group("pos").split()[0], 0)
        year = int(m.group("y")) if m.group("y") else None
        found.append(_Raw(m.start(), m.end(), day, _MONTHS[m.group("mon")], year))
    for m in _QUARTER.finditer(folded):
        first = (int(m.group("qn")) - 1) * 3 + 1
        pos = (m.group("pos") or "end").split()[0]
        day, month = {1: (1, first), 15: (15, first + 1)}.get(_POS_DAY.get(pos, 0), (0, first + 2))
        year = int(m.group("y")) if m.group("y") else None
        found.append(_Raw(m.start(), m.end(), day, month, year))
    for m in _HOLIDAY.finditer(folded):
        name, pos = m.group("h"), m.group("hpos")
        if name in ("paques", "easter"):
            found.append(_Raw(m.start(), m.end(), 1, 4, None, holiday="easter"))
        elif name in ("noel", "christmas"):
            day = 24 if pos in ("avant", "before") else 25
            found.append(_Raw(m.start(), m.end(), day, 12, None))
        elif name == "toussaint":
            found.append(_Raw(m.start(), m.end(), 1, 11, None))
        elif pos in ("apres", "after"):
            found.append(_Raw(m.start(), m.end(), 2, 1, None, holiday="after_holidays"))
    return found


def _raw_dates(folded: str, today: dt.date | None = None) -> list[_Raw]:
    found: list[_Raw] = []
    months = _MONTH_GATE.search(folded) is not None
    for pattern in (*_PATTERNS, *(_month_patterns()[1:] if months else ())):
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
    found += _fuzzy_dates(folded, months)
    if today is not None:
        found += _relative_dates(folded, today)
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
            options.append(_on(raw, year))
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
    raws = _raw_dates(folded, today)
    shifts: list[DateShift] = []
    used: set[int] = set()
    has_shift_word = SHIFT_WORDS.search(folded) is not None
    for i in range(len(raws) - 1):
        first, second = raws[i], raws[i + 1]
        if i in used or second.start - first.end > 80:
            continue
        before = folded[max(raws[i - 1].end if i else 0, first.start - 40) : first.start]
        between = folded[first.end : second.start]
        if not has_shift_word and not _STRONG_ROLE.search(before + " " + between):
            continue
        pair = _pair(first, second, today)
        if pair is None:
            continue
        old, new = pair
        if _role(between) == "old" or _role(before) == "new":
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
