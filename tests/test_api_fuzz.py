"""Fuzzing the OpenAPI schema with schemathesis: whatever the input, never a 5xx."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api.app import create_app
from assistant.settings import Settings
from assistant.workspace.workspace import Workspace

HOME = Path(tempfile.mkdtemp(prefix="steerco-fuzz-"))
Workspace.create(HOME, "fuzz", now="2026-11-20T00:00:00+00:00")
APP = create_app(Settings(home=HOME, allowed_hosts=["testserver"]))  # schemathesis's ASGI host
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_gives_a_server_error(case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
