"""The CTO's web page: server-rendered (jinja2), served by the same app, no CDN.

Pick or create a client workspace, upload exports, paste a status, get the brief with each
figure's provenance on hover or focus, copy it for an e-mail, and see the history.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from api.deps import Principal, SettingsDep, allowed
from api.uploads import save_uploads
from api.web.i18n import words
from assistant.audience import AUDIENCES
from assistant.clock import now_iso
from assistant.errors import SteercoError
from assistant.narration.formatting import format_money
from assistant.workspace.workspace import Workspace, list_workspaces

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
_MAIN = re.compile(r"<main>(.*)</main>", re.S)


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "fr"


def _page(request: Request, template: str, /, **context) -> HTMLResponse:
    lang = _lang(request)
    status = context.pop("status_code", 200)
    return templates.TemplateResponse(
        request,
        template,
        {"lang": lang, "t": words(lang), "audiences": AUDIENCES, **context},
        status_code=status,
    )


@router.get("/", response_class=HTMLResponse)
def index(request: Request, settings: SettingsDep, principal: Principal) -> HTMLResponse:
    names = [n for n in list_workspaces(settings.home) if principal is None or principal.allows(n)]
    return _page(request, "index.html.j2", workspaces=names)


@router.post("/w")
def create(
    request: Request, name: Annotated[str, Form()], settings: SettingsDep, principal: Principal
):
    allowed(principal, name)
    try:
        Workspace.create(settings.home, name, now=now_iso())
    except SteercoError as error:
        names = list_workspaces(settings.home)
        return _page(request, "index.html.j2", workspaces=names, message=error.render(), error=True, status_code=422)  # fmt: skip
    return RedirectResponse(f"/w/{name}?lang={_lang(request)}", status_code=303)


def _workspace_page(request: Request, workspace: Workspace, **extra) -> HTMLResponse:
    store = workspace.metadata()
    try:
        briefs = store.briefs()
    finally:
        store.close()
    lang = _lang(request)
    for row in briefs:
        row["total_text"] = format_money(row["total_cost"], "EUR", lang).replace("EUR", "").strip()
    return _page(request, "workspace.html.j2", name=workspace.name, briefs=briefs, **extra)


def _open(settings, principal, name: str) -> Workspace:
    allowed(principal, name)
    return Workspace.open(settings.home, name)


@router.get("/w/{name}", response_class=HTMLResponse)
def workspace_page(request: Request, name: str, settings: SettingsDep, principal: Principal):
    return _workspace_page(request, _open(settings, principal, name))


@router.post("/w/{name}/files", response_class=HTMLResponse)
def upload(
    request: Request,
    name: str,
    files: Annotated[list[UploadFile], File()],
    settings: SettingsDep,
    principal: Principal,
):
    from assistant import service

    workspace = _open(settings, principal, name)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            job = service.IngestRequest(workspace=name, files=save_uploads(files, Path(tmp)))
            report = service.ingest(job, service.Deps(settings))
    except SteercoError as error:
        return _workspace_page(request, workspace, message=error.render(), error=True)
    done = ", ".join(f"{Path(r.file).name} ({r.kind})" for r in report.files)
    return _workspace_page(
        request, workspace, message=f"{words(_lang(request))['ingested']}: {done}"
    )


@router.post("/w/{name}/brief")
def make_brief(
    request: Request,
    name: str,
    status: Annotated[str, Form(max_length=50_000)],
    settings: SettingsDep,
    principal: Principal,
    audience: Annotated[str, Form()] = "comex",
    language: Annotated[str, Form()] = "",
):
    from assistant import service

    workspace = _open(settings, principal, name)
    try:
        asked = service.make(
            service.BriefRequest, status=status, status_source="web", audience=audience,
            language=language or None, workspace=name,
        )  # fmt: skip
        run_id = service.brief(asked, service.Deps(settings)).brief.run["run_id"]
    except SteercoError as error:
        return _workspace_page(request, workspace, message=error.render(), error=True)
    return RedirectResponse(f"/w/{name}/briefs/{run_id}?lang={_lang(request)}", status_code=303)


@router.get("/w/{name}/briefs/{run_id}", response_class=HTMLResponse)
def brief_page(
    request: Request, name: str, run_id: str, settings: SettingsDep, principal: Principal
):
    workspace = _open(settings, principal, name)
    safe = re.sub(r"[^A-Za-z0-9_-]", "", run_id)
    page = workspace.layout.reports / f"{safe}.html"
    markdown = workspace.layout.reports / f"{safe}.md"
    if not page.is_file():
        return _workspace_page(request, workspace, message=f"no brief '{safe}'", error=True)
    html = page.read_text(encoding="utf-8")
    body = _MAIN.search(html)
    headline = re.search(r"<title>(.*?)</title>", html, re.S)
    return _page(
        request,
        "brief.html.j2",
        name=name,
        run_id=safe,
        body=body.group(1) if body else "",
        headline=headline.group(1) if headline else "Steerco",
        markdown=markdown.read_text(encoding="utf-8") if markdown.is_file() else "",
    )


@router.post("/w/{name}/roadmap")
def make_roadmap(
    request: Request,
    name: str,
    settings: SettingsDep,
    principal: Principal,
    weeks: Annotated[str, Form()] = "26",
    method: Annotated[str, Form()] = "cd3",
):
    from assistant import service

    workspace = _open(settings, principal, name)
    try:
        asked = service.make(
            service.RoadmapRequest, weeks=weeks, method=method, language=_lang(request),
            workspace=name, keep=True,
        )  # fmt: skip
        roadmap_id = service.roadmap(asked, service.Deps(settings)).id
    except SteercoError as error:
        return _workspace_page(request, workspace, message=error.render(), error=True)
    return RedirectResponse(
        f"/w/{name}/roadmaps/{roadmap_id}?lang={_lang(request)}", status_code=303
    )


@router.get("/w/{name}/roadmaps/{roadmap_id}", response_class=HTMLResponse)
def roadmap_page(
    request: Request, name: str, roadmap_id: str, settings: SettingsDep, principal: Principal
):
    _open(settings, principal, name)
    safe = re.sub(r"[^a-z0-9-]", "", roadmap_id)
    return _page(request, "roadmap.html.j2", name=name, roadmap_id=safe)
