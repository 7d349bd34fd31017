"""The brief pipeline: extract status facts, compute impact, decide, narrate, render.

Each step is a plain function over validated models so the LangGraph workflow can wrap them
as nodes; nothing here reads files or the clock (`today` comes in).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import Literal

from assistant.domain import Backlog, Context, Goal
from assistant.facts.checks import build_graph, check_goals
from assistant.facts.decisions import Decision, propose_decisions
from assistant.facts.impact import ImpactReport, compute_impact
from assistant.facts.schedule import DependencyGraph
from assistant.facts.status import Extractor, StatusFacts
from assistant.narration.template_narrator import TEMPLATE_VERSION, Narrative, narrate
from assistant.report import AssumptionOut, Brief, InputFile, Narrator

Format = Literal["md", "json", "html"]


@dataclass(frozen=True)
class Inputs:
    context: Context
    goals: list[Goal]
    backlog: Backlog
    files: list[InputFile]


@dataclass(frozen=True)
class BriefResult:
    brief: Brief
    report: ImpactReport
    facts: StatusFacts
    marked_markdown: str


@dataclass(frozen=True)
class Computed:
    report: ImpactReport
    decisions: list[Decision]


def make_brief(
    inputs: Inputs,
    status_text: str,
    *,
    status_source: str,
    today: dt.date,
    audience: str = "comex",
    language: str | None = None,
    extractor: Extractor | None = None,
) -> BriefResult:
    """The offline brief, start to finish: the LangGraph workflow runs the same steps."""
    graph = validate_inputs(inputs)
    facts = extract_facts(status_text, inputs.backlog, today=today, extractor=extractor)
    computed = compute(inputs, facts, status_source=status_source, graph=graph)
    lang = language or inputs.context.language
    narrative = template_narrative(inputs, computed, language=lang, audience=audience)
    marked = template_narrative(inputs, computed, language=lang, audience=audience, markers=True)
    brief = assemble_brief(
        inputs,
        computed,
        narrative,
        language=lang,
        audience=audience,
        status_source=status_source,
        narrator=Narrator(name="template", version=TEMPLATE_VERSION),
    )
    return BriefResult(brief, computed.report, facts, marked.markdown)


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
    return Computed(report, propose_decisions(report, inputs.backlog))


def narration_inputs(inputs: Inputs, computed: Computed, *, language: str, audience: str) -> dict:
    """What every narrator (template or LLM) is given besides the report and decisions."""
    terms = explain_terms(computed.report, language) if audience != "engineering" else []
    return dict(
        backlog=inputs.backlog,
        goals=inputs.goals,
        context=inputs.context,
        language=language,
        audience=audience,
        terms=terms,
    )


def template_narrative(
    inputs: Inputs, computed: Computed, *, language: str, audience: str, markers: bool = False
) -> Narrative:
    options = narration_inputs(inputs, computed, language=language, audience=audience)
    return narrate(computed.report, computed.decisions, markers=markers, **options)


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
        decisions=computed.decisions,
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
    return (extractor or default_extractor()).extract(text, backlog, today=today)


@cache
def default_extractor() -> Extractor:
    """One rule-based extractor per process, so its per-backlog title index is reused."""
    from assistant.facts.extract import RuleBasedExtractor

    return RuleBasedExtractor()


def explain_terms(report: ImpactReport, language: str) -> list[dict[str, str]]:
    """Jargon in what the brief quotes (titles, reasons), with a plain explanation."""
    from assistant.knowledge.glossary import find_terms

    text = " ".join(
        [i.title for i in report.impacts]
        + [i.reason or "" for i in report.impacts]
        + [n.title for n in report.good_news]
    )
    return [
        {
            "term": entry.fr if language == "fr" else entry.en,
            "plain": entry.plain_fr if language == "fr" else entry.plain_en,
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
