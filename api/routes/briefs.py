"""One-shot briefs: every input in the request body, no workspace needed."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Principal, SettingsDep
from api.inline import inline_inputs
from api.schemas import ErrorBody, OneShotBriefRequest
from assistant import service
from assistant.report import Brief

router = APIRouter(prefix="/v1", tags=["briefs"])
ERRORS = {400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 422: {"model": ErrorBody}}


@router.post("/briefs", response_model=Brief, responses=ERRORS)
def create_brief(body: OneShotBriefRequest, settings: SettingsDep, principal: Principal) -> Brief:
    """A brief from inline context, goals, backlog items and status (same schema as the CLI's
    `--format json`)."""
    inputs = inline_inputs(body.context, body.goals, body.backlog)
    request = service.make(
        service.BriefRequest, status=body.status, audience=body.audience,
        language=body.language, today=body.today, inputs=inputs,
    )  # fmt: skip
    return service.brief(request, service.Deps(settings)).brief
