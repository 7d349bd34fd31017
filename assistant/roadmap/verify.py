"""The grounding check of a roadmap, as briefs have it: the text a committee reads is read back
and every number in it must be one of the plan's figures (the briefs' own
`assistant.narration.grounding.check_narrative`, called as is)."""

from __future__ import annotations

import re
from typing import Any

from assistant.lang import READ
from assistant.localized import localized
from assistant.prompts import appendix_headings
from assistant.roadmap.models import RoadmapPlan
from assistant.roadmap.render.figures import FigureBook


def narrative_part(text: str) -> str:
    """The roadmap without its appendices: the sections that list the engine's inputs rather
    than narrate (assumptions quote context.yaml, sensitivity and the forecast's thresholds are
    tables of the method, warnings quote files), in every read language."""
    appendix = appendix_headings("roadmap_page", tuple(READ))
    parts = re.split(r"(?=^## )", text, flags=re.MULTILINE)
    return "".join(part for part in parts if not appendix.match(part))


def check_roadmap_text(
    text: str, plan: RoadmapPlan, book: FigureBook, *, audience: str
) -> dict[str, Any]:
    """{"ok": bool, "problems": [{kind, detail}]} for the roadmap's Markdown."""
    from assistant.narration.grounding import check_narrative

    language = book.language
    names = [plan.company, *book.goal_titles.values()]
    names += [p.title_in(language) for p in plan.packages] + [p.id for p in plan.packages]
    names += [localized(o.title, language) for o in plan.options]
    names += [t for t in (plan.prepared_by,) if t]
    names += [c.quote for c in plan.staffing] + [s.quote for s in plan.scenarios]
    chosen = plan.recommended_option or next((o.id for o in plan.options if o.recommended), "")
    result = check_narrative(
        narrative_part(text), figures=book.figures, language=language, shifted_goal_titles=[],
        untouched_goal_titles=[], total_figure_id=f"roadmap.option.{chosen}.total" if chosen
        else None, required_risks=[], allowed_names=[n for n in names if n], audience=audience,
        max_words=0,
    )  # fmt: skip
    return {
        "ok": result.ok,
        "problems": [{"kind": p.kind, "detail": p.detail} for p in result.problems],
    }
