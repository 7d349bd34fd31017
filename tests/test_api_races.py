"""Races and restarts: a workspace in use is not deleted under its writer, a job cut by a server
stop is marked interrupted and resumes from its checkpoint, uploads leave no temp files, and
workspace names are matched whole."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.settings import Settings
from tests.api_support import HeldModel, ServerProcess, wait_for
from tests.conftest import SEED, ok, run_cli

LOCAL = "http://127.0.0.1"  # a Host the server answers
STATUS = {"status": "MIG-100 a 3 sprints de retard", "today": "2026-11-20"}


@pytest.fixture
def acme(home: Path) -> Path:
    ok("init", "acme")
    ok("ingest", "acme", "--no-embed", *(str(SEED / n) for n in ("context.yaml", "goals.yaml",
                                                                   "backlog.csv")))  # fmt: skip
    return home / "acme"


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch):
    model = HeldModel()
    for key, value in model.settings.items():
        monkeypatch.setenv(key, value)
    yield model
    model.close()


def _job(client, job_id: str) -> dict:
    return client.get(f"/v1/workspaces/acme/jobs/{job_id}").json()


def test_deleting_a_workspace_while_a_job_writes_in_it_answers_409_and_keeps_it_whole(
    acme: Path, held: HeldModel
) -> None:
    with TestClient(create_app(Settings(home=acme.parent)), base_url=LOCAL) as client:
        job_id = client.post("/v1/workspaces/acme/jobs/brief", json=STATUS).json()["job_id"]
        assert held.arrived.wait(120)  # the job is mid-run, waiting for the model
        refused = client.delete("/v1/workspaces/acme")
        assert refused.status_code == 409, refused.text
        assert refused.json()["error"] == "busy" and "in use" in refused.json()["message"]
        assert (acme / "workspace.json").is_file() and (acme / "state.sqlite").is_file()
        held.release()
        wait_for(lambda: _job(client, job_id)["status"] != "running")
        assert _job(client, job_id)["status"] == "done"
        assert client.delete("/v1/workspaces/acme").status_code == 204
        assert client.get("/v1/workspaces").json() == []
    assert list(acme.parent.iterdir()) == []  # nothing half-deleted, nothing set aside


def test_a_job_cut_by_a_server_stop_is_interrupted_its_stream_ends_and_it_resumes(
    acme: Path, held: HeldModel, tmp_path: Path
) -> None:
    first = ServerProcess(acme.parent, tmp_path / "first.log", **held.settings)
    try:
        job_id = first.client.post("/v1/workspaces/acme/jobs/brief", json=STATUS).json()["job_id"]
        assert held.arrived.wait(120)
    finally:
        first.kill()  # kill -9 while the job runs
    second = ServerProcess(acme.parent, tmp_path / "second.log", **held.settings)
    try:
        job = _job(second.client, job_id)
        assert job["status"] == "interrupted" and "resume" in job["error"]["fix"]
        events = second.client.get(f"/v1/workspaces/acme/jobs/{job_id}/events", timeout=30)
        assert events.text.rstrip().endswith('data: {"status": "interrupted"}')
        held.release()
        resumed = second.client.post(f"/v1/workspaces/acme/jobs/{job_id}/resume")
        assert resumed.status_code == 202, resumed.text
        new_id = resumed.json()["job_id"]
        wait_for(lambda: _job(second.client, new_id)["status"] != "running")
        done = _job(second.client, new_id)
        assert done["status"] == "done", done["error"]
        assert done["result"]["run"]["run_id"] == job["run_id"]
        steps = [e["data"]["node"] for e in done["events"] if e["event"] == "step"]
        assert "load_workspace" not in steps and steps[0] == "extract_facts"  # from checkpoint
        history = second.client.get("/v1/workspaces/acme/briefs").json()
        assert [b["run_id"] for b in history] == [job["run_id"]]
    finally:
        second.stop()


def test_uploaded_temp_files_are_deleted_after_ingest(
    acme: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    export = [("files", ("more.csv", b"key,title\nX-1,Extra item\n"))]
    with TestClient(create_app(Settings(home=acme.parent)), base_url=LOCAL) as client:
        job_id = client.post("/v1/workspaces/acme/jobs/ingest", files=export).json()["job_id"]
        wait_for(lambda: _job(client, job_id)["status"] != "running")
        assert _job(client, job_id)["status"] == "done"
        assert client.post("/v1/workspaces/acme/files", files=export).status_code == 200
        refused = client.post("/v1/workspaces/acme/jobs/ingest", files=[("files", ("..", b""))])
        assert refused.status_code == 422
    assert [p.name for p in temp.iterdir() if p.name.startswith("steerco-")] == []
    assert (acme / "exports" / "more.csv").is_file()


def test_workspace_names_are_matched_whole(home: Path) -> None:
    for name in ("acme\n", "acme\nx", "acme/"):
        result = run_cli("init", name)
        assert result.exit_code == 2 and "not a valid workspace name" in result.stderr
    assert not home.exists() or list(home.iterdir()) == []
    ok("init", "acme")
    with TestClient(create_app(Settings(home=home)), base_url=LOCAL) as client:
        assert client.get("/v1/workspaces/acme%0A/items").status_code == 404
        created = client.post("/v1/workspaces", json={"name": "beta\n"})
        assert created.status_code == 422
        assert client.get("/v1/workspaces").json() == ["acme"]


def test_a_workspace_deleted_mid_way_is_never_listed_and_is_cleaned_at_start(home: Path) -> None:
    ok("init", "acme")
    aside = home / ".deleted-acme-1234abcd"  # what a crash during a deletion leaves
    (home / "acme").rename(aside)
    assert json.loads((aside / "workspace.json").read_text())["name"] == "acme"
    with TestClient(create_app(Settings(home=home)), base_url=LOCAL) as client:
        assert client.get("/v1/workspaces").json() == []
    assert not aside.exists()
