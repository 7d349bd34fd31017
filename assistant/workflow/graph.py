"""The brief workflow: one graph, the only brief pipeline.

load_inputs -> extract_facts -> link_mentions -> compute_impact -> draft_narrative
-> verify_narrative -> render_report [-> save_report, workspace runs only]

Two ways to run the same nodes and edges: a workspace run is compiled into LangGraph,
checkpointed in the workspace's SQLite so a run stopped mid-way resumes from its last
finished node under the same run id; a one-shot run (inputs inline, nothing to keep) walks the
same graph in-process, which spares it LangGraph's import (about a second, cold).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from assistant.errors import Conflict, InputError, NotFound
from assistant.inputs import Inputs
from assistant.workflow import nodes
from assistant.workflow.state import CHECKPOINTED, BriefState, RunRequest, WorkflowContext

END = "__end__"  # LangGraph's END
STEPS = (
    "load_inputs",
    "extract_facts",
    "link_mentions",
    "compute_impact",
    "draft_narrative",
    "verify_narrative",
    "render_report",
    "save_report",
)
OnStep = Callable[[str], None]
REVIEW_AT = "compute_impact"  # a run asked for review stops before the figures (an interrupt)


def after(step: str, state: BriefState) -> str:
    """The edge out of `step`: the next step in order; a one-shot run keeps nothing."""
    if step == "render_report":
        return "save_report" if state.request.workspace else END
    return after_fixed(step)  # type: ignore[return-value]


def _node(step: str) -> Callable[..., dict]:
    return lambda state, runtime: getattr(nodes, step)(state, runtime)  # late: patchable


@cache
def _builder() -> Any:  # -> langgraph StateGraph, built once per process
    from langgraph.graph import START, StateGraph

    builder = StateGraph(BriefState, context_schema=WorkflowContext)
    for step in STEPS:
        builder.add_node(step, _node(step))
    builder.add_edge(START, STEPS[0])
    for step in STEPS:
        if step == "render_report":
            builder.add_conditional_edges(
                step, lambda s: after("render_report", s), ["save_report", END]
            )
        elif after_fixed(step) is not None:
            builder.add_edge(step, after_fixed(step))
    return builder


def after_fixed(step: str) -> str | None:
    """The unconditional edge out of `step` (None for the conditional one)."""
    if step == "render_report":
        return None
    return END if step == "save_report" else STEPS[STEPS.index(step) + 1]


def build_graph(checkpointer: Any = None) -> Any:  # -> CompiledStateGraph
    return _builder().compile(checkpointer=checkpointer)


@dataclass
class _Runtime:
    """What LangGraph hands a node, for the in-process walk: only the context is used."""

    context: WorkflowContext


def run_inline(
    request: RunRequest, context: WorkflowContext, on_step: OnStep | None = None
) -> BriefState:
    """A one-shot run: the same nodes and edges, in-process, nothing checkpointed."""
    state = BriefState(request=request, created_at=context.created_at)
    runtime = _Runtime(context)
    step = STEPS[0]
    while step != END:
        update = getattr(nodes, step)(state, runtime)
        state = state.model_copy(update=update)
        if on_step is not None:
            on_step(step)
        step = after(step, state)
    return state


def _serde() -> Any:
    from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer

    return JsonPlusSerializer(
        allowed_msgpack_modules=[(t.__module__, t.__name__) for t in CHECKPOINTED]
    )


def close_checkpointer(saver: Any) -> None:
    """Close under the saver's own lock: LangGraph writes checkpoints from a background
    thread, and a run stopped mid-step (a timed-out request) may still have one in flight;
    closing the connection under it crashed the process (a segfault in put_writes). A write
    that comes later finds the connection closed and fails cleanly."""
    with saver.lock:
        saver.conn.close()


def open_checkpointer(workspace: Any) -> Any:  # -> SqliteSaver
    import sqlite3  # here: a one-shot brief runs the graph inline, without checkpoints

    from langgraph.checkpoint.sqlite import SqliteSaver

    # concurrent runs of one workspace wait for each other's writes rather than fail
    conn = sqlite3.connect(workspace.layout.checkpoints, check_same_thread=False, timeout=60)
    return SqliteSaver(conn, serde=_serde())


def run_checkpointed(
    request: RunRequest | None,
    run_id: str,
    context: WorkflowContext,
    on_step: OnStep | None = None,
) -> BriefState:
    """Run, resume (`request` None: the run `run_id` stopped mid-way) or show a finished run."""
    saver = open_checkpointer(context.workspace)
    try:
        graph = build_graph(saver)
        config = {"configurable": {"thread_id": run_id}}
        snapshot = graph.get_state(config)
        if snapshot.values and not snapshot.next:  # finished earlier: the kept result
            return BriefState.model_validate(snapshot.values)
        if not snapshot.next and request is None:
            raise InputError(
                f"there is no run '{run_id}' in workspace '{context.workspace.name}'.",
                fix="check the id with `steerco history`, or give a status to start a new run.",
            )
        payload = None
        if not snapshot.next:
            payload = {"request": request, "created_at": context.created_at}
        review = payload is not None and request is not None and request.review
        _stream(graph, payload, config, context, on_step, [REVIEW_AT] if review else None)
        return BriefState.model_validate(graph.get_state(config).values)
    finally:
        close_checkpointer(saver)


def _stream(graph, payload, config, context, on_step, interrupt_before=None) -> None:  # type: ignore[no-untyped-def]
    updates = graph.stream(
        payload, config, context=context, stream_mode="updates", interrupt_before=interrupt_before
    )
    for update in updates:
        for node in update:
            if on_step is not None and node in STEPS:
                on_step(node)


def awaiting_review(state: BriefState) -> bool:
    """A run that stopped before its figures for the CTO to confirm the reading."""
    return state.request.review and state.computed is None and state.facts is not None


def review_reading(state: BriefState, context: WorkflowContext) -> tuple[Any, ...]:
    """The claims a run stopped for review shows the CTO, each with its weeks (what the
    figures would take), computed from the run's pinned inputs; nothing is kept."""
    from assistant.brief import compute

    assert state.facts is not None
    inputs = nodes.inputs_of(state, _Runtime(context))  # type: ignore[arg-type]
    return compute(inputs, state.facts, status_source=state.request.status_source).report.reading


