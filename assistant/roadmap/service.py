"""A roadmap from inputs to files: shared by the CLI, the HTTP API and the web page."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import uuid
from pathlib import Path
from typing import Any

from assistant.brief import Inputs
from assistant.roadmap.models import RoadmapPlan
from assistant.settings import Settings

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


def render(
    plan: RoadmapPlan, inputs: Inputs, fmt: str, *, language: str, audience: str, settings: Settings
) -> str | bytes:
    from assistant.roadmap.render import render_plan

    client = None
    if settings.model:  # offline by default: litellm is not even imported
        from assistant.llm import client_from_settings

        client = client_from_settings(settings)
    return render_plan(
        plan, fmt,  # type: ignore[arg-type]
        language=language, audience=audience,
        goal_titles={g.id: g.title_in(language) for g in inputs.goals}, client=client,
    )  # fmt: skip


def save_all(
    folder: Path, plan: RoadmapPlan, inputs: Inputs, *, language: str, audience: str,
    settings: Settings,
) -> str:  # fmt: skip
    """Every format written atomically under `folder` as roadmap-<id>.<ext>; returns the id."""
    roadmap_id = "roadmap-" + uuid.uuid4().hex[:10]
    folder.mkdir(parents=True, exist_ok=True)
    for fmt in FORMATS:
        data = render(plan, inputs, fmt, language=language, audience=audience, settings=settings)
        raw = data if isinstance(data, bytes) else data.encode("utf-8")
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{roadmap_id}.")
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.replace(tmp, folder / f"{roadmap_id}.{fmt}")
    return roadmap_id
