"""Roadmap drafts over HTTP: from a workspace (kept, downloadable as md/html/pptx/json)."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from fastapi import APIRouter, HTTPException, Response
from pydantic import Field

from api.deps import Principal, SettingsDep
from api.routes.workspaces import ERRORS, _open
from api.worker import Cancel, in_thread
from assistant import service
from assistant.localized import fold_languages

router = APIRouter(prefix="/v1/workspaces", tags=["roadmaps"])
MEDIA = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


class RoadmapRequest(service.RoadmapOptions):
    weeks: int = Field(  # "26" or 26.0 is refused
        default=service.DEFAULT_WEEKS, ge=1, le=service.MAX_HORIZON_WEEKS, strict=True
    )


@router.post("/{name}/roadmaps", responses=ERRORS)
async def create_roadmap(
    name: str, body: RoadmapRequest, settings: SettingsDep, principal: Principal
) -> dict[str, Any]:
    """Draft the roadmap; every format is kept for download. Answers the plan's JSON and id.
    A request that times out (504) saves nothing."""

    def work(cancel: Cancel) -> dict[str, Any]:
        _open(settings, principal, name)
        request = service.make(
            service.RoadmapRequest, **body.model_dump(), workspace=name, keep=True
        )
        result = service.roadmap(request, service.Deps(settings, cancel=cancel.check))
        return {"id": result.id, "plan": json.loads(result.render("json"))}

    return await in_thread(work, timeout=settings.request_timeout_s, label=f"roadmap of {name}")


@router.get("/{name}/roadmaps", responses=ERRORS)
def list_roadmaps(name: str, settings: SettingsDep, principal: Principal) -> dict[str, Any]:
    """Past roadmaps of the workspace, newest first, each with its download links."""
    workspace = _open(settings, principal, name)
    found = []
    for path in workspace.layout.reports.glob("roadmap-*.json"):
        roadmap_id = path.stem
        if not re.fullmatch(r"roadmap-[0-9a-f]{10}", roadmap_id):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        created = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        chosen = next((o for o in data.get("options", []) if o.get("recommended")), {})
        chosen = fold_languages(chosen, title="title")  # saved before titles were one value
        found.append({
            "id": roadmap_id,
            "created_at": created.isoformat(timespec="seconds"),
            "start": data.get("start"),
            "horizon_weeks": data.get("horizon_weeks"),
            "recommended": {k: chosen.get(k) for k in ("id", "title", "total")},
            "downloads": {
                fmt: f"/v1/workspaces/{name}/roadmaps/{roadmap_id}?format={fmt}"
                for fmt in MEDIA
                if (workspace.layout.reports / f"{roadmap_id}.{fmt}").is_file()
            },
        })  # fmt: skip
    found.sort(key=lambda r: (r["created_at"], r["id"]), reverse=True)
    return {"roadmaps": found}


@router.get("/{name}/roadmaps/{roadmap_id}", responses=ERRORS)
def read_roadmap(
    name: str, roadmap_id: str, settings: SettingsDep, principal: Principal, format: str = "json"
) -> Response:
    _open(settings, principal, name)
    if not re.fullmatch(r"roadmap-[0-9a-f]{10}", roadmap_id) or format not in MEDIA:
        raise HTTPException(404, f"no roadmap '{roadmap_id}' as {format}")
    try:
        path = service.read_report(
            service.ReportRequest(workspace=name, id=roadmap_id, format=format),  # type: ignore[arg-type]
            service.Deps(settings),
        )
    except service.NotFound:
        raise HTTPException(404, f"no roadmap '{roadmap_id}' as {format}") from None
    headers = {"Content-Disposition": f'attachment; filename="{roadmap_id}.{format}"'}
    return Response(
        path.read_bytes(), media_type=MEDIA[format], headers=headers if format == "pptx" else None
    )
