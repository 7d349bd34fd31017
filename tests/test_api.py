"""The HTTP API against a real uvicorn server on a loopback port."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
import yaml

from api.app import create_app
from api.security import add_key
from assistant.settings import Settings
from tests.conftest import SEED


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def serve(tmp_path: Path) -> Iterator:
    servers = []

    def start(**settings_kw) -> httpx.Client:
        settings = Settings(home=tmp_path / "home", **settings_kw)
        port = free_port()
        config = uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=port, log_level="error"
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        servers.append((server, thread))
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
        while client.get("/readyz").status_code == 503 and time.monotonic() < deadline + 50:
            time.sleep(0.05)  # the embedding model loads in the background
        return client

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


def seed_body(**extra) -> dict:
    import csv

    rows = list(csv.DictReader((SEED / "backlog.csv").open(encoding="utf-8")))
    backlog = [
        {
            "key": r["Issue key"], "title": r["Summary"], "type": r["Issue Type"],
            "status": r["Status"], "parent": r["Parent"] or None,
            "components": [r["Component/s"]], "blocked_by": r["Inward issue link (Blocks)"] or None,
        }
        for r in rows
    ]  # fmt: skip
    goals = yaml.safe_load((SEED / "goals.yaml").read_text(encoding="utf-8"))
    return {
        "context": yaml.safe_load((SEED / "context.yaml").read_text(encoding="utf-8")),
        "goals": json.loads(json.dumps(goals, default=str)),  # dates as JSON strings
        "backlog": backlog,
        "status": (SEED / "status.fr.txt").read_text(encoding="utf-8"),
        "today": "2026-11-20",
        **extra,
    }


def test_health_and_readiness(serve) -> None:
    client = serve()
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_one_shot_brief_with_inline_inputs_reproduces_the_seed_case(serve) -> None:
    brief = serve().post("/v1/briefs", json=seed_body()).json()
    assert brief["total_cost"] == 270000
    assert brief["impacts"][0]["item"] == "MIG-100"
    assert "270 000 EUR" in brief["headline"]


def test_bad_input_is_a_4xx_json_error_never_a_500(serve) -> None:
    client = serve()
    body = seed_body()
    body["context"]["teams"][0]["people"] = -5
    answer = client.post("/v1/briefs", json=body)
    assert answer.status_code == 422
    assert "people" in answer.json()["message"]
    broken = client.post(
        "/v1/briefs", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert broken.status_code == 422 and broken.json()["error"] == "input"
    assert client.get("/v1/nowhere").status_code == 404


def test_workspace_upload_brief_history_and_report_formats(serve) -> None:
    client = serve()
    assert client.post("/v1/workspaces", json={"name": "fintrak"}).status_code == 201
    files = [("files", (p.name, p.read_bytes())) for p in (SEED / "context.yaml", SEED / "goals.yaml", SEED / "backlog.csv")]  # fmt: skip
    ingested = client.post("/v1/workspaces/fintrak/files", files=files).json()
    assert [f["kind"] for f in ingested["files"]] == ["context", "goals", "backlog"]
    brief = client.post(
        "/v1/workspaces/fintrak/briefs",
        json={"status": "on a 3 sprints de retard sur la migration", "today": "2026-11-20"},
    ).json()
    assert brief["total_cost"] == 270000
    runs = client.get("/v1/workspaces/fintrak/briefs").json()
    assert [r["run_id"] for r in runs] == [brief["run"]["run_id"]]
    md = client.get(f"/v1/workspaces/fintrak/briefs/{runs[0]['run_id']}", params={"format": "md"})
    assert "270 000 EUR" in md.text
    assert len(client.get("/v1/workspaces/fintrak/items").json()) == 11


def test_api_keys_are_scoped_to_their_workspaces_on_every_route(serve, tmp_path: Path) -> None:
    keys = tmp_path / "keys.yaml"
    acme = add_key(keys, "acme-bot", ["acme"])
    admin = add_key(keys, "admin", ["*"])
    assert acme not in keys.read_text() and admin not in keys.read_text()  # hashes only
    client = serve(api_keys_file=keys)
    as_admin = {"Authorization": f"Bearer {admin}"}
    as_acme = {"Authorization": f"Bearer {acme}"}
    for name in ("acme", "other"):
        assert (
            client.post("/v1/workspaces", json={"name": name}, headers=as_admin).status_code == 201
        )
    assert client.get("/v1/workspaces").status_code == 401
    assert client.get("/v1/workspaces", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/v1/workspaces", headers=as_acme).json() == ["acme"]
    forbidden = [
        ("GET", "/v1/workspaces/other/items"), ("GET", "/v1/workspaces/other/goals"),
        ("GET", "/v1/workspaces/other/findings"), ("GET", "/v1/workspaces/other/briefs"),
        ("GET", "/v1/workspaces/other/briefs/x1"), ("DELETE", "/v1/workspaces/other"),
        ("GET", "/v1/workspaces/other/roadmaps/roadmap-0123456789"),
        ("GET", "/v1/workspaces/other/jobs/job-0123456789ab"),
        ("GET", "/v1/workspaces/other/jobs/job-0123456789ab/events"),
    ]  # fmt: skip
    for method, path in forbidden:
        assert client.request(method, path, headers=as_acme).status_code == 404, path
    for path, body in (
        ("briefs", {"status": "x"}),
        ("roadmaps", {}),
        ("jobs/brief", {"status": "x"}),
    ):
        post = client.post(f"/v1/workspaces/other/{path}", json=body, headers=as_acme)
        assert post.status_code == 404, path
    for path in ("files", "jobs/ingest"):
        upload = client.post(f"/v1/workspaces/other/{path}", files=[("files", ("a.csv", b"key,title\n"))], headers=as_acme)  # fmt: skip
        assert upload.status_code == 404, path
    assert client.post("/v1/workspaces", json={"name": "newco"}, headers=as_acme).status_code == 404
    assert client.get("/v1/workspaces/acme/items", headers=as_acme).status_code == 200


def test_oversized_bodies_get_413_chunked_too(serve) -> None:
    client = serve(max_request_bytes=1000)
    big = json.dumps(seed_body()).encode()
    assert (
        client.post(
            "/v1/briefs", content=big, headers={"content-type": "application/json"}
        ).status_code
        == 413
    )

    def chunks():
        for start in range(0, len(big), 256):
            yield big[start : start + 256]

    chunked = client.post(
        "/v1/briefs", content=chunks(), headers={"content-type": "application/json"}
    )
    assert chunked.status_code == 413 and chunked.json()["error"] == "too_large"


def test_rate_limit_answers_429_with_retry_after(serve, tmp_path: Path) -> None:
    keys = tmp_path / "keys.yaml"
    secret = add_key(keys, "bot", ["*"])
    client = serve(api_keys_file=keys, rate_limit_per_minute=3)
    codes = [
        client.get("/v1/workspaces", headers={"Authorization": f"Bearer {secret}"})
        for _ in range(5)
    ]
    assert [c.status_code for c in codes][:3] == [200, 200, 200]
    assert codes[3].status_code == 429 and int(codes[3].headers["retry-after"]) >= 1


def test_second_ingest_into_a_busy_workspace_is_refused_cleanly(serve, tmp_path: Path) -> None:
    from assistant.workspace.lock import writer_lock

    client = serve()
    client.post("/v1/workspaces", json={"name": "busy"})
    with writer_lock(tmp_path / "home" / "busy" / ".lock", "busy"):
        answer = client.post("/v1/workspaces/busy/files", files=[("files", ("goals.yaml", (SEED / "goals.yaml").read_bytes()))])  # fmt: skip
    assert answer.status_code == 409 and "being written" in answer.json()["message"]


def test_workspace_roadmap_is_kept_and_downloadable_as_a_deck(serve) -> None:
    from pptx import Presentation

    client = serve()
    client.post("/v1/workspaces", json={"name": "transvia"})
    from tests.conftest import TRANSVIA

    names = ("context.yaml", "goals.yaml", "backlog.csv", "audit.csv")
    client.post("/v1/workspaces/transvia/files", files=[("files", (n, (TRANSVIA / n).read_bytes())) for n in names])  # fmt: skip
    made = client.post(
        "/v1/workspaces/transvia/roadmaps", json={"weeks": 26, "start": "2026-11-23"}
    )
    assert made.status_code == 200, made.text
    roadmap_id, plan = made.json()["id"], made.json()["plan"]
    assert plan["recommended_cost_of_delay"] <= plan["naive_cost_of_delay"]
    deck = client.get(f"/v1/workspaces/transvia/roadmaps/{roadmap_id}", params={"format": "pptx"})
    assert deck.status_code == 200
    import io

    assert len(Presentation(io.BytesIO(deck.content)).slides) >= 5
    page = client.get(f"/v1/workspaces/transvia/roadmaps/{roadmap_id}", params={"format": "html"})
    assert "<svg" in page.text


def test_long_runs_are_jobs_a_client_can_leave_and_follow_later(serve) -> None:
    client = serve()
    client.post("/v1/workspaces", json={"name": "fintrak"})
    names = ("context.yaml", "goals.yaml", "backlog.csv")
    started = client.post("/v1/workspaces/fintrak/jobs/ingest", files=[("files", (n, (SEED / n).read_bytes())) for n in names])  # fmt: skip
    assert started.status_code == 202
    ingest_id = started.json()["job_id"]
    with client.stream("GET", f"/v1/workspaces/fintrak/jobs/{ingest_id}/events") as events:
        text = "".join(events.iter_text())
    assert "event: progress" in text and "event: end" in text
    job = client.post(
        "/v1/workspaces/fintrak/jobs/brief",
        json={"status": "on a 3 sprints de retard sur la migration", "today": "2026-11-20"},
    ).json()["job_id"]  # the client walks away: nothing is lost
    deadline = time.monotonic() + 60
    while (state := client.get(f"/v1/workspaces/fintrak/jobs/{job}").json())["status"] == "running":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert state["status"] == "done" and state["result"]["total_cost"] == 270000
    with client.stream("GET", f"/v1/workspaces/fintrak/jobs/{job}/events") as events:
        replay = "".join(events.iter_text())
    steps = [line for line in replay.splitlines() if line.startswith('data: {"node"')]
    assert len(steps) == 8 and '"save_report"' in steps[-1]  # saving is its own step


def test_an_ingest_job_of_a_file_no_loader_reads_is_refused_at_once_and_starts_nothing(
    serve,
) -> None:
    client = serve()
    client.post("/v1/workspaces", json={"name": "fintrak"})
    refused = client.post("/v1/workspaces/fintrak/jobs/ingest", files=[("files", ("files", b"true"))])  # fmt: skip
    assert refused.status_code == 422, refused.text
    assert "files: is not a file Steerco can ingest" in refused.json()["message"]
    assert "job_id" not in refused.json()
    assert client.get("/v1/workspaces/fintrak/items").json() == []


def test_concurrent_briefs_and_an_ingest_next_door_all_come_out_right(serve) -> None:
    from concurrent.futures import ThreadPoolExecutor

    client = serve()
    for name in ("a", "b"):
        client.post("/v1/workspaces", json={"name": name})
    names = ("context.yaml", "goals.yaml", "backlog.csv")
    files = [("files", (n, (SEED / n).read_bytes())) for n in names]
    client.post("/v1/workspaces/b/files", files=files)

    def one_shot(_: int) -> float:
        return client.post("/v1/briefs", json=seed_body()).json()["total_cost"]

    def workspace_brief(_: int) -> float:
        body = {"status": "on a 3 sprints de retard sur la migration", "today": "2026-11-20"}
        return client.post("/v1/workspaces/b/briefs", json=body).json()["total_cost"]

    with ThreadPoolExecutor(8) as pool:
        ingest_a = pool.submit(lambda: client.post("/v1/workspaces/a/files", files=files))
        totals = list(pool.map(one_shot, range(12))) + list(pool.map(workspace_brief, range(4)))
        assert ingest_a.result().status_code == 200
    assert totals == [270000] * 16
    assert len(client.get("/v1/workspaces/b/briefs").json()) == 4
    assert len(client.get("/v1/workspaces/a/items").json()) == 11


def test_a_request_without_an_answer_in_time_gets_504_pointing_to_jobs(serve) -> None:
    answer = serve(request_timeout_s=0.001).post("/v1/briefs", json=seed_body())
    assert answer.status_code == 504 and "/jobs" in answer.json()["fix"]


def test_two_uploads_of_one_name_are_refused_not_overwritten(serve) -> None:
    client = serve()
    client.post("/v1/workspaces", json={"name": "w"})
    files = [
        ("files", ("a.csv", b"key,title\nA-1,x\n")),
        ("files", ("a.csv", b"key,title\nB-1,y\n")),
    ]
    answer = client.post("/v1/workspaces/w/files", files=files)
    assert answer.status_code == 422 and "a.csv" in answer.json()["message"]
    assert client.get("/v1/workspaces/w/items").json() == []
