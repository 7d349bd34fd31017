"""Past roadmaps over HTTP: `GET /v1/workspaces/{name}/roadmaps` lists them with downloads."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from assistant.settings import Settings
from tests.conftest import TRANSVIA, ok


def test_past_roadmaps_are_listed_with_their_download_links(home: Path) -> None:
    ok("init", "transvia")  # ingested without embeddings: the listing is what is tested
    names = ("context.yaml", "goals.yaml", "backlog.csv", "audit.csv")
    ok("ingest", "transvia", "--no-embed", *(str(TRANSVIA / n) for n in names))
    client = TestClient(create_app(Settings(home=home)), base_url="http://localhost")
    assert client.get("/v1/workspaces/transvia/roadmaps").json() == {"roadmaps": []}
    made = [
        client.post("/v1/workspaces/transvia/roadmaps", json={"start": "2026-11-23"}).json()["id"]
        for _ in range(2)
    ]
    listed = client.get("/v1/workspaces/transvia/roadmaps")
    assert listed.status_code == 200
    rows = listed.json()["roadmaps"]
    assert sorted(r["id"] for r in rows) == sorted(made)
    for row in rows:
        assert set(row["downloads"]) == {"md", "html", "pptx", "json"}
        assert row["recommended"]["id"] and row["start"] == "2026-11-23"
        deck = client.get(row["downloads"]["pptx"])
        assert deck.status_code == 200 and deck.content[:2] == b"PK"
    assert client.get("/v1/workspaces/nobody/roadmaps").status_code == 404
