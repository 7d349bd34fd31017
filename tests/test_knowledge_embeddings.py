"""Embedders and documents: offline by default, loaded once, never at import."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.domain import BacklogItem, Goal, Source
from assistant.errors import ConfigError
from assistant.knowledge.documents import (
    Document,
    finding_document,
    goal_document,
    item_document,
)
from assistant.knowledge.embeddings import LiteLLMEmbedder, OnnxMiniLM, get_embedder
from assistant.knowledge.glossary import load_glossary
from assistant.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent


def test_importing_the_knowledge_base_loads_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "import assistant.knowledge.retrieval, assistant.knowledge.store\n"
        "import assistant.knowledge.linking_eval, assistant.knowledge.documents\n"
        "heavy = {'torch', 'sentence_transformers', 'chromadb', 'transformers', 'litellm',\n"
        "         'onnxruntime', 'tokenizers', 'numpy'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_local_model_is_one_per_process_and_gives_unit_vectors() -> None:
    embedder = get_embedder("local")
    assert get_embedder("LOCAL") is embedder
    assert isinstance(embedder, OnnxMiniLM)
    [vector] = embedder.embed(["Migration de la base vers PostgreSQL 16"])
    assert len(vector) == 384
    assert math.isclose(math.fsum(v * v for v in vector), 1.0, rel_tol=1e-4)
    assert embedder.embed([]) == []


def test_the_embedding_model_setting_picks_the_embedder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STEERCO_EMBEDDING_MODEL", "openai/text-embedding-3-small")
    get_settings.cache_clear()
    try:
        embedder = get_embedder()
    finally:
        get_settings.cache_clear()
    assert isinstance(embedder, LiteLLMEmbedder)
    assert embedder.name == "openai/text-embedding-3-small"


def test_a_litellm_model_embeds_through_the_llm_seam(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[list[str], str]] = []

    class FakeClient:
        def __init__(self, settings: object) -> None:
            pass

        def embed(self, texts: list[str], *, model: str) -> list[list[float]]:
            calls.append((texts, model))
            return [[0.5, 0.5] for _ in texts]

    import assistant.llm

    monkeypatch.setattr(assistant.llm, "LLMClient", FakeClient)
    vectors = LiteLLMEmbedder("ollama/nomic-embed-text").embed(["la migration"])
    assert vectors == [[0.5, 0.5]]
    assert calls == [(["la migration"], "ollama/nomic-embed-text")]


def test_an_llm_client_can_be_handed_to_the_embedder() -> None:
    class Client:
        def embed(self, texts: list[str], *, model: str) -> list[list[float]]:
            return [[float(len(t)), 0.0] for t in texts]

    assert LiteLLMEmbedder("openai/x", Client()).embed(["abc"]) == [[3.0, 0.0]]


def test_a_model_name_that_is_neither_local_nor_litellm_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="STEERCO_EMBEDDING_MODEL"):
        get_embedder("text-embedding-3-small")


def item(key: str, title: str, **fields) -> BacklogItem:
    return BacklogItem(key=key, title=title, source=Source(file="exports/jira.csv"), **fields)


def test_an_item_document_is_namespaced_and_bilingual() -> None:
    doc = item_document(
        item("MIG-100", "Migration de la base vers PostgreSQL 16", is_epic=True, type="Epic"),
        load_glossary(),
    )
    assert (doc.id, doc.kind, doc.key) == ("item:jira.csv:MIG-100", "item", "MIG-100")
    assert "database" in doc.text  # the glossary's English name of "base"
    assert "MIG-100" not in doc.text
    assert doc.metadata["epic"] is True and doc.metadata["source"] == "jira.csv"


def test_goals_and_findings_become_documents_too() -> None:
    goal = goal_document(
        Goal(
            id="G1",
            title="Ouverture du portail",
            titles={"en": "Portal launch"},
            cost_of_delay_per_week=1,
            depends_on=("POR-1", "POR-2"),
        )
    )
    finding = finding_document({"id": "CVE-2026-1", "title": "Old OpenSSL", "component": "API"})
    assert goal.id == "goal:G1" and "Portal launch" in goal.text
    assert goal.metadata["depends_on"] == "POR-1, POR-2"
    assert (finding.id, finding.metadata["component"]) == ("finding:CVE-2026-1", "API")
    with pytest.raises(ValueError, match="title"):
        finding_document({"id": "F1"})


def test_the_hash_changes_with_what_is_stored() -> None:
    one = Document("item:a:K-1", "item", "K-1", "Search relaunch")
    assert one.hash == Document("item:a:K-1", "item", "K-1", "Search relaunch").hash
    assert one.hash != Document("item:a:K-1", "item", "K-1", "Search relaunch v2").hash
