"""The workflow's nodes: each a small function that returns only the keys it changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from langgraph.runtime import Runtime

from assistant.brief import (
    Computed,
    Inputs,
    assemble_brief,
    compute,
    narration_inputs,
    template_narrative,
    validate_inputs,
)
from assistant.brief import (
    extract_facts as extract_with_rules,
)
from assistant.clock import now_iso
from assistant.facts.decisions import Decision
from assistant.facts.impact import ImpactReport
from assistant.facts.status import StatusFacts
from assistant.narration.template_narrator import TEMPLATE_VERSION, Narrative
from assistant.report import Narrator
from assistant.workflow.state import BriefState, WorkflowContext
from assistant.workspace.reports import save_report

_INPUTS: dict[tuple[str, str], Inputs] = {}


def _inputs(workspace: Any, version: str) -> Inputs:
    """Inputs of one workspace version, loaded once per process (a server keeps them warm)."""
    key = (str(workspace.layout.root), version)
    if key not in _INPUTS:
        if len(_INPUTS) >= 16:
            _INPUTS.pop(next(iter(_INPUTS)))
        _INPUTS[key] = workspace.load_inputs()
    return _INPUTS[key]


def inputs_of(state: BriefState, ctx: WorkflowContext) -> Inputs:
    return _inputs(ctx.workspace, state["inputs_version"])


def load_workspace(state: BriefState, runtime: Runtime[WorkflowContext]) -> dict:
    ctx = runtime.context
    version = ctx.workspace.version()
    inputs = _inputs(ctx.workspace, version)
    validate_inputs(inputs)
    return {"inputs_version": version, "created_at": ctx.created_at or now_iso()}


def extract_facts(state: BriefState, runtime: Runtime[WorkflowContext]) -> dict:
    ctx = runtime.context
    backlog = inputs_of(state, ctx).backlog
    today = dt.date.fromisoformat(state["today"])
    if ctx.llm is not None and ctx.settings.llm_extraction:
        from assistant.facts.llm_extract import LLMExtractor

        facts = LLMExtractor(ctx.llm).extract(state["status_text"], backlog, today=today)
    else:
        facts = extract_with_rules(state["status_text"], backlog, today=today)
    return {"facts": facts.model_dump(mode="json")}


def link_mentions(state: BriefState, runtime: Runtime[WorkflowContext]) -> dict:
    """Re-resolve mentions the lexical matcher left unmatched or ambiguous, with retrieval."""
    facts = StatusFacts.model_validate(state["facts"])
    pending = [s for s in facts.slips if s.item_key is None]
    if not pending or runtime.context.linker_factory is None:
        return {}
    from assistant.knowledge.retrieval import relink

    linker = runtime.context.linker_factory(inputs_of(state, runtime.context))
    return {"facts": relink(facts, linker).model_dump(mode="json")}


def compute_impact(state: BriefState, runtime: Runtime[WorkflowContext]) -> dict:
    inputs = inputs_of(state, runtime.context)
    facts = StatusFacts.model_validate(state["facts"])
    computed = compute(inputs, facts, status_source=state["status_source"])
    return {
        "report": computed.report.model_dump(mode="json"),
        "decisions": [d.model_dump(mode="json") for d in computed.decisions],
        "risks": [r.model_dump(mode="json") for r in computed.risks],
    }


def _computed(state: BriefState) -> Computed:
    from assistant.facts.risks import Risk

    return Computed(
        ImpactReport.model_validate(state["report"]),
        [Decision.model_validate(d) for d in state["decisions"]],
        [Risk.model_validate(r) for r in state.get("risks", [])],
    )


def _language(state: BriefState, inputs: Inputs) -> str:
    return state.get("language") or inputs.context.language


def draft_narrative(state: BriefState, runtime: Runtime[WorkflowContext]) -> dict:
    ctx = runtime.context
    inputs = inputs_of(state, ctx)
    computed = _computed(state)
    lang, audience = _language(state, inputs), state["audience"]
    if ctx.llm is None:
        narrative = template_narrative(inputs, computed, language=lang, audience=audience)
        marked = template_narrative(
            inputs, computed, language=lang, audience=audience, markers=True
        )
        narrator = Narrator(name="template", version=TEMPLATE_VERSION)
        return {"draft": _draft(narrative, narrator, marked.markdown)}
    from assistant.narration.llm_narrator import PROMPT_VERSION, draft_with_llm

    options = narration_inputs(inputs, computed, language=lang, audience=audience)
    result = draft_with_llm(
        computed.report, computed.decisions, client=ctx.llm, risks=computed.risks, **options
    )
    if result.used_fallback:
        narrator = Narrator(name="template", version=TEMPLATE_VERSION)
    else:
        narrator = Narrator(name=f"llm:{result.model}", version=PROMPT_VERSION)
    draft = _draft(result.narrative, narrator, result.marked_markdown)
    draft["warnings"] = [*draft["warnings"], *result.warnings]
    return {"draft": draft, "usage": ctx.llm.usage.model_dump(mode="json")}


def _draft(narrative: Narrative, narrator: Narrator, marked: str | None) -> dict[str, Any]:
    return {
        "marked_markdown": marked,
        "markdown": narrative.markdown,
        "headline": narrative.headline,
        "assumptions": narrative.assumptions,
        "warnings": narrative.warnings,
        "narrator": narrator.model_dump(),
    }


def verify_narrative(state: BriefState, runtime: Runtime[WorkflowContext]) -> dict:
    """The final text, whoever wrote it, may only state computed figures."""
    from assistant.workflow.verify import check_brief_text

    inputs = inputs_of(state, runtime.context)
    computed = _computed(state)
    report = check_brief_text(
        state["draft"]["markdown"],
        computed,
        inputs=inputs,
        language=_language(state, inputs),
        audience=state["audience"],
        template=state["draft"]["narrator"]["name"] == "template",
    )
    return {"verification": report}


def render_report(state: BriefState, runtime: Runtime[WorkflowContext]) -> dict:
    inputs = inputs_of(state, runtime.context)
    computed = _computed(state)
    draft = state["draft"]
    narrative = Narrative(
        draft["markdown"], draft["headline"], draft["assumptions"], draft["warnings"]
    )
    verification = state.get("verification") or {"ok": True, "problems": []}
    extra = tuple(
        f"grounding check: {p['kind']}: {p['detail']}" for p in verification.get("problems", [])
    )
    brief = assemble_brief(
        inputs,
        computed,
        narrative,
        language=_language(state, inputs),
        audience=state["audience"],
        status_source=state["status_source"],
        narrator=Narrator.model_validate(draft["narrator"]),
        warnings=tuple(getattr(StatusFacts.model_validate(state["facts"]), "warnings", ())) + extra,
    )
    brief = brief.model_copy(
        update={
            "run": {
                "run_id": state["run_id"],
                "created_at": state.get("created_at", ""),
                "usage": state.get("usage") or {"calls": 0, "cost_usd": 0.0},
                "verification": verification,
            }
        }
    )
    marked = draft.get("marked_markdown") or brief.summary_markdown
    save_report(runtime.context.workspace, state["run_id"], brief, computed.report, marked)
    return {"brief": brief.model_dump(mode="json")}
