"""Roadmap drafts over HTTP: from a workspace (kept, downloadable as md/html/pptx/json)."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import APIRouter, HTTPException, Response

from api.deps import Principal, SettingsDep
from api.routes.workspaces import ERRORS, _open
from assistant import service

router = APIRouter(prefix="/v1/workspaces", tags=["roadmaps"])
MEDIA = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


RoadmapRequest = service.RoadmapOptions  # one set of limits, the CLI's and the web's too


@router.post("/{name}/roadmaps", responses=ERRORS)
def create_roadmap(
    name: str, body: RoadmapRequest, settings: SettingsDep, principal: Principal
) -> dict[str, Any]:
    """Draft the roadmap; every format is kept for download. Answers the plan's JSON and id."""
    _open(settings, principal, name)
    request = service.make(service.RoadmapRequest, **body.model_dump(), workspace=name, keep=True)
    result = service.roadmap(request, service.Deps(settings))
    return {"id": result.id, "plan": json.loads(result.render("json"))}


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
