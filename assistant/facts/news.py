"""Figures for the committee's news, where the context lets them be computed (issue 11 item 3).

- budget: a percentage on a budget line declared in context.yaml (`budgets:`) is priced per
  month (line x percentage);
- staffing: people leaving or joining a team named in context.yaml give its new size and
  new weekly burn (people x day rate x working days per week), the capacity the roadmap uses;
- incident: hours of outage x `incident_cost_per_hour`, when context.yaml gives it.
Anything else is quoted as written. Each figure lands in the ledger with its formula.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal, NamedTuple

import assistant.patterns as cached_re
from assistant.domain import Context, Team
from assistant.facts.language import fold, terms
from assistant.facts.numbers import NUMBER, parse_number
from assistant.facts.provenance import Figure, FigureInput, Ledger, fmt_number
from assistant.facts.status import Claim, ClaimKind, NewsKind
from assistant.lang import alternation, pattern

_PERCENT = cached_re.compile(r"(?P<n>\d+(?:[.,]\d+)?)\s?%")
_HOURS = pattern("hour_words", rf"(?P<n>{NUMBER})\s*{{}}\b")
# Staffing, from every read language's words (assistant/lang): compiled once, at import
_NOUNS = alternation("people_nouns")
_PEOPLE = cached_re.compile(rf"(?P<n>{NUMBER})\s+(?:[\w'-]+\s+){{0,2}}?{_NOUNS}\b")
_PERSON_NOUN = cached_re.compile(rf"\b{_NOUNS}\b")
_LEAVE = pattern("leave_words")
_JOIN = pattern("join_words")
_ABSENCE = pattern("absence_words")  # a person away without a people noun ("Marie en congé")


class StaffingNews(NamedTuple):
    """What a sentence says of people leaving or joining: the reading of a staffing news
    claim, for its figures here and for the roadmap's capacity (roadmap/world.py)."""

    quote: str
    direction: Literal["leave", "join"] | None  # the first of a leave or a join word
    people: float | None  # the number before a people noun ("deux développeurs"), if any
    team: str | None  # the first context team the quote names
    names_people: bool  # a people noun or an absence ("en congé maternité") is in it


def read_staffing(quote: str, teams: Sequence[Team]) -> StaffingNews:
    folded = fold(quote)
    leaves, joins = _LEAVE.search(folded), _JOIN.search(folded)
    direction: Literal["leave", "join"] | None = None
    if leaves and (not joins or leaves.start() < joins.start()):
        direction = "leave"
    elif joins:
        direction = "join"
    count = _PEOPLE.search(folded)
    team = next((t.name for t in teams if _names(folded, t.name)), None)
    return StaffingNews(
        quote=quote,
        direction=direction,
        people=parse_number(count.group("n")) if count else None,
        team=team,
        names_people=bool(_PERSON_NOUN.search(folded) or _ABSENCE.search(folded)),
    )


def _names(folded: str, name: str) -> bool:
    return re.search(rf"\b{re.escape(fold(name))}\b", folded) is not None


def news_figures(claims: list[Claim], context: Context, ledger: Ledger) -> None:
    for claim in claims:
        if claim.kind is not ClaimKind.NEWS:
            continue
        folded = fold(claim.quote)
        if claim.news in (NewsKind.BUDGET, NewsKind.VENDOR):
            _budget(claim, folded, context, ledger)
        elif claim.news is NewsKind.STAFFING:
            _staffing(claim, folded, context, ledger)
        elif claim.news is NewsKind.INCIDENT:
            _incident(claim, folded, context, ledger)


def _budget(claim: Claim, folded: str, context: Context, ledger: Ledger) -> None:
    pct = _PERCENT.search(folded)
    words = set(terms(claim.quote))
    line = next(
        (
            b
            for b in context.budgets
            if any(set(terms(n)) and set(terms(n)) <= words for n in (b.name, *b.aliases))
        ),
        None,
    )
    if pct is None or line is None:
        return
    rate = float(pct.group("n").replace(",", "."))
    value = line.monthly * rate / 100
    ledger.add(
        Figure(
            id=f"news.{claim.id}.monthly",
            label=f"monthly change of the budget line {line.name}",
            value=value,
            unit=context.currency,
            formula=f"{fmt_number(line.monthly)} {context.currency}/month × {fmt_number(rate)} %"
            f" = {fmt_number(value)} {context.currency}/month",
            inputs=(FigureInput(name="monthly", value=line.monthly, unit=context.currency),),
        )
    )


def _staffing(claim: Claim, folded: str, context: Context, ledger: Ledger) -> None:
    news = read_staffing(claim.quote, context.teams)
    team = next((t for t in context.teams if t.name == news.team), None)
    n = news.people
    if team is None or not n:
        return
    people = team.people + n if news.direction == "join" else max(0.0, team.people - n)
    burn = people * team.day_rate * context.working_days_per_week
    ledger.add(
        Figure(
            id=f"news.{claim.id}.people",
            label=f"people in team {team.name} after the change",
            value=people,
            unit="people",
            formula=f"{fmt_number(team.people)} {'+' if people > team.people else '−'} "
            f"{fmt_number(n)} = {fmt_number(people)}",
        )
    )
    ledger.add(
        Figure(
            id=f"news.{claim.id}.weekly_burn",
            label=f"new weekly burn of team {team.name}",
            value=burn,
            unit=context.currency,
            formula=f"{fmt_number(people)} people × {fmt_number(team.day_rate)} "
            f"{context.currency}/day × {fmt_number(context.working_days_per_week)} days/week"
            f" = {fmt_number(burn)} {context.currency}/week",
        )
    )


def _incident(claim: Claim, folded: str, context: Context, ledger: Ledger) -> None:
    hours = _HOURS.search(folded)
    value = parse_number(hours.group("n")) if hours else None
    if value is None or context.incident_cost_per_hour is None:
        return
    cost = value * context.incident_cost_per_hour
    ledger.add(
        Figure(
            id=f"news.{claim.id}.cost",
            label="cost of the incident",
            value=cost,
            unit=context.currency,
            formula=f"{fmt_number(value)} hours × {fmt_number(context.incident_cost_per_hour)} "
            f"{context.currency}/hour (incident_cost_per_hour) = {fmt_number(cost)} "
            f"{context.currency}",
        )
    )
