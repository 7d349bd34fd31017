"""The workspace's vector index: kept in step with its records, used by retrieval.

The index is derived data: documents are rebuilt from the workspace's active items, goals and
findings and synced by content hash, so unchanged records are never embedded again, an
interrupted ingest is completed by the next one, and the model is not loaded when nothing
changed.
"""

from __future__ import annotations

import shutil
import uuid
from typing import Any

from assistant.brief import Inputs
from assistant.errors import SteercoError
from assistant.settings import Settings
from assistant.workspace.lock import writer_lock
from assistant.workspace.workspace import Workspace


class IndexUnavailable(SteercoError):
    """The workspace's vector index cannot be read (a corrupted or foreign chroma folder).

    The index is derived from the records, so rebuilding it loses nothing."""

    def __init__(self, workspace: str, cause: BaseException) -> None:
        self.workspace = workspace
        self.cause = type(cause).__name__
        super().__init__(
            f"the vector index of workspace '{workspace}' cannot be read ({self.cause}).",
            fix=f"rebuild it from the workspace's records: `steerco reindex {workspace}` "
            f"(or POST /v1/workspaces/{workspace}/reindex).",
        )


def _guarded(store_class: type, workspace: str) -> Any:
    """A ChromaStore whose every failure to read or write the index says how to rebuild it."""

    class GuardedStore(store_class):  # type: ignore[misc,valid-type]
        pass

    def wrap(name: str) -> None:
        method = getattr(store_class, name)

        def guarded(self, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except SteercoError:
                raise  # our own checks say what to fix already
            except Exception as error:  # chromadb's InternalError, a half-open Rust client...
                if type(error) in (ValueError, TypeError):
                    raise  # a caller's mistake, not a broken index
                raise IndexUnavailable(workspace, error) from error

        setattr(GuardedStore, name, guarded)

    for name in ("upsert", "delete", "hashes", "query", "count"):
        wrap(name)
    return GuardedStore


class Indexer:
    def __init__(self, workspace: Workspace, settings: Settings) -> None:
        self.workspace = workspace
        self.settings = settings

    def store(self) -> Any:
        from assistant.knowledge.embeddings import get_embedder
        from assistant.knowledge.store import ChromaStore, collection_name

        name = get_embedder(self.settings.embedding_model).name
        store_class = _guarded(ChromaStore, self.workspace.name)
        return store_class(self.workspace.layout.chroma, collection_name(self.workspace.name, name))

    def catch_up(self, *, progress: Any = None, check: Any = None) -> tuple[int, int]:
        """Embed what changed, delete what went; returns (embedded, deleted). `check(step)`
        runs after each batch and raises to stop before the next one."""
        from assistant.knowledge.embeddings import get_embedder
        from assistant.knowledge.store import sync

        documents = workspace_documents(self.workspace.load_inputs())
        store = self.store()
        task = progress.add_task("embedding", total=None) if progress is not None else None

        def on_batch(done: int, total: int) -> None:
            if progress is not None:
                progress.update(task, completed=done, total=total)
            if check is not None:
                check(f"embedding batch after {done}/{total}")

        try:
            embedder = get_embedder(self.settings.embedding_model)
            report = sync(store, documents, embedder, on_batch=on_batch)
        finally:
            store.close()
        return report.embedded, report.deleted


def reindex(
    workspace: Workspace, settings: Settings, *, progress: Any = None, check: Any = None
) -> tuple[int, int]:
    """Rebuild the vector index from the workspace's records (after corruption, or a change of
    embedding model): the old `chroma/` folder is set aside, then removed. One writer at a time.
    Returns (embedded, deleted)."""
    chroma = workspace.layout.chroma
    with workspace.in_use(), writer_lock(workspace.layout.lock, workspace.name):
        from assistant.knowledge.store import forget_folder

        forget_folder(chroma)
        if chroma.exists():
            aside = chroma.with_name(f".chroma-old-{uuid.uuid4().hex[:8]}")
            chroma.rename(aside)
            shutil.rmtree(aside, ignore_errors=True)
        return Indexer(workspace, settings).catch_up(progress=progress, check=check)


def workspace_documents(inputs: Inputs) -> list[Any]:
    from assistant.facts.glossary import load_glossary
    from assistant.knowledge.documents import documents_for, finding_document

    glossary = load_glossary()
    docs = documents_for(inputs.backlog, inputs.goals, glossary, with_glossary=True)
    docs += [finding_document(f.model_dump(mode="json"), glossary) for f in inputs.findings]
    return docs


def linker_for(workspace: Workspace, settings: Settings, inputs: Inputs) -> Any:
    """A hybrid linker over this workspace's own collection (never another workspace's)."""
    from assistant.brief import default_extractor
    from assistant.knowledge.embeddings import get_embedder
    from assistant.knowledge.retrieval import Linker

    index = default_extractor().index(inputs.backlog)  # type: ignore[attr-defined]
    store = Indexer(workspace, settings).store()
    return Linker(
        index=index,
        goals=inputs.goals,
        store=store,
        embedder_factory=lambda: get_embedder(settings.embedding_model),
        index_on_demand=False,
    )
