"""The roadmap as a PowerPoint deck a committee can project (python-pptx, 16:9).

One visual style (the context's `brand_colour`, else Steerco blue): a title slide with the
client, the date, the author (`prepared_by`) and the confidentiality mark; then the executive
summary first, the timeline, the options, the priorities, the risks, the decisions, and the
assumptions and warnings when there are any (no empty slide). Every slide but the title has a
page number and the confidentiality mark, and its speaker notes give the provenance (formula)
of each figure it shows. Numbers are the figures' formatted texts, as in the other outputs.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from typing import Any

import assistant.patterns as cached_re
from assistant.narration.formatting import FIGURE_MARKER, format_date
from assistant.prompts import phrases
from assistant.roadmap.models import RoadmapPlan
from assistant.roadmap.render import charts
from assistant.roadmap.render.figures import FigureBook
from assistant.roadmap.render.markdown import roadmap_view

DEFAULT_COLOUR = "#0B5CAD"
_SECTION = cached_re.compile(r"^## (.+)$", re.MULTILINE)


def roadmap_pptx(plan: RoadmapPlan, book: FigureBook, *, audience: str) -> bytes:
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Inches, Pt

    from assistant.roadmap.render.markdown import roadmap_markdown

    lang = book.language
    words = phrases(lang)["deck"]  # prompts/phrases.<lang>.v1.yaml
    view = roadmap_view(plan, book, audience, markers=False)
    marked = roadmap_view(plan, book, audience, markers=True)
    text = roadmap_markdown(plan, book, audience=audience)
    headline = [
        line.strip("* ") for line in text.split("## ")[0].splitlines() if line.startswith("**")
    ]
    sections = _sections(text)
    colour = RGBColor.from_string((plan.brand_colour or DEFAULT_COLOUR).lstrip("#").upper())
    ink, muted = RGBColor(0x1B, 0x1F, 0x24), RGBColor(0x4A, 0x53, 0x60)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)  # 16:9, 13.33 × 7.5 in
    blank = deck.slide_layouts[6]
    count = {"n": 0}

    def box(slide, left, top, width, height, lines, size=18, bold=False, color=ink):  # type: ignore[no-untyped-def]
        shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = shape.text_frame
        frame.word_wrap = True
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = line
            paragraph.font.size = Pt(size)
            paragraph.font.bold = bold
            paragraph.font.color.rgb = color
            paragraph.space_after = Pt(6)
        return shape

    def new_slide(title: str, sources: list[str]):  # type: ignore[no-untyped-def]
        count["n"] += 1
        slide = deck.slides.add_slide(blank)
        bar = slide.shapes.add_shape(1, 0, 0, deck.slide_width, Inches(0.12))
        bar.fill.solid()
        bar.fill.fore_color.rgb = colour
        bar.line.fill.background()
        box(slide, 0.5, 0.3, 12.3, 0.8, [title], size=28, bold=True, color=colour)
        footer = f"{plan.company} · {words['confidential']}"
        box(slide, 0.5, 7.0, 9, 0.4, [footer], size=10, color=muted)
        box(slide, 11.8, 7.0, 1.0, 0.4, [str(count["n"] + 1)], size=10, color=muted)
        slide.notes_slide.notes_text_frame.text = _provenance(book, sources, words["sources"])
        return slide

    # 1. title, on the brand colour
    white = RGBColor(0xFF, 0xFF, 0xFF)
    title = deck.slides.add_slide(deck.slide_layouts[0])
    title.background.fill.solid()
    title.background.fill.fore_color.rgb = colour
    heading = title.shapes.title
    heading.left, heading.top, heading.width, heading.height = (
        Inches(0.8),
        Inches(2.0),
        Inches(11.7),
        Inches(1.6),
    )
    heading.text = f"{words['title']} — {plan.company}"
    for paragraph in heading.text_frame.paragraphs:
        paragraph.font.size, paragraph.font.bold, paragraph.font.color.rgb = Pt(40), True, white
    meta = [format_date(plan.start, lang)]
    if plan.prepared_by:
        meta.append(f"{words['prepared_by']} {plan.prepared_by}")
    meta.append(words["confidential"])
    sub = title.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = Inches(0.8), Inches(4.0), Inches(11.7), Inches(2)
    for index, line in enumerate(meta):
        paragraph = sub.text_frame.paragraphs[0] if index == 0 else sub.text_frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size, paragraph.font.color.rgb = Pt(20), white
        paragraph.font.bold = line == words["confidential"]
    title.notes_slide.notes_text_frame.text = f"{words['title']} — {plan.company}"

    # 2. executive summary, first
    ids = _ids(marked.recommended_cod, marked.naive_cod, marked.saved_cod, marked.naive_total)
    ids += _ids(*(marked.recommended or {}).values())
    ids += _ids(*[str(s) for s in marked.staffing], str(marked.staffing_total or ""))
    slide = new_slide(words["summary"], ids + _ids(*[str(m) for m in marked.milestones]))
    size = 20 if len(headline) < 3 else 14
    tall = _height(headline, size, bold=True)
    box(slide, 0.5, 1.3, 12.3, tall, headline, size=size, bold=True)
    body = sections.get(1, [])[:7]
    top = max(2.9, 1.3 + tall + 0.2)
    fits = next((n for n in (16, 14) if _height(body, n) <= 6.7 - top), 12)
    box(slide, 0.5, top, 12.3, 6.7 - top, body, size=fits)

    # 3. timeline
    slide = new_slide(words["timeline"], _ids(*[str(s) for s in marked.lanes.values()]))
    png = charts.timeline(plan, book, fmt="png")
    width, height = _png_size(png)
    scale = min(12.3 / width, 5.6 / height)
    slide.shapes.add_picture(
        io.BytesIO(png), Inches(0.5), Inches(1.2), Inches(width * scale), Inches(height * scale)
    )

    # 4. options
    rows = [[o["title"] + (f" ({words['recommended']})" if o["recommended"] else ""),
             o["cost"], o["cod"], o["total"]] for o in view.options]  # fmt: skip
    slide = new_slide(
        words["options"], _ids(*[str(o) for o in marked.options + marked.options_apart])
    )
    _table(slide, words["option_columns"], rows, top=1.3, colour=colour)
    if view.options_apart:
        lines = [f"{o['title']} — {o['reason']}" for o in view.options_apart]
        box(slide, 0.5, 1.6 + 0.45 * (len(rows) + 1), 12.3, 1.5,
            [words["apart"], *lines], size=13, color=muted)  # fmt: skip

    # staffing news and scenarios, when the reading reports any
    if sections.get("world"):
        lines = sections["world"][:8]
        ids = _ids(*[str(s) for s in marked.staffing], *[str(s) for s in marked.scenarios])
        slide = new_slide(words["world"], ids)
        box(slide, 0.5, 1.3, 12.3, 5.4, lines,
            size=next((n for n in (16, 14) if _height(lines, n) <= 5.4), 12))  # fmt: skip

    # 5. priorities
    rows = [[str(i), ("★ " if p["quick_win"] else "") + p["title"], p["cod"], p["size"], p["finish"]]
            for i, p in enumerate(view.priorities[:10], start=1)]  # fmt: skip
    slide = new_slide(words["priorities"], _ids(*[str(p) for p in marked.priorities[:10]]))
    _table(slide, words["columns"], rows, top=1.3, colour=colour)

    # 6.. risks, decisions, assumptions (only when they say something)
    if view.risks:
        lines = [f"{r['title']} — {r['cod']}" for r in view.risks[:8]]
        slide = new_slide(words["risks"], _ids(*[str(r) for r in marked.risks]))
        box(slide, 0.5, 1.3, 12.3, 5.5, lines, size=15)
    slide = new_slide(words["decisions"], ids)
    box(slide, 0.5, 1.3, 12.3, 5.5, sections.get("decisions", []) or ["—"], size=18)
    notes = [a["text"] for a in view.assumptions] + list(view.warnings)
    if notes:
        slide = new_slide(words["assumptions"], [])
        box(slide, 0.5, 1.3, 12.3, 5.5, notes[:12], size=12 if len(notes) > 6 else 15)

    moment = dt.datetime.combine(plan.start, dt.time())
    deck.core_properties.created = deck.core_properties.modified = moment
    deck.core_properties.title = f"{words['title']} — {plan.company}"
    deck.core_properties.author = plan.prepared_by or "Steerco"
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _table(
    slide: Any, header: list[str], rows: list[list[str]], *, top: float, colour: Any
) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    widths = [5.3] + [7.0 / (len(header) - 1)] * (len(header) - 1)
    if header[0] in ("rang", "rank"):
        widths = [0.8, 5.6] + [5.9 / (len(header) - 2)] * (len(header) - 2)
    shape = slide.shapes.add_table(
        len(rows) + 1, len(header), Inches(0.5), Inches(top), Inches(12.3), Inches(0.4)
    )
    for c, width in enumerate(widths):
        shape.table.columns[c].width = Inches(width)
    for r, row in enumerate([header, *rows]):
        for c, value in enumerate(row):
            cell = shape.table.cell(r, c)
            cell.text = value
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.font.size = Pt(13)
            if r == 0:
                cell.fill.solid()
                cell.fill.fore_color.rgb = colour
                paragraph.font.bold = True
                paragraph.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def _png_size(png: bytes) -> tuple[float, float]:
    """Width and height of a PNG, in any unit (only the ratio matters)."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _height(lines: list[str], size: int, *, bold: bool = False) -> float:
    """Inches a wrapped text box of 12.3 inches needs: characters per line from the font
    size (an average glyph is about half its size, a bold one 0.55), 1.2 line spacing plus
    the 6 pt after each paragraph."""
    per_line = 12.3 * 72 / (size * (0.55 if bold else 0.5))
    rows = sum(max(1, math.ceil(len(line) / per_line)) for line in lines)
    return (rows * size * 1.2 + len(lines) * 6) / 72


def _ids(*texts: Any) -> list[str]:
    return [m for t in texts for m in FIGURE_MARKER.findall(str(t))]


def _provenance(book: FigureBook, ids: list[str], heading: str) -> str:
    lines = [heading]
    for figure_id in dict.fromkeys(ids):
        figure = book.figures.get(figure_id)
        if figure is not None:
            lines.append(f"- {book.text(figure)}: {figure.formula} [{figure_id}]")
    return "\n".join(lines) if len(lines) > 1 else heading + " —"


def _sections(markdown: str) -> dict[int | str, list[str]]:
    """The Markdown's bullet lines by section number (1 = summary), markup removed; the
    decisions also under "decisions"."""
    parts = _SECTION.split(markdown)
    found: dict[int | str, list[str]] = {}
    for number, (heading, body) in enumerate(zip(parts[1::2], parts[2::2], strict=True), 1):
        lines = [line[2:].replace("**", "") for line in body.splitlines() if line.startswith("- ")]
        found[number] = lines
        if heading.startswith(("Décisions", "Decisions")):
            found["decisions"] = lines
        if heading.startswith(("Effectifs et scénarios", "Staffing and scenarios")):
            found["world"] = lines
    return found
