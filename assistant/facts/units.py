"""Converting a delay, as the status states it, into weeks, with its formula and sources."""

from __future__ import annotations

from assistant.domain import Context, Source
from assistant.facts.provenance import Assumption, Figure, FigureInput, Ledger, fmt_number
from assistant.facts.status import Delay, DelayUnit

WEEKS_PER_MONTH = 52 / 12


class MissingVelocity(Exception):
    """A delay in story points cannot be converted without `velocity_points_per_sprint`."""


def _context_source(context: Context, field: str) -> Source:
    file = context.source.file if context.source else "context.yaml"
    return Source(file=file, field=field)


def delay_in_weeks(
    delay: Delay, context: Context, ledger: Ledger, *, figure_id: str, label: str, source: Source
) -> Figure:
    """The figure for `delay` in weeks. Raises MissingVelocity for points without velocity."""
    amount = delay.amount
    stated = FigureInput(name="stated delay", value=delay.text, source=source)
    inputs: list[FigureInput] = [stated]
    assumptions: list[str] = []
    sources = [source]
    unit = delay.unit
    if unit is DelayUnit.SPRINTS:
        weeks = amount * context.sprint_weeks
        formula = f"{fmt_number(amount)} sprints × {fmt_number(context.sprint_weeks)} weeks/sprint"
        inputs.append(_input("sprint_weeks", context.sprint_weeks, "weeks", context))
        assumptions.append(_sprint_length(context, ledger))
        sources.append(_context_source(context, "sprint_weeks"))
    elif unit is DelayUnit.WORKING_DAYS:
        weeks = amount / context.working_days_per_week
        formula = (
            f"{fmt_number(amount)} working days ÷ "
            f"{fmt_number(context.working_days_per_week)} working days/week"
        )
        inputs.append(
            _input("working_days_per_week", context.working_days_per_week, "days", context)
        )
        assumptions.append(_working_week(context, ledger))
        sources.append(_context_source(context, "working_days_per_week"))
    elif unit is DelayUnit.CALENDAR_DAYS:
        weeks = amount / 7
        formula = f"{fmt_number(amount)} calendar days ÷ 7"
    elif unit is DelayUnit.DATES:
        weeks = amount / 7
        formula = f"({delay.new_date} − {delay.old_date}) = {fmt_number(amount)} days ÷ 7"
    elif unit is DelayUnit.MONTHS:
        weeks = amount * WEEKS_PER_MONTH
        formula = f"{fmt_number(amount)} months × 52/12 weeks/month"
        assumptions.append(ledger.assume(Assumption(id="month_length", params={"weeks": 4.33})))
    elif unit is DelayUnit.POINTS:
        velocity = context.velocity_points_per_sprint
        if velocity is None:
            raise MissingVelocity(delay.text)
        weeks = amount / velocity * context.sprint_weeks
        formula = (
            f"{fmt_number(amount)} points ÷ {fmt_number(velocity)} points/sprint × "
            f"{fmt_number(context.sprint_weeks)} weeks/sprint"
        )
        inputs.append(_input("velocity_points_per_sprint", velocity, "points", context))
        inputs.append(_input("sprint_weeks", context.sprint_weeks, "weeks", context))
        assumptions.append(_sprint_length(context, ledger))
        assumptions.append(
            ledger.assume(
                Assumption(
                    id="velocity",
                    params={"points": velocity},
                    source=_context_source(context, "velocity_points_per_sprint"),
                )
            )
        )
        sources.append(_context_source(context, "velocity_points_per_sprint"))
    else:
        weeks = amount
        formula = f"{fmt_number(amount)} weeks as stated"
    return ledger.add(
        Figure(
            id=figure_id,
            label=label,
            value=weeks,
            unit="weeks",
            formula=f"{formula} = {fmt_number(weeks)} weeks",
            inputs=tuple(inputs),
            sources=tuple(sources),
            assumptions=tuple(assumptions),
        )
    )


def _input(name: str, value: float, unit: str, context: Context) -> FigureInput:
    return FigureInput(name=name, value=value, unit=unit, source=_context_source(context, name))


def _sprint_length(context: Context, ledger: Ledger) -> str:
    return ledger.assume(
        Assumption(
            id="sprint_length",
            params={"weeks": context.sprint_weeks},
            source=_context_source(context, "sprint_weeks"),
        )
    )


def _working_week(context: Context, ledger: Ledger) -> str:
    return ledger.assume(
        Assumption(
            id="working_week",
            params={"days": context.working_days_per_week},
            source=_context_source(context, "working_days_per_week"),
        )
    )
