"""Every error of the API is a JSON error that says what to fix, never a plain-text 500; a bug's
traceback is logged under a request id, without the client's data."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.settings import Settings
from tests.conftest import SEED, ok, run_cli

SEED_FILES = ("context.yaml", "goals.yaml", "backlog.csv")
VAGUE = "la refonte des écrans a deux semaines de retard"  # needs the vector index to link


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(Settings(home=tmp_path / "home"))
    client = TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1")
    assert client.post("/v1/workspaces", json={"name": "acme"}).status_code == 201
    return client


def _ingest(client: TestClient, embed: bool = False) -> None:
    files = [("files", (n, (SEED / n).read_bytes())) for n in SEED_FILES]
    answer = client.post("/v1/workspaces/acme/files", files=files)
    assert answer.status_code == 200, answer.text


def _json_error(answer, status: int, *, fix: bool = True) -> dict:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body["message"] and (body["fix"] or not fix)
    return body


@pytest.mark.parametrize("name", ["..", "x" * 300 + ".csv", ".", "exports/.."])
def test_an_upload_whose_name_is_no_file_name_is_a_json_error(client, tmp_path, name) -> None:
    answer = client.post(
        "/v1/workspaces/acme/files", files=[("files", (name, b"key,title\nA-1,x\n"))]
    )
    body = _json_error(answer, 422)
    assert body["error"] == "input"
    assert not list((tmp_path / "home" / "acme" / "exports").iterdir())


@pytest.mark.parametrize(
    "data", [b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 50_000 + b"1" + b"}" * 50_000]
)
def test_a_deeply_nested_json_upload_is_a_json_error(client, data) -> None:
    answer = client.post("/v1/workspaces/acme/files", files=[("files", ("deep.json", data))])
    body = _json_error(answer, 422)
    assert "deep.json" in body["message"] and "nested" in body["message"]


def test_a_roadmap_id_on_the_briefs_route_is_not_found(client) -> None:
    _ingest(client)
    roadmap = client.post("/v1/workspaces/acme/roadmaps", json={})
    assert roadmap.status_code == 200
    answer = client.get(f"/v1/workspaces/acme/briefs/{roadmap.json()['id']}")
    assert _json_error(answer, 404, fix=False)["error"] == "not_found"


def test_a_corrupted_vector_index_answers_503_naming_reindex_which_repairs_it(
    client, tmp_path
) -> None:
    _ingest(client)
    (tmp_path / "home" / "acme" / "chroma" / "chroma.sqlite3").write_bytes(b"garbage" * 1000)
    request = {"status": VAGUE, "today": "2026-11-20"}
    for _ in range(2):  # the second time too (Chroma keeps the broken client in the process)
        body = _json_error(client.post("/v1/workspaces/acme/briefs", json=request), 503)
        assert body["error"] == "index" and "steerco reindex acme" in body["fix"]
    upload = [("files", ("more.csv", b"key,title\nA-1,x\n"))]
    assert client.post("/v1/workspaces/acme/files", files=upload).status_code == 503
    repaired = client.post("/v1/workspaces/acme/reindex")
    assert repaired.status_code == 200 and repaired.json()["embedded"] > 0
    brief = client.post("/v1/workspaces/acme/briefs", json=request)
    assert brief.status_code == 200, brief.text
    assert client.post("/v1/workspaces/acme/files", files=upload).status_code == 200


def test_steerco_reindex_rebuilds_a_corrupted_index(home: Path) -> None:
    ok("init", "acme")
    ok("ingest", "acme", *(str(SEED / n) for n in SEED_FILES))
    (home / "acme" / "chroma" / "chroma.sqlite3").write_bytes(b"garbage" * 1000)
    broken = run_cli("brief", "acme", "--text", VAGUE, "--as-of", "2026-11-20")
    assert broken.exit_code == 2 and "steerco reindex acme" in broken.stderr
    assert "rebuilt" in ok("reindex", "acme")
    ok("brief", "acme", "--text", VAGUE, "--as-of", "2026-11-20")


def test_a_bug_is_a_json_500_logged_with_a_request_id_and_no_client_data(
    client, monkeypatch, caplog
) -> None:
    from assistant.workspace import workspace

    upload = [("files", ("deals.csv", b"key,title\nM-1,Merger with Zeta Corp\n"))]
    assert client.post("/v1/workspaces/acme/files", files=upload).status_code == 200
    load_inputs = workspace.Workspace.load_inputs

    def broken(self):  # a bug whose message would leak what the client sent
        titles = [item.title for item in load_inputs(self).backlog.items.values()]
        raise RuntimeError(f"cannot list {titles}")

    monkeypatch.setattr(workspace.Workspace, "load_inputs", broken)
    with caplog.at_level(logging.ERROR, logger="steerco.api"):
        answer = client.get("/v1/workspaces/acme/items", headers={"X-Request-ID": "req-42"})
    body = _json_error(answer, 500)
    assert body["request_id"] == "req-42" and "Zeta" not in answer.text
    logged = caplog.text
    assert "req-42" in logged and "RuntimeError" in logged and "load_inputs" in logged
    assert "Zeta" not in logged


def test_the_servers_own_limits_bound_an_upload_and_no_server_folder_is_named(tmp_path) -> None:
    app = create_app(Settings(home=tmp_path / "home", max_rows_per_file=2))
    client = TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1")
    assert client.post("/v1/workspaces", json={"name": "acme"}).status_code == 201
    rows = b"key,title\nA-1,one\nA-2,two\nA-3,three\n"
    answer = client.post("/v1/workspaces/acme/files", files=[("files", ("big.csv", rows))])
    body = _json_error(answer, 422)
    assert "big.csv" in body["message"] and "2 rows" in body["message"].replace(",", "")
    assert "STEERCO_MAX_ROWS_PER_FILE" in body["message"] + body["fix"]
    assert "/tmp" not in body["message"] and str(tmp_path) not in body["message"]
