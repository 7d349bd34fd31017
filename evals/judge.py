"""Optional LLM-as-judge: clarity and actionability, 1-5, through the same LLM seam.

Off by default and never a gate: a model grading prose is a noisy opinion, useful to compare
narrators, not to fail a build. Its calls are counted in the usage like any other.
"""

from __future__ import annotations

from statistics import mean
from typing import Any

from pydantic import BaseModel, Field

from assistant.llm.errors import LLMError
from evals.cases import ROOT
from evals.runner import Outcome

RUBRIC = ROOT / "evals" / "briefs" / "judge.v1.md"


class Grade(BaseModel):
    clarity: int = Field(ge=1, le=5)
    actionability: int = Field(ge=1, le=5)
    comment: str = ""


def judge_briefs(outcomes: list[Outcome], client: Any) -> str:
    """A Markdown table of the judge's mean grades; briefs it could not grade are counted."""
    rubric = RUBRIC.read_text(encoding="utf-8")
    grades, failed = [], 0
    for o in outcomes:
        if o.result is None:
            continue
        prompt = rubric.format(audience=o.case.audience, language=o.case.lang, brief=o.body)
        try:
            answer = client.complete(
                [{"role": "user", "content": prompt}],
                schema=Grade,
                purpose="judge",
                reasks=1,
                max_tokens=200,
            )
            grades.append(answer.parsed)
        except LLMError:
            failed += 1
    if not grades:
        return f"LLM judge: no brief graded ({failed} failed)."
    clarity = mean(g.clarity for g in grades)
    action = mean(g.actionability for g in grades)
    return (
        "| LLM judge (not a gate) | clarity | actionability | graded | failed |\n"
        "|---|---:|---:|---:|---:|\n"
        f"| mean of 1-5 | {clarity:.2f} | {action:.2f} | {len(grades)} | {failed} |"
    )
