"""The FastAPI application: routes under /v1, errors as JSON that say what to fix."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from api import middleware
from api.errors import error_response, install_error_handlers
from api.limits import BodySizeLimit, RateLimiter
from api.routes import briefs, health, jobs, roadmaps, workspaces
from api.security import AuthThrottle, load_keys
from api.web import docs
from api.web import routes as web
from api.web.session import Sessions
from assistant.errors import Conflict, InputError, NotFound, SteercoError
from assistant.settings import Settings
from assistant.workspace.lock import WorkspaceBusy

log = logging.getLogger("steerco.api")
STATIC = Path(__file__).parent / "web" / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="Steerco API",
        version="1.0",
        description="Executive briefs from technical status, with every figure traceable.",
        docs_url=None,  # served offline by api.web.docs
        redoc_url=None,
        lifespan=health.lifespan,  # loads the embedding model; /readyz waits for it
    )
    app.state.settings = settings
    app.state.api_keys = load_keys(settings.api_keys_file)
    app.state.limiter = RateLimiter(settings.rate_limit_per_minute)
    app.state.auth_throttle = AuthThrottle(settings.auth_failures_per_minute)
    app.state.sessions = Sessions(settings.session_hours * 3600)
    app.include_router(health.router)
    app.include_router(briefs.router)
    app.include_router(workspaces.router)
    app.include_router(roadmaps.router)
    app.include_router(jobs.router)
    app.include_router(web.router)
    web.install(app)
    docs.install(app)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)

    @app.middleware("http")
    async def timeout(request: Request, call_next):  # type: ignore[no-untyped-def]
        """504 when no answer starts in time; streams (events) go on once started."""
        try:
            return await asyncio.wait_for(call_next(request), settings.request_timeout_s)
        except TimeoutError:
            return JSONResponse(
                _body("timeout", f"no answer within {settings.request_timeout_s:g} s",
                      "use the /jobs endpoints for long runs and follow their events"),
                status_code=504,
            )  # fmt: skip

    middleware.install(app, settings)  # Host, cross-site writes, security headers: outermost
    _errors(app)
    install_error_handlers(app)
    return app


def _body(kind: str, message: str, fix: str | None = None) -> dict:
    return {"error": kind, "message": message, "fix": fix}


def _errors(app: FastAPI) -> None:
    @app.exception_handler(WorkspaceBusy)
    async def busy(request: Request, error: WorkspaceBusy) -> JSONResponse:
        return error_response(request, 409, "busy", error.message, error.fix)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> JSONResponse:
        return error_response(request, 404, "not_found", error.message, error.fix)

    @app.exception_handler(Conflict)
    async def conflict(request: Request, error: Conflict) -> JSONResponse:
        return error_response(request, 409, "conflict", error.message, error.fix)

    @app.exception_handler(InputError)
    async def bad_input(request: Request, error: InputError) -> JSONResponse:
        return error_response(request, 422, "input", error.message, error.fix)

    @app.exception_handler(SteercoError)
    async def steerco_error(request: Request, error: SteercoError) -> JSONResponse:
        return error_response(request, 400, "config", error.message, error.fix)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, error: HTTPException) -> JSONResponse:
        kinds = {401: "auth", 404: "not_found", 409: "conflict", 413: "too_large", 429: "rate"}
        return JSONResponse(
            _body(kinds.get(error.status_code, "http"), str(error.detail)),
            status_code=error.status_code,
            headers=getattr(error, "headers", None),
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return JSONResponse(
            _body("input", f"{where}: {first.get('msg')}", "see the OpenAPI schema at /docs"),
            status_code=422,
        )
