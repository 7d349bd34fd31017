"""Roadmap outputs: Markdown, a self-contained HTML page, a PowerPoint deck and JSON.

Each renderer reads a `RoadmapPlan` and shows only its figures (see `figures.FigureBook`).
"""

from __future__ import annotations

from typing import Literal

from assistant.roadmap.models import RoadmapPlan
from assistant.roadmap.render.figures import FigureBook

Format = Literal["md", "html", "pptx", "json"]
Audience = Literal["comex", "engineering"]


def render_plan(
    plan: RoadmapPlan,
    fmt: Format,
    *,
    language: str,
    audience: str,
    goal_titles: dict[str, str] | None = None,
) -> str | bytes:
    """Text for md, html and json; bytes for pptx. `goal_titles` in the chosen language."""
    book = FigureBook(plan, language, goal_titles)
    if fmt == "md":
        from assistant.roadmap.render.markdown import roadmap_markdown

        return roadmap_markdown(plan, book, audience=audience)
    if fmt == "html":
        from assistant.roadmap.render.html import roadmap_html

        return roadmap_html(plan, book, audience=audience)
    if fmt == "pptx":
        from assistant.roadmap.render.pptx import roadmap_pptx

        return roadmap_pptx(plan, book, audience=audience)
    from assistant.roadmap.render.json import roadmap_json

    return roadmap_json(plan, book, audience=audience)
