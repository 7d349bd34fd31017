"""The self-contained HTML brief: no network, figures hoverable/focusable to their provenance."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup

from assistant.facts.impact import ImpactReport
from assistant.narration.template_narrator import replace_markers
from assistant.prompts import render


def html_page(marked_markdown: str, report: ImpactReport, *, language: str, title: str) -> str:
    """`marked_markdown` holds ⟦fig:id⟧ markers where figures go; user text stays escaped."""
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(marked_markdown)
    return render(
        "brief.v1.html.j2",
        autoescape=True,
        language=language,
        title=title,
        # markdown-it escaped the text (raw HTML off) and figure_span escapes its parts
        body=Markup(replace_markers(body, report, language)),
    )
