"""The brief's steps: validate, extract, compute, narrate (template), assemble, render.

Plain functions over validated models; the workflow (`assistant/workflow/`) runs them as the
nodes of its graph, and nothing else sequences them. Nothing here reads files or the clock.
"""

import datetime as dt
import json
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.audience import profile
from assistant.domain import Backlog
from assistant.facts.checks import build_graph, check_goals
from assistant.facts.decisions import Decision, propose_decisions
from assistant.facts.impact import ImpactReport, compute_impact
from assistant.facts.risks import Risk
from assistant.facts.schedule import DependencyGraph
from assistant.facts.status import Extractor, StatusFacts
from assistant.inputs import Inputs
from assistant.narration.template_narrator import Narrative, narrate_both
from assistant.report import AssumptionOut, Brief, InputFile, Narrator

__all__ = ["BriefResult", "Computed", "Inputs", "render_brief"]

Format = Literal["md", "json", "html"]


class Computed(BaseModel):
    """What the engine computed for one status: the impact report, decisions, linked risks."""

    model_config = ConfigDict(frozen=True)

    report: ImpactReport
    decisions: list[Decision]
    risks: list[Risk] = Field(default_factory=list)  # the ones linked to what slipped


class BriefResult(BaseModel):
    """A finished brief and what a renderer needs besides it (the report, marked Markdown)."""

    model_config = ConfigDict(frozen=True)

    brief: Brief
    report: ImpactReport
    facts: StatusFacts
    marked_markdown: str
    model_warnings: list[str] = Field(default_factory=list)  # why a model's draft was not used


def validate_inputs(inputs: Inputs) -> DependencyGraph:
    """Goals name real items and the dependencies have no cycle; else an InputError."""
    check_goals(inputs.goals, inputs.backlog)
    return build_graph(inputs.backlog)


def compute(
    inputs: Inputs,
    facts: StatusFacts,
    *,
    status_source: str,
    graph: DependencyGraph | None = None,
) -> Computed:
    report = compute_impact(
        facts,
        inputs.backlog,
        inputs.goals,
        inputs.context,
        status_source=status_source,
        graph=graph,
    )
    risks: list[Risk] = []
    if inputs.findings:
        report, risks = _with_risks(report, inputs)
    decisions = propose_decisions(report, inputs.backlog)
    return Computed(report=report, decisions=decisions, risks=risks)


def _with_risks(report: ImpactReport, inputs: Inputs) -> tuple[ImpactReport, list[Risk]]:
    """Audit risks that touch what slipped: items on the delay paths or the shifted goals."""
    from assistant.facts.figures import assumption_figures
    from assistant.facts.provenance import Ledger
    from assistant.facts.risks import group_risks

    scratch = Ledger()
    risks = group_risks(inputs.findings, inputs.context, inputs.backlog, inputs.goals, scratch)
    touched = {key for g in report.goals for key in g.path}
    touched |= {i.item for i in report.impacts}
    touched |= {key for i in report.impacts for g in i.goals for key in g.path}
    shifted = {g.goal for g in report.shifted_goals}
    relevant = [r for r in risks if touched & set(r.linked_items) or shifted & set(r.linked_goals)]
    if not relevant:
        return report, []
    prefixes = tuple(f"{r.id}." for r in relevant)
    ledger = Ledger()
    ledger.figures = dict(report.figures)
    ledger.figures.update({k: f for k, f in scratch.figures.items() if k.startswith(prefixes)})
    used = {a for f in ledger.figures.values() for a in f.assumptions}
    for assumption in (*report.assumptions, *scratch.assumptions.values()):
        if assumption in report.assumptions or assumption.id in used:
            ledger.assume(assumption)
    assumption_figures(ledger, report.currency)
    updated = report.model_copy(
        update={
            "figures": ledger.figures,
            "assumptions": tuple(ledger.assumptions.values()),
            "notices": (*report.notices, *scratch.notices),
        }
    )
    return updated, relevant


def narration_inputs(inputs: Inputs, computed: Computed, *, language: str, audience: str) -> dict:
    """What every narrator (template or LLM) is given besides the report and decisions."""
    terms = explain_terms(computed, language) if profile(audience).explain_jargon else []
    return dict(
        backlog=inputs.backlog,
        goals=inputs.goals,
        context=inputs.context,
        language=language,
        audience=audience,
        terms=terms,
    )


def template_narrative(
    inputs: Inputs, computed: Computed, *, language: str, audience: str
) -> tuple[Narrative, Narrative]:
    """The template brief in Markdown, and with figure markers for HTML."""
    options = narration_inputs(inputs, computed, language=language, audience=audience)
    return narrate_both(computed.report, computed.decisions, risks=computed.risks, **options)


def assemble_brief(
    inputs: Inputs,
    computed: Computed,
    narrative: Narrative,
    *,
    language: str,
    audience: str,
    status_source: str,
    narrator: Narrator,
    warnings: tuple[str, ...] = (),
) -> Brief:
    report = computed.report
    return Brief(
        language=language,
        audience=audience,
        company=inputs.context.company,
        currency=report.currency,
        headline=narrative.headline,
        summary_markdown=narrative.markdown,
        impacts=list(report.impacts),
        goals=list(report.goals),
        extra_cost_total=report.extra_cost_total,
        cost_of_delay_total=report.cost_of_delay_total,
        total_cost=report.total_cost,
        good_news=list(report.good_news),
        unresolved=list(report.unresolved),
        reading=list(report.reading),
        exposures=list(report.exposures),
        decisions=computed.decisions,
        risks=list(computed.risks),
        figures=list(report.figures.values()),
        assumptions=[
            AssumptionOut(id=a.id, text=text, source=a.source)
            for a, text in zip(report.assumptions, narrative.assumptions, strict=True)
        ],
        warnings=[*inputs.backlog.warnings, *narrative.warnings, *warnings],
        narrator=narrator,
        inputs=[*inputs.files, InputFile(file=status_source, kind="status")],
    )


def extract_facts(
    text: str, backlog: Backlog, *, today: dt.date, extractor: Extractor | None = None
) -> StatusFacts:
    from assistant.facts.extract import check_status_text

    check_status_text(text)  # empty, too long or in a language Steerco does not read
    return (extractor or default_extractor()).extract(text, backlog, today=today)


@cache
def default_extractor() -> Extractor:
    """One rule-based extractor per process, so its per-backlog title index is reused."""
    from assistant.facts.extract import RuleBasedExtractor

    return RuleBasedExtractor()


def explain_terms(computed: Computed, language: str) -> list[dict[str, str]]:
    """Jargon in what the brief quotes (titles, reasons, decisions, risks), explained plainly."""
    from assistant.facts.glossary import find_terms

    report = computed.report
    quoted = [i.title for i in report.impacts] + [i.reason or "" for i in report.impacts]
    quoted += [n.title for n in report.good_news]
    quoted += [v for d in computed.decisions for k, v in d.params.items() if k.endswith("title")]
    quoted += [r.title_in(language) for r in computed.risks]
    text = " ".join(quoted)
    return [
        {
            "term": entry.name(language),
            "plain": entry.plain(language),
        }
        for entry in find_terms(text, language)
    ]


def render_brief(result: BriefResult, fmt: Format) -> str:
    brief = result.brief
    if fmt == "json":
        return json.dumps(brief.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from assistant.narration.html_page import html_page

        return html_page(
            result.marked_markdown, result.report, language=brief.language, title=brief.headline
        )
    return brief.summary_markdown
