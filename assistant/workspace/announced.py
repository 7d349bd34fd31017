"""What the board was told: the dates each finished brief announced per goal, and where a goal
stands against them.

Every brief a workspace keeps records, per goal, the date it announced (the new expected date,
or the deadline when nothing moved) with its run id and status date (`record`). A later brief
compares: when a goal's date moves later than the last one announced, it is a postponement,
counted over the sequence deadline -> every announced date -> today's date; the weeks are
counted from the date first announced. Plain arithmetic; the results are figures with their
provenance (`announced.<goal>.*`), so the grounding check accepts the sentence that states them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from assistant.facts.impact import ImpactReport
from assistant.facts.provenance import Figure, FigureInput


@dataclass(frozen=True)
class Announcement:
    run_id: str
    status_date: dt.date  # the day the brief told the board
    goal: str
    announced: dt.date  # the date it announced for the goal


def announced_dates(report: ImpactReport) -> dict[str, dt.date]:
    """The date a brief announces per goal: its new expected date, else its deadline."""
    out = {}
    for goal in report.goals:
        date = goal.new_date if goal.shift_weeks > 0 and goal.new_date else goal.deadline
        if date is not None:
            out[goal.goal] = date
    return out


@dataclass(frozen=True)
class Standing:
    goal: str
    postponements: int  # moves later over deadline -> announced dates -> now
    first: Announcement  # the first announcement of the goal
    now: dt.date
    weeks_since_first: float


def standings(
    report: ImpactReport, earlier: list[Announcement], today: dt.date, run_id: str
) -> list[Standing]:
    """Goals whose date moved later than the last one announced, against every earlier brief
    of the workspace (this run's own record excluded, so a resumed run says the same)."""
    out = []
    current = announced_dates(report)
    deadlines = {g.goal: g.deadline for g in report.goals}
    for goal, now in current.items():
        told = sorted(
            (
                a
                for a in earlier
                if a.goal == goal and a.run_id != run_id and a.status_date <= today
            ),
            key=lambda a: a.status_date,
        )  # stable: same-day briefs stay in the order they were kept
        if not told or now <= told[-1].announced:
            continue
        sequence = [d for d in [deadlines[goal]] if d is not None]
        sequence += [a.announced for a in told] + [now]
        moves = sum(1 for a, b in pairwise(sequence) if b > a)
        weeks = (now - told[0].announced).days / 7
        out.append(Standing(goal, moves, told[0], now, weeks))
    return out


def with_figures(report: ImpactReport, found: list[Standing]) -> ImpactReport:
    """The report with `announced.<goal>.{postponements,first_date,first_announced,weeks}`."""
    if not found:
        return report
    figures = dict(report.figures)
    for s in found:
        base = f"announced.{s.goal}"
        first = s.first
        source = FigureInput(
            name=f"announced on {first.status_date.isoformat()} (brief {first.run_id})",
            value=first.announced.isoformat(),
            unit="date",
        )
        figures[f"{base}.first_date"] = Figure(
            id=f"{base}.first_date",
            label=f"{s.goal}: first announcement",
            value=first.status_date.isoformat(),
            unit="date",
            formula=f"status date of the first brief announcing {s.goal} (run {first.run_id})",
        )
        figures[f"{base}.first_announced"] = Figure(
            id=f"{base}.first_announced",
            label=f"{s.goal}: date first announced",
            value=first.announced.isoformat(),
            unit="date",
            formula=f"date announced for {s.goal} by brief {first.run_id}",
        )
        figures[f"{base}.weeks_since_first"] = Figure(
            id=f"{base}.weeks_since_first",
            label=f"{s.goal}: weeks since the first announcement",
            value=round(s.weeks_since_first, 2),
            unit="weeks",
            formula=f"({s.now.isoformat()} - {first.announced.isoformat()}) / 7 days",
            inputs=(
                source,
                FigureInput(name="date announced now", value=s.now.isoformat(), unit="date"),
            ),
        )
        figures[f"{base}.postponements"] = Figure(
            id=f"{base}.postponements",
            label=f"{s.goal}: postponements",
            value=float(s.postponements),
            unit="postponements",
            formula="times the date moved later: deadline, then every date announced, then now",
        )
    return report.model_copy(update={"figures": figures})


def rows(report: ImpactReport, run_id: str, status_date: dt.date) -> list[dict[str, Any]]:
    """What a finished brief records (metadata `announcements`)."""
    return [
        {"run_id": run_id, "status_date": status_date.isoformat(), "goal": goal,
         "announced": date.isoformat()}
        for goal, date in announced_dates(report).items()
    ]  # fmt: skip


def from_rows(stored: list[dict[str, Any]]) -> list[Announcement]:
    return [
        Announcement(
            r["run_id"],
            dt.date.fromisoformat(r["status_date"]),
            r["goal"],
            dt.date.fromisoformat(r["announced"]),
        )
        for r in stored
    ]


def against_history(workspace: Any, report: ImpactReport, today: dt.date, run_id: str) -> Any:
    """`report` with the standings against what the workspace's earlier briefs announced."""
    store = workspace.metadata()
    try:
        earlier = from_rows(store.announcements())
    finally:
        store.close()
    return with_figures(report, standings(report, earlier, today, run_id))


def sequences(stored: list[dict[str, Any]]) -> dict[str, list[dict[str, str]]]:
    """Per goal, the dates announced, in order: [{status_date, announced, run_id}, ...]."""
    out: dict[str, list[dict[str, str]]] = {}
    for r in stored:
        out.setdefault(r["goal"], []).append(
            {"status_date": r["status_date"], "announced": r["announced"], "run_id": r["run_id"]}
        )
    return out
