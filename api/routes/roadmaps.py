"""Roadmap drafts over HTTP: from a workspace (kept, downloadable as md/html/pptx/json)."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import Principal, SettingsDep
from api.routes.workspaces import ERRORS, _open
from api.schemas import IsoDate
from api.worker import Cancel, in_thread

router = APIRouter(prefix="/v1/workspaces", tags=["roadmaps"])
MEDIA = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


class RoadmapRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    weeks: int = Field(default=26, ge=1, le=260, strict=True)  # "26" or 26.0 is refused
    method: Literal["cd3", "wsjf", "rice"] = "cd3"
    language: Literal["fr", "en"] | None = None
    audience: Literal["comex", "engineering"] = "comex"
    start: IsoDate | None = None


@router.post("/{name}/roadmaps", responses=ERRORS)
async def create_roadmap(
    name: str, body: RoadmapRequest, settings: SettingsDep, principal: Principal
) -> dict[str, Any]:
    """Draft the roadmap; every format is kept for download. Answers the plan's JSON and id.
    A request that times out (504) saves nothing."""
    from assistant.roadmap.service import make_plan, save_all

    def work(cancel: Cancel) -> dict[str, Any]:
        workspace = _open(settings, principal, name)
        with workspace.in_use():
            inputs = workspace.load_inputs()
            plan = make_plan(
                inputs, start=body.start or dt.date.today(), horizon_weeks=body.weeks,
                method=body.method, workspace=workspace,
            )  # fmt: skip
            language = body.language or inputs.context.language
            cancel.check("saving the roadmap")
            roadmap_id = save_all(
                workspace.layout.reports, plan, inputs, language=language,
                audience=body.audience, settings=settings,
            )  # fmt: skip
        saved = workspace.layout.reports / f"{roadmap_id}.json"
        return {"id": roadmap_id, "plan": json.loads(saved.read_text(encoding="utf-8"))}

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
        found.append({
            "id": roadmap_id,
            "created_at": created.isoformat(timespec="seconds"),
            "start": data.get("start"),
            "horizon_weeks": data.get("horizon_weeks"),
            "recommended": {k: chosen.get(k) for k in ("id", "title_fr", "title_en", "total")},
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
    workspace = _open(settings, principal, name)
    if not re.fullmatch(r"roadmap-[0-9a-f]{10}", roadmap_id) or format not in MEDIA:
        raise HTTPException(404, f"no roadmap '{roadmap_id}' as {format}")
    path = workspace.layout.reports / f"{roadmap_id}.{format}"
    if not path.is_file():
        raise HTTPException(404, f"no roadmap '{roadmap_id}' as {format}")
    headers = {"Content-Disposition": f'attachment; filename="{roadmap_id}.{format}"'}
    return Response(
        path.read_bytes(), media_type=MEDIA[format], headers=headers if format == "pptx" else None
    )