def resume_reviewed(
    run_id: str,
    context: WorkflowContext,
    revise: Callable[[BriefState, Inputs], dict],
    on_step: OnStep | None = None,
) -> BriefState:
    """Resume a run stopped for review, its state first changed by `revise(state, inputs)`
    (the confirmed reading). An unknown run is NotFound; one not waiting for review, Conflict."""
    saver = open_checkpointer(context.workspace)
    try:
        graph = build_graph(saver)
        config = {"configurable": {"thread_id": run_id}}
        snapshot = graph.get_state(config)
        name = context.workspace.name
        if not snapshot.values:
            raise NotFound(
                f"workspace '{name}' has no run '{run_id}'.",
                fix="start one with a brief request whose `review` is true.",
            )
        if tuple(snapshot.next) != (REVIEW_AT,):
            done = "finished" if not snapshot.next else f"at {', '.join(snapshot.next)}"
            raise Conflict(
                f"run '{run_id}' of workspace '{name}' is not waiting for a review ({done}).",
                fix="to correct a finished brief, start a new run with `review` true.",
            )
        state = BriefState.model_validate(snapshot.values)
        inputs = nodes.inputs_of(state, _Runtime(context))  # type: ignore[arg-type]
        graph.update_state(config, revise(state, inputs), as_node="link_mentions")
        _stream(graph, None, config, context, on_step)
        return BriefState.model_validate(graph.get_state(config).values)
    finally:
        close_checkpointer(saver)
