"""Which assumption moves the plan: each one varied by ±30%, everything else held.

For each assumption the packages are rebuilt with that one multiplier at 0.7 and 1.3, ranked by
the plan's method and scheduled; a row gives the total cost of delay at both ends and whether
the recommended order differs from the plan's at either end. Day rates change spend, not the
cost of delay, so their row shows unchanged totals: that is a finding too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from assistant.domain import Backlog, Context, Goal
from assistant.facts.provenance import Ledger
from assistant.facts.risks import Risk
from assistant.roadmap.models import Method, SensitivityRow
from assistant.roadmap.packages import Knobs, build_packages
from assistant.roadmap.priorities import rank
from assistant.roadmap.scheduling import (
    Capacity,
    carry_delays,
    honour_deadlines,
    schedule,
    total_cost_of_delay,
)

SWING = 0.3
ASSUMPTIONS = ("day_rate", "sprint_weeks", "velocity", "default_size", "risk_loss", "goal_cod")


def sensitivity(
    context: Context,
    goals: list[Goal],
    backlog: Backlog,
    risks: list[Risk],
    *,
    method: Method,
    start: dt.date,
    horizon_weeks: float,
    order: list[str],
    base: float,
    delays: dict[str, float] | None = None,
    boost: Capacity | None = None,
) -> list[SensitivityRow]:
    """One row per assumption, largest swing of the total cost of delay first; `delays` and
    `boost` (the staffing changes and the recommended option's extra capacity) as in the plan."""
    rows = []
    for name in ASSUMPTIONS:
        if name == "day_rate":  # prices spend only: same packages, order and cost of delay
            rows.append(SensitivityRow(assumption=name, low=base, high=base, order_changes=False))
            continue
        totals, changed = [], False
        for factor in (1 - SWING, 1 + SWING):
            knobs = replace(Knobs(), **{name: factor})
            pset = build_packages(context, goals, backlog, risks, Ledger(), knobs)
            if delays:
                pset.packages = carry_delays(pset.packages, delays)
            priority = rank(pset.packages, method, start=start, horizon_weeks=horizon_weeks)
            priority, _ = honour_deadlines(pset.packages, priority, start=start, boost=boost)
            plan = schedule(pset.packages, priority, boost=boost)
            totals.append(total_cost_of_delay(pset.packages, plan.finish_week))
            changed = changed or plan.order != order
        rows.append(SensitivityRow(assumption=name, low=totals[0], high=totals[1],
                                   order_changes=changed))  # fmt: skip
    return sorted(rows, key=lambda r: (-abs(r.high - r.low), r.assumption))
