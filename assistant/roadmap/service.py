"""A roadmap from inputs to files: the plan, its summary (asked of the model once), renders."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.files import atomic_write
from assistant.inputs import Inputs
from assistant.roadmap.models import RoadmapPlan

FORMATS = ("md", "html", "pptx", "json")


def make_plan(
    inputs: Inputs, *, start: dt.date, horizon_weeks: float, method: str, workspace: Any = None
) -> RoadmapPlan:
    """With `workspace`, the plan starts from its latest brief (see `baseline`)."""
    from assistant.roadmap.baseline import latest_baseline
    from assistant.roadmap.forecast import forecast_goals
    from assistant.roadmap.plan import build_plan

    baseline = latest_baseline(workspace) if workspace is not None else None
    return build_plan(
        inputs.context, inputs.goals, inputs.backlog, inputs.findings,
        start=start, horizon_weeks=horizon_weeks, method=method, forecast=forecast_goals,
        baseline=baseline,
    )  # fmt: skip


@dataclass
class Drafted:
    """A plan with its words settled: the model's summary (or None: the template's)."""

    plan: RoadmapPlan
    inputs: Inputs
    language: str
    audience: str
    summary: Any = None  # assistant.roadmap.narrate.Summary

    @property
    def goal_titles(self) -> dict[str, str]:
        return {g.id: g.title_in(self.language) for g in self.inputs.goals}

    def render(self, fmt: str) -> str | bytes:
        from assistant.roadmap.render import render_plan

        return render_plan(
            self.plan, fmt,  # type: ignore[arg-type]
            language=self.language, audience=self.audience, goal_titles=self.goal_titles,
            summary=self.summary,
        )  # fmt: skip


def draft(
    plan: RoadmapPlan, inputs: Inputs, *, language: str, audience: str, client: Any = None
) -> Drafted:
    """The summary is written once per roadmap, whatever the number of formats rendered."""
    summary = None
    if client is not None:
        from assistant.roadmap.narrate import summary_with_llm
        from assistant.roadmap.render.figures import FigureBook

        titles = {g.id: g.title_in(language) for g in inputs.goals}
        book = FigureBook(plan, language, titles)
        summary = summary_with_llm(plan, book, audience=audience, client=client)
    return Drafted(plan, inputs, language, audience, summary)


def save_all(folder: Path, drafted: Drafted) -> str:
    """Every format written atomically under `folder` as roadmap-<id>.<ext>; returns the id."""
    roadmap_id = "roadmap-" + uuid.uuid4().hex[:10]
    folder.mkdir(parents=True, exist_ok=True)
    for fmt in FORMATS:  # each whole or not at all, with the user's umask (not mkstemp's 0600)
        atomic_write(folder / f"{roadmap_id}.{fmt}", drafted.render(fmt))
    return roadmap_id
