"""Priority scores: CD3 by default, WSJF and RICE as alternative views, each formula printed.

- CD3 (Reinertsen; Black Swan Farming): cost of delay per week ÷ duration in weeks. Doing the
  highest CD3 first minimises the total cost of delay of independent jobs (Smith's rule).
- WSJF (SAFe): (business value + time criticality + risk reduction/opportunity enablement) ÷
  job size. Our mapping: business value = the goals' CoD per week (0 for a risk); time
  criticality = that CoD × urgency, urgency = 1 − weeks to the deadline ÷ horizon, clipped to
  [0, 1] (0 with no deadline); RR|OE = a risk's expected loss per week. Job size = duration.
- RICE (Intercom): reach × impact × confidence ÷ effort. Mapping: reach = goals served (1 for
  a risk, 1 at least); impact = CoD per week; confidence = 1 for estimates and audit effort,
  0.8 for story points, 0.5 for default sizes; effort = person-days.

Durations and efforts are floored at MIN_WEEKS / one person-day so nothing divides by zero.
Order: highest score first; ties by earlier deadline, then shorter, then backlog order.
"""

from __future__ import annotations

import datetime as dt

from assistant.facts.provenance import fmt_number
from assistant.roadmap.models import Method, Score, WorkPackage

MIN_WEEKS = 0.2  # one working day
CONFIDENCE = {"estimate": 1.0, "effort": 1.0, "points": 0.8, "default": 0.5}


def cd3(cost_of_delay_per_week: float, duration_weeks: float) -> float:
    return cost_of_delay_per_week / max(duration_weeks, MIN_WEEKS)


def wsjf(business_value: float, time_criticality: float, rr_oe: float, job_size: float) -> float:
    return (business_value + time_criticality + rr_oe) / max(job_size, MIN_WEEKS)


def rice(reach: float, impact: float, confidence: float, effort: float) -> float:
    return reach * impact * confidence / max(effort, 1.0)


def score(
    package: WorkPackage, method: Method, *, start: dt.date, horizon_weeks: float
) -> tuple[float, str]:
    """(value, formula) of one package by one method."""
    cod, weeks = package.cost_of_delay_per_week, max(package.size_weeks, MIN_WEEKS)
    f = fmt_number
    if method == "cd3":
        value = cd3(cod, weeks)
        return value, f"CD3 = {f(cod)}/week ÷ {f(weeks)} weeks = {f(value)}"
    if method == "wsjf":
        risk = package.kind == "risk"
        bv, rr = (0.0, cod) if risk else (cod, 0.0)
        urgency = 0.0
        if package.deadline and horizon_weeks > 0:
            left = (package.deadline - start).days / 7
            urgency = min(1.0, max(0.0, 1 - left / horizon_weeks))
        tc = bv * urgency
        value = wsjf(bv, tc, rr, weeks)
        return value, (
            f"WSJF = ({f(bv)} value + {f(tc)} time criticality + {f(rr)} risk reduction) "
            f"÷ {f(weeks)} weeks = {f(value)}"
        )
    reach = max(1, len(package.goals))
    confidence = CONFIDENCE.get(package.size_source, 0.5)
    effort = max(package.effort_person_days or 0.0, 1.0)
    value = rice(reach, cod, confidence, effort)
    return value, (
        f"RICE = {reach} reach × {f(cod)}/week impact × {f(confidence)} confidence "
        f"÷ {f(effort)} person-days = {f(value)}"
    )


def score_packages(
    packages: list[WorkPackage], method: Method, *, start: dt.date, horizon_weeks: float
) -> list[Score]:
    """Scores ranked 1..n in priority order (see the module doc for ties)."""
    computed = [score(p, method, start=start, horizon_weeks=horizon_weeks) for p in packages]
    index = sorted(range(len(packages)), key=lambda i: _key(packages[i], computed[i][0], i))
    return [
        Score(package=packages[i].id, method=method, value=computed[i][0],
              formula=computed[i][1], rank=rank)
        for rank, i in enumerate(index, start=1)
    ]  # fmt: skip


def rank(
    packages: list[WorkPackage],
    method: Method = "cd3",
    *,
    start: dt.date | None = None,
    horizon_weeks: float = 52,
) -> list[str]:
    """Package ids in priority order (values only: no formulas, for the many re-rankings)."""
    begin = start or dt.date(2000, 1, 1)
    values = [score(p, method, start=begin, horizon_weeks=horizon_weeks)[0] for p in packages]
    index = sorted(range(len(packages)), key=lambda i: _key(packages[i], values[i], i))
    return [packages[i].id for i in index]


def _key(package: WorkPackage, value: float, index: int) -> tuple:
    deadline = package.deadline.toordinal() if package.deadline else 10**7
    return (-value, deadline, package.size_weeks, index)
