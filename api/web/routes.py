"""The CTO's web page: server-rendered (jinja2), served by the same app, no CDN.

Pick or create a client workspace, upload exports, paste a status, get the brief with each
figure's provenance on hover or focus, copy it for an e-mail, and see the history.

Security (README "Security"): every template is autoescaped whatever its suffix; every form
carries the session's CSRF token; with API keys configured, a browser signs in with a key and
sees only that key's workspaces; messages never show the server's folders.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
import tempfile
from pathlib import Path
from typing import Annotated

import jinja2
from fastapi import APIRouter, Depends, FastAPI, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from api.deps import SettingsDep, allowed
from api.errors import public_text
from api.routes.workspaces import ingest_summary
from api.security import ApiKey, authenticate
from api.uploads import save_uploads
from api.web.i18n import language_choices, words
from api.web.messages import explain, lead
from api.web.sanitize import clean_html
from api.web.session import COOKIE, attach, check_csrf, set_cookie, visitor
from assistant.audience import AUDIENCES
from assistant.clock import now_iso
from assistant.errors import Conflict, SteercoError
from assistant.facts.status import ClaimKind
from assistant.narration.formatting import format_money
from assistant.workspace.layout import check_name
from assistant.workspace.workspace import Workspace, list_workspaces

router = APIRouter(include_in_schema=False)
# Starlette's default only autoescapes .html/.htm/.xml: ours are .html.j2, so it is set here.
ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True
)
templates = Jinja2Templates(env=ENVIRONMENT)
_MAIN = re.compile(r"<main>(.*)</main>", re.S)
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_SVG_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def _svg_image(found: re.Match[str]) -> str:
    """An inline chart as an <img> of the same SVG, its title (escaped) as the alt text."""
    svg = found.group(0)
    title = _SVG_TITLE.search(svg)
    alt = html.escape(html.unescape(title.group(1)).strip(), quote=True) if title else ""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="chart" alt="{alt}" src="data:image/svg+xml;base64,{data}">'


class SignInRequired(Exception):
    """A browser without a signed-in session on a server with API keys."""


class PageError(Exception):
    """An error the page shows as a page in its language (an unknown client, a stale form)."""

    def __init__(self, status: int, key: str, **values: str) -> None:
        self.status, self.key, self.values = status, key, values


def install(app: FastAPI) -> None:
    @app.exception_handler(SignInRequired)
    async def sign_in(request: Request, _: SignInRequired) -> Response:
        where = RedirectResponse(f"/signin?lang={_lang(request)}", status_code=303)
        return attach(request, where)

    @app.exception_handler(PageError)
    async def page_error(request: Request, error: PageError) -> Response:
        message = words(_lang(request))[error.key].format(**error.values)
        if _wants_json(request):
            return JSONResponse({"message": message}, status_code=error.status)
        return _page(request, "error.html.j2", message=message, error=True,
                     status_code=error.status)  # fmt: skip


def _wants_json(request: Request) -> bool:
    """The page's script (upload progress) asks for JSON; a browser's navigation for HTML."""
    return "application/json" in request.headers.get("accept", "")


def _csrf_ok(request: Request, sent: str) -> None:
    try:
        check_csrf(visitor(request), sent)
    except HTTPException:
        raise PageError(403, "stale_form") from None


def _error_text(request: Request, where: str, error: SteercoError) -> str:
    """What failed and why, in the page's language, without the server's folders."""
    return explain(_lang(request), where, _public(request, error.render()))


def web_principal(request: Request) -> ApiKey | None:
    """The signed-in key (None on a keyless localhost server, where everything is allowed)."""
    session = visitor(request)
    if request.app.state.api_keys:
        if session.key is None:
            raise SignInRequired
        return session.key
    return None


WebPrincipal = Annotated[ApiKey | None, Depends(web_principal)]
Csrf = Annotated[str, Form(max_length=200)]


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "fr"


def _page(request: Request, template: str, /, **context) -> HTMLResponse:
    lang = _lang(request)
    status = context.pop("status_code", 200)
    session = visitor(request)
    page = templates.TemplateResponse(
        request,
        template,
        {
            "lang": lang, "t": words(lang), "csrf": session.csrf, "audiences": AUDIENCES,
            "languages": language_choices(),
            "signed_in": session.key.name if session.key else None, **context,
        },
        status_code=status,
    )  # fmt: skip
    attach(request, page)
    return page


def _redirect(request: Request, url: str) -> Response:
    return attach(request, RedirectResponse(url, status_code=303))


def _public(request: Request, text: str) -> str:
    """A message without the server's folders (see api.errors.public_text)."""
    return public_text(request, text) or ""


