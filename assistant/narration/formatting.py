"""Locale formatting of figures: 120 000 EUR / EUR 120,000, 6 semaines / 6 weeks, dates."""

from __future__ import annotations

import datetime as dt

MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def format_number(value: float, lang: str, decimals: int = 1) -> str:
    """Grouped thousands (space in French, comma in English); at most `decimals` decimals."""
    rounded = round(value, decimals)
    if rounded == int(rounded):
        text = f"{int(rounded):,}"
    else:
        text = f"{rounded:,.{decimals}f}".rstrip("0").rstrip(".")
    if lang == "fr":
        text = text.replace(",", " ").replace(".", ",")
    return text


def format_money(value: float, currency: str, lang: str) -> str:
    amount = format_number(round(value), lang, decimals=0)
    return f"{amount} {currency}" if lang == "fr" else f"{currency} {amount}"


def format_weeks(value: float, lang: str) -> str:
    number = format_number(value, lang)
    if lang == "fr":
        return f"{number} semaine" + ("s" if abs(value) >= 2 else "")
    return f"{number} week" + ("" if abs(value) == 1 else "s")


def format_date(value: dt.date | str, lang: str) -> str:
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    month = MONTHS[lang][day.month - 1]
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def format_value(value: float | str, unit: str, lang: str) -> str:
    """A figure as the reader sees it, by unit."""
    if unit == "date":
        return format_date(str(value), lang)
    if unit == "weeks":
        return format_weeks(float(value), lang)
    if unit in UNIT_WORDS[lang]:
        return f"{format_number(float(value), lang)} {UNIT_WORDS[lang][unit]}"
    if len(unit) == 3 and unit.isupper():
        return format_money(float(value), unit, lang)
    return format_number(float(value), lang)


UNIT_WORDS = {
    "fr": {
        "sprints": "sprints",
        "points": "points",
        "working_days": "jours ouvrés",
        "calendar_days": "jours",
        "months": "mois",
        "dates": "jours",
        "days": "jours-personne",
        "people": "personnes",
        "findings": "constats",
    },
    "en": {
        "sprints": "sprints",
        "points": "story points",
        "working_days": "working days",
        "calendar_days": "days",
        "months": "months",
        "dates": "days",
        "days": "person-days",
        "people": "people",
        "findings": "findings",
    },
}


_MONEY = {"day_rate"}  # parameters that are amounts: shown with their currency


def readable_params(params: dict, language: str, currency: str | None = None) -> dict:
    """Numbers as the language writes them (amounts with their currency), and for each number
    `<name>_many`, whether its noun takes the plural ("2 semaines", "1 semaine", "1 week")."""
    out = {}
    for k, v in params.items():
        if isinstance(v, int | float) and not isinstance(v, bool):
            out[k] = (
                format_money(v, currency, language)
                if k in _MONEY and currency
                else format_number(v, language)
            )
            out[f"{k}_many"] = v >= 2 if language == "fr" else v != 1
        else:
            out[k] = v
    return out
