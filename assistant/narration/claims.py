"""Every number a text states, read the way the registered languages write them.

The grounding check compares these claims with the computed figures, so this reader errs on
the side of finding too much: amounts (120 000 EUR, EUR 120,000, €120k, 120 k€, 1,2 M€),
durations (6 semaines, six weeks, 1.5 weeks, 10 jours ouvrés), percentages, dates (12 avril
2027, 1er mars 2027, April 12, 2027, 2027-04-12, Q2 2027) and bare numbers. The words (units,
magnitudes, currencies, percent, range links) are every read language's lexicon's
(`figure_units`, `magnitudes`...), joined: a text may mix languages. What is not a
claim is masked first: allowed names (titles, keys), references ("ISO 27001", "CP 218"; not "EUR
120"), identifiers mixing letters
and digits (PAY-201, G1), #12 references and list numbering. Works on folded text (one
character per input character), never raises.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import assistant.patterns as cached_re
from assistant.facts.language import fold
from assistant.facts.numbers import NUMBER_WORDS
from assistant.lang import READ, lexicon, longest_first, month_words


def _month_words() -> dict[str, int]:
    """Every read language's month names, as its briefs write them and as its statuses do
    (folded), and their first three letters where those name one month only."""
    found: dict[str, int] = {}
    for code in READ:
        found |= {fold(name): n for n, name in enumerate(lexicon(code).month_names, 1)}
    found |= month_words()
    prefixes: dict[str, set[int]] = {}
    for name, n in found.items():
        prefixes.setdefault(name[:3], set()).add(n)
    return {k: ns.pop() for k, ns in prefixes.items() if len(ns) == 1} | found


_MONTHS = _month_words()
# "12 of March", "15 de marzo de 2027": words between a date's parts, in any read language
_LINK = longest_first(w for code in READ for w in lexicon(code).date_links)
_LINKED = rf"(?:(?:{_LINK})\s+)?" if _LINK else ""
_MONTH = "(?P<m>" + longest_first(_MONTHS, escape=True) + r")\.?"


def _in_order(fragments) -> str:
    """An alternation of regex `fragments` in the lexicons' order, each once."""
    return "|".join(dict.fromkeys(fragments))