def _names(settings, principal: ApiKey | None) -> list[str]:
    return [n for n in list_workspaces(settings.home) if principal is None or principal.allows(n)]


@router.get("/", response_class=HTMLResponse)
def index(request: Request, settings: SettingsDep, principal: WebPrincipal) -> HTMLResponse:
    return _page(request, "index.html.j2", workspaces=_names(settings, principal))


@router.post("/w")
def create(
    request: Request,
    name: Annotated[str, Form()],  # checked below: a refused name is said on the page
    settings: SettingsDep,
    principal: WebPrincipal,
    csrf: Csrf = "",
):
    _csrf_ok(request, csrf)
    t = words(_lang(request))
    try:
        check_name(name)
    except SteercoError:  # the input is not echoed back
        message = t["bad_name"]
    else:
        allowed(principal, name)
        try:
            Workspace.create(settings.home, name, now=now_iso())
        except SteercoError as error:
            exists = name in list_workspaces(settings.home)
            message = t["exists"].format(name=name) if exists else _public(request, error.render())
        else:
            return _redirect(request, f"/w/{name}?lang={_lang(request)}")
    names = _names(settings, principal)
    return _page(request, "index.html.j2", workspaces=names, message=message, error=True, status_code=422)  # fmt: skip


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request) -> Response:
    if not request.app.state.api_keys:
        return _redirect(request, f"/?lang={_lang(request)}")
    return _page(request, "signin.html.j2")


@router.post("/signin")
def signin(request: Request, key: Annotated[str, Form(max_length=200)] = "", csrf: Csrf = ""):
    keys = request.app.state.api_keys
    if not keys:
        return _redirect(request, f"/?lang={_lang(request)}")
    _csrf_ok(request, csrf)
    address = request.client.host if request.client else "unknown"
    throttle = request.app.state.auth_throttle
    throttle.check(address)
    found = authenticate(keys, key.strip())
    if found is None:
        throttle.failed(address)
        message = words(_lang(request))["bad_key"]
        return _page(request, "signin.html.j2", message=message, error=True, status_code=401)
    sessions = request.app.state.sessions
    sessions.end(request.cookies.get(COOKIE))  # a new token at sign-in: no session fixation
    response = RedirectResponse(f"/?lang={_lang(request)}", status_code=303)
    set_cookie(request, response, sessions.start(found))
    return response


