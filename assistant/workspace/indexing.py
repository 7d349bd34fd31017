"""The workspace's vector index: kept in step with its records, used by retrieval.

The index is derived data: documents are rebuilt from the workspace's active items, goals and
findings and synced by content hash, so unchanged records are never embedded again, an
interrupted ingest is completed by the next one, and the model is not loaded when nothing
changed.
"""

from __future__ import annotations

from typing import Any

from assistant.brief import Inputs
from assistant.settings import Settings
from assistant.workspace.workspace import Workspace


class Indexer:
    def __init__(self, workspace: Workspace, settings: Settings) -> None:
        self.workspace = workspace
        self.settings = settings

    def store(self) -> Any:
        from assistant.knowledge.embeddings import get_embedder
        from assistant.knowledge.store import ChromaStore, collection_name

        name = get_embedder(self.settings.embedding_model).name
        return ChromaStore(self.workspace.layout.chroma, collection_name(self.workspace.name, name))

    def catch_up(self, *, progress: Any = None) -> tuple[int, int]:
        """Embed what changed, delete what went; returns (embedded, deleted)."""
        from assistant.knowledge.embeddings import get_embedder
        from assistant.knowledge.store import sync

        documents = workspace_documents(self.workspace.load_inputs())
        store = self.store()
        on_batch = None
        if progress is not None:
            task = progress.add_task("embedding", total=None)

            def on_batch(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

        try:
            embedder = get_embedder(self.settings.embedding_model)
            report = sync(store, documents, embedder, on_batch=on_batch)
        finally:
            store.close()
        return report.embedded, report.deleted


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
