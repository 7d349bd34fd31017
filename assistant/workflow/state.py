"""The workflow's state: a narrow request for callers, the full state inside.

Values are JSON-ready (pydantic models dumped with mode="json") so checkpoints stay portable
(SQLite today, Postgres later) and small: the backlog itself is never copied into the state;
nodes reload it from the workspace, cached by `inputs_version`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any, TypedDict

from assistant.settings import Settings
from assistant.workspace.workspace import Workspace


class BriefRequest(TypedDict):
    workspace: str
    status_text: str
    status_source: str
    today: str  # ISO date: the status date, an input so runs are reproducible
    audience: str
    language: str | None
    run_id: str


class BriefState(BriefRequest, total=False):
    inputs_version: str
    facts: dict[str, Any]  # StatusFacts
    report: dict[str, Any]  # ImpactReport
    decisions: list[dict[str, Any]]  # Decision
    risks: list[dict[str, Any]]  # Risk, the ones linked to what slipped
    draft: dict[str, Any]  # {markdown, headline, assumptions, warnings, narrator, ...}
    verification: dict[str, Any]  # {ok, problems}
    usage: dict[str, Any]  # LLM calls, tokens, cost
    warnings: list[str]
    brief: dict[str, Any]  # the final Brief
    created_at: str


@dataclass
class WorkflowContext:
    """What nodes need besides the state; not checkpointed (no secrets in checkpoints)."""

    workspace: Workspace
    settings: Settings
    llm: Any = None  # assistant.llm.LLMClient when a model is configured
    linker_factory: Any = None  # builds a hybrid Linker for this workspace, lazily
    created_at: str = ""
    extras: dict[str, Any] = field(default_factory=dict)


def new_run_id() -> str:
    return uuid.uuid4().hex[:12]


def brief_request(
    workspace: str,
    status_text: str,
    *,
    status_source: str,
    today: dt.date,
    audience: str = "comex",
    language: str | None = None,
    run_id: str | None = None,
) -> BriefRequest:
    """The one way callers (CLI, API, web, jobs) ask the workflow for a brief."""
    return BriefRequest(
        workspace=workspace,
        status_text=status_text,
        status_source=status_source,
        today=today.isoformat(),
        audience=audience,
        language=language,
        run_id=run_id or new_run_id(),
    )
