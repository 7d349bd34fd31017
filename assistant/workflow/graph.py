"""The brief workflow, shared by the CLI and the HTTP API.

load_workspace -> extract_facts -> link_mentions -> compute_impact -> draft_narrative
-> verify_narrative -> render_report, checkpointed per workspace in SQLite so a run that
stops mid-way resumes from its last finished node under the same run id.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.graph import END, START, StateGraph

from assistant.errors import InputError
from assistant.workflow import nodes
from assistant.workflow.state import BriefRequest, BriefState, WorkflowContext, new_run_id

STEPS = (
    "load_workspace",
    "extract_facts",
    "link_mentions",
    "compute_impact",
    "draft_narrative",
    "verify_narrative",
    "render_report",
)


def build_graph(checkpointer: Any = None):  # -> CompiledStateGraph
    builder = StateGraph(BriefState, context_schema=WorkflowContext, input_schema=BriefRequest)
    for step in STEPS:
        builder.add_node(step, getattr(nodes, step))

    builder.add_edge(START, "load_workspace")
    builder.add_edge("load_workspace", "extract_facts")
    builder.add_edge("extract_facts", "link_mentions")
    builder.add_edge("link_mentions", "compute_impact")
    builder.add_edge("compute_impact", "draft_narrative")
    builder.add_edge("draft_narrative", "verify_narrative")
    builder.add_edge("verify_narrative", "render_report")
    builder.add_edge("render_report", END)
    return builder.compile(checkpointer=checkpointer)


def open_checkpointer(context: WorkflowContext) -> SqliteSaver:
    conn = sqlite3.connect(context.workspace.layout.checkpoints, check_same_thread=False)
    return SqliteSaver(conn)


def run_brief(request: dict[str, Any], context: WorkflowContext, on_step: Any = None) -> BriefState:
    """Run (or resume, when `request['run_id']` names an unfinished run) one brief.

    `on_step(node_name)` is called as each node finishes (progress for long runs)."""
    saver = open_checkpointer(context)
    try:
        graph = build_graph(saver)
        run_id = request.get("run_id") or new_run_id()
        config = {"configurable": {"thread_id": run_id}}
        snapshot = graph.get_state(config)
        if snapshot.values and not snapshot.next:  # finished earlier: the kept result
            return snapshot.values  # type: ignore[return-value]
        if not snapshot.next and not request.get("status_text"):
            raise InputError(
                f"there is no run '{run_id}' in workspace '{context.workspace.name}'.",
                fix="check the id with `steerco history`, or give a status to start a new run.",
            )
        payload = None if snapshot.next else {**request, "run_id": run_id}
        if on_step is None:
            return graph.invoke(payload, config, context=context)  # type: ignore[return-value]
        for update in graph.stream(payload, config, context=context, stream_mode="updates"):
            for node in update:
                on_step(node)
        return graph.get_state(config).values  # type: ignore[return-value]
    finally:
        saver.conn.close()
