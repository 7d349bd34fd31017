"""The roadmap as one self-contained HTML page: inline SVG charts, no script, no network.

Every number is a span showing its formula and sources on hover or keyboard focus.
"""

from __future__ import annotations

from html import escape

from markdown_it import MarkdownIt

from assistant.narration.template_narrator import replace_markers
from assistant.prompts import render
from assistant.roadmap.models import RoadmapPlan
from assistant.roadmap.render import charts
from assistant.roadmap.render.figures import FigureBook
from assistant.roadmap.render.markdown import roadmap_markdown

CAPTIONS = {
    "fr": ("Calendrier : couloirs par équipe, jalons et échéances", "Coût du retard"),
    "en": ("Timeline: lanes per team, milestones and deadlines", "Cost of delay"),
}


def roadmap_html(
    plan: RoadmapPlan, book: FigureBook, *, audience: str, summary: str | None = None
) -> str:
    marked = roadmap_markdown(plan, book, audience=audience, markers=True, summary=summary)
    title = marked.splitlines()[0].lstrip("# ").strip()
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(marked)
    timeline_caption, cod_caption = CAPTIONS[book.language]
    timeline = _figure(charts.inline_svg(charts.timeline(plan, book), "timeline"), timeline_caption)
    cost = _figure(charts.inline_svg(charts.cost_of_delay(plan, book), "cod"), cod_caption)
    body = replace_markers(body, book, book.language)  # type: ignore[arg-type]
    return render(
        "roadmap.v1.html.j2",
        autoescape=True,
        language=book.language,
        title=title,
        body=_insert(_insert(body, 6, cost), 2, timeline),
    )


def _figure(svg: str, caption: str) -> str:
    return f"<figure>\n{svg}\n<figcaption>{escape(caption)}</figcaption>\n</figure>\n"


def _insert(body: str, section: int, html: str) -> str:
    """`html` just before the `section`-th heading of level 2 (at the end if there is none)."""
    at = -1
    for _ in range(section):
        at = body.find("<h2>", at + 1)
        if at < 0:
            return body + html
    return body[:at] + html + body[at:]
