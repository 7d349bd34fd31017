"""The plan as JSON, with the provenance of every figure any other output shows."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.roadmap.models import RoadmapPlan
from assistant.roadmap.render.figures import FigureBook
from assistant.roadmap.render.markdown import roadmap_view

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "schemas" / "roadmap.schema.json"


def complete_plan(plan: RoadmapPlan, book: FigureBook, audience: str) -> RoadmapPlan:
    """The plan whose `figures` also hold those the book recorded from model fields."""
    roadmap_view(plan, book, audience, markers=False)
    return plan.model_copy(update={"figures": dict(book.figures)})


def roadmap_json(plan: RoadmapPlan, book: FigureBook, *, audience: str) -> str:
    """The plan with every figure, and `grounding`: the check of the Markdown a reader gets."""
    from assistant.roadmap.render.markdown import roadmap_markdown
    from assistant.roadmap.verify import check_roadmap_text

    text = roadmap_markdown(plan, book, audience=audience)
    grounding = check_roadmap_text(text, plan, book, audience=audience)
    done = complete_plan(plan, book, audience).model_copy(update={"grounding": grounding})
    dumped = done.model_dump(mode="json")
    return json.dumps(dumped, ensure_ascii=False, indent=2) + "\n"


def roadmap_schema() -> str:
    schema = RoadmapPlan.model_json_schema(mode="serialization")
    schema["$id"] = "https://steerco.example/schemas/roadmap.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(roadmap_schema(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
