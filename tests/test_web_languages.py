"""The brief's language choices come from the language registry (assistant/lang), on the API
(validation and OpenAPI enum) and the web page (the select): a language the registry reads and
whose report strings and templates are installed is offered, any other is refused."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.lang import registry
from assistant.resources import resource_dir
from assistant.settings import Settings


def _client(home: Path) -> TestClient:
    client = TestClient(create_app(Settings(home=home)), base_url="http://localhost")
    assert client.post("/v1/workspaces", json={"name": "acme"}).status_code == 201
    return client


def _offered(client: TestClient) -> list[str]:
    page = client.get("/w/acme?lang=en").text
    select = re.search(r'<select id="language"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option value="([a-z]+)"', select)


def _refused(client: TestClient, language: str) -> dict:
    answer = client.post(
        "/v1/workspaces/acme/briefs", json={"status": "MIG-1 is late", "language": language}
    )
    assert answer.status_code == 422
    return answer.json()


def _enum(client: TestClient) -> list[str]:
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    (choice,) = [c for c in schema["WorkspaceBriefRequest"]["properties"]["language"]["anyOf"]
                 if c.get("type") == "string"]  # fmt: skip
    return choice["enum"]


def test_only_the_languages_the_registry_reads_are_offered_and_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "READ", ["fr"])
    client = _client(tmp_path / "home")
    assert _offered(client) == ["fr"]
    assert _enum(client) == ["fr"]
    assert "'fr'" in _refused(client, "en")["message"]


def test_a_language_registered_with_its_templates_is_offered_without_other_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts = tmp_path / "prompts"
    shutil.copytree(resource_dir("prompts"), prompts)
    for name in ("phrases.{}.v1.yaml", "brief.{}.v1.md.j2", "roadmap.{}.v1.md.j2"):
        shutil.copy(prompts / name.format("en"), prompts / name.format("xx"))
    monkeypatch.setattr("assistant.resources.resource_dir", lambda name: tmp_path / name)
    monkeypatch.setattr(registry, "READ", [*registry.READ, "xx", "es"])  # es: no templates
    monkeypatch.setitem(registry.SPOKEN, "xx", "Xish")
    client = _client(tmp_path / "home")
    assert _offered(client) == ["fr", "en", "xx"]
    assert "Xish" in client.get("/w/acme?lang=fr").text
    assert _enum(client) == ["fr", "en", "xx"]
    assert "'xx'" in _refused(client, "es")["message"]  # read, but no brief can be written
    roadmap = client.post("/v1/workspaces/acme/roadmaps", json={"language": "es"})
    assert roadmap.status_code == 422
