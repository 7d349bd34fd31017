"""Where embedded documents live: a small `VectorStore` interface and its Chroma backend.

An interface because the embedded, on-disk Chroma suits one CTO on a laptop while a shared
deployment will run Chroma as a server: `ChromaStore` takes an optional client factory for
that, and retrieval only ever sees `VectorStore`. One store is one workspace: a folder and a
collection, so two workspaces never see each other's documents.

`sync` keeps a store equal to a list of documents while embedding only what changed: the
stored metadata names the embedder, so switching models re-embeds everything.

Opening an embedded Chroma client costs tens of milliseconds and megabytes, so the default
client is shared: a process-wide `ClientPool` keeps one client per folder open across stores
and requests, at most `chroma_clients` of them (STEERCO_CHROMA_CLIENTS, default 8); the least
recently used idle one is closed when another is needed. A server that briefs any number of
workspaces thus holds a bounded number of clients, and a store never has to be closed for its
memory to be given back.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
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


def import_chroma() -> None:
    """Import Chroma, telemetry off: a server calls it at start, before any thread, so that a
    request and the warm-up never import it at the same moment (one would see it half done)."""
    os.environ["ANONYMIZED_TELEMETRY"] = "False"  # before chromadb reads its settings
    import chromadb  # noqa: F401


def _persistent_client(path: Path) -> Any:
    import_chroma()
    import chromadb
    from chromadb.config import Settings

    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=Settings(anonymized_telemetry=False))


def _folder_id(path: Path) -> tuple[int, int] | None:
    """Tells a folder from another made at the same path (a workspace deleted, made again)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


@dataclass
class _Entry:
    client: Any
    folder: tuple[int, int] | None
    users: int = 0
    collections: dict[str, Any] = field(default_factory=dict)


class ClientPool:
    """At most `size` open Chroma clients, one per folder; the least recently used idle one
    is closed when another folder is opened. A client in use is never closed under its user:
    the pool then holds one more until that use ends."""

    def __init__(self, size: int, factory: Callable[[Path], Any] = _persistent_client) -> None:
        if size < 1:
            raise ValueError("a client pool holds at least one client")
        self.size = size
        self._factory = factory
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return len(self._entries)

    def folders(self) -> list[str]:
        """The folders with an open client, least recently used first."""
        with self._lock:
            return list(self._entries)

    @contextmanager
    def collection(self, path: Path, name: str) -> Iterator[Any]:
        """The collection `name` in `path`, its client kept open while the block runs."""
        key = str(Path(path).resolve())
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry.folder != _folder_id(Path(key)) and not entry.users:
                self._close(key)  # the folder was deleted (and made again) under the client
                entry = None
            if entry is None:
                entry = _Entry(self._factory(Path(key)), None)
                entry.folder = _folder_id(Path(key))
                self._entries[key] = entry
            self._entries.move_to_end(key)
            entry.users += 1
            try:
                if name not in entry.collections:
                    entry.collections[name] = entry.client.get_or_create_collection(
                        name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
                    )
                found = entry.collections[name]
            except BaseException:
                entry.users -= 1
                raise
            self._trim()
        try:
            yield found
        finally:
            with self._lock:
                entry.users -= 1
                self._trim()

    def forget(self, name: str) -> None:
        """Drop a cached collection handle (after its collection was deleted)."""
        with self._lock:
            for entry in self._entries.values():
                entry.collections.pop(name, None)

    def close_folder(self, path: Path) -> None:
        """Close the client of `path` (idle or not: its folder is about to be rebuilt)."""
        key = str(Path(path).resolve())
        with self._lock:
            if key in self._entries:
                self._close(key)

    def close_all(self) -> None:
        with self._lock:
            for key in list(self._entries):
                self._close(key)

    def _trim(self) -> None:
        idle = [key for key, entry in self._entries.items() if not entry.users]
        while len(self._entries) > self.size and idle:
            self._close(idle.pop(0))

    def _close(self, key: str) -> None:
        entry = self._entries.pop(key)
        entry.collections.clear()
        if hasattr(entry.client, "close"):
            with suppress(Exception):  # a client whose folder is gone: nothing left to release
                entry.client.close()


