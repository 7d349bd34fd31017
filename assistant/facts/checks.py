"""Consistency of the inputs taken together: goals name real items; dependencies have no cycle."""

from __future__ import annotations

from assistant.domain import Backlog, Goal
from assistant.errors import InputError
from assistant.facts.schedule import DependencyCycle, DependencyGraph


def check_goals(goals: list[Goal], backlog: Backlog) -> None:
    for goal in goals:
        missing = [key for key in goal.depends_on if key not in backlog.items]
        if missing:
            source = goal.source
            raise InputError(
                f"goal {goal.id} depends_on {', '.join(missing)}, which no backlog export "
                f"contains ({len(backlog.items)} items loaded).",
                file=source.file if source else "goals.yaml",
                where=f"row {source.row}" if source and source.row else f"goal {goal.id}",
                fix="correct the key in depends_on, or add the export that holds it (--backlog, or steerco ingest for a workspace).",
            )


def build_graph(backlog: Backlog) -> DependencyGraph:
    try:
        return DependencyGraph(backlog)
    except DependencyCycle as cycle:
        rows = [
            backlog.items[key].source.label()
            for key in dict.fromkeys(cycle.keys)
            if key in backlog.items
        ]
        raise InputError(
            f"the dependencies form a cycle: {' → '.join(cycle.keys)} ({'; '.join(rows)}). "
            "A cycle has no finish date, so no delay can be computed.",
            fix="remove one of these blocks/parent links in the tracker, then export again.",
        ) from None
