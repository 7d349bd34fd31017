"""Web sign-in: a server-side session per browser, carried by an HttpOnly, SameSite=Strict
cookie, holding the API key it was opened with (so its workspaces only) and a CSRF token that
every form of the page sends back.

Sessions live in the server's memory: a restart signs everyone out. The cookie holds a random
token; the server keeps only its SHA-256, so a token compares by lookup, not by string.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass

from fastapi import HTTPException, Request
from starlette.responses import Response

from api.security import ApiKey

COOKIE = "steerco_session"
LIMIT = 10_000  # open sessions kept; the oldest go first


@dataclass
class Session:
    key: ApiKey | None  # None: a visitor not signed in (or a keyless server)
    csrf: str
    expires: float


class Sessions:
    def __init__(self, lifetime_s: float, clock=time.monotonic) -> None:
        self.lifetime_s = lifetime_s
        self.clock = clock
        self.items: dict[str, Session] = {}
        self.lock = threading.Lock()

    def start(self, key: ApiKey | None) -> str:
        token = secrets.token_urlsafe(32)
        with self.lock:
            now = self.clock()
            if len(self.items) >= LIMIT:
                self.items = {h: s for h, s in self.items.items() if s.expires > now}
                while len(self.items) >= LIMIT:
                    self.items.pop(next(iter(self.items)))
            self.items[_digest(token)] = Session(
                key, secrets.token_urlsafe(32), now + self.lifetime_s
            )
        return token

    def get(self, token: str | None) -> Session | None:
        if not token:
            return None
        with self.lock:
            session = self.items.get(_digest(token))
            if session is not None and session.expires <= self.clock():
                self.items.pop(_digest(token), None)
                return None
            return session

    def end(self, token: str | None) -> None:
        if token:
            with self.lock:
                self.items.pop(_digest(token), None)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def current(request: Request) -> Session | None:
    return request.app.state.sessions.get(request.cookies.get(COOKIE))


def visitor(request: Request) -> Session:
    """The browser's session, opened (not signed in) on its first page; the cookie is set on
    the answer by `attach`."""
    session = current(request)
    if session is None:
        token = request.app.state.sessions.start(None)
        request.state.new_session = token
        session = request.app.state.sessions.get(token)
    return session


def attach(request: Request, response: Response) -> Response:
    token = getattr(request.state, "new_session", None)
    if token:
        set_cookie(request, response, token)
    return response


def set_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(request.app.state.sessions.lifetime_s),
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


def check_csrf(session: Session, sent: str) -> None:
    if not sent or not hmac.compare_digest(session.csrf.encode(), sent.encode()):
        raise HTTPException(
            403,
            "this form was not sent by the Steerco page of this browser session "
            "(missing or stale CSRF token): reload the page and send it again.",
        )


def signed_in_key(request: Request) -> ApiKey | None:
    """The key of a signed-in browser (for the API's downloads and the roadmap frame)."""
    session = current(request)
    return session.key if session is not None else None
