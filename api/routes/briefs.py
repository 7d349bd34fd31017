"""One-shot briefs: every input in the request body, no workspace needed."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter

from api.deps import Principal
from api.inline import inline_inputs
from api.schemas import ErrorBody, OneShotBriefRequest
from assistant.brief import make_brief
from assistant.report import Brief

router = APIRouter(prefix="/v1", tags=["briefs"])
ERRORS = {code: {"model": ErrorBody} for code in (400, 401, 413, 422, 429, 500, 503, 504)}


@router.post("/briefs", response_model=Brief, responses=ERRORS)
def create_brief(body: OneShotBriefRequest, principal: Principal) -> Brief:
    """A brief from inline context, goals, backlog items and status (same schema as the CLI's
    `--format json`)."""
    inputs = inline_inputs(body.context, body.goals, body.backlog)
    result = make_brief(
        inputs,
        body.status,
        status_source="request",
        today=body.today or dt.date.today(),
        audience=body.audience,
        language=body.language,
    )
    return result.brief
