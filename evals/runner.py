"""Runs brief cases through the real pipeline: offline template narration, or an LLM's.

Each case is the service's one-shot brief (the workflow graph, inputs inline). In this suite
the numbers come from the rule-based reading and the impact engine, and a model, when given,
narrates through the grounding check, exactly as a brief run does: the figures check its
narration alone (its reading and linking are the reading and linking suites').
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.brief import BriefResult, default_extractor
from assistant.inputs import Inputs, load_inputs
from assistant.llm.usage import LLMUsage
from evals.cases import ROOT, Case, CaseFile, Company, missing_inputs


@dataclass(frozen=True)
class ModelUnderTest:
    """The model an eval scores: its litellm name and a new client for each run, as the
    product makes one per run (each run has its own budget and bound on model time)."""

    name: str
    new_client: Callable[[], Any]


@dataclass
class Usage:
    """What a suite's runs cost: the model's usage summed over runs, and the time they took."""

    usage: LLMUsage = field(default_factory=LLMUsage)
    runs: int = 0
    seconds: float = 0.0
    readers: dict[str, int] = field(default_factory=dict)  # extractor name -> runs it read

    def add(self, used: LLMUsage, seconds: float) -> None:
        self.usage = sum_usage(self.usage, used)
        self.runs += 1
        self.seconds += seconds


def sum_usage(a: LLMUsage, b: LLMUsage) -> LLMUsage:
    return LLMUsage(
        calls=a.calls + b.calls,
        failed_calls=a.failed_calls + b.failed_calls,
        prompt_tokens=a.prompt_tokens + b.prompt_tokens,
        completion_tokens=a.completion_tokens + b.completion_tokens,
        cost_usd=a.cost_usd + b.cost_usd,
        cost_known=a.cost_known and b.cost_known,
        models=list(dict.fromkeys([*a.models, *b.models])),
    )


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


def delta(before: LLMUsage, after: LLMUsage) -> LLMUsage:
    """What a client used between two copies of its usage (a client may serve several runs)."""
    return LLMUsage(
        calls=after.calls - before.calls,
        failed_calls=after.failed_calls - before.failed_calls,
        prompt_tokens=after.prompt_tokens - before.prompt_tokens,
        completion_tokens=after.completion_tokens - before.completion_tokens,
        cost_usd=after.cost_usd - before.cost_usd,
        cost_known=after.cost_known,
        models=after.models,
    )


def run_case(
    case: Case, inputs: Inputs, data: CaseFile, model: ModelUnderTest | None = None
) -> Outcome:
    """One brief, as `steerco brief` would write it for this case's audience and language: the
    service's one-shot brief, narrated by the model under test when given."""
    from assistant import service
    from assistant.settings import Settings

    client = model.new_client() if model is not None else None
    out = Outcome(case, inputs)
    request = service.BriefRequest(
        status=case.status, status_source=f"{case.id}.txt", audience=case.audience,  # type: ignore[arg-type]
        language=case.lang, today=data.as_of, inputs=inputs,  # type: ignore[arg-type]
    )  # fmt: skip
    settings = client.settings if client is not None else Settings(model=None)
    before = client.usage.model_copy(deep=True) if client is not None else None
    # the numbers come from the rules either way: the model under test narrates
    extractor = default_extractor() if client is not None else None
    result = service.brief(request, service.Deps(settings, llm=client, extractor=extractor))
    out.result, out.markdown = result, result.brief.summary_markdown
    if client is None:
        return out
    out.usage = delta(before, client.usage)  # type: ignore[arg-type]
    narrator = result.brief.narrator.name
    out.narrator = f"llm {narrator[4:]}" if narrator.startswith("llm:") else "template (fallback)"
    out.warnings = list(result.model_warnings)
    return out


def run_cases(
    data: CaseFile,
    *,
    model: ModelUnderTest | None = None,
    only: Iterable[str] = (),
    root: Path = ROOT,
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
            outcomes.append(run_case(case, inputs, data, model))
        except Exception as error:  # a crash is a scored failure of its case, not the end
            outcomes.append(Outcome(case, inputs, error=f"{type(error).__name__}: {error}"))
    return outcomes