@router.post("/signout")
def signout(request: Request, csrf: Csrf = ""):
    _csrf_ok(request, csrf)
    request.app.state.sessions.end(request.cookies.get(COOKIE))
    target = "/signin" if request.app.state.api_keys else "/"
    response = RedirectResponse(f"{target}?lang={_lang(request)}", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response


def _workspace_page(request: Request, workspace: Workspace, **extra) -> HTMLResponse:
    store = workspace.metadata()
    try:
        briefs, told = store.briefs(), store.announcements()
    finally:
        store.close()
    lang = _lang(request)
    for row in briefs:
        row["total_text"] = format_money(row["total_cost"], "EUR", lang).replace("EUR", "").strip()
        row["announced"] = [
            (a["goal"], a["announced"]) for a in told if a["run_id"] == row["run_id"]
        ]
    return _page(request, "workspace.html.j2", name=workspace.name, briefs=briefs,
                 roadmaps=_roadmaps(workspace), company=_company(workspace), **extra)  # fmt: skip


def _open(settings, principal, name: str) -> Workspace:
    """The workspace, or 404 naming only the name asked for (never the others, nor folders)."""
    try:
        allowed(principal, name)
        return Workspace.open(settings.home, name)
    except (SteercoError, HTTPException):
        raise PageError(404, "no_workspace_named", name=name) from None


@router.get("/w/{name}", response_class=HTMLResponse)
def workspace_page(
    request: Request, name: str, settings: SettingsDep, principal: WebPrincipal, ingested: str = ""
):
    workspace = _open(settings, principal, name)
    if re.fullmatch(r"job-[0-9a-f]{12}", ingested):  # back from an upload followed by script
        from api.routes.jobs import _store

        job = _store(workspace).read(ingested)
        if job and job.get("kind") == "ingest" and job["status"] == "done" and job["result"]:
            return _workspace_page(request, workspace, **_ingested(request, job["result"]))
    return _workspace_page(request, workspace)


@router.post("/w/{name}/files", response_class=HTMLResponse)
def upload(
    request: Request,
    name: str,
    files: Annotated[list[UploadFile], File()],
    settings: SettingsDep,
    principal: WebPrincipal,
    csrf: Csrf = "",
):
    from assistant import service

    _csrf_ok(request, csrf)
    workspace = _open(settings, principal, name)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            job = service.IngestRequest(workspace=name, files=save_uploads(files, Path(tmp)))
            report = service.ingest(job, service.Deps(settings))
    except SteercoError as error:
        message = _error_text(request, "upload", error)
        return _workspace_page(request, workspace, message=message, error=True, status_code=422)
    return _workspace_page(request, workspace, **_ingested(request, ingest_summary(report)))


def _ingested(request: Request, result: dict) -> dict:
    """The notice and per-file summary of an ingest, in the page's language."""
    lang = _lang(request)
    t = words(lang)
    done = ", ".join(f"{r['file']} ({r['kind']})" for r in result["files"])
    colon = " : " if lang == "fr" else ": "
    summary = []
    for r in result["files"]:
        c = r["changes"]
        what = t["changes"].format(**{k: c[k] for k in ("added", "updated", "removed", "unchanged")}) if c else t["unchanged_file"]  # fmt: skip
        summary.append(f"{r['file']} ({r['kind']}){colon}{what}")
    summary += [_public(request, w) for w in result.get("warnings", [])]
    return {"message": f"{t['ingested']}: {done}", "summary": summary}


@router.post("/w/{name}/uploads")
def start_upload(
    request: Request,
    name: str,
    files: Annotated[list[UploadFile], File()],
    settings: SettingsDep,
    principal: WebPrincipal,
    csrf: Csrf = "",
) -> JSONResponse:
    """The page's script uploads through the ingest job (api/routes/jobs.py) and follows its
    events at `poll`; without script, the form posts to `.../files` and waits."""
    from api.routes.jobs import start_ingest

    _csrf_ok(request, csrf)
    workspace = _open(settings, principal, name)
    lang = _lang(request)
    try:
        job_id = start_ingest(workspace, settings, files)
    except SteercoError as error:
        return JSONResponse({"message": _error_text(request, "upload", error)}, status_code=422)
    poll = f"/w/{name}/jobs/{job_id}?lang={lang}"
    return JSONResponse({"job_id": job_id, "poll": poll}, status_code=202)


@router.get("/w/{name}/jobs/{job_id}")
def upload_progress(
    request: Request, name: str, job_id: str, settings: SettingsDep, principal: WebPrincipal
) -> JSONResponse:
    """Where an upload's ingest job is, in one line of the page's language (its events), and
    where the page goes once it is done (the workspace page with the summary)."""
    from api.routes.jobs import _store

    workspace = _open(settings, principal, name)
    job = _store(workspace).read(job_id) if re.fullmatch(r"job-[0-9a-f]{12}", job_id) else None
    if job is None or job.get("kind") != "ingest":
        return JSONResponse({"message": words(_lang(request))["no_job"]}, status_code=404)
    t, lang = words(_lang(request)), _lang(request)
    line, done, total = t["job_started"], None, None
    for event in job["events"]:
        data = event["data"]
        if event["event"] == "step":
            step = str(data.get("step", ""))
            verb, _, file = step.partition(" ")
            if verb in ("reading", "writing") and file:
                line = t[f"job_{verb}"].format(file=file)
            elif step == "indexing":
                line = t["job_indexing"]
        elif event["event"] == "progress" and data.get("total"):
            done, total = data.get("done"), data.get("total")
            line = t["job_embedding"].format(done=done, total=total)
    answer: dict = {"status": job["status"], "line": line, "done": done, "total": total}
    if job["status"] == "done":
        answer["next"] = f"/w/{name}?lang={lang}&ingested={job['id']}"
    elif job["status"] != "running":
        error = job.get("error") or {}
        failure = SteercoError(str(error.get("message", "")), fix=error.get("fix"))
        answer["message"] = _error_text(request, "upload", failure)
    return JSONResponse(answer)


@router.post("/w/{name}/brief")
def make_brief(
    request: Request,
    name: str,
    status: Annotated[str, Form()],  # its bound is the service's: said on the page
    settings: SettingsDep,
    principal: WebPrincipal,
    audience: Annotated[str, Form()] = "comex",
    language: Annotated[str, Form()] = "",
    review: Annotated[str, Form(max_length=10)] = "",
    csrf: Csrf = "",
):
    from assistant import service

    _csrf_ok(request, csrf)
    workspace = _open(settings, principal, name)
    try:
        asked = service.make(
            service.BriefRequest, status=status, status_source="web", audience=audience,
            language=language or None, workspace=name, reviewer=_reviewer(request),
        )  # fmt: skip
        if review:  # stop before the figures: the CTO confirms the reading first
            result = service.start_review(asked, service.Deps(settings))
            if isinstance(result, service.ReviewPending):
                url = f"/w/{name}/briefs/{result.run_id}/review?lang={_lang(request)}"
                return _redirect(request, url)
        else:
            result = service.brief(asked, service.Deps(settings))
        run_id = result.brief.run["run_id"]
    except SteercoError as error:
        message = _error_text(request, "brief", error)
        return _workspace_page(request, workspace, message=message, error=True, status_code=422)
    return _redirect(request, f"/w/{name}/briefs/{run_id}?lang={_lang(request)}")


def _reviewer(request: Request) -> str:
    """Who confirms a reading on the page: the signed-in key's name, else 'web'."""
    key = visitor(request).key
    return key.name if key is not None else "web"


@router.get("/w/{name}/briefs/{run_id}/review", response_class=HTMLResponse)
def review_page(
    request: Request, name: str, run_id: str, settings: SettingsDep, principal: WebPrincipal
):
    """The reading of a run stopped for review, as an editable table (from its checkpoint)."""
    from assistant import service

    workspace = _open(settings, principal, name)
    safe = re.sub(r"[^A-Za-z0-9_-]", "", run_id)[:64] or "-"
    try:
        pending = service.pending_review(name, safe, service.Deps(settings))
    except Conflict:  # finished already: its brief
        return _redirect(request, f"/w/{name}/briefs/{safe}?lang={_lang(request)}")
    except SteercoError as error:
        return _workspace_page(request, workspace, message=_error_text(request, "review", error), error=True, status_code=422)  # fmt: skip
    return _review_table(request, workspace, pending)


def _review_table(
    request: Request, workspace: Workspace, pending, posted=None, **extra
) -> HTMLResponse:
    """The table of the reading; `posted`: the CTO's values sent back (kept on an error)."""
    from assistant.prompts import phrases

    lang = _lang(request)
    labels = phrases(lang)["reading"]
    kinds = [(k.value, labels.get(k.value, k.value)) for k in ClaimKind]
    items = workspace.load_inputs().backlog.items
    listed = sorted(items.values(), key=lambda i: i.key)
    rows = []
    for claim in pending.reading:
        weeks = claim.get("weeks")
        row = {
            **claim,
            "weeks_text": "" if weeks is None else f"{weeks:g}",
            "candidates": [(k, _item_label(items[k])) for k in claim["candidates"] if k in items],
        }
        for field, key in (("kind", "kind"), ("item", "item"), ("weeks", "weeks_text"),
                           ("old_date", "old_date"), ("new_date", "new_date")):  # fmt: skip
            sent = posted.get(f"{field}-{claim['id']}") if posted is not None else None
            if sent is not None:
                text = str(sent)[:100]
                row[key] = text if key == "weeks_text" else (text or None)
        rows.append(row)
    return _page(
        request, "review.html.j2", name=workspace.name, run_id=pending.run_id, rows=rows,
        kinds=kinds, items=[(i.key, _item_label(i)) for i in listed],
        as_list=len(listed) > MAX_ITEMS_IN_SELECT, company=_company(workspace), **extra,
    )  # fmt: skip


MAX_ITEMS_IN_SELECT = 400  # past it, one list the item field suggests from (a page stays light)


def _item_label(item) -> str:
    title = item.title if len(item.title) <= 80 else item.title[:79] + "…"
    return f"{item.key} — {title}"


@router.post("/w/{name}/briefs/{run_id}/review")
async def confirm_review(
    request: Request, name: str, run_id: str, settings: SettingsDep, principal: WebPrincipal
):
    """'Confirm and draft': the CTO's table resumes the same checkpointed run (the API's
    review path), only the fields the CTO changed sent as edits."""
    form = await request.form(max_fields=5000, max_files=0)
    return await run_in_threadpool(_confirm, request, name, run_id, form, settings, principal)


def _confirm(request: Request, name: str, run_id: str, form, settings, principal) -> Response:
    from assistant import service

    _csrf_ok(request, str(form.get("csrf", "")))
    workspace = _open(settings, principal, name)
    safe = re.sub(r"[^A-Za-z0-9_-]", "", run_id)[:64] or "-"
    deps = service.Deps(settings)
    try:
        pending = service.pending_review(name, safe, deps)
    except Conflict:
        return _redirect(request, f"/w/{name}/briefs/{safe}?lang={_lang(request)}")
    except SteercoError as error:
        return _workspace_page(request, workspace, message=_error_text(request, "review", error), error=True, status_code=422)  # fmt: skip
    t = words(_lang(request))
    try:
        edits = [e for c in pending.reading if (e := _edit(c, form, t))]
        asked = service.make(service.ReviewRequest, workspace=name, run_id=safe, claims=edits,
                             reviewer=_reviewer(request))  # fmt: skip
        service.review(asked, deps)
    except SteercoError as error:
        message = _error_text(request, "review", error)
        if isinstance(error, _BadValue):  # said by the page already, in its language
            message = f"{lead(_lang(request), 'review')} {error.message}"
        return _review_table(request, workspace, pending, form, message=message, error=True,
                             status_code=422)  # fmt: skip
    return _redirect(request, f"/w/{name}/briefs/{safe}?lang={_lang(request)}")


class _BadValue(SteercoError):
    """A value of the review table that is no number or date (the message in the page's words)."""


def _edit(claim: dict, form, t: dict[str, str]) -> dict | None:
    """What the CTO changed on one row of the table (None: nothing)."""
    cid = claim["id"]
    edit: dict = {"id": cid}
    kind = str(form.get(f"kind-{cid}", claim["kind"]))
    if kind != claim["kind"]:
        edit["kind"] = kind
    item = str(form.get(f"item-{cid}", claim["item"] or "")).strip() or None
    if item != claim["item"]:
        edit["item"] = item
    text = str(form.get(f"weeks-{cid}", "")).strip().replace(",", ".")
    if text:
        try:
            weeks = float(text)
        except ValueError:
            raise _BadValue(t["bad_weeks"].format(id=cid, value=text[:20])) from None
        if claim.get("weeks") is None or abs(weeks - claim["weeks"]) > 1e-6:
            edit["weeks"] = weeks
    for field in ("old_date", "new_date"):
        value = str(form.get(f"{field}-{cid}", "")).strip() or None
        if value != claim.get(field):
            try:
                edit[field] = dt.date.fromisoformat(value) if value else None
            except ValueError:
                raise _BadValue(t["bad_date"].format(id=cid, value=value[:20])) from None
    return edit if len(edit) > 1 else None


@router.post("/w/{name}/briefs/{run_id}/correct")
def correct_reading(
    request: Request,
    name: str,
    run_id: str,
    settings: SettingsDep,
    principal: WebPrincipal,
    csrf: Csrf = "",
):
    """'Correct the reading' of a finished brief: a new run stopped for review with that
    brief's reading; confirmed, it is a new brief in the history (the old one kept)."""
    from assistant import service

    _csrf_ok(request, csrf)
    workspace = _open(settings, principal, name)
    safe = re.sub(r"[^A-Za-z0-9_-]", "", run_id)[:64] or "-"
    try:
        pending = service.correct(name, safe, service.Deps(settings), reviewer=_reviewer(request))
    except SteercoError as error:
        return _workspace_page(request, workspace, message=_error_text(request, "review", error), error=True, status_code=422)  # fmt: skip
    return _redirect(request, f"/w/{name}/briefs/{pending.run_id}/review?lang={_lang(request)}")


@router.get("/w/{name}/briefs/{run_id}", response_class=HTMLResponse)
def brief_page(
    request: Request, name: str, run_id: str, settings: SettingsDep, principal: WebPrincipal
):
    workspace = _open(settings, principal, name)
    safe = re.sub(r"[^A-Za-z0-9_-]", "", run_id)
    page = workspace.layout.reports / f"{safe}.html"
    markdown = workspace.layout.reports / f"{safe}.md"
    if not page.is_file():
        from assistant import service

        try:  # a run still waiting for its review: its table
            service.pending_review(name, safe or "-", service.Deps(settings))
        except SteercoError:
            raise PageError(404, "no_brief", id=safe) from None
        return _redirect(request, f"/w/{name}/briefs/{safe}/review?lang={_lang(request)}")
    document = page.read_text(encoding="utf-8")
    body = _MAIN.search(document)
    headline = re.search(r"<title>(.*?)</title>", document, re.S)
    return _page(
        request,
        "brief.html.j2",
        name=name,
        run_id=safe,
        body=clean_html(body.group(1) if body else ""),  # re-parsed: known tags only
        headline=html.unescape(headline.group(1)) if headline else "Steerco",  # escaped again
        markdown=markdown.read_text(encoding="utf-8") if markdown.is_file() else "",
    )


@router.post("/w/{name}/roadmap")
def make_roadmap(
    request: Request,
    name: str,
    settings: SettingsDep,
    principal: WebPrincipal,
    weeks: Annotated[str, Form()] = "26",
    method: Annotated[str, Form()] = "cd3",
    csrf: Csrf = "",
):
    from assistant import service

    _csrf_ok(request, csrf)
    workspace = _open(settings, principal, name)
    try:
        asked = service.make(
            service.RoadmapRequest, weeks=weeks, method=method, language=_lang(request),
            workspace=name, keep=True,
        )  # fmt: skip
        roadmap_id = service.roadmap(asked, service.Deps(settings)).id
    except SteercoError as error:
        message = _error_text(request, "roadmap", error)
        return _workspace_page(request, workspace, message=message, error=True, status_code=422)
    return _redirect(request, f"/w/{name}/roadmaps/{roadmap_id}?lang={_lang(request)}")


@router.get("/w/{name}/roadmaps/{roadmap_id}", response_class=HTMLResponse)
def roadmap_page(
    request: Request, name: str, roadmap_id: str, settings: SettingsDep, principal: WebPrincipal
):
    workspace = _open(settings, principal, name)
    safe = re.sub(r"[^a-z0-9-]", "", roadmap_id)
    page = workspace.layout.reports / f"{safe}.html"
    if not page.is_file():
        raise PageError(404, "no_roadmap", id=safe)
    body = _MAIN.search(page.read_text(encoding="utf-8"))
    # Our renderer's own output, every client value escaped there (autoescaped template, charts
    # drawn as SVG with escaped text). Its charts are shown as images (an SVG image runs no
    # script, and its inline styles stay inside it, so the page's CSP needs no inline style).
    shown = Markup(_SVG.sub(_svg_image, body.group(1))) if body else ""
    return _page(request, "roadmap.html.j2", name=name, roadmap_id=safe, body=shown,
                 company=_company(workspace))  # fmt: skip


def _company(workspace: Workspace) -> str:
    """The client's name from the workspace's context.yaml, else the workspace's name."""
    from assistant.loaders import load_context

    try:
        return load_context(workspace.layout.context).company
    except (SteercoError, OSError):
        return workspace.name


def _roadmaps(workspace: Workspace) -> list[dict]:
    """Past roadmaps, newest first: id and date (their downloads are the API's links)."""
    found = []
    for path in workspace.layout.reports.glob("roadmap-*.html"):
        if re.fullmatch(r"roadmap-[0-9a-f]{10}", path.stem):
            when = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
            found.append({"id": path.stem, "created_at": when.isoformat(timespec="minutes")})
    return sorted(found, key=lambda r: (r["created_at"], r["id"]), reverse=True)
