"""Locale formatting of figures: 120 000 EUR / EUR 120,000, 6 semaines / 6 weeks, dates.

How each language writes them (separators, the currency's place, plurals, month names) is
its lexicon's (assistant/lang/<code>.py); the unit words are its report strings'
(prompts/phrases.<code>.v1.yaml, `units`)."""

from __future__ import annotations

import datetime as dt

import assistant.patterns as cached_re
from assistant.lang import lexicon
from assistant.prompts import phrases

# A figure in a text bound for HTML or a deck, where its renderer puts its value and its
# provenance: written by `figure_marker`, found by FIGURE_MARKER (group 1: the figure's id)
FIGURE_MARKER = cached_re.compile(r"⟦fig:([^⟧]+)⟧")


def figure_marker(figure_id: str) -> str:
    return f"⟦fig:{figure_id}⟧"


def format_number(value: float, lang: str, decimals: int = 1) -> str:
    """Grouped thousands (space in French, comma in English); at most `decimals` decimals."""
    rounded = round(value, decimals)
    if rounded == int(rounded):
        text = f"{int(rounded):,}"
    else:
        text = f"{rounded:,.{decimals}f}".rstrip("0").rstrip(".")
    lex = lexicon(lang)
    groups, _, decimal = text.partition(".")
    text = groups.replace(",", lex.thousands)
    return f"{text}{lex.decimal}{decimal}" if decimal else text


def format_money(value: float, currency: str, lang: str) -> str:
    amount = format_number(round(value), lang, decimals=0)
    return f"{currency} {amount}" if lexicon(lang).currency_first else f"{amount} {currency}"


def format_weeks(value: float, lang: str) -> str:
    lex = lexicon(lang)
    return f"{format_number(value, lang)} {lex.week_nouns[lex.many(abs(value))]}"


def format_date(value: dt.date | str, lang: str) -> str:
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    lex = lexicon(lang)
    number = lex.first_day if day.day == 1 else str(day.day)
    return lex.date_pattern.format(day=number, month=lex.month_names[day.month - 1], year=day.year)


def unit_words(lang: str) -> dict[str, str]:
    """The noun after a count of each unit: "jours ouvrés", "working days"."""
    return phrases(lang).get("units", {})


def format_value(value: float | str, unit: str, lang: str) -> str:
    """A figure as the reader sees it, by unit."""
    if unit == "date":
        return format_date(str(value), lang)
    if unit == "weeks":
        return format_weeks(float(value), lang)
    if word := unit_words(lang).get(unit):
        return f"{format_number(float(value), lang)} {word}"
    if len(unit) == 3 and unit.isupper():
        return format_money(float(value), unit, lang)
    return format_number(float(value), lang)


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
            out[f"{k}_many"] = lexicon(language).many(v)
        else:
            out[k] = v
    return out
