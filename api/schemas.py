"""Request and error bodies of the HTTP API (responses reuse the CLI's `Brief` schema)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assistant import service


class ErrorBody(BaseModel):
    error: str = Field(description="Machine-readable kind: input, not_found, auth, ...")
    message: str = Field(description="What is wrong, naming the field, file or row.")
    fix: str | None = Field(default=None, description="How to fix it.")
    request_id: str | None = Field(
        default=None, description="Names the request in the server's log (errors of the server)."
    )


IsoDate = service.IsoDate  # `0` is no date


BriefOptions = service.BriefOptions  # one set of limits: the service's, on every surface


class OneShotBriefRequest(BriefOptions):
    """Every input inline, so a tool needs no workspace. Same fields as the files."""

    context: dict[str, Any] = Field(description="As context.yaml.")
    goals: list[dict[str, Any]] = Field(description="As goals.yaml.")
    backlog: list[dict[str, Any]] = Field(
        max_length=20_000,
        description="Items with the generic CSV's fields: key, title, type, status, points, "
        "team, component(s), parent, blocked_by, start, due...",
    )


class WorkspaceBriefRequest(BriefOptions):
    run_id: str | None = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    review: bool = Field(
        default=False,
        strict=True,
        description="Stop before the figures for the CTO to confirm the reading.",
    )


class WorkspaceCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")


class BriefSummary(BaseModel):
    run_id: str
    created_at: str
    headline: str
    total_cost: float
    audience: str
    language: str
