"""The workflow's nodes: each a small function over the typed state that returns only what it
changes. They never import LangGraph: the same nodes run checkpointed under LangGraph
(workspace runs) or in-process (one-shot runs, `graph.run_inline`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.brief import (
    assemble_brief,
    compute,
    narration_inputs,
    template_narrative,
    validate_inputs,
)
from assistant.brief import extract_facts as extract_with_rules
from assistant.inputs import Inputs
from assistant.narration.template_narrator import TEMPLATE_VERSION, Narrative
from assistant.report import Narrator
from assistant.workflow import snapshots
from assistant.workflow.state import BriefState, Draft, InputsRef, Verification

if TYPE_CHECKING:  # LangGraph passes a Runtime; the in-process runner an object like it
    from langgraph.runtime import Runtime

    from assistant.workflow.state import WorkflowContext


def inputs_of(state: BriefState, runtime: Runtime[WorkflowContext]) -> Inputs:
    """The inputs this run computes from: inline, or its pinned workspace snapshot."""
    ctx = runtime.context
    if ctx.inputs is not None:
        return ctx.inputs
    assert state.inputs is not None, "load_inputs runs first"
    return snapshots.load(ctx.workspace, state.inputs, state.request.run_id)


def load_inputs(state: BriefState, runtime: Runtime[WorkflowContext]) -> dict:
    """Pin the inputs (a workspace snapshot by content hash) and validate them."""
    ctx = runtime.context
    if ctx.inputs is not None:
        ref, inputs = InputsRef(kind="inline"), ctx.inputs
    else:
        ref, inputs = snapshots.pin(ctx.workspace)
    validate_inputs(inputs)
    return {"inputs": ref, "created_at": state.created_at or ctx.created_at}


def extract_facts(state: BriefState, runtime: Runtime[WorkflowContext]) -> dict:
    ctx = runtime.context
    backlog = inputs_of(state, runtime).backlog
    request = state.request
    if ctx.extractor is not None:
        facts = ctx.extractor.extract(request.status_text, backlog, today=request.today)
    elif ctx.llm is not None and ctx.settings.llm_extraction:
        from assistant.facts.llm_extract import LLMExtractor

        facts = LLMExtractor(ctx.llm).extract(request.status_text, backlog, today=request.today)
    else:
        facts = extract_with_rules(request.status_text, backlog, today=request.today)
    context = inputs_of(state, runtime).context
    if ctx.workspace is not None:  # what this client's CTO corrected before (reader: memory)
        from assistant.facts.reading import apply_memory
        from assistant.workspace.memory import corrections

        facts = apply_memory(facts, corrections(ctx.workspace), backlog, context)
    if request.reading is not None:  # the CTO confirmed the reading: it decides each claim
        from assistant.facts.reading import apply_reading

        facts = apply_reading(facts, request.reading, backlog, context, file=request.reading_source)
    return {"facts": facts}


def link_mentions(state: BriefState, runtime: Runtime[WorkflowContext]) -> dict:
    """Re-resolve mentions the lexical matcher left unmatched or ambiguous, with retrieval
    (only when a vector index is at hand: a workspace's)."""
    facts = state.facts
    assert facts is not None
    pending = [s for s in facts.slips if s.item_key is None]
    if not pending or runtime.context.linker_factory is None:
        return {}
    from assistant.knowledge.retrieval import relink

    linker = runtime.context.linker_factory(inputs_of(state, runtime))
    return {"facts": relink(facts, linker)}


def compute_impact(state: BriefState, runtime: Runtime[WorkflowContext]) -> dict:
    assert state.facts is not None
    inputs = inputs_of(state, runtime)
    computed = compute(inputs, state.facts, status_source=state.request.status_source)
    if runtime.context.workspace is not None:  # what the board was told by earlier briefs
        from assistant.workspace.announced import against_history

        request = state.request
        report = against_history(
            runtime.context.workspace, computed.report, request.today, request.run_id
        )
        computed = computed.model_copy(update={"report": report})
    return {"computed": computed}


def _language(state: BriefState, inputs: Inputs) -> str:
    return state.request.language or inputs.context.language


def draft_narrative(state: BriefState, runtime: Runtime[WorkflowContext]) -> dict:
    ctx = runtime.context
    inputs, computed = inputs_of(state, runtime), state.computed
    assert computed is not None
    lang, audience = _language(state, inputs), state.request.audience
    if ctx.llm is None:
        narrative, marked = template_narrative(inputs, computed, language=lang, audience=audience)
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
    draft = _draft(result.narrative, narrator, result.marked_markdown, result.warnings)
    return {"draft": draft, "usage": ctx.llm.usage.model_copy(deep=True)}


def _draft(
    narrative: Narrative, narrator: Narrator, marked: str | None, extra: list[str] | None = None
) -> Draft:
    return Draft(
        markdown=narrative.markdown,
        headline=narrative.headline,
        assumptions=list(narrative.assumptions),
        warnings=[*narrative.warnings, *(extra or [])],
        model_warnings=list(extra or []),
        narrator=narrator,
        marked_markdown=marked,
    )


def verify_narrative(state: BriefState, runtime: Runtime[WorkflowContext]) -> dict:
    """The final text, whoever wrote it, may only state computed figures."""
    from assistant.workflow.verify import check_brief_text

    inputs, computed, draft = inputs_of(state, runtime), state.computed, state.draft
    assert computed is not None and draft is not None
    result = check_brief_text(
        draft.markdown,
        computed,
        inputs=inputs,
        language=_language(state, inputs),
        audience=state.request.audience,
        template=draft.narrator.name == "template",
    )
    return {"verification": result}


def render_report(state: BriefState, runtime: Runtime[WorkflowContext]) -> dict:
    """The Brief, from the verified draft. Rendering only: saving is the next node."""
    inputs, computed, draft = inputs_of(state, runtime), state.computed, state.draft
    assert computed is not None and draft is not None and state.facts is not None
    verification = state.verification or Verification(ok=True)
    narrative = Narrative(draft.markdown, draft.headline, draft.assumptions, draft.warnings)
    extra = tuple(f"grounding check: {p.kind}: {p.detail}" for p in verification.problems)
    brief = assemble_brief(
        inputs,
        computed,
        narrative,
        language=_language(state, inputs),
        audience=state.request.audience,
        status_source=state.request.status_source,
        narrator=draft.narrator,
        warnings=tuple(getattr(state.facts, "warnings", ())) + extra,
    )
    usage: dict[str, Any] = (
        state.usage.model_dump(mode="json") if state.usage else {"calls": 0, "cost_usd": 0.0}
    )
    run = {
        "run_id": state.request.run_id,
        "created_at": state.created_at,
        "usage": usage,
        "verification": verification.model_dump(mode="json"),
    }
    return {"brief": brief.model_copy(update={"run": run})}


def save_report(state: BriefState, runtime: Runtime[WorkflowContext]) -> dict:
    """Keep the brief in the workspace: report files and the history (idempotent)."""
    from assistant.workspace.reports import save_report as save

    assert state.brief is not None and state.computed is not None and state.draft is not None
    marked = state.draft.marked_markdown or state.brief.summary_markdown
    save(
        runtime.context.workspace, state.request.run_id, state.brief, state.computed.report, marked,
        status_date=state.request.today,
    )  # fmt: skip
    if state.request.reading is not None and state.facts is not None:
        from assistant.workspace.memory import remember

        remember(
            runtime.context.workspace, state.facts, now=state.created_at or "",
            by=state.request.reviewer, run_id=state.request.run_id,
        )  # fmt: skip
    return {"saved": True}
