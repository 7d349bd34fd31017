"""The grounding check of a brief's prose, with its inputs taken from the computed report.

Used by the LLM narrator on every draft and by the eval suite on every mutant, so both judge
a text against the same figures, titles and names.
"""

from __future__ import annotations

from assistant.domain import Backlog, Context, Goal
from assistant.facts.impact import ImpactReport
from assistant.facts.provenance import Figure
from assistant.narration.grounding import GroundingReport, check_narrative


def names_in(
    report: ImpactReport,
    backlog: Backlog,
    goals: list[Goal],
    context: Context,
    *,
    quoted_causes: bool = False,
) -> list[str]:
    """Names a brief may quote whose digits are not figures: keys, titles, owners, teams; and,
    with `quoted_causes` (text the template wrote), the causes the status reported, which it
    quotes as written ("cause signalée : les règles de la CP 218..."). A model's draft gets no
    such pass: a figure it copies from the status (a vendor's "500 000 EUR") is still refused,
    since it reads as one Steerco computed."""
    names = [context.company, *(t.name for t in context.teams)]
    names += [n for item in backlog.items.values() for n in (item.key, item.title)]
    for goal in goals:
        names += [goal.id, goal.title, *goal.titles.values(), goal.owner or ""]
    names += [u.mention for u in report.unresolved]
    if quoted_causes:
        names += [i.reason for i in report.impacts if i.reason]
    return [n for n in dict.fromkeys(names) if n]


def check_report_text(
    text: str,
    report: ImpactReport,
    *,
    backlog: Backlog,
    goals: list[Goal],
    context: Context,
    language: str,
    audience: str,
    required_risks: list[str] | None = None,
    max_words: int | None = None,
    quoted_causes: bool = False,
) -> GroundingReport:
    """`check_narrative` with its inputs taken from a computed report (`max_words=0`: no
    length check; `quoted_causes`: see `names_in`)."""
    titles = {g.id: g.title_in(language) for g in goals}
    return check_narrative(
        text,
        figures=prose_figures(report),
        language=language,
        shifted_goal_titles=[titles[g.goal] for g in report.goals if g.shift_weeks > 0],
        untouched_goal_titles=[titles[g.goal] for g in report.goals if g.shift_weeks <= 0],
        total_figure_id="total.cost" if report.impacts else None,
        required_risks=list(required_risks or []),
        allowed_names=names_in(report, backlog, goals, context, quoted_causes=quoted_causes),
        audience=audience,
        max_words=max_words,
    )


def prose_figures(report: ImpactReport) -> dict[str, Figure]:
    """The figures prose may cite: results, not the context inputs the assumptions restate
    (a sprint length of 2 weeks must not ground "2 weeks late")."""
    return {k: f for k, f in report.figures.items() if not k.startswith("assumption.")}
