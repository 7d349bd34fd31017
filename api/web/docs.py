"""/docs offline: Swagger UI served from the installed `fastapi-offline` package, never a CDN,
started by a static script (the Content-Security-Policy allows no inline script)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs-assets"


def _swagger_files() -> Path:
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


def install(app: FastAPI) -> None:
    """Call with `FastAPI(docs_url=None, redoc_url=None)`: this replaces the CDN page."""
    app.mount(ASSETS, StaticFiles(directory=str(_swagger_files())), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(app.title)} — docs</title>"
            f'<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">'
            f'<link rel="icon" href="{ASSETS}/favicon.png">'
            '</head><body><div id="swagger-ui" data-openapi="/openapi.json"></div>'
            f'<script src="{ASSETS}/swagger-ui-bundle.js"></script>'
            '<script src="/static/docs.js"></script></body></html>'
        )
