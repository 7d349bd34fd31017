"""Benchmarks of the knowledge base. Run: `.venv/bin/python bench/bench_knowledge.py`.

Prints a Markdown table of what a first brief with vectors pays and what later ones pay:
- model load: importing the backend (STEERCO_EMBEDDINGS: onnx or torch) and reading the MiniLM weights (once
  per process; measured in this fresh process);
- embedding: raw throughput (texts/s) on the ~500 issue titles of the Apache Jira sample,
  in one batched call, and the latency of one short mention;
- Chroma: upsert throughput of those documents with their vectors, the no-change `sync`
  (hash check, nothing embedded), and the latency of one k=10 query.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.knowledge.documents import backlog_documents  # noqa: E402
from assistant.knowledge.embeddings import get_embedder  # noqa: E402
from assistant.knowledge.glossary import load_glossary  # noqa: E402
from assistant.knowledge.store import ChromaStore, collection_name, sync  # noqa: E402
from assistant.loaders import load_backlog  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "data" / "backlog" / "apache_jira_rest_ase2015.jsonl"


def timed(action, runs: int = 1) -> tuple[float, object]:
    """Median seconds over `runs` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    backlog = load_backlog([SAMPLE])
    docs = backlog_documents(backlog, load_glossary())
    titles = [item.title for item in backlog.items.values()]
    embedder = get_embedder("local")  # the STEERCO_EMBEDDINGS backend, onnx by default
    rows: list[tuple[str, str]] = []

    load_s, _ = timed(embedder.load)  # type: ignore[attr-defined]
    rows.append(("model load (import the backend, read the weights)", f"{load_s:.2f} s"))
    embedder.embed(["warm up"])
    batch_s, _ = timed(lambda: embedder.embed(titles), runs=3)
    rows.append(
        (f"embed {len(titles)} titles, one batched call", f"{len(titles) / batch_s:.0f} texts/s")
    )
    doc_s, vectors = timed(lambda: embedder.embed([d.text for d in docs]), runs=3)
    rows.append(
        (
            f"embed {len(docs)} documents (title + glossary + type)",
            f"{len(docs) / doc_s:.0f} texts/s",
        )
    )
    one_s, _ = timed(lambda: embedder.embed(["the database move"]), runs=50)
    rows.append(("embed one mention (latency)", f"{one_s * 1000:.1f} ms"))

    with tempfile.TemporaryDirectory(prefix="steerco-bench-") as folder:
        store = ChromaStore(Path(folder), collection_name("bench", embedder.name))
        open_s, _ = timed(store.count)
        rows.append(("open Chroma (import chromadb, create the collection)", f"{open_s:.2f} s"))
        upsert_s, _ = timed(lambda: store.upsert(docs, vectors), runs=3)  # type: ignore[arg-type]
        rows.append(
            (
                f"Chroma upsert of {len(docs)} documents with vectors",
                f"{len(docs) / upsert_s:.0f} docs/s",
            )
        )
        sync(store, docs, embedder)
        same_s, report = timed(lambda: sync(store, docs, embedder), runs=3)
        rows.append(
            (
                f"sync, nothing changed ({report.unchanged} unchanged, 0 embedded)",
                f"{same_s * 1000:.0f} ms",
            )
        )
        query = embedder.embed(["the database move"])[0]
        query_s, _ = timed(
            lambda: store.query(query, k=10, where={"kind": ["item", "goal"]}), runs=50
        )
        rows.append(("Chroma query, k=10, kind filter (latency)", f"{query_s * 1000:.1f} ms"))
        store.close()

    print(f"Knowledge base on {SAMPLE.name} ({len(titles)} items), {embedder.name}, CPU\n")
    print("| measure | value |\n|---|---:|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
