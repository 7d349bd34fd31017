"""Draws docs/roadmap-timeline.png, the README's picture, from the bundled example.

.venv/bin/python docs/make_screenshots.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from assistant.inputs import load_inputs
from assistant.roadmap.plan import build_plan
from assistant.roadmap.render import charts
from assistant.roadmap.render.figures import FigureBook

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "transvia"
START = dt.date(2026, 11, 23)


def main() -> None:
    inputs = load_inputs(
        EXAMPLE / "context.yaml",
        EXAMPLE / "goals.yaml",
        [EXAMPLE / "backlog.csv"],
        [EXAMPLE / "audit.csv"],
    )
    plan = build_plan(
        inputs.context,
        inputs.goals,
        inputs.backlog,
        inputs.findings,
        start=START,
        horizon_weeks=26,
        method="cd3",
    )
    titles = {g.id: g.title_in("en") for g in inputs.goals}
    book = FigureBook(plan, "en", titles)
    target = ROOT / "docs" / "roadmap-timeline.png"
    target.write_bytes(charts.timeline(plan, book, fmt="png"))
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
