"""Cell-level parsing shared by every export format: dates, numbers, key lists, statuses.

Trackers disagree on how they write a date or a "done" status; normalising here keeps each
format module a plain column mapping. Parsers raise ValueError with a sentence a user can act
on; `rows.At` adds the file and row and turns it into an InputError.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from functools import lru_cache
from typing import Final, Literal

import assistant.patterns as cached_re
from assistant.domain import StatusCategory

DATE_FORMATS_HELP = "2026-06-03, 2026-06-03T10:15:00Z, 03/Jun/26 10:15 AM or 03/Jun/2026"

_MONTHS = {
    "jan": 1, "janv": 1, "janvier": 1, "feb": 2, "fev": 2, "fevr": 2, "fevrier": 2,
    "mar": 3, "mars": 3, "apr": 4, "avr": 4, "avril": 4, "may": 5, "mai": 5,
    "jun": 6, "juin": 6, "jul": 7, "juil": 7, "juillet": 7, "aug": 8, "aou": 8, "aout": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_ISO = cached_re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]\S)")
_JIRA = cached_re.compile(r"^(\d{1,2})[/ -]([^\W\d_]+)\.?[/ -](\d{2}|\d{4})(?:$|\s)")
# JavaScript Date.toString(): "Tue Jun 03 2026 10:15:00 GMT+0200"
_JS = cached_re.compile(r"^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{4}) \d")
# 08/11/2016, 8.11.16, 08-11-2016 19:32:40: day and month as numbers, in an order to find out
NUMERIC_DATE = cached_re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:$|[\sT,])")
_DECIMAL_COMMA = cached_re.compile(r"^-?\d+,\d{1,2}$")
_KEY_SEPARATORS = cached_re.compile(r"[;,\s]+")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: "Terminé " and "termine" compare equal.

    Cached: exports repeat a handful of statuses, types and column names on every row.
    """
    if text.isascii():  # nothing to decompose
        plain = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("_", " ").replace("-", " ").casefold().split())


def parse_date(value: object) -> dt.date | None:
    """The calendar date written in a cell, as the export wrote it (no timezone shift).

    Trackers write the local date of the user who exported; converting to UTC would move
    late-evening resolutions to the next day and disagree with what the user sees.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = value.strip() if type(value) is str else str(value).strip()
    date = _date_text(text)
    if date is NUMERIC:
        raise NumericDate(text)
    return date


class _Numeric:
    """The type of NUMERIC."""


NUMERIC: Final = _Numeric()  # what date_of_text gives for 08/11/2016: its column decides


@lru_cache(maxsize=8192)
def _date_text(text: str) -> dt.date | _Numeric | None:
    """parse_date of a string, cached: exports repeat the same dates on many rows. A date of
    numbers alone is NUMERIC (cached too: a column of them is read at the cost of ISO dates);
    a raise would cost each cell an exception."""
    if not text:
        return None
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _JIRA.match(text):
        day, month, year = int(match[1]), _month(match[2]), int(match[3])
        year += 2000 if year < 100 else 0
    elif match := _JS.match(text):
        day, month, year = int(match[2]), _month(match[1]), int(match[3])
    elif NUMERIC_DATE.match(text):
        return NUMERIC
    else:
        raise ValueError(f"{text!r} is not a date Steerco can read (use {DATE_FORMATS_HELP})")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a valid calendar date") from None


class NumericDate(ValueError):
    """A date whose day and month are both numbers: one value cannot tell which comes first.

    A CSV column can (`date_order.DateColumns` reads all its values); anywhere else the date
    is refused with the formats that say it.
    """

    def __init__(self, text: str) -> None:
        super().__init__(
            f"{text!r} writes the day and the month as numbers, so it could be either order "
            f"(use {DATE_FORMATS_HELP})"
        )


DayMonth = Literal["day-first", "month-first"]


@lru_cache(maxsize=4096)
def numeric_date(text: str, order: DayMonth) -> dt.date:
    """The date of a NUMERIC_DATE text, in the day/month order of its column.

    A two-digit year is of this century (16 is 2016), as Jira's `03/Jun/16` is read.
    """
    match = NUMERIC_DATE.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date Steerco can read (use {DATE_FORMATS_HELP})")
    first, second, year = int(match[1]), int(match[3]), int(match[4])
    day, month = (first, second) if order == "day-first" else (second, first)
    year += 2000 if len(match[4]) == 2 else 0
    try:
        return dt.date(year, month, day)
    except ValueError:
        shown = "day/month/year" if order == "day-first" else "month/day/year"
        raise ValueError(f"{text!r} is not a valid calendar date (read as {shown})") from None


def _month(name: str) -> int:
    month = _MONTHS.get(fold(name).rstrip("."))
    if month is None:
        raise ValueError(
            f"{name!r} is not a month name (expected Jan, Feb, ... or janv., févr., ...)"
        )
    return month


def parse_number(value: object) -> float | None:
    """A number from a cell; a French decimal comma ("2,5") is accepted, empty means unknown."""
    if value is None or value == "":
        return None
    if type(value) is str:
        return _number_text(value)
    return _number(value)


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # a YAML integer of hundreds of digits
            raise ValueError(f"{value!r} is too large") from None
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        if _DECIMAL_COMMA.match(text):
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"{str(value).strip()!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"{value!r} is not a finite number")
    return number


_number_text = lru_cache(maxsize=4096)(_number)  # exports repeat the same few estimates

# parse_date and parse_number of a non-empty string, for callers that tested the type already
# (date_of_text gives NUMERIC for a date of numbers alone, where parse_date raises NumericDate)
date_of_text = _date_text
number_of_text = _number_text


def split_keys(*values: str | None) -> tuple[str, ...]:
    """Item keys from cells listing them separated by `;`, `,` or spaces, without duplicates."""
    keys: list[str] = []
    for value in values:
        for key in _KEY_SEPARATORS.split(value or ""):
            if key and key not in keys:
                keys.append(key)
    return tuple(keys)


def unique(values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Non-empty stripped values in first-seen order; exports repeat components and sprints."""
    seen: list[str] = []
    for value in values:
        value = value.strip()
        if value and value not in seen:
            seen.append(value)
    return tuple(seen)


