"""The knowledge base on disk: real Chroma in tmp_path, real MiniLM vectors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.knowledge.documents import Document, backlog_documents
from assistant.knowledge.embeddings import Embedder, get_embedder
from assistant.knowledge.glossary import load_glossary
from assistant.knowledge.store import ChromaStore, collection_name, sync
from assistant.loaders import load_backlog

SEED_BACKLOG = Path(__file__).parent / "data" / "instant-payments" / "backlog.csv"


@pytest.fixture(scope="module")
def minilm() -> Embedder:
    embedder = get_embedder("local")
    embedder.embed(["warm up"])
    return embedder


class Counting:
    """Wraps an embedder and counts the texts it was asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        self.texts.extend(texts)
        return self.inner.embed(texts)


def docs(*titles: str, kind: str = "item") -> list[Document]:
    return [Document(f"{kind}:t:{n}", kind, f"K-{n}", title) for n, title in enumerate(titles)]


def store_in(folder: Path, workspace: str = "acme") -> ChromaStore:
    return ChromaStore(folder, collection_name(workspace, "all-MiniLM-L6-v2"))


def test_documents_survive_closing_and_reopening_the_store(tmp_path: Path, minilm) -> None:
    first = store_in(tmp_path)
    sync(first, docs("Database migration", "Instant payment screens"), minilm)
    first.close()

    reopened = store_in(tmp_path)
    [hit] = reopened.query(minilm.embed(["moving the database"])[0], k=1)
    assert (reopened.count(), hit.key, hit.kind) == (2, "K-0", "item")
    assert 0.4 < hit.score <= 1.0


def test_two_workspaces_never_see_each_others_documents(tmp_path: Path, minilm) -> None:
    acme = store_in(tmp_path / "acme", "acme")
    globex = store_in(tmp_path / "globex", "globex")
    neighbour = store_in(tmp_path / "acme", "initech")  # same folder, other collection
    sync(acme, docs("Database migration to PostgreSQL"), minilm)
    sync(globex, docs("Carrier portal", "Automated billing"), minilm)
    sync(neighbour, docs("Search relaunch"), minilm)

    query = minilm.embed(["database migration"])[0]
    assert [h.text for h in acme.query(query, k=10)] == ["Database migration to PostgreSQL"]
    assert {h.text for h in globex.query(query, k=10)} == {"Carrier portal", "Automated billing"}
    assert [h.text for h in neighbour.query(query, k=10)] == ["Search relaunch"]


def test_upserting_the_same_ids_twice_keeps_the_count(tmp_path: Path, minilm) -> None:
    store = store_in(tmp_path)
    batch = docs("Database migration", "Instant payment screens", "Access logging")
    vectors = minilm.embed([d.text for d in batch])
    store.upsert(batch, vectors)
    store.upsert(batch, vectors)
    assert store.count() == 3


def test_deleted_documents_are_no_longer_found(tmp_path: Path, minilm) -> None:
    store = store_in(tmp_path)
    sync(store, docs("Database migration", "Instant payment screens"), minilm)
    store.delete(["item:t:0", "item:t:404"])  # an unknown id is no error
    hits = store.query(minilm.embed(["database migration"])[0], k=5)
    assert store.count() == 1
    assert [h.key for h in hits] == ["K-1"]


def test_sync_embeds_only_what_changed_and_drops_what_left(tmp_path: Path, minilm) -> None:
    store, counting = store_in(tmp_path), Counting(minilm)
    backlog = load_backlog([SEED_BACKLOG])
    everything = backlog_documents(backlog, load_glossary())
    first = sync(store, everything, counting)
    again = sync(store, everything, counting)
    renamed = [*everything[1:-1], Document(everything[0].id, "item", "MIG-100", "Move to PG16")]
    last = sync(store, renamed, counting)

    assert (first.embedded, again.embedded, again.unchanged) == (11, 0, 11)
    assert (last.embedded, last.deleted, store.count()) == (1, 1, 10)
    assert counting.texts[-1] == "Move to PG16"


def test_queries_filter_on_kind(tmp_path: Path, minilm) -> None:
    store = store_in(tmp_path)
    sync(
        store, docs("Instant payment launch", kind="goal") + docs("Instant payment screens"), minilm
    )
    query = minilm.embed(["instant payment"])[0]
    assert {h.kind for h in store.query(query, k=5, where={"kind": "goal"})} == {"goal"}
    assert len(store.query(query, k=5, where={"kind": ["goal", "item"]})) == 2


def test_a_collection_name_chroma_would_refuse_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="collection_name"):
        ChromaStore(tmp_path, "x")
    assert collection_name("Acme Corp", "openai/text-embedding-3-small") == (
        "Acme-Corp--openai-text-embedding-3-small"
    )
