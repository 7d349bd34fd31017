"""Where embedded documents live: a small `VectorStore` interface and its Chroma backend.

An interface because the embedded, on-disk Chroma suits one CTO on a laptop while a shared
deployment will run Chroma as a server: `ChromaStore` takes an optional client factory for
that, and retrieval only ever sees `VectorStore`. One store is one workspace: a folder and a
collection, so two workspaces never see each other's documents.

`sync` keeps a store equal to a list of documents while embedding only what changed: the
stored metadata names the embedder, so switching models re-embeds everything.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from assistant.errors import ConfigError
from assistant.knowledge.documents import Document, MetadataValue
from assistant.knowledge.embeddings import Embedder

Where = Mapping[str, MetadataValue | Sequence[MetadataValue]]
_COLLECTION = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9._-]{1,510}[a-zA-Z0-9]$")
_RESERVED = ("kind", "key", "hash")


@dataclass(frozen=True)
class Hit:
    """A stored document near a query; `score` is the cosine similarity (1 = same direction)."""

    id: str
    kind: str
    key: str
    score: float
    text: str
    metadata: Mapping[str, MetadataValue] = field(default_factory=dict)


class VectorStore(Protocol):
    """What retrieval needs from a vector database; `where` is {field: value or [values]}."""

    def upsert(self, docs: Sequence[Document], vectors: Sequence[Sequence[float]]) -> None: ...

    def delete(self, ids: Iterable[str]) -> None: ...

    def hashes(self, where: Where | None = None) -> dict[str, str]: ...

    def query(
        self, vector: Sequence[float], k: int = 5, where: Where | None = None
    ) -> list[Hit]: ...

    def count(self) -> int: ...


def collection_name(workspace: str, embedder: str) -> str:
    """A valid Chroma collection name per workspace and model: vectors of two models never mix."""
    slug = re.sub(r"[^a-zA-Z0-9._-]+", "-", f"{workspace}--{embedder}").strip("-._")
    return (slug or "steerco")[:500].ljust(3, "0")


def _chroma_where(where: Where | None) -> dict[str, Any] | None:
    if not where:
        return None
    clauses = [
        {name: {"$in": list(value)} if isinstance(value, list | tuple) else value}
        for name, value in where.items()
    ]
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _stored_metadata(doc: Document) -> dict[str, MetadataValue]:
    own = {name: value for name, value in doc.metadata.items() if name not in _RESERVED}
    return {**own, "kind": doc.kind, "key": doc.key, "hash": doc.hash}


def _persistent_client(path: Path) -> Any:
    import chromadb
    from chromadb.config import Settings

    return chromadb.PersistentClient(path=str(path), settings=Settings(anonymized_telemetry=False))


class ChromaStore:
    """A Chroma collection (cosine space) in `path`; opened on first use, not on construction.

    `client_factory(path)` returns a Chroma client; the default is the embedded persistent
    client with telemetry off. Pass `lambda _: chromadb.HttpClient(...)` for a server.
    """

    def __init__(
        self,
        path: Path,
        collection: str,
        *,
        client_factory: Callable[[Path], Any] | None = None,
    ) -> None:
        if not _COLLECTION.match(collection) or ".." in collection:
            raise ConfigError(
                f"{collection!r} is not a valid collection name.",
                fix="use 3-512 letters, digits, '.', '_' or '-', starting and ending with a "
                "letter or digit; collection_name(workspace, model) builds one.",
            )
        self.path = Path(path)
        self.name = collection
        self._factory = client_factory or _persistent_client
        self._client: Any = None
        self._collection: Any = None

    @property
    def collection(self) -> Any:
        if self._collection is None:
            os.environ["ANONYMIZED_TELEMETRY"] = "False"  # before chromadb reads its settings
            if self._factory is _persistent_client:
                self.path.mkdir(parents=True, exist_ok=True)
            self._client = self._factory(self.path)
            self._collection = self._client.get_or_create_collection(
                self.name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
        return self._collection

    def upsert(self, docs: Sequence[Document], vectors: Sequence[Sequence[float]]) -> None:
        if len(docs) != len(vectors):
            raise ValueError(f"{len(docs)} documents but {len(vectors)} vectors")
        if not docs:
            return
        from chromadb.errors import InvalidArgumentError

        try:
            self.collection.upsert(
                ids=[d.id for d in docs],
                embeddings=[list(v) for v in vectors],
                documents=[d.text for d in docs],
                metadatas=[_stored_metadata(d) for d in docs],
            )
        except InvalidArgumentError as error:
            raise ConfigError(
                f"the knowledge base {self.path} ({self.name}) rejected the vectors: {error}.",
                fix="each embedding model needs its own collection: build the name with "
                "collection_name(workspace, model), or delete the folder to rebuild it.",
            ) from error

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        if ids:
            self.collection.delete(ids=ids)

    def hashes(self, where: Where | None = None) -> dict[str, str]:
        got = self.collection.get(where=_chroma_where(where), include=["metadatas"])
        metadatas = got["metadatas"] or [{}] * len(got["ids"])
        return {
            id_: str((meta or {}).get("hash", ""))
            for id_, meta in zip(got["ids"], metadatas, strict=True)
        }

    def query(self, vector: Sequence[float], k: int = 5, where: Where | None = None) -> list[Hit]:
        if k <= 0 or self.count() == 0:
            return []
        found = self.collection.query(
            query_embeddings=[list(vector)],
            n_results=k,
            where=_chroma_where(where),
            include=["metadatas", "documents", "distances"],
        )
        columns = ("ids", "metadatas", "documents", "distances")
        rows = zip(*(found[column][0] for column in columns), strict=True)
        return [
            Hit(
                id=id_,
                kind=str(meta.get("kind", "")),
                key=str(meta.get("key", "")),
                score=1.0 - float(distance),  # cosine distance -> cosine similarity
                text=text or "",
                metadata=dict(meta),
            )
            for id_, meta, text, distance in rows
        ]

    def count(self) -> int:
        return int(self.collection.count())

    def close(self) -> None:
        """Release the client (and, for the last one on this folder, Chroma's file handles)."""
        if self._client is not None and hasattr(self._client, "close"):
            self._client.close()
        self._client = self._collection = None


@dataclass(frozen=True)
class SyncReport:
    embedded: int = 0
    deleted: int = 0
    unchanged: int = 0


def sync(
    store: VectorStore,
    docs: Sequence[Document],
    embedder: Embedder,
    *,
    where: Where | None = None,
    on_batch: Callable[[int, int], None] | None = None,
) -> SyncReport:
    """Make the documents matching `where` in `store` exactly `docs`; embed only the changed.

    Nothing changed means the embedder is not called, so its model is never loaded.
    """
    stored = store.hashes(where)
    wanted = {
        doc.id: replace(doc, metadata={**doc.metadata, "embedder": embedder.name}) for doc in docs
    }
    changed = [doc for doc in wanted.values() if stored.get(doc.id) != doc.hash]
    stale = [id_ for id_ in stored if id_ not in wanted]
    store.delete(stale)
    for start in range(0, len(changed), 256):
        batch = changed[start : start + 256]
        store.upsert(batch, embedder.embed([doc.text for doc in batch]))
        if on_batch is not None:
            on_batch(start + len(batch), len(changed))
    return SyncReport(len(changed), len(stale), len(wanted) - len(changed))
