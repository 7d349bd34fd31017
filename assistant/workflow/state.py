"""The workflow's state: pydantic models, checkpointed as they are.

The inputs themselves (context, goals, backlog, findings) are never copied into the state: a
workspace run pins them by content hash when it starts (`snapshots.py`) and every later node,
resumed or not, reads that snapshot; a one-shot run is given them inline in its context.
"""

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.audit.models import Category, Severity
from assistant.brief import Computed
from assistant.domain import StatusCategory
from assistant.facts.reading import ConfirmedClaim
from assistant.facts.status import (
    ClaimKind,
    ClaimReader,
    DelayUnit,
    MatchMethod,
    NewsKind,
    SlipKind,
    StatusFacts,
)
from assistant.inputs import Inputs
from assistant.llm.usage import LLMUsage
from assistant.report import Brief, Narrator
from assistant.settings import Settings


class RunRequest(BaseModel):
    """What a run was asked; checkpointed with it (no secrets, no inputs)."""

    model_config = ConfigDict(frozen=True)

    run_id: str
    status_text: str
    status_source: str
    today: dt.date  # the status date, an input so runs are reproducible
    audience: str = "comex"
    language: str | None = None
    workspace: str | None = None  # None: a one-shot run, inputs inline
    reading: tuple[ConfirmedClaim, ...] | None = None  # the CTO's confirmed reading, if any
    reading_source: str = "the reading"
    reviewer: str = "cto"  # who confirmed the reading (kept with what the workspace learns)
    review: bool = False  # stop before the figures until the CTO confirms the reading


class InputsRef(BaseModel):
    """The inputs a run computes from: `inline`, or a workspace snapshot by content hash."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["inline", "workspace"]
    hash: str = ""


class Draft(BaseModel):
    """The narrative before verification: whoever wrote it, and its ⟦fig:id⟧-marked twin."""

    model_config = ConfigDict(frozen=True)

    markdown: str
    headline: str
    assumptions: list[str]
    warnings: list[str] = Field(default_factory=list)
    model_warnings: list[str] = Field(default_factory=list)  # why the model's draft was not used
    narrator: Narrator
    marked_markdown: str | None = None


class Check(BaseModel):
    kind: str
    detail: str


class Verification(BaseModel):
    """The grounding check of the final text: every brief carries it in `run.verification`."""

    model_config = ConfigDict(frozen=True)

    ok: bool
    problems: list[Check] = Field(default_factory=list)


class BriefState(BaseModel):
    request: RunRequest
    created_at: str = ""
    inputs: InputsRef | None = None
    facts: StatusFacts | None = None
    computed: Computed | None = None
    draft: Draft | None = None
    verification: Verification | None = None
    usage: LLMUsage | None = None
    brief: Brief | None = None
    saved: bool = False


# The types a checkpoint holds at its top level (the checkpointer's deserialization allowlist).
CHECKPOINTED = (
    RunRequest,
    ConfirmedClaim,
    InputsRef,
    StatusFacts,
    Computed,
    Draft,
    Verification,
    LLMUsage,
    Brief,
    # the enums inside them, so they come back as themselves, not as blocked strings
    ClaimKind,
    ClaimReader,
    DelayUnit,
    MatchMethod,
    NewsKind,
    SlipKind,
    Category,
    Severity,
    StatusCategory,
)


@dataclass
class WorkflowContext:
    """What nodes need besides the state; never checkpointed (no secrets in checkpoints)."""

    settings: Settings
    llm: Any = None  # assistant.llm.LLMClient when a model is configured
    workspace: Any = None  # assistant.workspace.workspace.Workspace, for workspace runs
    inputs: Inputs | None = None  # one-shot runs: the inputs, inline
    linker_factory: Callable[[Inputs], Any] | None = None  # hybrid retrieval, when indexed
    extractor: Any = None  # overrides the extractor (tests, evals); default rules or model
    created_at: str = ""


def new_run_id() -> str:
    return uuid.uuid4().hex[:12]
