"""Every error is a JSON error: `{error, message, fix, request_id}`, never a plain-text 500.

Registered by `install_error_handlers(app)` next to the handlers of api/app.py. A bug answers
500 with a request id; the log line of its traceback carries that id, the route and the
exception's type, not the client's data (no message, no body, no path parameters).
"""

from __future__ import annotations

import logging
import re
import tempfile
import traceback
import uuid
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import ResponseValidationError
from fastapi.responses import JSONResponse
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.worker import TimedOut
from assistant.workspace.indexing import IndexUnavailable

log = logging.getLogger("steerco.api")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id(request: Request) -> str:
    """The caller's X-Request-ID when it is a plain token, else a new one (kept per request)."""
    known = getattr(request.state, "request_id", None)
    if known:
        return known
    given = request.headers.get("x-request-id", "")
    rid = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex[:16]
    request.state.request_id = rid
    return rid


def public_text(request: Request, text: str | None) -> str | None:
    """A message without the server's folders: a path under the workspaces' home or the temp
    folder (an upload's) becomes its last part, the file name the user knows."""
    if not text:
        return text
    roots = {str(request.app.state.settings.home), tempfile.gettempdir()}
    roots |= {str(Path(r).resolve()) for r in roots}
    for root in sorted(roots, key=len, reverse=True):
        text = re.sub(re.escape(root) + r"[^\s'\"(),;:]*", lambda m: Path(m.group()).name, text)
    return text


def error_response(
    request: Request, status: int, kind: str, message: str, fix: str | None = None
) -> JSONResponse:
    rid = request_id(request)
    return JSONResponse(
        {
            "error": kind,
            "message": public_text(request, message),
            "fix": public_text(request, fix),
            "request_id": rid,
        },
        status_code=status,
        headers={"X-Request-ID": rid},
    )


def _route(request: Request) -> str:
    route = request.scope.get("route")
    return getattr(route, "path", None) or "(no route)"


def log_bug(request: Request, error: BaseException) -> str:
    """Log the traceback under a request id: code locations only, never the client's data."""
    rid = request_id(request)
    frames = "".join(traceback.format_tb(error.__traceback__))
    log.error(
        "request %s: %s %s failed with %s\n%s",
        rid, request.method, _route(request), type(error).__name__, frames,
    )  # fmt: skip
    return rid


def _methods(app: FastAPI, scope: dict) -> set[str]:
    """The methods of the most specific documented path template the request's path fits
    (`/jobs/brief` is POST only, though `/jobs/{job_id}` would fit it too); else every method
    some route of this path answers."""
    path = scope.get("path", "")
    best: tuple[int, set[str]] | None = None
    for template, operations in (app.openapi().get("paths") or {}).items():
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path):
            literal = sum(1 for part in template.split("/") if part and "{" not in part)
            if best is None or literal > best[0]:
                best = (literal, {m.upper() for m in operations if m.upper() in _HTTP})
    if best is not None:
        return best[1]
    return {
        method
        for method in _HTTP
        if any(r.matches({**scope, "method": method})[0] is Match.FULL for r in app.router.routes)
    }


_HTTP = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(IndexUnavailable)
    async def index_unavailable(request: Request, error: IndexUnavailable) -> JSONResponse:
        log.warning("request %s: vector index of a workspace unreadable (%s)",
                    request_id(request), error.cause)  # fmt: skip
        return error_response(request, 503, "index", error.message, error.fix)

    @app.exception_handler(405)
    async def wrong_method(request: Request, error: Exception) -> JSONResponse:
        """`Allow` lists every method of the path (Starlette's names only the first route's)."""
        methods = sorted(_methods(app, request.scope))
        answer = error_response(
            request, 405, "method",
            f"{request.method} is not allowed here", f"use {', '.join(methods) or 'no method'}",
        )  # fmt: skip
        answer.headers["Allow"] = ", ".join(methods)
        return answer

    @app.exception_handler(TimedOut)
    async def timed_out(request: Request, error: TimedOut) -> JSONResponse:
        return error_response(request, 504, "timeout", error.message, error.fix)

    @app.exception_handler(RecursionError)
    async def too_deep(request: Request, _: RecursionError) -> JSONResponse:
        return error_response(
            request, 422, "input", "the request or a file in it is nested too deeply",
            "flatten the data: Steerco's files are lists of flat records",
        )  # fmt: skip

    @app.exception_handler(ResponseValidationError)
    async def bad_response(request: Request, error: ResponseValidationError) -> JSONResponse:
        log_bug(request, error)
        return error_response(request, 500, "internal", "the answer did not match its schema",
                              "this is a bug: report it with the request id")  # fmt: skip

    # Any other exception, from a route or a middleware: answered by an outer middleware
    # that logs it once, here. (A handler registered on Exception would run in Starlette's
    # ServerErrorMiddleware, which re-raises after answering, so the server logs the error's
    # message, the client's data, in its own traceback.)
    app.add_middleware(CatchBugs)


class CatchBugs:
    """The last net: an exception nobody handled becomes a JSON 500 with a request id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as error:
            request = Request(scope)
            log_bug(request, error)
            if started:  # too late for an answer: the client sees the connection end
                return
            response = error_response(request, 500, "internal", "internal error",
                                      "this is a bug: report it with the request id")  # fmt: skip
            await response(scope, receive, send)
