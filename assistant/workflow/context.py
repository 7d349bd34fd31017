"""Building a run's context: its inputs (a workspace, or inline), LLM client, linker."""

from __future__ import annotations

from typing import Any

from assistant.inputs import Inputs
from assistant.settings import Settings
from assistant.workflow.state import WorkflowContext

_NOT_GIVEN: Any = object()


def make_context(
    name: str | None,
    settings: Settings,
    *,
    now: str,
    inputs: Inputs | None = None,
    llm: Any = _NOT_GIVEN,
    extractor: Any = None,
) -> WorkflowContext:
    """A workspace run's context (`name`), or a one-shot run's (`inputs` inline).

    `llm`: the client to use (None: offline); by default one per run from the settings, so
    the budget and the model-time bound are per run."""
    if llm is _NOT_GIVEN:
        llm = None
        if settings.model:  # no model configured: nothing of litellm is even imported
            from assistant.llm import client_from_settings

            llm = client_from_settings(settings)
    if name is None:
        return WorkflowContext(
            settings=settings, llm=llm, inputs=inputs, extractor=extractor, created_at=now
        )
    from assistant.workspace.workspace import Workspace

    workspace = Workspace.open(settings.home, name)
    return WorkflowContext(
        settings=settings,
        llm=llm,
        workspace=workspace,
        linker_factory=lambda pinned: _linker(workspace, settings, pinned),
        extractor=extractor,
        created_at=now,
    )


def _linker(workspace: Any, settings: Settings, inputs: Inputs) -> Any:
    from assistant.workspace.indexing import linker_for

    return linker_for(workspace, settings, inputs)
