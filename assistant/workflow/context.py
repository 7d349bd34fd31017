"""Building the workflow's runtime context for one workspace: LLM client, linker factory."""

from __future__ import annotations

from typing import Any

from assistant.settings import Settings
from assistant.workflow.state import WorkflowContext
from assistant.workspace.workspace import Workspace


def make_context(name: str, settings: Settings, *, now: str) -> WorkflowContext:
    workspace = Workspace.open(settings.home, name)
    llm = None
    if settings.model:  # no model configured: nothing of litellm is even imported
        from assistant.llm import client_from_settings

        llm = client_from_settings(settings)
    return WorkflowContext(
        workspace=workspace,
        settings=settings,
        llm=llm,
        linker_factory=lambda inputs: _linker(workspace, settings, inputs),
        created_at=now,
    )


def _linker(workspace: Workspace, settings: Settings, inputs: Any) -> Any:
    from assistant.workspace.indexing import linker_for

    return linker_for(workspace, settings, inputs)