CURRENCIES = {"€": "EUR", "$": "USD", "£": "GBP"}  # symbols: every language's
CURRENCIES |= {w: code for c in READ for w, code in lexicon(c).currency_words.items()}
_CODES = "eur|usd|gbp|chf|cad|aud|jpy|sek|nok|dkk|pln|czk"
_WORDED = longest_first((w for w in CURRENCIES if w not in "€$£"), escape=True)
_CUR = rf"(?P<cur>€|\$|£|{_WORDED}|(?<![a-z])(?:{_CODES})(?![a-z]))"
_MAG = {"k": 1e3, "m": 1e6} | {w: v for c in READ for w, v in lexicon(c).magnitudes.items()}
_MAGS = rf"(?P<mag>{longest_first(_MAG, escape=True)})(?![a-z])"
_MAG_LINK = _in_order(link for c in READ for link in lexicon(c).magnitude_links)
_MAG_LINKED = rf"(?:{_MAG_LINK})?" if _MAG_LINK else ""
# A numeral: space-grouped, comma-grouped, dot-grouped (French) or plain with decimals.
_NUM = (
    r"(?P<n>(?<![\w.,])(?:\d{1,3}(?:[ ](?=\d{3}(?!\d))\d{3})+|\d{1,3}(?:,\d{3})+(?![\d])"
    r"|\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?:[.,]\d+)?))"
)
_KINDS = ("weeks", "days", "months", "sprints", "points", "years", "hours")
_UNITS = {k: _in_order(f for c in READ for f in lexicon(c).figure_units.get(k, ())) for k in _KINDS}
_UNIT = "(?P<unit>" + "|".join(f"(?P<u_{k}>{v})" for k, v in _UNITS.items() if v) + r")(?![\w])"
_PERCENT = _in_order(["%", *(w for c in READ for w in lexicon(c).percent_words)])
_WORDS = {k: v for k, v in NUMBER_WORDS.items() if k not in ("a", "an", "un", "une")}
_WORD = "(?P<w>" + "|".join(re.escape(k).replace(r"\ ", r"[\s-]+") for k in sorted(_WORDS, key=lambda w: (-len(w), w))) + ")"  # fmt: skip
_DAY = r"(?P<d>1er|\d{1,2})(?:st|nd|rd|th|er|e)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)(?!\d)"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, cached_re.compile(rx))
    for kind, rx in (
        ("iso", r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
        ("slash", r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])"),
        ("date", rf"(?<![\w.,]){_DAY}\s+{_LINKED}{_MONTH}(?:,?\s+{_LINKED}{_YEAR})?(?![a-z])"),
        ("date", rf"(?<![a-z]){_MONTH}\s+{_DAY}(?![\d:])(?:,?\s+{_YEAR})?(?![a-z])"),
        ("month", rf"(?<![a-z]){_MONTH}\s+{_LINKED}{_YEAR}"),
        ("quarter", rf"(?<![a-z])[qt](?P<q>[1-4])\s+{_YEAR}"),
        ("money", rf"{_CUR}\s?{_NUM}(?:\s?{_MAGS})?"),
        ("money", rf"{_NUM}\s?(?:{_MAGS}\s?{_MAG_LINKED})?{_CUR}"),
        ("percent", rf"{_NUM}\s?(?:{_PERCENT})"),
        ("duration", rf"{_NUM}(?:\s|-)?{_UNIT}"),
        ("duration", rf"(?<![\w-]){_WORD}(?:\s|-){_UNIT}"),
        ("money", rf"{_NUM}\s?{_MAGS}"),
        ("bare", rf"{_NUM}(?![a-z])"),
    )
]
_SPACES = str.maketrans({c: " " for c in "\u00a0\u202f\u2009\u2007"})
_IDENT = cached_re.compile(
    r"\b(?![qt][1-4]\s+(?:19|20)\d\d)[a-z][a-z_]*[-_]?\d[\w.]*(?:[-/#]\w+)*|#\d+"
    r"|^[ \t]*(?:#+[ \t]*)?\d+[.)](?=\s)",
    re.M,
)
# A reference written as an upper-case acronym and a number ("CP 218", "ISO 27001", "RFC 7231"):
# a name, not a figure; currency codes excepted ("EUR 120 000" is an amount).
_REFERENCE = cached_re.compile(
    r"\b(?!(?:EUR|USD|GBP|CHF|CAD|AUD|JPY|KEUR|MEUR|EURO|EUROS)\b)[A-Z]{2,6}\s\d+\b(?![.,]\d)"
)
# "par semaine", "/week", "por semana": the period of a rate, in any read language
_PERIODS = {w: p for code in READ for p, ws in lexicon(code).periods.items() for w in ws}
_RATE_LINKS = {"/"} | {w for code in READ for w in lexicon(code).rate_links}
_PERIOD = cached_re.compile(
    rf"\s*(?:{longest_first(_RATE_LINKS, escape=True)})\s*({longest_first(_PERIODS)})s?\b"
)
# "4 à 6 semaines", "100 to 120 k€": between the two ends of a range (the text is folded)
_RANGE_WORDS = longest_first((w for c in READ for w in lexicon(c).range_words), escape=True)
_CONNECTOR = cached_re.compile(rf"\s*(?:-|–|—|/|,{'|' + _RANGE_WORDS if _RANGE_WORDS else ''})\s*")


class Claim(NamedTuple):
    """A number as the text states it.

    `kind`: money, weeks, days, months, sprints, points, years, hours, percent, count, date,
    month, quarter, year, or malformed ("06 000 EUR": never matches). `tolerance`: half the
    last displayed digit, times the magnitude (€120k is any amount that rounds to it).
    """

    text: str
    start: int
    kind: str
    value: float = 0.0
    tolerance: float = 0.0
    currency: str | None = None
    ymd: tuple[int | None, int | None, int | None] = (None, None, None)
    scale: float = 1.0
    period: str | None = None  # "week" for "25 000 EUR par semaine", "/week", "a week"
    before: str = ""  # folded words before it in its sentence, to tell a rate from a total


@lru_cache(maxsize=8192)
def _folded_name(name: str) -> str:
    """Names (titles, companies) recur in every brief of a backlog: folded once."""
    return fold(name.translate(_SPACES))


def find_claims(text: str, language: str, allowed_names: Sequence[str] = ()) -> list[Claim]:
    """Every claim in `text`, left to right. Never raises on any input."""
    text = text.translate(_SPACES)
    folded = fold(text)
    names = [_folded_name(n) for n in allowed_names if any(c.isalpha() for c in n)]
    folded = _mask(folded, names)
    for m in _REFERENCE.finditer(text):  # fold keeps one character per character
        folded = folded[: m.start()] + "¦" * (m.end() - m.start()) + folded[m.end() :]
    taken = [False] * len(folded)
    claims: list[Claim] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            if any(taken[m.start() : m.end()]):
                continue
            claim = _claim(kind, m, text, language)
            if claim is not None:
                claims.append(claim)
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    claims.sort(key=lambda c: c.start)
    return [_situate(c, folded) for c in _share_units(claims, folded)]


