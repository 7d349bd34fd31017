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

from assistant.domain import Context
from assistant.facts.language import fold, terms
from assistant.facts.numbers import NUMBER, parse_number
from assistant.facts.provenance import Figure, FigureInput, Ledger, fmt_number
from assistant.facts.status import Claim, ClaimKind, NewsKind
from assistant.lang import pattern

_PERCENT = re.compile(r"(?P<n>\d+(?:[.,]\d+)?)\s?%")
_HOURS = re.compile(rf"(?P<n>{NUMBER})\s*(?:heures?|hours?|h)\b")
_PEOPLE = re.compile(
    rf"(?P<n>{NUMBER})\s+(?:\w+\s+){{0,2}}?(?:developpeu\w*|developers?|devs?|ingenieu\w*"
    r"|engineers?|personnes|people|consultants?|testeu\w*|testers?)\b"
)
_JOINS = pattern("staffing", r"\b(?:recrut\w*|hired|hiring|joins|joining|embauch\w*|rejoin\w*)\b")


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
    team = next(
        (t for t in context.teams if re.search(rf"\b{re.escape(fold(t.name))}\b", folded)), None
    )
    count = _PEOPLE.search(folded)
    n = parse_number(count.group("n")) if count else None
    if team is None or not n:
        return
    people = team.people + n if _JOINS.search(folded) else max(0.0, team.people - n)
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
