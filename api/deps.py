"""Dependencies: settings, the calling key, and workspace access checked per route."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from api.security import ApiKey, authenticate
from api.web.session import signed_in_key
from assistant.settings import Settings


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def get_principal(request: Request) -> ApiKey | None:
    """The caller's key; None only on a keyless localhost server (everything allowed)."""
    keys = request.app.state.api_keys
    if not keys:
        return None
    header = request.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    if not header and request.method in ("GET", "HEAD"):  # a signed-in browser's download
        key = signed_in_key(request)
        if key is not None:
            request.app.state.limiter.check(key.name)
            return key
    if scheme.lower() != "bearer" or not secret:
        raise HTTPException(401, "missing API key: send Authorization: Bearer <key>")
    address = request.client.host if request.client else "unknown"
    request.app.state.auth_throttle.check(address)
    key = authenticate(keys, secret.strip())
    if key is None:
        request.app.state.auth_throttle.failed(address)
        raise HTTPException(401, "unknown API key")
    request.app.state.limiter.check(key.name)
    return key


Principal = Annotated[ApiKey | None, Depends(get_principal)]


def allowed(principal: ApiKey | None, workspace: str) -> None:
    """Refuse a key on a workspace it is not scoped to, as if the workspace did not exist."""
    if principal is not None and not principal.allows(workspace):
        raise HTTPException(404, f"no workspace '{workspace}'")
