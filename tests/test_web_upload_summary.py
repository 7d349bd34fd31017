"""After an upload the web page says what it read: per file, new, changed, removed and
unchanged items, in the page's language; a second upload of the same files says so."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.settings import Settings
from tests.conftest import SEED

FILES = ("context.yaml", "goals.yaml", "backlog.csv")


@pytest.mark.parametrize(
    ("lang", "first", "again"),
    [
        (
            "en",
            r"backlog\.csv \(backlog\): \d+ new, 0 changed, 0 removed, 0 unchanged",
            "already imported, nothing changed",
        ),
        (
            "fr",
            r"backlog\.csv \(backlog\) : \d+ nouveaux, 0 modifiés, 0 retirés, 0 inchangés",
            "déjà importé, rien de changé",
        ),
    ],
)
def test_an_upload_shows_what_it_read_in_the_pages_language(
    tmp_path: Path, lang: str, first: str, again: str
) -> None:
    client = TestClient(create_app(Settings(home=tmp_path / "home")), base_url="http://localhost")
    assert client.post("/v1/workspaces", json={"name": "acme"}).status_code == 201

    def upload() -> str:
        page = client.get(f"/w/acme?lang={lang}")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        files = [("files", (n, (SEED / n).read_bytes())) for n in FILES]
        answer = client.post(f"/w/acme/files?lang={lang}", data={"csrf": token}, files=files)
        assert answer.status_code == 200
        summary = re.search(r'<ul class="ingest-summary"[^>]*>(.*?)</ul>', answer.text, re.S)
        assert summary, answer.text[-2000:]
        return summary.group(1)

    assert re.search(first, upload())
    assert again in upload()
