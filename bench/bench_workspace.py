"""Benchmarks of workspaces: ingest throughput against the raw embedding model, re-ingest of
an unchanged export, and brief latency with and without retrieval. Run: `make bench`.

Uses the real Apache Jira export in ../shared/data when present (501 issues), else the
bundled example.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import datetime as dt  # noqa: E402

from assistant import service  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.workspace.indexing import Indexer, workspace_documents  # noqa: E402
from assistant.workspace.ingest import ingest  # noqa: E402
from assistant.workspace.workspace import Workspace  # noqa: E402

APACHE = ROOT.parent / "shared" / "data" / "backlog" / "apache_jira_rest_ase2015.jsonl"
EXAMPLE = ROOT / "examples" / "transvia"
NOW = "2026-11-20T09:00:00+00:00"


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    export = APACHE if APACHE.is_file() else EXAMPLE / "backlog.csv"
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home))
        ws = Workspace.create(settings.home, "bench", now=NOW)
        indexer = Indexer(ws, settings)
        from assistant.knowledge.embeddings import get_embedder

        embedder = get_embedder("local")
        load_s, _ = timed(lambda: embedder.embed(["warm up"]))
        first_s, report = timed(lambda: ingest(ws, [export], now=NOW, indexer=indexer))
        key = next(iter(ws.load_inputs().backlog.items))
        goals = Path(home) / "goals.yaml"
        goals.write_text(
            f"- id: G1\n  title: Release\n  cost_of_delay_per_week: 10000\n  depends_on: [{key}]\n",
            encoding="utf-8",
        )
        ingest(ws, [EXAMPLE / "context.yaml", goals], now=NOW, indexer=indexer)
        docs = workspace_documents(ws.load_inputs())
        raw_s, _ = timed(lambda: embedder.embed([d.text for d in docs]))
        again_s, again = timed(lambda: ingest(ws, [export], now=NOW, indexer=indexer))
        lat = {}
        for label, text in (
            ("key only (no retrieval)", "EXAMPLE-KEY is 2 weeks late."),
            (
                "paraphrase (vector retrieval)",
                "the semantic markup parsing bug slipped by two weeks.",
            ),
        ):
            text = text.replace("EXAMPLE-KEY", key)
            samples = []
            for _ in range(5):
                request = service.BriefRequest(
                    status=text, status_source="bench", today=dt.date(2026, 11, 20),
                    language="en", workspace="bench",
                )  # fmt: skip
                deps = service.Deps(settings)
                samples.append(timed(lambda r=request, d=deps: service.brief(r, d))[0])
            lat[label] = statistics.median(samples)
    n = report.embedded
    print(f"export: {export.name}, {len(docs)} documents\n")
    print("| measure | value |\n|---|---|")
    print(f"| model load + first embedding | {load_s:.1f} s |")
    print(
        f"| first ingest, parse + sync + embed + Chroma | {first_s:.2f} s ({n / first_s:.0f} docs/s, {n} embedded) |"
    )
    print(f"| raw embedding of the same texts | {raw_s:.2f} s ({len(docs) / raw_s:.0f} texts/s) |")
    print(f"| re-ingest of the unchanged export | {again_s:.2f} s ({again.embedded} embedded) |")
    for label, seconds in lat.items():
        print(f"| workspace brief, {label}, median of 5 | {seconds * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
