"""One-shot briefs: every input in the request body, no workspace needed."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import Principal, SettingsDep
from api.schemas import ErrorBody, OneShotBriefRequest
from api.worker import in_process
from assistant import service
from assistant.report import Brief
from assistant.settings import Settings

router = APIRouter(prefix="/v1", tags=["briefs"])
ERRORS = {code: {"model": ErrorBody} for code in (400, 401, 413, 422, 429, 500, 503, 504)}


def one_shot(body: str, settings: Settings) -> dict[str, Any]:
    """The brief of an inline request (in a worker process: see api/worker.py)."""
    from api.inline import inline_inputs

    body_ = OneShotBriefRequest.model_validate_json(body)
    inputs = inline_inputs(body_.context, body_.goals, body_.backlog)
    request = service.make(
        service.BriefRequest, status=body_.status, audience=body_.audience,
        language=body_.language, today=body_.today, inputs=inputs,
    )  # fmt: skip
    result = service.brief(request, service.Deps(settings))
    return result.brief.model_dump(mode="json")


@router.post("/briefs", response_model=Brief, responses=ERRORS)
async def create_brief(
    body: OneShotBriefRequest, settings: SettingsDep, principal: Principal
) -> dict[str, Any]:
    """A brief from inline context, goals, backlog items and status (same schema as the CLI's
    `--format json`). Computed in a worker process: it never stalls the server's other
    requests, and it is stopped at the request timeout (504)."""
    return await in_process(
        one_shot, body.model_dump_json(), settings, timeout=settings.request_timeout_s,
        label="one-shot brief",
    )  # fmt: skip
