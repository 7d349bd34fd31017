"""Heavy work never stalls the server, and a request that times out stops its work.

Slowness here is genuine, never a mocked sleep: a status the extractor takes seconds on (its
cost grows with the run of spaces), and a model server that answers only when the test says
so, reached through the public settings (STEERCO_MODEL, STEERCO_API_BASE)."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.settings import Settings
from tests.api_support import HeldModel, ServerProcess, wait_for
from tests.conftest import SEED, ok
from tests.test_api import seed_body

# Seconds of extraction on today's readers (17 s measured at 20,000 spaces); fast once the
# readers are linear, which the healthz bound below does not depend on.
SLOW_STATUS = "la migration glisse de" + " " * 20_000 + "x"
HEALTHZ_BOUND_S = 2.0  # generous: the stall was 27 s


@pytest.fixture
def acme(home: Path) -> Path:
    ok("init", "acme")
    ok("ingest", "acme", "--no-embed", *(str(SEED / n) for n in ("context.yaml", "goals.yaml",
                                                                   "backlog.csv")))  # fmt: skip
    return home / "acme"


def test_a_slow_one_shot_brief_never_stalls_healthz_and_is_stopped_at_the_timeout(
    tmp_path: Path,
) -> None:
    log = tmp_path / "server.log"
    server = ServerProcess(tmp_path / "home", log, STEERCO_REQUEST_TIMEOUT_S="6")
    try:
        server.client.post("/v1/briefs", json=seed_body())  # warm: the worker's first start
        answers: list[httpx.Response] = []
        slow = threading.Thread(
            target=lambda: answers.append(
                server.client.post("/v1/briefs", json=seed_body(status=SLOW_STATUS))
            )
        )
        slow.start()
        time.sleep(1.0)  # the brief is being computed
        for _ in range(3):
            started = time.monotonic()
            assert server.client.get("/healthz").status_code == 200
            assert time.monotonic() - started < HEALTHZ_BOUND_S
        slow.join(timeout=120)
        answer = answers[0]
        if answer.status_code == 504:  # today's readers: stopped, not left running
            assert answer.json()["error"] == "timeout"
            wait_for(lambda: "worker process was killed" in log.read_text(), timeout=30)
        else:  # linear readers finish in time
            assert answer.status_code == 200
    finally:
        server.stop()


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch):
    model = HeldModel()
    for key, value in model.settings.items():
        monkeypatch.setenv(key, value)
    yield model
    model.close()


def test_a_workspace_brief_that_times_out_stops_and_writes_nothing_after_the_504(
    acme: Path, held: HeldModel, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(Settings(home=acme.parent, request_timeout_s=1))
    release = threading.Timer(4.0, held.release)  # the model answers, after the deadline
    release.start()
    with (
        caplog.at_level(logging.INFO, logger="steerco.api"),
        TestClient(app, base_url="http://127.0.0.1") as client,
    ):
        answer = client.post(
            "/v1/workspaces/acme/briefs",
            json={"status": "MIG-100 a 3 sprints de retard", "today": "2026-11-20"},
        )
        assert answer.status_code == 504, answer.text
        assert answer.json()["error"] == "timeout"
        wait_for(lambda: "work stopped" in caplog.text, timeout=120)
        assert client.get("/v1/workspaces/acme/briefs").json() == []
    release.cancel()
    assert list((acme / "reports").iterdir()) == []
    calls = held.calls
    time.sleep(1.0)
    assert held.calls == calls  # no narration call: the run did not go on
