"""The brief workflow: one graph, the only brief pipeline.

load_inputs -> extract_facts -> link_mentions -> compute_impact -> draft_narrative
-> verify_narrative -> render_report [-> save_report, workspace runs only]

Two ways to run the same nodes and edges: a workspace run is compiled into LangGraph,
checkpointed in the workspace's SQLite so a run stopped mid-way resumes from its last
finished node under the same run id; a one-shot run (inputs inline, nothing to keep) walks the
same graph in-process, which spares it LangGraph's import (about a second, cold).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from assistant.errors import InputError
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


def open_checkpointer(workspace: Any) -> Any:  # -> SqliteSaver
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
        for update in graph.stream(payload, config, context=context, stream_mode="updates"):
            for node in update:
                if on_step is not None and node in STEPS:
                    on_step(node)
        return BriefState.model_validate(graph.get_state(config).values)
    finally:
        saver.conn.close()
