"""Pricing: a team's weekly burn and the extra delivery cost of a late item."""

from __future__ import annotations

from assistant.domain import Backlog, BacklogItem, Context, Source, Team
from assistant.facts.provenance import Assumption, Figure, FigureInput, Ledger, fmt_number


def team_of(item: BacklogItem, backlog: Backlog, context: Context) -> tuple[Team, str] | None:
    """The context team doing `item`: its own team or component, else its epic's (recursively).

    Returns the team and the key of the item it was read from, or None (no guess is made).
    """
    seen: set[str] = set()
    current: BacklogItem | None = item
    while current is not None and current.key not in seen:
        seen.add(current.key)
        for name in (current.team, *current.components):
            team = context.team(name)
            if team:
                return team, current.key
        current = backlog.get(current.parent) if current.parent else None
    return None


def weekly_burn(team: Team, context: Context, ledger: Ledger) -> Figure:
    figure_id = f"team.{team.name}.weekly_burn"
    if figure_id in ledger.figures:
        return ledger.figures[figure_id]
    file = context.source.file if context.source else "context.yaml"
    value = team.people * team.day_rate * context.working_days_per_week
    ledger.assume(
        Assumption(
            id=f"team_rate.{team.name}",
            params={"team": team.name, "people": team.people, "day_rate": team.day_rate},
            source=Source(file=file, key=team.name, field="teams"),
        )
    )
    return ledger.add(
        Figure(
            id=figure_id,
            label=f"weekly burn of team {team.name}",
            value=value,
            unit=context.currency,
            formula=(
                f"{fmt_number(team.people)} people × {fmt_number(team.day_rate)} {context.currency}"
                f"/day × {fmt_number(context.working_days_per_week)} days/week = "
                f"{fmt_number(value)} {context.currency}/week"
            ),
            inputs=(
                FigureInput(
                    name="people",
                    value=team.people,
                    source=Source(file=file, key=team.name, field="people"),
                ),
                FigureInput(
                    name="day_rate",
                    value=team.day_rate,
                    unit=context.currency,
                    source=Source(file=file, key=team.name, field="day_rate"),
                ),
                FigureInput(
                    name="working_days_per_week",
                    value=context.working_days_per_week,
                    source=Source(file=file, field="working_days_per_week"),
                ),
            ),
            sources=(Source(file=file, key=team.name, field="teams"),),
            assumptions=(f"team_rate.{team.name}",),
        )
    )
