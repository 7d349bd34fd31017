"""Review before the brief over the API: `review: true` stops the run before its figures (a
LangGraph interrupt, checkpointed) with the reading; the CTO's claims resume the same run."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.settings import Settings
from tests.conftest import SEED

FILES = ("context.yaml", "goals.yaml", "backlog.csv")


def _client(home: Path) -> TestClient:
    return TestClient(
        create_app(Settings(home=home)), base_url="http://localhost", raise_server_exceptions=False
    )


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    client = _client(tmp_path / "home")
    assert client.post("/v1/workspaces", json={"name": "acme"}).status_code == 201
    files = [("files", (n, (SEED / n).read_bytes())) for n in FILES]
    assert client.post("/v1/workspaces/acme/files", files=files).status_code == 200
    return client


def _ask(client: TestClient) -> dict:
    status = (SEED / "status.fr.txt").read_text(encoding="utf-8")
    answer = client.post(
        "/v1/workspaces/acme/briefs",
        json={"status": status, "today": "2026-11-20", "review": True},
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_review_stops_before_the_figures_and_the_ctos_claims_finish_the_same_run(
    client, tmp_path
) -> None:
    pending = _ask(client)
    assert pending["status"] == "needs_review"
    slips = [c for c in pending["reading"] if c["kind"] == "slip"]
    assert slips and slips[0]["weeks"] == 6  # 3 sprints of 2 weeks, read but not yet priced
    assert client.get("/v1/workspaces/acme/briefs").json() == []  # nothing kept yet

    # the server restarts: the stopped run is in the checkpoints, not in memory
    client = _client(tmp_path / "home")
    edit = {"id": slips[0]["id"], "weeks": 4}
    url = f"/v1/workspaces/acme/briefs/{pending['run_id']}/review"
    brief = client.post(url, json={"claims": [edit]})
    assert brief.status_code == 200, brief.text
    body = brief.json()
    assert body["run"]["run_id"] == pending["run_id"]
    (impact,) = body["impacts"]
    assert impact["delay_weeks"] == 4  # the CTO's figure, not the 6 the rules read
    confirmed = next(c for c in body["reading"] if c["id"] == edit["id"])
    assert confirmed["reader"] == "cto"
    assert [b["run_id"] for b in client.get("/v1/workspaces/acme/briefs").json()] == [
        pending["run_id"]
    ]

    again = client.post(url, json={"claims": [edit]})  # finished: nothing left to review
    assert again.status_code == 409 and again.json()["error"] == "conflict"


def test_marking_the_slip_not_a_slip_leaves_nothing_priced(client) -> None:
    pending = _ask(client)
    slip = next(c for c in pending["reading"] if c["kind"] == "slip")
    url = f"/v1/workspaces/acme/briefs/{pending['run_id']}/review"
    body = client.post(url, json={"claims": [{"id": slip["id"], "kind": "not_a_slip"}]}).json()
    assert body["impacts"] == [] and body["total_cost"] == 0


def test_a_review_of_an_unknown_run_is_404_and_a_bad_claim_id_422(client) -> None:
    answer = client.post("/v1/workspaces/acme/briefs/nosuchrun/review", json={"claims": []})
    assert answer.status_code == 404 and answer.json()["error"] == "not_found"
    pending = _ask(client)
    url = f"/v1/workspaces/acme/briefs/{pending['run_id']}/review"
    bad = client.post(url, json={"claims": [{"id": "c99", "kind": "slip"}]})
    assert bad.status_code == 422 and "c99" in bad.json()["message"]
