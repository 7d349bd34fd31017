"""The roadmap's executive summary written by a model: better words, never different numbers.

The brief's grounded writer (`narration/writer.py`): the model cites figure ids, the figures
are filled in, the grounding check reads the result back; one re-ask, then the template's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.audience import profile
from assistant.lang import SPOKEN
from assistant.localized import localized
from assistant.narration.grounding import Problem, check_narrative
from assistant.narration.writer import defang, fill_with, listing, write_grounded
from assistant.prompts import render
from assistant.roadmap.models import RoadmapPlan
from assistant.roadmap.render.figures import FigureBook

PROMPT_VERSION = "narrate_roadmap.v1"
TOTAL = "roadmap.total_cost_of_delay.recommended"


@dataclass
class Summary:
    markdown: str | None  # None: keep the template's summary
    marked: str | None = None
    warnings: list[str] = field(default_factory=list)
    model: str | None = None


def summary_with_llm(plan: RoadmapPlan, book: FigureBook, *, audience: str, client) -> Summary:
    language = book.language
    figures = {k: f for k, f in plan.figures.items() if not k.startswith("assumption")}
    titles = [book.goal_titles.get(m.goal, m.title) for m in plan.milestones]
    names = [
        plan.company,
        *titles,
        *(p.title for p in plan.packages),
        *(title for o in plan.options for title in o.title.values()),
    ]
    names += [p.id for p in plan.packages]
    messages = [
        {"role": "system", "content": render(f"{PROMPT_VERSION}.system.md.j2", reader=profile(audience).reader, language=language, language_name=SPOKEN[language])},
        {"role": "user", "content": _user(plan, book, figures, titles)},
    ]  # fmt: skip
    allowed = [n for n in names if n]

    def check(text: str) -> list[Problem]:
        return check_narrative(
            text, figures=figures, language=language, shifted_goal_titles=[],
            untouched_goal_titles=[], total_figure_id=TOTAL, required_risks=[],
            allowed_names=allowed, audience=audience,
        ).problems  # fmt: skip

    written = write_grounded(
        client, messages, purpose="narrate_roadmap", max_tokens=800, language=language,
        names=allowed, fill=fill_with(figures.get, book.text), check=check,
        reask=lambda problems: f"Rejected by the fact check:\n{listing(problems, 10)}\nRewrite it.",
    )  # fmt: skip
    if written.accepted:
        return Summary(written.text, written.marked, [], written.model)
    if written.error is not None:
        why = f"{type(written.error).__name__}: {written.error.fix or ''}"
    else:
        why = ", ".join(sorted({p.kind for p in written.problems}))  # kinds only: no figure
    word = "texte standard utilisé" if language == "fr" else "standard text used"
    return Summary(None, None, [f"LLM summary not used ({why}): {word}."])


def _user(plan: RoadmapPlan, book: FigureBook, figures: dict, titles: list[str]) -> str:
    facts = [{"id": k, "label": defang(f.label), "text": book.text(f)} for k, f in figures.items()]
    goals = [
        {"goal": m.goal, "title": defang(t), "deadline_id": None}
        for m, t in zip(plan.milestones, titles, strict=True)
        if f"roadmap.goal.{m.goal}.planned" in figures
    ]
    options = [
        {"title": defang(localized(o.title, book.language)), "recommended": o.recommended,
         "reason": defang(localized(o.reason, book.language))}
        for o in plan.options
    ]  # fmt: skip
    return render(
        f"{PROMPT_VERSION}.user.md.j2", company=defang(plan.company), facts=facts, goals=goals,
        options=options,
    )  # fmt: skip
