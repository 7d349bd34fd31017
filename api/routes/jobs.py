"""Long runs as jobs: start, fetch later by id, or follow as server-sent events; a brief job
interrupted by a server stop resumes from its checkpoint."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, File, HTTPException, UploadFile
from fastapi.responses import StreamingResponse

from api.deps import Principal, SettingsDep
from api.jobs import JobStore, start_job
from api.routes.workspaces import ERRORS, _open, ingest_summary
from api.schemas import WorkspaceBriefRequest
from api.uploads import save_uploads
from assistant import service


@contextlib.asynccontextmanager
async def _at_start(app: FastAPI) -> AsyncIterator[None]:
    """A job left `running` by a server that stopped is marked `interrupted` at once."""
    from assistant.workspace.workspace import Workspace, list_workspaces, purge_deleted

    settings = app.state.settings
    with contextlib.suppress(OSError):
        purge_deleted(settings.home)
        for name in list_workspaces(settings.home):
            _store(Workspace.open(settings.home, name)).interrupt_orphans()
    yield


router = APIRouter(prefix="/v1/workspaces", tags=["jobs"], lifespan=_at_start)


def _store(workspace) -> JobStore:  # type: ignore[no-untyped-def]
    return JobStore(workspace.layout.root / "jobs")


class _Progress:
    """What the ingest's progress bar would show, as job events."""

    def __init__(self, emit) -> None:  # type: ignore[no-untyped-def]
        self.emit = emit

    def add_task(self, name: str, total: Any = None) -> str:
        self.emit("progress", {"task": name, "done": 0, "total": total})
        return name

    def update(self, task: str, completed: int = 0, total: Any = None) -> None:
        self.emit("progress", {"task": task, "done": completed, "total": total})


@router.post("/{name}/jobs/ingest", status_code=202, responses=ERRORS)
def ingest_job(
    name: str,
    files: Annotated[list[UploadFile], File(min_length=1)],
    settings: SettingsDep,
    principal: Principal,
) -> dict[str, str]:
    """Ingest in the background; the job's events say which file is read or written and how
    far the embedding is, its result what each file brought (as `.../files` answers)."""
    workspace = _open(settings, principal, name)
    return {"job_id": start_ingest(workspace, settings, files)}


def start_ingest(workspace, settings, files: list[UploadFile]) -> str:  # type: ignore[no-untyped-def]
    """The ingest job of uploaded files (the API's and the web page's): events `started`,
    `step` (reading, writing, indexing), `progress` (embedding), then `end`."""
    folder = Path(tempfile.mkdtemp(prefix="steerco-upload-"))

    def remove_uploads() -> None:  # the uploads are copied into exports/: the temp goes
        shutil.rmtree(folder, ignore_errors=True)

    try:
        request = service.IngestRequest(workspace=workspace.name, files=save_uploads(files, folder))
        service.recognise(request.files)  # a file no loader reads is a 422 now, not a failed job
        hold = workspace.in_use().acquire()
    except BaseException:
        remove_uploads()
        raise

    def work(emit) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        emit("started", {"files": [p.name for p in request.files]})
        steps = service.Deps(settings, cancel=lambda step: emit("step", {"step": step}))
        report = service.ingest(request, steps, progress=_Progress(emit))
        return ingest_summary(report)

    return start_job(_store(workspace), "ingest", work, hold=hold, cleanup=remove_uploads)


@router.post("/{name}/jobs/brief", status_code=202, responses=ERRORS)
def brief_job(
    name: str, body: WorkspaceBriefRequest, settings: SettingsDep, principal: Principal
) -> dict[str, str]:
    from assistant.workflow.state import new_run_id

    workspace = _open(settings, principal, name)
    request = service.make(
        service.BriefRequest, status=body.status, status_source="api", audience=body.audience,
        language=body.language, today=body.today, workspace=name,
        run_id=body.run_id or new_run_id(),
    )  # fmt: skip
    return {"job_id": _start_brief(workspace, settings, request)}


def _start_brief(workspace, settings, request: service.BriefRequest) -> str:  # type: ignore[no-untyped-def]
    def work(emit) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        emit("started", {"run_id": request.run_id})
        result = service.brief(request, service.Deps(settings),
                               on_step=lambda node: emit("step", {"node": node}))  # fmt: skip
        return result.brief.model_dump(mode="json")

    hold = workspace.in_use().acquire()
    return start_job(_store(workspace), "brief", work, hold=hold, run_id=request.run_id)


@router.post("/{name}/jobs/{job_id}/resume", status_code=202, responses=ERRORS)
def resume_job(name: str, job_id: str, settings: SettingsDep, principal: Principal) -> dict:
    """A new job that resumes an interrupted brief job from its last finished step."""
    _, job = _job(settings, principal, name, job_id)
    if job["kind"] != "brief" or job["status"] != "interrupted" or not job.get("run_id"):
        raise HTTPException(409, f"job '{job_id}' is no interrupted brief ({job['status']})")
    workspace = _open(settings, principal, name)
    request = service.make(
        service.BriefRequest, status="", status_source="api", workspace=name, run_id=job["run_id"]
    )  # the status and options come back from the checkpoint
    return {"job_id": _start_brief(workspace, settings, request), "run_id": job["run_id"]}


def _job(settings, principal, name: str, job_id: str) -> tuple[JobStore, dict[str, Any]]:  # type: ignore[no-untyped-def]
    store = _store(_open(settings, principal, name))
    job = store.read(job_id) if re.fullmatch(r"job-[0-9a-f]{12}", job_id) else None
    if job is None:
        raise HTTPException(404, f"no job '{job_id}'")
    return store, job


@router.get("/{name}/jobs/{job_id}", responses=ERRORS)
def read_job(name: str, job_id: str, settings: SettingsDep, principal: Principal) -> dict[str, Any]:
    return _job(settings, principal, name, job_id)[1]


@router.get("/{name}/jobs/{job_id}/events", responses=ERRORS)
def job_events(
    name: str, job_id: str, settings: SettingsDep, principal: Principal
) -> StreamingResponse:
    """Every event of the job from the start (replayed), then new ones until it ends."""
    store, _ = _job(settings, principal, name, job_id)

    async def stream() -> AsyncIterator[bytes]:
        sent = 0
        while True:
            job = store.read(job_id) or {"events": [], "status": "failed"}
            for event in job["events"][sent:]:
                yield f"event: {event['event']}\ndata: {json.dumps(event['data'])}\n\n".encode()
            sent = len(job["events"])
            if job["status"] != "running":
                return
            await asyncio.sleep(0.2)

    return StreamingResponse(stream(), media_type="text/event-stream")