_POOL: ClientPool | None = None
_POOL_LOCK = threading.Lock()


def forget_folder(path: Path) -> None:
    """No client of `path` stays open in this process, ours or the one Chroma caches itself
    per folder (a broken one would be reused): before the folder is rebuilt (reindex)."""
    client_pool().close_folder(path)
    try:
        import chromadb  # noqa: F401  first: waits for a thread importing it (the warm-up)
        from chromadb.api.shared_system_client import SharedSystemClient
    except ImportError:  # pragma: no cover - older chromadb
        return
    systems = getattr(SharedSystemClient, "_identifier_to_system", {})
    for identifier in [key for key in systems if str(key) == str(path)]:
        system = systems.pop(identifier)
        with suppress(Exception):  # a broken client may not even stop cleanly
            system.stop()


def client_pool() -> ClientPool:
    """The process-wide pool of embedded Chroma clients (size: the `chroma_clients` setting)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            from assistant.settings import get_settings

            _POOL = ClientPool(get_settings().chroma_clients)
        return _POOL


class ChromaStore:
    """A Chroma collection (cosine space) in `path`; opened on first use, not on construction.

    By default its client comes from the process-wide `ClientPool` (or the `pool` given), so
    stores of one folder share one client and `close` leaves it open for the next request.
    `client_factory(path)` gives the store a client of its own instead, closed by `close`:
    pass `lambda _: chromadb.HttpClient(...)` for a server.
    """

    def __init__(
        self,
        path: Path,
        collection: str,
        *,
        client_factory: Callable[[Path], Any] | None = None,
        pool: ClientPool | None = None,
    ) -> None:
        if not _COLLECTION.match(collection) or ".." in collection:
            raise ConfigError(
                f"{collection!r} is not a valid collection name.",
                fix="use 3-512 letters, digits, '.', '_' or '-', starting and ending with a "
                "letter or digit; collection_name(workspace, model) builds one.",
            )
        self.path = Path(path)
        self.name = collection
        self._factory = client_factory
        self._pool = pool
        self._client: Any = None
        self._collection: Any = None

    @contextmanager
    def _use(self) -> Iterator[Any]:
        if self._factory is None:
            pool = self._pool if self._pool is not None else client_pool()
            with pool.collection(self.path, self.name) as found:
                yield found
            return
        if self._collection is None:
            os.environ["ANONYMIZED_TELEMETRY"] = "False"  # before chromadb reads its settings
            self._client = self._factory(self.path)
            self._collection = self._client.get_or_create_collection(
                self.name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
        yield self._collection

    def upsert(self, docs: Sequence[Document], vectors: Sequence[Sequence[float]]) -> None:
        if len(docs) != len(vectors):
            raise ValueError(f"{len(docs)} documents but {len(vectors)} vectors")
        if not docs:
            return
        from chromadb.errors import InvalidArgumentError

        try:
            with self._use() as collection:
                collection.upsert(
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
            with self._use() as collection:
                collection.delete(ids=ids)

    def hashes(self, where: Where | None = None) -> dict[str, str]:
        with self._use() as collection:
            got = collection.get(where=_chroma_where(where), include=["metadatas"])
        metadatas = got["metadatas"] or [{}] * len(got["ids"])
        return {
            id_: str((meta or {}).get("hash", ""))
            for id_, meta in zip(got["ids"], metadatas, strict=True)
        }

    def query(self, vector: Sequence[float], k: int = 5, where: Where | None = None) -> list[Hit]:
        if k <= 0:
            return []
        with self._use() as collection:
            if collection.count() == 0:
                return []
            found = collection.query(
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
        with self._use() as collection:
            return int(collection.count())

    def close(self) -> None:
        """Done with the store: a client of its own is closed; a pooled one stays open for
        the next user until the pool needs its place."""
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
