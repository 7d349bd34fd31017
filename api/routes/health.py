"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import SettingsDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
def readyz(settings: SettingsDep) -> dict[str, str]:
    """Ready when the workspaces folder can be written."""
    settings.home.mkdir(parents=True, exist_ok=True)
    probe = settings.home / ".ready"
    probe.write_text("ok", encoding="utf-8")
    probe.unlink()
    return {"status": "ready"}
