"""The verification step: the final text, whoever wrote it, checked against the facts."""

from __future__ import annotations

import re
from typing import Any

from assistant.brief import Inputs
from assistant.facts.impact import ImpactReport


def check_brief_text(
    text: str, report: ImpactReport, *, inputs: Inputs, language: str, audience: str
) -> dict[str, Any]:
    from assistant.narration.grounding import check_narrative

    text = narrative_part(text)
    titles = {g.id: g.title_in(language) for g in inputs.goals}
    names = [*titles.values(), *(g.title for g in inputs.goals), *(g.id for g in inputs.goals)]
    for impact in report.impacts:
        names += [impact.item, impact.title, impact.reason or "", impact.mention]
        names += [key for effect in impact.goals for key in effect.path]
    names += [item.title for item in inputs.backlog.items.values() if item.title in text]
    names += [news.title for news in report.good_news] + [u.mention for u in report.unresolved]
    names += [inputs.context.company, *(t.name for t in inputs.context.teams)]
    result = check_narrative(
        text,
        figures=report.figures,
        language=language,
        shifted_goal_titles=[titles[g.goal] for g in report.goals if g.shift_weeks > 0],
        untouched_goal_titles=[titles[g.goal] for g in report.goals if g.shift_weeks <= 0],
        total_figure_id="total.cost" if report.impacts else None,
        required_risks=[],
        allowed_names=[n for n in names if n],
        audience=audience,
    )
    return {
        "ok": result.ok,
        "problems": [{"kind": p.kind, "detail": p.detail} for p in result.problems],
    }


_APPENDIX = re.compile(
    r"^## (Provenance des chiffres|Where the figures come from|Termes techniques|Technical terms"
    r"|Hypothèses|Assumptions|Points d'attention|Warnings)\b",
    re.MULTILINE,
)


def narrative_part(text: str) -> str:
    """The brief without its appendices (assumptions, warnings, figure table, glossary): lists
    the engine generates, quoting formulas and shipped definitions rather than narrating."""
    parts = re.split(r"(?=^## )", text, flags=re.MULTILINE)
    return "".join(part for part in parts if not _APPENDIX.match(part))
