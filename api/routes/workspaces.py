"""Workspaces: create, list, delete; upload exports to ingest; list items, goals, findings;
briefs through the LangGraph workflow, kept in the workspace's history."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Response, UploadFile
from fastapi import Path as PathParam
from pydantic import BaseModel, ConfigDict, Field

from api.deps import Principal, SettingsDep, allowed
from api.schemas import BriefSummary, ErrorBody, WorkspaceBriefRequest, WorkspaceCreate
from api.uploads import save_uploads
from api.worker import Cancel, in_thread
from assistant import service
from assistant.clock import now_iso
from assistant.errors import InputError
from assistant.report import Brief
from assistant.workspace.workspace import Workspace, delete_workspace, list_workspaces

router = APIRouter(prefix="/v1/workspaces", tags=["workspaces"])
ERRORS = {
    400: {"model": ErrorBody},
    401: {"model": ErrorBody},
    404: {"model": ErrorBody},
    409: {"model": ErrorBody},
    413: {"model": ErrorBody},
    422: {"model": ErrorBody},
    429: {"model": ErrorBody},
    500: {"model": ErrorBody},
    503: {"model": ErrorBody},
    504: {"model": ErrorBody},
}


def _open(settings: Any, principal: Principal, name: str) -> Workspace:
    allowed(principal, name)
    try:
        return Workspace.open(settings.home, name)
    except Exception as error:  # InputError for a bad or unknown name: same answer
        raise HTTPException(404, f"no workspace '{name}'") from error


@router.get("", responses=ERRORS)
def list_all(settings: SettingsDep, principal: Principal) -> list[str]:
    names = list_workspaces(settings.home)
    return [n for n in names if principal is None or principal.allows(n)]


@router.post("", status_code=201, responses=ERRORS)
def create(body: WorkspaceCreate, settings: SettingsDep, principal: Principal) -> dict[str, str]:
    allowed(principal, body.name)
    if body.name in list_workspaces(settings.home):
        raise HTTPException(409, f"workspace '{body.name}' already exists")
    Workspace.create(settings.home, body.name, now=now_iso())
    return {"name": body.name}


@router.delete("/{name}", status_code=204, responses=ERRORS)
def delete(name: str, settings: SettingsDep, principal: Principal) -> Response:
    _open(settings, principal, name)
    delete_workspace(settings.home, name)
    return Response(status_code=204)


@router.post("/{name}/files", responses=ERRORS)
async def upload(
    name: str,
    files: Annotated[
        list[UploadFile], File(min_length=1, description="Exports, context, goals, audits.")
    ],
    settings: SettingsDep,
    principal: Principal,
) -> dict[str, Any]:
    """Ingest uploaded files (recognised by content), like `steerco ingest`."""
    return await in_thread(
        _upload, settings, principal, name, files,
        timeout=settings.request_timeout_s, label=f"upload to {name}",
    )  # fmt: skip


def _upload(cancel: Cancel, settings: Any, principal: Principal, name: str, files: Any) -> Any:
    from assistant import service

    _open(settings, principal, name)
    with tempfile.TemporaryDirectory(prefix="steerco-upload-") as tmp:
        request = service.IngestRequest(workspace=name, files=save_uploads(files, Path(tmp)))
        report = service.ingest(request, service.Deps(settings, cancel=cancel.check))
    return ingest_summary(report)


def ingest_summary(report: Any) -> dict[str, Any]:
    """What an ingest brought, per file (kind, format, new/changed/removed/unchanged)."""
    return {
        "files": [
            {
                "file": Path(r.file).name,
                "kind": r.kind,
                "format": r.format,
                "changes": r.changes.__dict__ if r.changes else None,
            }
            for r in report.files
        ],
        "embedded": report.embedded,
        "warnings": report.warnings,
    }


@router.post("/{name}/reindex", responses=ERRORS)
async def reindex(name: str, settings: SettingsDep, principal: Principal) -> dict[str, int]:
    """Rebuild the workspace's vector index from its records (`steerco reindex NAME`): the fix
    named by a 503 about an unreadable index."""
    from assistant.workspace.indexing import reindex as rebuild

    def work(cancel: Cancel) -> dict[str, int]:
        workspace = _open(settings, principal, name)
        return {"embedded": rebuild(workspace, settings, check=cancel.check)[0]}

    return await in_thread(work, timeout=settings.request_timeout_s, label=f"reindex of {name}")


@router.get("/{name}/items", responses=ERRORS)
def items(name: str, settings: SettingsDep, principal: Principal) -> list[dict[str, Any]]:
    inputs = _open(settings, principal, name).load_inputs()
    return [i.model_dump(mode="json") for i in inputs.backlog.items.values()]


@router.get("/{name}/goals", responses=ERRORS)
def goals(name: str, settings: SettingsDep, principal: Principal) -> list[dict[str, Any]]:
    inputs = _open(settings, principal, name).load_inputs()
    return [g.model_dump(mode="json") for g in inputs.goals]


@router.get("/{name}/findings", responses=ERRORS)
def findings(name: str, settings: SettingsDep, principal: Principal) -> list[dict[str, Any]]:
    inputs = _open(settings, principal, name).load_inputs()
    return [f.model_dump(mode="json") for f in inputs.findings]


@router.post("/{name}/briefs", response_model=Brief | service.ReviewPending, responses=ERRORS)
async def create_brief(
    name: str, body: WorkspaceBriefRequest, settings: SettingsDep, principal: Principal
) -> dict[str, Any]:
    """Run the brief workflow on the workspace; kept in its history. Stopped between steps
    when the request times out (504): it then writes no report and no history entry, and
    `run_id` resumes it. With `review` true the run stops before the figures and answers
    `{"status": "needs_review", "run_id", "reading"}`: POST the CTO's claims to
    `.../briefs/{run_id}/review` to finish it."""

    def work(cancel: Cancel) -> dict[str, Any]:
        _open(settings, principal, name)
        request = service.make(
            service.BriefRequest, status=body.status, status_source="api", audience=body.audience,
            language=body.language, today=body.today, workspace=name, run_id=body.run_id,
        )  # fmt: skip
        deps = service.Deps(settings, cancel=cancel.check)
        if body.review:
            result = service.start_review(request, deps)
            if isinstance(result, service.ReviewPending):
                return result.model_dump(mode="json")
        else:
            result = service.brief(request, deps)
        return result.brief.model_dump(mode="json")

    return await in_thread(work, timeout=settings.request_timeout_s, label=f"brief in {name}")


class ReviewBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    claims: list[service.ClaimEdit] = Field(default_factory=list, max_length=500)


@router.post("/{name}/briefs/{run_id}/review", response_model=Brief, responses=ERRORS)
async def review_brief(
    name: str, run_id: str, body: ReviewBody, settings: SettingsDep, principal: Principal
) -> dict[str, Any]:
    """Finish a run stopped for review with the CTO's claims (id and kind, item, weeks or
    dates; what is left out stays as read): 404 for an unknown run, 409 for one not waiting."""

    def work(cancel: Cancel) -> dict[str, Any]:
        _open(settings, principal, name)
        request = service.make(
            service.ReviewRequest, workspace=name, run_id=run_id, claims=body.claims,
            reviewer=principal.name if principal is not None else "api",
        )  # fmt: skip
        result = service.review(request, service.Deps(settings, cancel=cancel.check))
        return result.brief.model_dump(mode="json")

    return await in_thread(work, timeout=settings.request_timeout_s, label=f"review in {name}")


class Remembered(BaseModel):
    """A correction the workspace remembers from a confirmed reading."""

    id: int
    phrase: str = Field(description="The words of the status it applies to.")
    item: str | None = Field(description="The item the phrase names; null: not a slip.")
    not_a_slip: bool = Field(description="The phrase is read as not a slip.")
    created_at: str
    created_by: str = Field(description="Who confirmed it: the API key's name, or the user.")
    run_id: str = Field(description="The brief whose reading taught it.")


@router.get("/{name}/memory", responses=ERRORS)
def list_memory(name: str, settings: SettingsDep, principal: Principal) -> list[Remembered]:
    """What the workspace remembers of the readings its CTO corrected (`steerco memory`),
    oldest first: later readings of this workspace only apply it (`reader: memory`)."""
    _open(settings, principal, name)
    return [_remembered(c) for c in service.memory(name, service.Deps(settings))]


def _remembered(c: Any) -> Remembered:
    return Remembered(
        id=c.id, phrase=c.phrase, item=c.item if c.kind == "item" else None,
        not_a_slip=c.kind == "not_a_slip", created_at=c.created_at, created_by=c.created_by,
        run_id=c.run_id,
    )  # fmt: skip


@router.delete("/{name}/memory/{correction_id}", status_code=204, responses=ERRORS)
def forget_memory(
    name: str,
    correction_id: Annotated[int, PathParam(ge=1, le=2**53)],
    settings: SettingsDep,
    principal: Principal,
) -> Response:
    """Forget one correction (`steerco memory NAME --remove ID`); 404 when it is not kept."""
    _open(settings, principal, name)
    service.memory(name, service.Deps(settings), remove=correction_id)
    return Response(status_code=204)


@router.get("/{name}/briefs", responses=ERRORS)
def list_briefs(name: str, settings: SettingsDep, principal: Principal) -> list[BriefSummary]:
    store = _open(settings, principal, name).metadata()
    try:
        rows = store.briefs()
    finally:
        store.close()
    return [BriefSummary(**{k: r[k] for k in BriefSummary.model_fields}) for r in rows]


@router.get("/{name}/announced", responses=ERRORS)
def announced_dates(
    name: str, settings: SettingsDep, principal: Principal
) -> dict[str, list[dict[str, str]]]:
    """What the board was told: per goal, the dates the kept briefs announced, in order
    (each with its status date and run id)."""
    from assistant import service

    _open(settings, principal, name)
    return service.announced(name, service.Deps(settings))


def _in_history(workspace: Workspace, run_id: str) -> bool:
    store = workspace.metadata()
    try:
        return any(row["run_id"] == run_id for row in store.briefs())
    finally:
        store.close()


@router.get("/{name}/briefs/{run_id}", response_model=Brief, responses=ERRORS)
def read_brief(
    name: str, run_id: str, settings: SettingsDep, principal: Principal, format: str = "json"
) -> Any:
    from assistant import service

    workspace = _open(settings, principal, name)
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", run_id) or not _in_history(workspace, run_id):
        raise HTTPException(404, f"no brief '{run_id}'")  # a roadmap's id is no brief either
    suffix = {"json": "json", "md": "md", "html": "html"}.get(format)
    try:
        path = service.read_report(
            service.make(service.ReportRequest, workspace=name, id=run_id, format=suffix or "?"),
            service.Deps(settings),
        )
    except InputError:  # an unknown run, a bad id or format: the same 404
        raise HTTPException(404, f"no brief '{run_id}' as {format}") from None
    if suffix == "json":
        return json.loads(path.read_text(encoding="utf-8"))
    media = "text/markdown" if suffix == "md" else "text/html"
    return Response(path.read_text(encoding="utf-8"), media_type=f"{media}; charset=utf-8")