_DONE = {
    "done", "closed", "resolved", "complete", "completed", "released", "shipped", "deployed",
    "delivered", "fixed", "merged", "accepted", "cancelled", "canceled", "duplicate",
    "won't do", "won't fix", "wont do", "wont fix", "rejected", "abandoned", "obsolete",
    "termine", "terminee", "ferme", "fermee", "resolu", "resolue", "livre", "livree", "fait",
    "annule", "annulee", "clos", "en production", "in production",
}  # fmt: skip
_IN_PROGRESS = {
    "in progress", "started", "doing", "wip", "in development", "in dev", "development",
    "in review", "review", "code review", "in code review", "ready for review", "in test",
    "in testing", "testing", "qa", "in qa", "ready for qa", "validation", "in validation",
    "blocked", "on hold", "implementing", "en cours", "en developpement", "en revue",
    "en recette", "recette", "en test", "en validation", "bloque", "bloquee", "indeterminate",
}  # fmt: skip
_TODO = {
    "to do", "todo", "open", "new", "backlog", "reopened", "selected for development",
    "ready for development", "ready for dev", "ready", "triage", "a faire", "nouveau", "ouvert",
}  # fmt: skip
_IN_PROGRESS_WORDS = ("progress", "review", "cours", "testing", "recette")


def status_category(status: str | None, *, resolved: dt.date | None = None) -> StatusCategory:
    """Where a free-text workflow status sits; a resolution date means done whatever the name.

    Cancelled counts as done: nobody will work on it, so it cannot delay anything; the raw
    status stays on the item for whoever needs the distinction.
    """
    if resolved is not None:
        return StatusCategory.DONE
    return category_of(status or "")


@lru_cache(maxsize=1024)
def category_of(status: str) -> StatusCategory:
    """status_category of a status with no resolution date, cached: exports repeat a few."""
    name = fold(status).replace("\u2019", "'")
    if name in _DONE:
        return StatusCategory.DONE
    if name in _TODO:
        return StatusCategory.TODO
    if name in _IN_PROGRESS or any(word in name for word in _IN_PROGRESS_WORDS):
        return StatusCategory.IN_PROGRESS
    return StatusCategory.TODO
