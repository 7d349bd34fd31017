"""The roadmap as one self-contained HTML page: inline SVG charts, no script, no network.

Every number is a span showing its formula and sources on hover or keyboard focus.
"""

from __future__ import annotations

from html import escape, unescape

from markdown_it import MarkdownIt
from markupsafe import Markup

import assistant.patterns as cached_re
from assistant.narration.formatting import FIGURE_MARKER, format_value
from assistant.prompts import phrases, render
from assistant.roadmap.models import RoadmapPlan
from assistant.roadmap.render import charts
from assistant.roadmap.render.figures import FigureBook
from assistant.roadmap.render.markdown import roadmap_markdown


def roadmap_html(
    plan: RoadmapPlan, book: FigureBook, *, audience: str, summary: str | None = None
) -> str:
    marked = roadmap_markdown(plan, book, audience=audience, markers=True, summary=summary)
    title = marked.splitlines()[0].lstrip("# ").strip()
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(marked)
    words = phrases(book.language)["roadmap_page"]  # prompts/phrases.<lang>.v1.yaml
    timeline_caption, cod_caption = words["timeline_caption"], words["cost_caption"]
    timeline = _figure(charts.inline_svg(charts.timeline(plan, book), "timeline"), timeline_caption)
    cost = _figure(charts.inline_svg(charts.cost_of_delay(plan, book), "cod"), cod_caption)
    body = FIGURE_MARKER.sub(lambda m: _span(book, unescape(m.group(1))) or m.group(0), body)
    return render(
        "roadmap.v1.html.j2",
        autoescape=True,
        language=book.language,
        title=title,
        body=Markup(_insert(_insert(body, 6, cost), 2, timeline)),  # built escaped, above
    )


_FIELD = cached_re.compile(r"^RoadmapPlan\.(\w+)(?:\[[^\]]*\])?(?:\.(\w+))?")


def tooltip(formula: str, language: str) -> str:
    """A figure's formula in the page's language (the engine writes it in English): a plan
    field by its description, else the formula's words replaced by the language's."""
    words = phrases(language)["roadmap_page"]
    if match := _FIELD.match(formula):
        name = match.group(2) or match.group(1)
        name = "p50" if name in ("p85", "p95", "planned") else name
        return words.get(f"field_{name}") or words["field_other"]
    for english, own in words.get("formula_words", ()):
        formula = formula.replace(english, own)
    return formula


def _span(book: FigureBook, figure_id: str) -> str:
    """A figure: its value, with its formula (in the page's language) on hover and focus;
    "" for an id of no figure (a title written like a marker: it stays as written)."""
    figure = book.figures.get(figure_id)
    if figure is None:
        return ""
    tip = tooltip(figure.formula, book.language)
    text = escape(format_value(figure.value, figure.unit, book.language))
    return (
        f'<span class="fig" tabindex="0" data-figure="{escape(figure.id)}" '
        f'title="{escape(tip)}">{text}<span class="tip" role="tooltip">{escape(tip)}</span></span>'
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
