"""Figures for goals and totals: shifts, cost of delay, new dates, sums, slack assumption."""

from __future__ import annotations

import datetime as dt

from assistant.domain import Goal, Source
from assistant.facts.provenance import Assumption, Figure, FigureInput, Ledger, fmt_number
from assistant.facts.schedule import DependencyGraph


def shift_figure(ledger: Ledger, base: str, goal: Goal, shift: float, *delay_ids: str) -> None:
    ledger.add(
        Figure(
            id=f"{base}.shift_weeks",
            label=f"shift of goal {goal.id}",
            value=shift,
            unit="weeks",
            formula=(
                "longest delay among the dependency paths reaching "
                f"{', '.join(goal.depends_on)} = {fmt_number(shift)} weeks"
            ),
            inputs=tuple(
                FigureInput(name=d, value=float(ledger.figures[d].value), unit="weeks")
                for d in delay_ids
            ),
            sources=(goal.source,) if goal.source else (),
            assumptions=("reported_is_total",),
        )
    )


def cod_figure(ledger: Ledger, base: str, goal: Goal, shift: float, cur: str) -> float:
    per_week = goal.cost_of_delay_per_week
    value = per_week * shift
    src = goal.source or Source(file="goals.yaml", key=goal.id)
    per_week_id = f"goal.{goal.id}.cost_of_delay_per_week"
    if per_week_id not in ledger.figures:
        ledger.add(
            Figure(
                id=per_week_id,
                label=f"cost of delay per week of {goal.id}",
                value=per_week,
                unit=cur,
                formula=f"{fmt_number(per_week)} {cur}/week as stated",
                sources=(src.model_copy(update={"field": "cost_of_delay_per_week"}),),
            )
        )
    ledger.add(
        Figure(
            id=f"{base}.cost_of_delay",
            label=f"cost of delay of {goal.id}",
            value=value,
            unit=cur,
            formula=f"{fmt_number(per_week)} {cur}/week × {fmt_number(shift)} weeks = {fmt_number(value)} {cur}",
            inputs=(
                FigureInput(name="cost_of_delay_per_week", value=per_week, unit=cur, source=src),
                FigureInput(name="shift_weeks", value=shift, unit="weeks"),
            ),
            sources=(src,),
        )
    )
    return value


def date_figures(ledger: Ledger, goal: Goal, new_date: dt.date, shift: float) -> None:
    src = goal.source or Source(file="goals.yaml", key=goal.id)
    deadline = src.model_copy(update={"field": "deadline"})
    ledger.add(
        Figure(
            id=f"goal.{goal.id}.deadline",
            label=f"deadline of {goal.id}",
            value=goal.deadline.isoformat(),
            unit="date",
            formula="as stated",
            sources=(deadline,),
        )
    )
    ledger.add(
        Figure(
            id=f"goal.{goal.id}.new_date",
            label=f"new expected date of {goal.id}",
            value=new_date.isoformat(),
            unit="date",
            formula=f"{goal.deadline} + {fmt_number(shift)} weeks = {new_date}",
            inputs=(
                FigureInput(name="deadline", value=goal.deadline.isoformat(), source=deadline),
            ),
            sources=(deadline,),
        )
    )


def totals(ledger, impacts, goal_impacts, extra_total, cod_total, cur) -> None:
    extra = {
        f"impact.{i.item}.extra_cost": i.extra_cost for i in impacts if i.extra_cost is not None
    }
    cod = {
        f"goal.{g.goal}.cost_of_delay": g.cost_of_delay for g in goal_impacts if g.cost_of_delay > 0
    }
    ledger.add(
        _sum("total.extra_cost", "extra delivery cost, all slips", extra, cur, "no priced slip")
    )
    ledger.add(
        _sum(
            "total.cost_of_delay",
            "cost of delay, all goals (each once)",
            cod,
            cur,
            "no goal shifted",
        )
    )
    parts = {"total.extra_cost": extra_total, "total.cost_of_delay": cod_total}
    ledger.add(
        _sum("total.cost", "total cost (extra delivery cost + cost of delay)", parts, cur, "")
    )


def _sum(figure_id: str, label: str, parts: dict[str, float], cur: str, empty: str) -> Figure:
    """A figure that adds other figures, each named as an input."""
    total = sum(parts.values())
    terms = " + ".join(fmt_number(v) for v in parts.values())
    return Figure(
        id=figure_id,
        label=label,
        value=total,
        unit=cur,
        formula=f"{terms} = {fmt_number(total)} {cur}" if parts else f"{empty} = 0",
        inputs=tuple(FigureInput(name=k, value=v, unit=cur) for k, v in parts.items()),
    )


PARAM_UNITS = {
    "weeks": "weeks",
    "days": "days",
    "people": "people",
    "points": "points",
    "count": "count",
}


def assumption_figures(ledger: Ledger, currency: str) -> None:
    """The numbers quoted by assumptions are figures too, so every printed number has a source."""
    for assumption in list(ledger.assumptions.values()):
        for name, value in assumption.params.items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            unit = currency if name == "day_rate" else PARAM_UNITS.get(name, "number")
            ledger.add(
                Figure(
                    id=f"assumption.{assumption.id}.{name}",
                    label=f"{name} ({assumption.id})",
                    value=float(value),
                    unit=unit,
                    formula="as stated" if assumption.source else "Steerco's documented default",
                    sources=(assumption.source,) if assumption.source else (),
                )
            )


def slack_assumption(graph: DependencyGraph, ledger: Ledger) -> None:
    edges = graph.slack_edges()
    if edges:
        ledger.assume(
            Assumption(
                id="slack_from_dates",
                params={
                    "edges": ", ".join(f"{b}→{k} {fmt_number(s)}" for b, k, s in edges[:10]),
                    "count": len(edges),
                },
            )
        )
    else:
        ledger.assume(Assumption(id="zero_slack"))
