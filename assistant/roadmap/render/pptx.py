"""The roadmap as a PowerPoint deck a committee can project (python-pptx, 16:9).

Slides: title, executive summary, timeline (the chart as a picture), priorities, options with
prices, risks, assumptions, decisions asked. Their numbers are the figures' formatted texts,
taken from the same Markdown the other outputs render, so the deck and the JSON agree.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from assistant.roadmap.models import RoadmapPlan
from assistant.roadmap.render import charts
from assistant.roadmap.render.figures import FigureBook
from assistant.roadmap.render.markdown import roadmap_view

TITLES = {
    "fr": {
        "title": "Feuille de route",
        "summary": "Synthèse",
        "timeline": "Calendrier",
        "priorities": "Priorités",
        "options": "Options pour le comité",
        "risks": "Risques",
        "assumptions": "Hypothèses",
        "decisions": "Décisions demandées",
        "columns": ["lot de travail", "coût du retard / semaine", "durée", "début", "fin"],
        "option_columns": ["option", "coût", "coût total du retard"],
    },
    "en": {
        "title": "Roadmap",
        "summary": "Executive summary",
        "timeline": "Timeline",
        "priorities": "Priorities",
        "options": "Options for the committee",
        "risks": "Risks",
        "assumptions": "Assumptions",
        "decisions": "Decisions asked",
        "columns": ["work package", "cost of delay / week", "duration", "start", "finish"],
        "option_columns": ["option", "cost", "total cost of delay"],
    },
}
_SECTION = re.compile(r"^## (.+)$", re.MULTILINE)


def roadmap_pptx(plan: RoadmapPlan, book: FigureBook, *, audience: str) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    from assistant.roadmap.render.markdown import roadmap_markdown

    words = TITLES[book.language]
    view = roadmap_view(plan, book, audience, markers=False)
    sections = _sections(roadmap_markdown(plan, book, audience=audience))
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    layouts = deck.slide_layouts

    title = deck.slides.add_slide(layouts[0])
    title.shapes.title.text = f"{words['title']} — {plan.company}"
    title.placeholders[1].text = sections["headline"][0]

    def bullets(heading: str, lines: list[str]) -> None:
        slide = deck.slides.add_slide(layouts[1])
        slide.shapes.title.text = heading
        frame = slide.placeholders[1].text_frame
        for index, line in enumerate(lines[:12] or ["—"]):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = line
            paragraph.font.size = Pt(16 if len(lines) < 7 else 12)

    def table(heading: str, header: list[str], rows: list[list[str]]) -> None:
        slide = deck.slides.add_slide(layouts[5])
        slide.shapes.title.text = heading
        shape = slide.shapes.add_table(
            len(rows) + 1, len(header), Inches(0.5), Inches(1.5), Inches(12.3), Inches(0.4)
        )
        for r, row in enumerate([header, *rows]):
            for c, value in enumerate(row):
                cell = shape.table.cell(r, c)
                cell.text = value
                cell.text_frame.paragraphs[0].font.size = Pt(12)

    bullets(words["summary"], sections[1])
    slide = deck.slides.add_slide(layouts[5])
    slide.shapes.title.text = words["timeline"]
    picture = io.BytesIO(charts.timeline(plan, book, fmt="png"))
    slide.shapes.add_picture(picture, Inches(0.4), Inches(1.3), width=Inches(12.5))
    table(
        words["priorities"],
        words["columns"],
        [
            [
                ("★ " if p["quick_win"] else "") + p["title"],
                p["cod"],
                p["size"],
                p["start"],
                p["finish"],
            ]
            for p in view.priorities[:12]
        ],
    )
    table(
        words["options"],
        words["option_columns"],
        [
            [o["title"] + (" ✓" if o["recommended"] else ""), o["cost"], o["cod"]]
            for o in view.options
        ],
    )
    bullets(words["risks"], sections[6])
    bullets(words["assumptions"], sections[7])
    bullets(words["decisions"], sections[9])
    moment = dt.datetime.combine(plan.start, dt.time())
    deck.core_properties.created = deck.core_properties.modified = moment
    deck.core_properties.title = f"{words['title']} — {plan.company}"
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _sections(markdown: str) -> dict[int | str, list[str]]:
    """The Markdown's bullet lines by section number (1 = summary), markup removed."""
    parts = _SECTION.split(markdown)
    found: dict[int | str, list[str]] = {
        "headline": [line.strip("* ") for line in parts[0].splitlines() if line.startswith("**")]
    }
    for number, body in enumerate(parts[2::2], start=1):
        found[number] = [
            line[2:].replace("**", "") for line in body.splitlines() if line.startswith("- ")
        ]
    return found
