"""Linking a mention to the backlog by words and by meaning, and re-linking what the rules missed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant.domain import Goal
from assistant.facts.extract import RuleBasedExtractor
from assistant.facts.matching import BacklogIndex
from assistant.facts.status import MatchMethod
from assistant.knowledge.embeddings import Embedder, get_embedder
from assistant.knowledge.glossary import load_glossary
from assistant.knowledge.linking_eval import load_cases, run, score
from assistant.knowledge.retrieval import Linker, relink
from assistant.knowledge.store import ChromaStore, Hit, collection_name
from assistant.loaders import load_backlog

SEED_BACKLOG = Path(__file__).parent / "data" / "instant-payments" / "backlog.csv"
TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def minilm() -> Embedder:
    embedder = get_embedder("local")
    embedder.embed(["warm up"])
    return embedder


@pytest.fixture
def index() -> BacklogIndex:
    return BacklogIndex(load_backlog([SEED_BACKLOG]), load_glossary())


@pytest.fixture
def linker(index: BacklogIndex, minilm: Embedder, tmp_path: Path) -> Linker:
    store = ChromaStore(tmp_path, collection_name("seed", minilm.name))
    return Linker(index, (), store, lambda: minilm)


def no_embedder() -> Embedder:
    raise AssertionError("the embedder was loaded for a mention the words resolve")


def test_hybrid_linker_finds_a_paraphrase_the_words_miss(linker: Linker) -> None:
    assert linker.lexical("the database move").item_key is None
    found = linker.resolve("the database move")
    assert found.item_key == "MIG-100"
    assert found.candidates[0].method in {MatchMethod.VECTOR, MatchMethod.HYBRID}


@pytest.mark.parametrize(
    ("mention", "key", "method"),
    [
        ("MIG-103", "MIG-103", MatchMethod.KEY),
        ("la story mig-102", "MIG-102", MatchMethod.KEY),
        ("Bascule des services de lecture", "MIG-103", MatchMethod.TITLE),
        ("bascule des service de lectur", "MIG-103", MatchMethod.TITLE),  # typos
    ],
)
def test_a_key_or_exact_title_resolves_without_loading_the_embedder(
    index: BacklogIndex, tmp_path: Path, mention: str, key: str, method: MatchMethod
) -> None:
    store = ChromaStore(tmp_path, "never-opened")
    linker = Linker(index, (), store, no_embedder)
    [match] = linker.link(mention)
    assert (match.key, match.method) == (key, method)
    assert not (tmp_path / "chroma.sqlite3").exists()  # the store was not even opened


def test_a_mention_close_to_nothing_stays_unmatched(linker: Linker) -> None:
    found = linker.resolve("the office move")
    assert (found.item_key, found.ambiguous) == (None, False)


def test_relink_fills_a_slip_the_rules_left_unmatched(linker: Linker) -> None:
    text = "The database move is 2 sprints late. MIG-103 slipped by one week."
    facts = RuleBasedExtractor().extract(text, linker.index.backlog, today=TODAY)
    assert [s.item_key for s in facts.slips] == [None, "MIG-103"]
    assert facts.unmatched

    relinked = relink(facts, linker)
    assert [s.item_key for s in relinked.slips] == ["MIG-100", "MIG-103"]
    assert relinked.slips[0].candidates[0].method in {MatchMethod.VECTOR, MatchMethod.HYBRID}
    assert relinked.slips[1] == facts.slips[1]
    assert relinked.unmatched == ()


class OneHitStore:
    """A store that always answers with one goal: the linker must map it to its items."""

    def __init__(self, hit: Hit) -> None:
        self.hit = hit

    def query(self, vector: Sequence[float], k: int = 5, where=None) -> list[Hit]:
        return [self.hit]

    def hashes(self, where=None) -> dict[str, str]:
        return {}

    def upsert(self, docs, vectors) -> None: ...

    def delete(self, ids) -> None: ...

    def count(self) -> int:
        return 1


class FixedEmbedder:
    name = "fixed"

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [[1.0, 0.0] for _ in texts]


def test_a_goal_found_by_meaning_stands_for_the_items_it_depends_on(index: BacklogIndex) -> None:
    goal = Goal(id="G1", title="Lancement", cost_of_delay_per_week=1, depends_on=("PAY-200",))
    store = OneHitStore(Hit("goal:G1", "goal", "G1", 0.8, "Lancement"))
    linker = Linker(index, (goal,), store, FixedEmbedder, index_on_demand=False)
    assert [m.key for m in linker.vector("our big launch")] == ["PAY-200"]


def test_fusion_is_at_least_as_accurate_as_words_or_meaning_alone(
    minilm: Embedder, tmp_path: Path
) -> None:
    scores = score(run(load_cases(), workdir=tmp_path, embedder=minilm))
    lexical, vector, hybrid = (scores[m] for m in ("lexical", "vector", "hybrid"))
    assert hybrid.accuracy_at_1 >= max(lexical.accuracy_at_1, vector.accuracy_at_1)
    assert hybrid.recall > lexical.recall
    assert hybrid.precision >= 0.9


def test_a_store_indexed_by_another_model_is_filled_on_first_use(
    index: BacklogIndex, minilm: Embedder, tmp_path: Path
) -> None:
    """A workspace indexed before the switch to ONNX has no vectors in the ONNX collection:
    its first paraphrase embeds the items, it does not silently answer from words alone."""
    store = ChromaStore(tmp_path, collection_name("seed", minilm.name))
    linker = Linker(index, (), store, lambda: minilm, index_on_demand=False)
    assert linker.resolve("the database move").item_key == "MIG-100"
    assert store.count() == len(index.backlog.items)
