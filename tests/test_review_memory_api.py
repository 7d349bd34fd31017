"""Memory per client over the API: a correction made through the review route is learned by the
workspace (by the API key's name), used by its next readings without review
(`reader: memory`), listed and removable; another workspace never sees it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.security import add_key
from assistant.settings import Settings
from tests.conftest import SEED

FILES = ("context.yaml", "goals.yaml", "backlog.csv")
UNMATCHED = "Le chantier Atlas a {n} semaines de retard.\n"  # a code name no title holds


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    keys = tmp_path / "keys.yaml"
    secret = add_key(keys, "alice", ["fintrak", "other"])
    client = TestClient(
        create_app(Settings(home=tmp_path / "home", api_keys_file=keys)),
        base_url="http://localhost",
        headers={"Authorization": f"Bearer {secret}"},
    )
    for name in ("fintrak", "other"):
        assert client.post("/v1/workspaces", json={"name": name}).status_code == 201
        files = [("files", (n, (SEED / n).read_bytes())) for n in FILES]
        assert client.post(f"/v1/workspaces/{name}/files", files=files).status_code == 200
    return client


def _brief(client: TestClient, workspace: str, status: str, **extra) -> dict:
    answer = client.post(
        f"/v1/workspaces/{workspace}/briefs",
        json={"status": status, "today": "2026-11-20", **extra},
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_correction_made_in_an_api_review_is_remembered_by_that_workspace_only(client) -> None:
    pending = _brief(client, "fintrak", UNMATCHED.format(n=2), review=True)
    (claim,) = pending["reading"]
    assert claim["kind"] == "to_confirm" and claim["item"] is None
    url = f"/v1/workspaces/fintrak/briefs/{pending['run_id']}/review"
    edit = {"id": claim["id"], "kind": "slip", "item": "SEC-300"}
    reviewed = client.post(url, json={"claims": [edit]})
    assert reviewed.status_code == 200, reviewed.text
    assert [i["item"] for i in reviewed.json()["impacts"]] == ["SEC-300"]

    (kept,) = client.get("/v1/workspaces/fintrak/memory").json()
    assert kept["phrase"] == "Le chantier Atlas" and kept["item"] == "SEC-300"
    assert kept["created_by"] == "alice" and kept["run_id"] == pending["run_id"]
    assert kept["not_a_slip"] is False and kept["created_at"]

    later = _brief(client, "fintrak", UNMATCHED.format(n=3))  # no review this time
    assert [(i["item"], i["delay_weeks"]) for i in later["impacts"]] == [("SEC-300", 3)]
    assert later["reading"][0]["reader"] == "memory"
    assert "alice" in later["reading"][0]["note"]

    elsewhere = _brief(client, "other", UNMATCHED.format(n=3))
    assert elsewhere["impacts"] == [] and elsewhere["reading"][0]["reader"] == "rules"
    assert client.get("/v1/workspaces/other/memory").json() == []


def test_a_phrase_marked_not_a_slip_in_a_review_stays_out_of_the_next_figures(client) -> None:
    status = "Migration : on a 3 sprints de retard sur la migration, comme annoncé au comité.\n"
    pending = _brief(client, "fintrak", status, review=True)
    slip = next(c for c in pending["reading"] if c["kind"] == "slip")
    url = f"/v1/workspaces/fintrak/briefs/{pending['run_id']}/review"
    reviewed = client.post(url, json={"claims": [{"id": slip["id"], "kind": "not_a_slip"}]})
    assert reviewed.json()["total_cost"] == 0
    (kept,) = client.get("/v1/workspaces/fintrak/memory").json()
    assert kept["not_a_slip"] is True and kept["item"] is None
    again = _brief(client, "fintrak", status)
    assert again["total_cost"] == 0 and again["reading"][0]["reader"] == "memory"


def test_a_deleted_correction_is_no_longer_used_and_an_unknown_one_is_404(client) -> None:
    pending = _brief(client, "fintrak", UNMATCHED.format(n=2), review=True)
    url = f"/v1/workspaces/fintrak/briefs/{pending['run_id']}/review"
    client.post(url, json={"claims": [{"id": "c1", "kind": "slip", "item": "SEC-300"}]})
    (kept,) = client.get("/v1/workspaces/fintrak/memory").json()

    assert client.delete(f"/v1/workspaces/other/memory/{kept['id']}").status_code == 404
    assert client.delete(f"/v1/workspaces/fintrak/memory/{kept['id']}").status_code == 204
    assert client.get("/v1/workspaces/fintrak/memory").json() == []
    assert _brief(client, "fintrak", UNMATCHED.format(n=3))["impacts"] == []
    gone = client.delete(f"/v1/workspaces/fintrak/memory/{kept['id']}")
    assert gone.status_code == 404 and gone.json()["error"] == "not_found"
    assert client.get("/v1/workspaces/nosuch/memory").status_code == 404
