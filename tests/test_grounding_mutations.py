"""Mutation test of the grounding check on correct briefs written by the template narrator.

The mutations live in `evals.mutations` (the eval suite runs them on every case);
this test keeps six reference briefs under the same rule. Each brief body (the prose before
the assumptions, what the LLM narrator writes) must pass as is; then every mutant (a digit swapped or changed, a unit or currency changed, an amount
scaled by a thousand, a goal renamed, a slip denied, the total dropped) must be caught.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest

from assistant import service
from assistant.inputs import load_inputs
from assistant.narration.brief_check import check_report_text, names_in
from assistant.settings import Settings
from evals.mutations import Target
from evals.mutations import mutants as evals_mutants
from tests.conftest import SEED, TRANSVIA

_CASES = [
    (SEED, "status.fr.txt", "fr", "comex"),
    (SEED, "status.en.txt", "en", "comex"),
    (SEED, "status.fr.txt", "fr", "engineering"),
    (TRANSVIA, "status.fr.txt", "fr", "cfo"),
    (TRANSVIA, "status.en.txt", "en", "cfo"),
    (TRANSVIA, "status.fr.txt", "en", "engineering"),
]


@dataclass
class Case:
    name: str
    body: str
    check: object
    names: list[str]
    shifted: list[str]
    untouched: list[str]
    total: str
    language: str


def _cases() -> list[Case]:
    out = []
    for folder, status, language, audience in _CASES:
        inputs = load_inputs(
            folder / "context.yaml", folder / "goals.yaml", [folder / "backlog.csv"]
        )
        text = (folder / status).read_text(encoding="utf-8")
        request = service.BriefRequest(
            status=text,
            status_source=status,
            today=dt.date(2026, 11, 20),
            audience=audience,
            language=language,
            inputs=inputs,
        )
        result = service.brief(request, service.Deps(Settings(model=None), llm=None))
        body = re.split(r"\n## (?:Hypothèses|Assumptions)\n", result.brief.summary_markdown)[0]
        report = result.report
        titles = {g.id: g.title_in(language) for g in inputs.goals}

        def check(mutant: str, report=report, inputs=inputs, language=language, audience=audience):
            return check_report_text(
                mutant,
                report,
                backlog=inputs.backlog,
                goals=inputs.goals,
                context=inputs.context,
                language=language,
                audience=audience,
            )

        from assistant.narration.formatting import format_value

        total = report.figures["total.cost"]
        out.append(
            Case(
                name=f"{folder.name}-{status}-{language}-{audience}",
                body=body,
                check=check,
                names=names_in(report, inputs.backlog, inputs.goals, inputs.context),
                shifted=[titles[g.goal] for g in report.shifted_goals],
                untouched=[titles[g.goal] for g in report.goals if g.shift_weeks <= 0],
                total=format_value(total.value, total.unit, language),
                language=language,
            )
        )
    return out


def mutants(case: Case) -> list[tuple[str, str]]:
    """(description, mutated body) for every mutation of `case.body` (evals)."""
    target = Target(
        body=case.body,
        language=case.language,
        names=case.names,
        shifted=case.shifted,
        untouched=case.untouched,
        total=case.total,
    )
    return evals_mutants(target)


CASES = _cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_template_brief_passes_unmutated(case: Case) -> None:
    report = case.check(case.body)
    assert report.ok, report.problems


def test_grounding_catches_at_least_99_percent_of_mutants() -> None:
    total, missed = 0, []
    for case in CASES:
        for description, mutant in mutants(case):
            total += 1
            if case.check(mutant).ok:
                missed.append(f"{case.name}: {description}")
    rate = 1 - len(missed) / total
    print(f"mutants: {total}, caught: {total - len(missed)} ({rate:.1%}), missed: {missed}")
    assert total >= 300
    assert rate >= 0.99, missed
