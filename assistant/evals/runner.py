"""Runs brief cases through the real pipeline: offline template narration, or an LLM's.

The numbers always come from `make_brief` (rule-based extraction, the impact engine); a model,
when given, only rewrites the prose through `draft_with_llm`, exactly as a brief run does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.brief import BriefResult, Inputs, make_brief, narration_inputs
from assistant.evals.cases import ROOT, Case, CaseFile, Company, missing_inputs
from assistant.inputs import load_inputs
from assistant.llm.usage import LLMUsage


@dataclass
class Outcome:
    """One case's brief, or why there is none (skipped: inputs absent; error: the tool failed)."""

    case: Case
    inputs: Inputs | None = None
    result: BriefResult | None = None
    markdown: str = ""
    narrator: str = "template"
    usage: LLMUsage = field(default_factory=LLMUsage)
    warnings: list[str] = field(default_factory=list)
    skipped: str | None = None
    error: str | None = None

    @property
    def body(self) -> str:
        """The brief without its appendices, as the product's verification step reads it."""
        from assistant.workflow.verify import narrative_part

        return narrative_part(self.markdown)


def _load(company: Company, root: Path) -> Inputs:
    backlogs = [root / p for p in company.backlog]
    findings = [root / p for p in company.findings] or None
    return load_inputs(root / company.context, root / company.goals, backlogs, findings)


def _delta(before: LLMUsage, after: LLMUsage) -> LLMUsage:
    return LLMUsage(
        calls=after.calls - before.calls,
        failed_calls=after.failed_calls - before.failed_calls,
        prompt_tokens=after.prompt_tokens - before.prompt_tokens,
        completion_tokens=after.completion_tokens - before.completion_tokens,
        cost_usd=after.cost_usd - before.cost_usd,
        cost_known=after.cost_known,
        models=after.models,
    )


def run_case(case: Case, inputs: Inputs, data: CaseFile, client: Any = None) -> Outcome:
    """One brief, as `steerco brief` would write it for this case's audience and language."""
    out = Outcome(case, inputs)
    result = make_brief(
        inputs,
        case.status,
        status_source=f"{case.id}.txt",
        today=data.as_of,
        audience=case.audience,
        language=case.lang,
    )
    out.result, out.markdown = result, result.brief.summary_markdown
    if client is None:
        return out
    from assistant.brief import Computed
    from assistant.narration.llm_narrator import draft_with_llm

    brief = result.brief
    computed = Computed(result.report, brief.decisions, brief.risks)
    options = narration_inputs(inputs, computed, language=case.lang, audience=case.audience)
    before = client.usage.model_copy(deep=True)
    draft = draft_with_llm(
        result.report, brief.decisions, client=client, risks=brief.risks or None, **options
    )
    out.usage = _delta(before, client.usage)
    out.markdown = draft.narrative.markdown
    out.narrator = "template (fallback)" if draft.used_fallback else f"llm {draft.model}"
    out.warnings = list(draft.warnings)
    return out


def run_cases(
    data: CaseFile, *, client: Any = None, only: Iterable[str] = (), root: Path = ROOT
) -> list[Outcome]:
    """Every case (or those whose id is in `only`); inputs are loaded once per company."""
    wanted = set(only)
    loaded: dict[str, Inputs | str] = {}
    outcomes = []
    for case in data.cases:
        if wanted and case.id not in wanted:
            continue
        company = data.companies[case.company]
        if case.company not in loaded:
            missing = missing_inputs(company, root)
            loaded[case.company] = (
                f"inputs absent: {', '.join(str(p) for p in missing)}"
                if missing
                else _load(company, root)
            )
        inputs = loaded[case.company]
        if isinstance(inputs, str):
            outcomes.append(Outcome(case, skipped=inputs))
            continue
        try:
            outcomes.append(run_case(case, inputs, data, client))
        except Exception as error:  # a crash is a scored failure of its case, not the end
            outcomes.append(Outcome(case, inputs, error=f"{type(error).__name__}: {error}"))
    return outcomes
