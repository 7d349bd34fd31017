"""The web page's brief languages come from the language registry (assistant/lang): a language
the registry reads whose report strings and brief template are installed is offered, under its
own name; one read without them (a lexicon only) is not."""

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


def _offered(home: Path, lang: str = "en") -> list[tuple[str, str]]:
    client = TestClient(create_app(Settings(home=home)), base_url="http://localhost")
    if client.get("/v1/workspaces").json() == []:
        assert client.post("/v1/workspaces", json={"name": "acme"}).status_code == 201
    page = client.get(f"/w/acme?lang={lang}").text
    select = re.search(r'<select id="language"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option value="([a-z]+)"[^>]*>([^<]+)</option>', select)


def test_the_page_offers_the_languages_the_registry_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _offered(tmp_path / "home") == [("fr", "Français"), ("en", "English")]
    monkeypatch.setattr(registry, "READ", ["fr"])
    assert _offered(tmp_path / "home") == [("fr", "Français")]


def test_a_language_registered_with_its_templates_is_offered_one_without_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts = tmp_path / "prompts"
    shutil.copytree(resource_dir("prompts"), prompts)
    for name in ("phrases.{}.v1.yaml", "brief.{}.v1.md.j2"):
        shutil.copy(prompts / name.format("en"), prompts / name.format("xx"))
    monkeypatch.setattr("assistant.resources.resource_dir", lambda name: tmp_path / name)
    monkeypatch.setattr(registry, "READ", [*registry.READ, "xx", "es"])  # es: a lexicon only
    monkeypatch.setitem(registry.SPOKEN, "xx", "Xish")
    offered = _offered(tmp_path / "home", "fr")
    assert offered == [("fr", "Français"), ("en", "English"), ("xx", "Xish")]
