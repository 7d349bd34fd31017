"""The ONNX session loads without onnxruntime's graph rewrites (four fifths of a load) and
gives the vectors the rewritten graph gives (bench/bench_embeddings.py --load-only)."""

from __future__ import annotations

from assistant.knowledge.embeddings import OnnxMiniLM

TEXTS = [
    "La migration du portail transporteurs a deux semaines de retard",
    "Live parcel tracking is 2 weeks late",
    "the database move",
    "Facturation automatique des transporteurs, phase 2 (SEPA instant)",
]


def test_the_default_session_skips_the_graph_rewrites_and_gives_the_same_vectors() -> None:
    default, optimized = OnnxMiniLM(), OnnxMiniLM(optimize=True)
    default.load()
    optimized.load()
    options = default._session.get_session_options()
    assert options.graph_optimization_level.name == "ORT_DISABLE_ALL"
    assert optimized._session.get_session_options().graph_optimization_level.name != (
        "ORT_DISABLE_ALL"
    )
    for a, b in zip(default.embed(TEXTS), optimized.embed(TEXTS), strict=True):
        assert sum(x * y for x, y in zip(a, b, strict=True)) > 0.99999