def _situate(claim: Claim, folded: str) -> Claim:
    end = claim.start + len(claim.text)
    period = _PERIOD.match(folded, end)
    lo = max(folded.rfind(c, 0, claim.start) for c in ".!?;\n")
    before = folded[max(lo + 1, claim.start - 60) : claim.start]
    word = period.group(1) if period else None
    return claim._replace(period=_PERIODS.get(word or ""), before=before)


def _mask(folded: str, names: list[str]) -> str:
    """Blank out allowed names and identifiers so their digits are not read as claims."""
    for name in sorted(names, key=len, reverse=True):
        folded = folded.replace(name, "¦" * len(name))
    return _IDENT.sub(lambda m: "¦" * len(m.group()), folded)


def parse_numeral(raw: str, language: str) -> tuple[float, int] | None:
    """(value, decimals shown) of a numeral matched by _NUM, by the conventions of `language`."""
    raw = raw.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw):
        raw = raw.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw) and lexicon(language).decimal == ",":
        raw = raw.replace(".", "")
    raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        return None
    return value, len(raw.split(".")[1]) if "." in raw else 0


def _claim(kind: str, m: re.Match[str], text: str, language: str) -> Claim | None:
    g = m.groupdict()
    quoted = text[m.start() : m.end()]
    if kind in ("iso", "slash", "date", "month", "quarter"):
        return _date_claim(kind, g, quoted, m.start(), language)
    if g.get("w"):
        value, decimals = _WORDS[" ".join(re.split(r"[\s-]+", g["w"]))], 1
    else:
        parsed = parse_numeral(g["n"], language)
        if parsed is None:
            return None
        if re.match(r"0\d", g["n"]):  # "06 000 EUR": nobody writes that, a typo or a mutant
            return Claim(quoted, m.start(), "malformed")
        value, decimals = parsed
    scale = _MAG.get(g.get("mag") or "", 1.0)
    tolerance = 0.5 * 10.0**-decimals * scale + 1e-9
    if kind == "money":
        cur = g.get("cur") or ""
        currency = CURRENCIES.get(cur, cur.upper()) or None
        return Claim(quoted, m.start(), "money", value * scale, tolerance, currency, scale=scale)
    if kind == "duration":
        unit = next(k[2:] for k, v in g.items() if k.startswith("u_") and v)
        return Claim(quoted, m.start(), unit, value, tolerance)
    if kind == "percent":
        return Claim(quoted, m.start(), "percent", value, tolerance)
    if re.fullmatch(r"(?:19|20)\d\d", g["n"]):
        return Claim(quoted, m.start(), "year", value, 0.0, ymd=(int(value), None, None))
    return Claim(quoted, m.start(), "count", value, tolerance)


def _date_claim(kind: str, g: dict, quoted: str, start: int, language: str) -> Claim | None:
    year = int(g["y"]) if g.get("y") else None
    if kind == "quarter":
        return Claim(quoted, start, "quarter", float(g["q"]), ymd=(year, int(g["q"]), None))
    if kind == "slash":
        first, second = int(g["a"]), int(g["b"])
        month, day = (second, first) if lexicon(language).day_first else (first, second)
    else:
        month = int(g["m"]) if g["m"].isdigit() else _MONTHS.get(g["m"].rstrip("."))
        day = None if kind == "month" else int(g["d"].removesuffix("er"))
    if not month or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return Claim(quoted, start, "month" if day is None else "date", ymd=(year, month, day))


def _share_units(claims: list[Claim], folded: str) -> list[Claim]:
    """'4 à 6 semaines', 'entre 100 et 120 k€', 'EUR 100,000-120,000': the bare end of a range
    takes the unit of its other end."""
    out = list(claims)
    for i, claim in enumerate(claims):
        if claim.kind != "count":
            continue
        nxt = claims[i + 1] if i + 1 < len(claims) else None
        prev = claims[i - 1] if i > 0 else None
        if nxt and nxt.kind not in ("count", "year", "date", "month", "quarter"):
            gap = folded[claim.start + len(claim.text) : nxt.start]
            if _CONNECTOR.fullmatch(gap):
                out[i] = _like(claim, nxt)
                continue
        if prev and prev.kind == "money":
            gap = folded[prev.start + len(prev.text) : claim.start]
            if _CONNECTOR.fullmatch(gap):
                out[i] = _like(claim, prev)
    return out


def _like(claim: Claim, other: Claim) -> Claim:
    return Claim(
        claim.text,
        claim.start,
        other.kind,
        claim.value * other.scale,
        claim.tolerance * other.scale,
        other.currency,
        scale=other.scale,
    )
