"""Errors on the web page are said in the page's language and never show the server's folders:
a bad upload, an unknown client, a refused status, a roadmap's bad horizon, an unknown brief or
roadmap, a stale form. And the upload the page's script follows: the ingest job's events as
one line in the page's language, then the workspace page with what the upload read."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.settings import Settings
from tests.conftest import SEED

FILES = ("context.yaml", "goals.yaml", "backlog.csv")
JSON = {"accept": "application/json"}


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    client = TestClient(
        create_app(Settings(home=tmp_path / "home")),
        base_url="http://localhost",
        follow_redirects=False,
    )
    assert client.post("/v1/workspaces", json={"name": "acme"}).status_code == 201
    return client


def _csrf(client: TestClient, lang: str) -> str:
    page = client.get(f"/w/acme?lang={lang}").text
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def _notice(answer) -> str:
    found = re.search(r'<p class="notice[^"]*" role="status">(.*?)</p>', answer.text, re.S)
    assert found, answer.text[-1500:]
    return html.unescape(found.group(1))


def _errors(client: TestClient, lang: str) -> dict[str, tuple[int, str]]:
    def post(path: str, **data):
        files = data.pop("files", None)
        return client.post(
            f"{path}?lang={lang}", data={"csrf": _csrf(client, lang), **data}, files=files
        )

    answers = {
        "bad upload": post("/w/acme/files", files=[("files", ("notes.csv", b"a,b\n1,2\n"))]),
        "blank status": post("/w/acme/brief", status="   "),
        "long status": post("/w/acme/brief", status="retard " * 8000),
        "bad horizon": post("/w/acme/roadmap", weeks="9999"),
        "unknown client": client.get(f"/w/nosuch?lang={lang}"),
        "unknown brief": client.get(f"/w/acme/briefs/nosuch?lang={lang}"),
        "unknown roadmap": client.get(f"/w/acme/roadmaps/roadmap-0000000000?lang={lang}"),
        "stale form": client.post(f"/w/acme/brief?lang={lang}", data={"csrf": "x", "status": "a"}),
    }
    return {what: (a.status_code, _notice(a)) for what, a in answers.items()}


FRENCH = {
    "bad upload": "L'import n'a rien enregistré. notes.csv : ce fichier n'est pas un fichier",
    "blank status": "Le brief n'a pas été rédigé. Le point d'avancement est vide.",
    "long status": "Le point d'avancement est trop long (au plus 50000 caractères).",
    "bad horizon": "La feuille de route n'a pas été préparée. Horizon : de 1 à 520 semaines.",
    "unknown client": "Aucun client « nosuch ».",
    "unknown brief": "Aucun brief « nosuch » pour ce client.",
    "unknown roadmap": "Aucune feuille de route « roadmap-0000000000 » pour ce client.",
    "stale form": "Ce formulaire a expiré",
}
ENGLISH = {
    "bad upload": "The upload saved nothing. notes.csv: is not a file Steerco can ingest.",
    "blank status": "The brief was not written. the status is empty",
    "long status": "The brief was not written. status: String should have at most 50000",
    "bad horizon": "The roadmap was not drafted. weeks: Input should be less than or equal",
    "unknown client": "No client 'nosuch'.",
    "unknown brief": "No brief 'nosuch' for this client.",
    "unknown roadmap": "No roadmap 'roadmap-0000000000' for this client.",
    "stale form": "This form has expired",
}
STATUS = {"unknown client": 404, "unknown brief": 404, "unknown roadmap": 404, "stale form": 403}
ENGLISH_WORDS = re.compile(r"\b(is not|the|should|Input|Fix|expected|no brief|no workspace)\b")


@pytest.mark.parametrize(("lang", "expected"), [("fr", FRENCH), ("en", ENGLISH)])
def test_every_web_error_is_said_in_the_pages_language_without_server_folders(
    client, tmp_path: Path, lang: str, expected: dict[str, str]
) -> None:
    said = _errors(client, lang)
    for what, (status, text) in said.items():
        assert status == STATUS.get(what, 422), what
        assert expected[what] in text, (what, text)
        assert str(tmp_path) not in text and "/tmp" not in text, what
        if lang == "fr":
            assert not ENGLISH_WORDS.search(text), (what, text)


def test_an_upload_followed_by_the_page_shows_its_steps_then_what_it_read(client) -> None:
    files = [("files", (n, (SEED / n).read_bytes())) for n in FILES]
    started = client.post(
        "/w/acme/uploads?lang=fr", data={"csrf": _csrf(client, "fr")}, files=files, headers=JSON
    )
    assert started.status_code == 202, started.text
    poll = started.json()["poll"]
    deadline = time.monotonic() + 300
    while (job := client.get(poll, headers=JSON).json())["status"] == "running":
        assert time.monotonic() < deadline, job
        time.sleep(0.2)
    assert job["status"] == "done" and job["line"].startswith("Indexation")
    events = client.get(f"/v1/workspaces/acme/jobs/{started.json()['job_id']}").json()["events"]
    steps = [e["data"]["step"] for e in events if e["event"] == "step"]
    assert "reading backlog.csv" in steps and "writing backlog.csv" in steps
    page = client.get(job["next"]).text
    summary = re.search(r'<ul class="ingest-summary"[^>]*>(.*?)</ul>', page, re.S).group(1)
    assert re.search(r"backlog\.csv \(backlog\) : \d+ nouveaux", html.unescape(summary))
    assert "Import terminé" in page


def test_a_failed_upload_job_says_why_in_the_pages_language(client, tmp_path: Path) -> None:
    unknown = client.post(
        "/w/acme/uploads?lang=fr",
        data={"csrf": _csrf(client, "fr")},
        files=[("files", ("notes.csv", b"a,b\n1,2\n"))],
        headers=JSON,
    )  # no loader reads it: refused at once, before any job
    assert unknown.status_code == 422 and "poll" not in unknown.json()
    assert unknown.json()["message"].startswith("L'import n'a rien enregistré. notes.csv : ")
    assert str(tmp_path) not in unknown.json()["message"]
    started = client.post(
        "/w/acme/uploads?lang=fr",
        data={"csrf": _csrf(client, "fr")},
        files=[("files", ("notes.csv", b"key,title,points\nA-1,Login,abc\n"))],
        headers=JSON,
    )  # a backlog export whose row is wrong: the job reads it and fails
    poll = started.json()["poll"]
    while (job := client.get(poll, headers=JSON).json())["status"] == "running":
        time.sleep(0.1)
    assert job["status"] == "failed" and "next" not in job
    assert job["message"].startswith("L'import n'a rien enregistré.")
    assert "notes.csv, row 2, A-1: points" in job["message"]
    assert str(tmp_path) not in job["message"]
    twice = [("files", ("a.csv", b"x")), ("files", ("a.csv", b"y"))]
    refused = client.post(
        "/w/acme/uploads?lang=fr", data={"csrf": _csrf(client, "fr")}, files=twice, headers=JSON
    )
    assert (
        refused.status_code == 422
        and "Plusieurs fichiers s'appellent a.csv" in (refused.json()["message"])
    )
    assert client.get("/w/acme/jobs/job-000000000000", headers=JSON).status_code == 404
