"""Where the roadmap starts: what the workspace's latest brief announced.

The brief prices reported slips against a plan where each goal lands on its deadline; its
impact report is kept as `<run>.json` in the workspace's reports. The roadmap reads the
latest one: every slip it reported lengthens the item's package by the delay, and the goals
it moved get the date it announced (the "current plan" every option is compared with). Its
`reading` (the CTO's confirmed claims when the brief was reviewed) is kept whole: staffing news
change capacity and conditional risks become scenarios (`world`). Pure but for reading that
one file.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from assistant.roadmap.models import Baseline


def latest_baseline(workspace: Any) -> Baseline | None:
    """The latest brief of `workspace` as a Baseline, or None when it has none (or it is
    unreadable: the roadmap then starts from the backlog alone)."""
    store = workspace.metadata()
    try:
        briefs = store.briefs()
    finally:
        store.close()
    for row in reversed(briefs):
        path = workspace.layout.reports / f"{row['run_id']}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        return baseline_from_brief(data, run_id=row["run_id"], created_at=row["created_at"])
    return None


def baseline_from_brief(data: dict[str, Any], *, run_id: str, created_at: str = "") -> Baseline:
    """A brief's JSON (`assistant.report.Brief`) as the roadmap's starting point."""
    delays: dict[str, float] = {}
    for impact in data.get("impacts", []):
        weeks = float(impact.get("delay_weeks") or 0)
        if weeks > 0:
            delays[impact["item"]] = max(weeks, delays.get(impact["item"], 0.0))
    dates: dict[str, dt.date | None] = {}
    shifts: dict[str, float] = {}
    for goal in data.get("goals", []):
        shift = float(goal.get("shift_weeks") or 0)
        if shift > 0 and goal.get("new_date"):
            dates[goal["goal"]] = dt.date.fromisoformat(goal["new_date"])
            shifts[goal["goal"]] = shift
    keep = ("id", "quote", "kind", "news", "item", "weeks", "reader")
    claims = [{k: c.get(k) for k in keep} for c in data.get("reading", []) if isinstance(c, dict)]
    return Baseline(
        run_id=run_id,
        created_at=created_at,
        delays=delays,
        goal_dates=dates,
        shifts=shifts,
        claims=claims,
    )
