"""Grounding, mutation catch and coverage of one brief.

Grounding reuses the product's own check (`check_report_text`), so the eval and the LLM
narrator judge a text against the same figures; the mutation score measures that check itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.narration.brief_check import check_report_text, names_in
from assistant.narration.formatting import format_value
from assistant.narration.grounding import GroundingReport, Problem
from evals.mutations import Target, mutants
from evals.runner import Outcome

# Length is a readability limit, scored with plain language; every other problem is a
# faithfulness one (a number, date, goal, negation, total, risk or language gone wrong).
NOT_FAITHFULNESS = {"too_long"}


def faithfulness_problems(report: GroundingReport) -> list[Problem]:
    return [p for p in report.problems if p.kind not in NOT_FAITHFULNESS]


def grounding(outcome: Outcome, text: str | None = None) -> GroundingReport:
    """The grounding check of `text` (default: the brief's body) against the case's report."""
    assert outcome.result is not None and outcome.inputs is not None
    inputs, case = outcome.inputs, outcome.case
    return check_report_text(
        outcome.body if text is None else text,
        outcome.result.report,
        backlog=inputs.backlog,
        goals=inputs.goals,
        context=inputs.context,
        language=case.lang,
        audience=case.audience,
        required_risks=[r.title_in(case.lang) for r in outcome.result.brief.risks],
    )


def target(outcome: Outcome) -> Target:
    assert outcome.result is not None and outcome.inputs is not None
    report, inputs, lang = outcome.result.report, outcome.inputs, outcome.case.lang
    titles = {g.id: g.title_in(lang) for g in inputs.goals}
    total = report.figures.get("total.cost")
    return Target(
        body=outcome.body,
        language=lang,
        names=names_in(report, inputs.backlog, inputs.goals, inputs.context),
        shifted=[titles[g.goal] for g in report.shifted_goals],
        untouched=[titles[g.goal] for g in report.goals if g.shift_weeks <= 0],
        total=format_value(total.value, total.unit, lang) if total and report.impacts else "",
        currency=report.currency,
    )


@dataclass(frozen=True)
class MutationScore:
    total: int
    missed: list[str]


def mutation_score(outcome: Outcome) -> MutationScore:
    """Mutants of a brief that passes grounding; each must fail it (a missed one is listed)."""
    missed, mutated = [], mutants(target(outcome))
    for description, text in mutated:
        if not faithfulness_problems(grounding(outcome, text)):
            missed.append(f"{outcome.case.id}: {description}")
    return MutationScore(len(mutated), missed)


@dataclass(frozen=True)
class Coverage:
    checked: int
    missing: list[str]  # what should be said and is not, or should not be and is


def coverage(outcome: Outcome) -> Coverage:
    """Shifted goals named; required phrases (risks, decisions) present; forbidden ones absent."""
    assert outcome.result is not None and outcome.inputs is not None
    case, text = outcome.case, outcome.markdown
    folded = text.casefold()
    titles = {g.id: g.title_in(case.lang) for g in outcome.inputs.goals}
    missing = []
    shifted = [gid for gid, g in case.expect.goals.items() if g.shift_weeks > 0]
    for gid in shifted:
        if titles[gid].casefold() not in folded:
            missing.append(f"goal {gid} ({titles[gid]}) not named")
    risks = [r.title_in(case.lang) for r in outcome.result.brief.risks]
    for phrase in [*case.expect.mention, *(r.rstrip(".") for r in risks)]:
        if phrase.casefold() not in folded:
            missing.append(f"missing {phrase!r}")
    for phrase in case.expect.forbidden:
        if phrase.casefold() in folded:
            missing.append(f"forbidden {phrase!r} present")
    checked = len(shifted) + len(case.expect.mention) + len(risks) + len(case.expect.forbidden)
    return Coverage(checked, [f"{case.id}: {m}" for m in missing])
