"""Benchmark of the roadmap forecast. Run: `.venv/bin/python bench/bench_forecast.py`.

The issue's budget: 10,000 trials for 10 goals under one second. Measured on a steady
synthetic history, on a slow bursty one (long draws: the worst case for the block loop), and
on the real Apache Jira export (../shared/data); median and max of N runs.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.domain import Backlog, BacklogItem, Source, StatusCategory  # noqa: E402
from assistant.loaders import load_backlog  # noqa: E402
from assistant.roadmap.forecast import forecast_goals  # noqa: E402
from assistant.roadmap.models import Milestone  # noqa: E402

START = dt.date(2026, 1, 5)
JIRA = ROOT.parent / "shared" / "data" / "backlog" / "apache_jira_rest_ase2015.jsonl"
GOAL_SIZES = (5, 10, 20, 40, 60, 80, 100, 150, 200, 300)


def synthetic(per_week: list[int]) -> Backlog:
    """Resolved items following `per_week` (oldest first) plus 300 open ones for the goals."""
    items = [
        BacklogItem(
            key=f"D-{week}-{n}",
            title="done",
            category=StatusCategory.DONE,
            resolved=START - dt.timedelta(weeks=len(per_week) - week),
            source=Source(file="bench"),
        )
        for week, count in enumerate(per_week)
        for n in range(count)
    ]
    items += [
        BacklogItem(key=f"O-{n}", title="open", source=Source(file="bench")) for n in range(300)
    ]
    return Backlog(items={item.key: item for item in items})


def goals() -> list[Milestone]:
    keys = [f"O-{n}" for n in range(300)]
    return [
        Milestone(
            goal=f"G{g}", title=f"G{g}", deadline=None, planned=None, items=tuple(keys[:size])
        )
        for g, size in enumerate(GOAL_SIZES)
    ]


def measure(
    backlog: Backlog, milestones: list[Milestone], start: dt.date, runs: int
) -> tuple[float, float, str]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        forecast, result = forecast_goals(backlog, [], milestones, start=start, trials=10_000)
        times.append(time.perf_counter() - began)
    assert forecast.method == "monte_carlo"
    dates = (result[-1].p50, result[-1].p85, result[-1].p95)
    span = "/".join(str((day - start).days // 7) for day in dates if day is not None)
    return statistics.median(times), max(times), span


def main(runs: int = 15) -> None:
    cases: list[tuple[str, Backlog, list[Milestone], dt.date]] = [
        ("steady, 5/week x 52 weeks", synthetic([3, 5, 7, 5] * 13), goals(), START),
        ("bursty, 60 items in 100 weeks", synthetic(([6] + [0] * 9) * 10), goals(), START),
        (
            "40 items in 200 weeks (cut at 20 years)",
            synthetic(([4] + [0] * 19) * 10),
            goals(),
            START,
        ),
    ]
    if JIRA.exists():
        jira = load_backlog([JIRA])
        open_keys = tuple(f"NEW-{n}" for n in range(300))
        real = [
            Milestone(
                goal=f"G{g}", title=f"G{g}", deadline=None, planned=None, items=open_keys[:size]
            )
            for g, size in enumerate(GOAL_SIZES)
        ]
        cases.append(("Apache Jira, 496 items", jira, real, dt.date(2015, 2, 2)))
    print("| history | goals | trials | median s | max s | largest goal P50/P85/P95 weeks |")
    print("|---|---|---|---|---|---|")
    for name, backlog, milestones, start in cases:
        median, worst, span = measure(backlog, milestones, start, runs)
        print(f"| {name} | {len(milestones)} | 10,000 | {median:.3f} | {worst:.3f} | {span} |")


if __name__ == "__main__":
    main()
