"""The roadmap's executive summary written by a model: better words, never different numbers.

Same seam and guard as the brief: the model cites figure ids, the renderer puts the numbers
in, the grounding check reads the result back; one re-ask, then the template's summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.llm.errors import LLMError
from assistant.narration.grounding import Problem, check_narrative
from assistant.narration.llm_narrator import _PLACEHOLDER, _TAGS, _data, typed_numbers
from assistant.prompts import render
from assistant.roadmap.models import RoadmapPlan
from assistant.roadmap.render.figures import FigureBook

PROMPT_VERSION = "narrate_roadmap.v1"
TOTAL = "roadmap.total_cost_of_delay.recommended"
_READER = {"comex": "an executive committee (COMEX)", "engineering": "an engineering team"}


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
        *(o.title_en for o in plan.options),
    ]
    names += [o.title_fr for o in plan.options] + [p.id for p in plan.packages]
    messages = [
        {"role": "system", "content": render(f"{PROMPT_VERSION}.system.md.j2", reader=_READER.get(audience, _READER["comex"]), language=language)},
        {"role": "user", "content": _user(plan, book, figures, titles)},
    ]  # fmt: skip
    problems: list[Problem] = []
    try:
        for _ in range(2):
            answer = client.complete(messages, purpose="narrate_roadmap", max_tokens=800)
            prose = _TAGS.sub("", answer.text).strip()
            typed = typed_numbers(prose, language, [n for n in names if n])
            text, unknown = _fill(prose, figures, book, markers=False)
            found = check_narrative(
                text, figures=figures, language=language, shifted_goal_titles=[],
                untouched_goal_titles=[], total_figure_id=TOTAL, required_risks=[],
                allowed_names=[n for n in names if n], audience=audience,
            )  # fmt: skip
            problems = typed + unknown + found.problems
            if not problems:
                marked, _ = _fill(prose, figures, book, markers=True)
                return Summary(text, marked, [], answer.model)
            listing = "\n".join(f"- {p.kind}: {p.detail}" for p in problems[:10])
            messages += [
                {"role": "assistant", "content": answer.text},
                {"role": "user", "content": f"Rejected by the fact check:\n{listing}\nRewrite it."},
            ]
        why = ", ".join(sorted({p.kind for p in problems}))  # kinds only: no invented figure
    except LLMError as error:
        why = f"{type(error).__name__}: {error.fix or ''}"
    word = "texte standard utilisé" if language == "fr" else "standard text used"
    return Summary(None, None, [f"LLM summary not used ({why}): {word}."])


def _fill(text: str, figures: dict, book: FigureBook, *, markers: bool):
    unknown: list[Problem] = []

    def value(m) -> str:  # type: ignore[no-untyped-def]
        figure_id = m.group(1) or m.group(2) or ""
        figure = figures.get(figure_id)
        if figure is None:
            unknown.append(Problem(kind="unknown_figure", detail=f"no fact has id {figure_id!r}"))
            return m.group()
        return f"⟦fig:{figure_id}⟧" if markers else book.text(figure)

    return _PLACEHOLDER.sub(value, text), unknown


def _user(plan: RoadmapPlan, book: FigureBook, figures: dict, titles: list[str]) -> str:
    facts = [{"id": k, "label": _data(f.label), "text": book.text(f)} for k, f in figures.items()]
    goals = [
        {"goal": m.goal, "title": _data(t), "deadline_id": None}
        for m, t in zip(plan.milestones, titles, strict=True)
        if f"roadmap.goal.{m.goal}.planned" in figures
    ]
    options = [
        {"title": _data(o.title_fr if book.language == "fr" else o.title_en), "recommended": o.recommended,
         "reason": _data(o.reason_fr if book.language == "fr" else o.reason_en)}
        for o in plan.options
    ]  # fmt: skip
    return render(
        f"{PROMPT_VERSION}.user.md.j2", company=_data(plan.company), facts=facts, goals=goals,
        options=options,
    )  # fmt: skip
