"""Roadmap outputs: Markdown, a self-contained HTML page, a PowerPoint deck and JSON.

Each renderer reads a `RoadmapPlan` and shows only its figures (see `figures.FigureBook`).
"""

from __future__ import annotations

from typing import Literal

from assistant.audience import RoadmapAudienceName
from assistant.roadmap.models import RoadmapPlan
from assistant.roadmap.render.figures import FigureBook

Format = Literal["md", "html", "pptx", "json"]
Audience = RoadmapAudienceName


def render_plan(
    plan: RoadmapPlan,
    fmt: Format,
    *,
    language: str,
    audience: str,
    goal_titles: dict[str, str] | None = None,
    client=None,  # assistant.llm.LLMClient when a model is configured
    summary=None,  # assistant.roadmap.narrate.Summary, already written (one ask per roadmap)
) -> str | bytes:
    """Text for md, html and json; bytes for pptx. `goal_titles` in the chosen language.

    With `client`, the executive summary is written by the model (grounded, else the
    template's); the model's warnings land in `plan.warnings` of the JSON."""
    book = FigureBook(plan, language, goal_titles)
    if summary is None and client is not None and fmt in ("md", "html"):
        from assistant.roadmap.narrate import summary_with_llm

        summary = summary_with_llm(plan, book, audience=audience, client=client)
    if fmt == "md":
        from assistant.roadmap.render.markdown import roadmap_markdown

        text = summary.markdown if summary else None  # None: the template's summary
        return _warned(roadmap_markdown(plan, book, audience=audience, summary=text), summary)
    if fmt == "html":
        from assistant.roadmap.render.html import roadmap_html

        return roadmap_html(
            plan, book, audience=audience, summary=summary.marked if summary else None
        )
    if fmt == "pptx":
        from assistant.roadmap.render.pptx import roadmap_pptx

        return roadmap_pptx(plan, book, audience=audience)
    from assistant.roadmap.render.json import roadmap_json

    return roadmap_json(plan, book, audience=audience)


def _warned(text: str, summary) -> str:  # type: ignore[no-untyped-def]
    """The model's fallback warning, if any, at the end of the Markdown."""
    if summary is None or not summary.warnings:
        return text
    return text.rstrip() + "\n\n" + "\n".join(f"> {w}" for w in summary.warnings) + "\n"
