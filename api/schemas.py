"""Request and error bodies of the HTTP API (responses reuse the CLI's `Brief` schema)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


class ErrorBody(BaseModel):
    error: str = Field(description="Machine-readable kind: input, not_found, auth, ...")
    message: str = Field(description="What is wrong, naming the field, file or row.")
    fix: str | None = Field(default=None, description="How to fix it.")
    request_id: str | None = Field(
        default=None, description="Names the request in the server's log (errors of the server)."
    )


def _iso_date(value: Any) -> Any:
    """A date is written as the schema says (`2026-11-20`): `0` is no date (not 1970-01-01)."""
    if not isinstance(value, str | dt.date):
        raise ValueError("expected a date written YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class BriefOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: str = Field(min_length=1, max_length=50_000, description="The status text.")
    audience: Literal["comex", "cfo", "engineering"] = "comex"
    language: Literal["fr", "en"] | None = None
    today: IsoDate | None = Field(default=None, description="Status date; default today.")


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
