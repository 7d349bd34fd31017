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
    extra_parts = [i for i in impacts if i.extra_cost is not None]
    cod_parts = [g for g in goal_impacts if g.cost_of_delay > 0]
    ledger.add(
        Figure(
            id="total.extra_cost",
            label="extra delivery cost, all slips",
            value=extra_total,
            unit=cur,
            formula=" + ".join(fmt_number(i.extra_cost) for i in extra_parts)
            + f" = {fmt_number(extra_total)} {cur}"
            if extra_parts
            else "no priced slip = 0",
            inputs=tuple(
                FigureInput(name=f"impact.{i.item}.extra_cost", value=i.extra_cost, unit=cur)
                for i in extra_parts
            ),
        )
    )
    ledger.add(
        Figure(
            id="total.cost_of_delay",
            label="cost of delay, all goals (each once)",
            value=cod_total,
            unit=cur,
            formula=" + ".join(fmt_number(g.cost_of_delay) for g in cod_parts)
            + f" = {fmt_number(cod_total)} {cur}"
            if cod_parts
            else "no goal shifted = 0",
            inputs=tuple(
                FigureInput(name=f"goal.{g.goal}.cost_of_delay", value=g.cost_of_delay, unit=cur)
                for g in cod_parts
            ),
        )
    )
    total = extra_total + cod_total
    ledger.add(
        Figure(
            id="total.cost",
            label="total cost (extra delivery cost + cost of delay)",
            value=total,
            unit=cur,
            formula=f"{fmt_number(extra_total)} + {fmt_number(cod_total)} = {fmt_number(total)} {cur}",
            inputs=(
                FigureInput(name="total.extra_cost", value=extra_total, unit=cur),
                FigureInput(name="total.cost_of_delay", value=cod_total, unit=cur),
            ),
        )
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
