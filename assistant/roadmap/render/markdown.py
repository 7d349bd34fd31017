"""The roadmap in Markdown, from the offline templates (prompts/roadmap.<lang>.v1.md.j2)."""

from __future__ import annotations

import re

import assistant.patterns as cached_re
from assistant.narration.formatting import figure_marker
from assistant.prompts import render
from assistant.roadmap.models import RoadmapPlan
from assistant.roadmap.render.figures import FigureBook
from assistant.roadmap.render.view import RoadmapView, build_view

TEMPLATE_VERSION = "roadmap.v1"


def roadmap_view(plan: RoadmapPlan, book: FigureBook, audience: str, markers: bool) -> RoadmapView:
    """With `markers`, numbers are ⟦fig:id⟧ tokens that the HTML page turns into spans."""

    def show(figure) -> str:  # type: ignore[no-untyped-def]
        return figure_marker(figure.id) if markers else book.text(figure)

    return build_view(plan, book, show, audience)


def roadmap_markdown(
    plan: RoadmapPlan,
    book: FigureBook,
    *,
    audience: str,
    markers: bool = False,
    summary: str | None = None,
) -> str:
    """`summary` (a model's grounded prose) replaces the template's executive summary."""
    view = roadmap_view(plan, book, audience, markers)
    text = render(f"roadmap.{book.language}.v1.md.j2", v=view)
    if summary:
        text = _SUMMARY.sub(lambda m: f"{m.group(1)}\n\n{summary.strip()}\n\n", text, count=1)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


_SUMMARY = cached_re.compile(r"^(## (?:Synthèse|Executive summary))\n.*?(?=^## )", re.M | re.S)
