"""The web-facing guards every request goes through (see README "Security"):

- `HostCheck`: only the Host names the server serves are answered (no DNS rebinding): 400.
- `CrossSiteCheck`: a state-changing request (POST, PUT, PATCH, DELETE) sent by a page of
  another site (its `Origin` or `Sec-Fetch-Site` says so) is refused with 403 before any route
  runs, so it writes nothing. Non-browser clients send neither header and go on to the key check.
- `SecurityHeaders`: a Content-Security-Policy without inline script, nosniff, no framing (the
  API's own HTML documents may be framed by the web page only), no referrer to other sites.

Pure ASGI, so they also cover static files, the docs and streamed answers.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.settings import Settings

LOOPBACK = ("localhost", "127.0.0.1", "::1")
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}

# The web page and /docs: scripts from our own static files only, never inline.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
# The API's HTML documents (a brief, a roadmap): self-contained, their own inline styles, no
# script at all (sandboxed), framed only by the web page of the same origin.
DOCUMENT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox"
)


def install(app: FastAPI, settings: Settings) -> None:
    """Register the guards; the last added runs first (headers on every answer, errors too)."""
    app.add_middleware(CrossSiteCheck, trusted_origins=settings.cors_origins)
    app.add_middleware(HostCheck, allowed=settings.allowed_hosts)
    app.add_middleware(SecurityHeaders)


def host_name(value: str) -> str | None:
    """`Host` header or allowed-host entry -> lowercase name without port or brackets."""
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8000
        end = value.find("]")
        if end < 0 or (value[end + 1 :] and not _port(value[end + 1 :])):
            return None
        return value[1:end]
    name, colon, port = value.rpartition(":")
    if colon and ":" not in name:
        if not port.isdigit():
            return None
        value = name
    value = value.rstrip(".")
    if not value or any(c in value for c in "/\\@?# \t"):
        return None
    return value


def _port(text: str) -> bool:
    return text.startswith(":") and text[1:].isdigit()


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}


async def _refuse(send: Send, status: int, kind: str, message: str, fix: str) -> None:
    body = json.dumps({"error": kind, "message": message, "fix": fix}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class HostCheck:
    """Answer only the names served: a rebinding attacker's name pointing at 127.0.0.1 gets 400."""

    def __init__(self, app: ASGIApp, allowed: list[str]) -> None:
        self.app = app
        extra = {host_name(h) for h in allowed}
        self.allowed = set(LOOPBACK) | {h for h in extra if h}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = host_name(_headers(scope).get("host", ""))
        if host not in self.allowed:
            await _refuse(
                send, 400, "host",
                "this server does not answer for the host name the request was sent to.",
                "open Steerco at http://127.0.0.1:PORT or http://localhost:PORT; to serve it "
                "under another name, add that name to STEERCO_ALLOWED_HOSTS.",
            )  # fmt: skip
            return
        await self.app(scope, receive, send)


def _origin_key(origin: str) -> tuple[str, int] | None:
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None
    return parts.hostname.lower(), port


def _host_key(host: str, scheme: str) -> tuple[str, int] | None:
    return _origin_key(f"{scheme}://{host}")


class CrossSiteCheck:
    """No cross-site writes: `Origin` must be this server (or a configured CORS origin) and
    `Sec-Fetch-Site` must not say another site. Checked before the body is read."""

    def __init__(self, app: ASGIApp, trusted_origins: list[str]) -> None:
        self.app = app
        self.trusted = {o.rstrip("/").lower() for o in trusted_origins}

    def _cross_site(self, scope: Scope) -> bool:
        headers = _headers(scope)
        origin = headers.get("origin")
        fetch_site = headers.get("sec-fetch-site", "").lower()
        if origin is not None and origin.rstrip("/").lower() in self.trusted:
            return False
        if fetch_site in ("cross-site", "same-site"):
            return True
        if fetch_site == "same-origin":  # set by the browser itself, never by a page
            return False
        if origin is None:
            return False  # not a browser (curl, httpx, the CLI): the key check applies
        mine = _host_key(headers.get("host", ""), scope.get("scheme", "http"))
        theirs = _origin_key(origin)  # "null" (sandboxed page, file://) -> None -> refused
        return theirs is None or mine is None or theirs != mine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in UNSAFE and self._cross_site(scope):
            await _refuse(
                send, 403, "cross_site",
                "a page of another site may not change anything on this server.",
                "use the Steerco page itself, or an API client with its key; a web app that "
                "calls the API must have its origin listed in STEERCO_CORS_ORIGINS.",
            )  # fmt: skip
            return
        await self.app(scope, receive, send)


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = scope.get("path", "").startswith("/v1/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {k.lower() for k, _ in headers}
                kind = dict((k.lower(), v) for k, v in headers).get(b"content-type", b"")
                document = api and kind.startswith(b"text/html")
                extra = [
                    (b"content-security-policy", (DOCUMENT_CSP if document else PAGE_CSP).encode()),
                    (b"x-frame-options", b"SAMEORIGIN" if document else b"DENY"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"cross-origin-opener-policy", b"same-origin"),
                    (b"cross-origin-resource-policy", b"same-origin"),
                ]
                headers += [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
