"""Which backlog item a mention means, by its words and by its meaning.

The lexical matcher (`BacklogIndex`) is precise but needs shared words or glossary synonyms;
"the database move" shares none with "Migration de la base vers PostgreSQL 16". Vectors catch
such paraphrases but also find *something* for any text. So the `Linker` fuses both rankings
by reciprocal rank fusion, accepts a vector-only answer only above a similarity floor, and
keeps a tie as ambiguous rather than guess.

A written key or an exact title needs no model: the linker answers from the words alone and
the embedder factory is never called, so a brief that names its items never loads the model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from assistant.domain import Goal
from assistant.facts.language import words
from assistant.facts.matching import BacklogIndex, Resolution
from assistant.facts.status import Match, MatchMethod, StatusFacts
from assistant.knowledge.documents import bilingual, documents_for
from assistant.knowledge.embeddings import Embedder, get_embedder
from assistant.knowledge.store import VectorStore, sync

RRF_K = 60  # the usual reciprocal-rank constant: rank 1 vs 2 matters, rank 9 vs 10 hardly
LEXICAL_WEIGHT = 1.0
VECTOR_WEIGHT = 1.0
VECTOR_FLOOR = 0.30  # below this cosine similarity a hit is noise, not a candidate
VECTOR_ACCEPT = 0.40  # a vector-only answer needs this similarity...
VECTOR_MARGIN = 0.04  # ...and this lead over an unrelated runner-up
NEAR_EXACT = 0.95  # lexical score of a mention that is (almost) a whole title
EXACT_RATIO = 92  # rapidfuzz ratio of a mention to a title, typos included
LINK_KINDS = ("item", "goal")


@dataclass
class Linker:
    """Resolves mentions against one backlog; `store` None means words only."""

    index: BacklogIndex
    goals: Sequence[Goal] = ()
    store: VectorStore | None = None
    embedder_factory: Callable[[], Embedder] = get_embedder
    # embed new or changed items before the first vector query; when False, only a store that
    # holds nothing yet (say, indexed with another embedder) is filled on first use
    index_on_demand: bool = True
    _embedder: Embedder | None = field(default=None, init=False, repr=False)
    _synced: bool = field(default=False, init=False, repr=False)
    _queries: dict[str, list[float]] = field(default_factory=dict, init=False, repr=False)
    _titles: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    def link(self, mention: str, k: int = 5) -> list[Match]:
        """The best `k` items for `mention`, best first (empty when nothing fits)."""
        return list(self.resolve(mention, k).candidates[:k])

    def resolve(self, mention: str, k: int = 5) -> Resolution:
        """Hybrid: exact answers first, then words and meaning fused."""
        exact = self.exact(mention)
        if exact is not None:
            return exact
        lexical = self.index.resolve(mention)
        if lexical.item_key and lexical.candidates[0].score >= NEAR_EXACT:
            return lexical
        if self.store is None:
            return lexical
        return self._fuse(lexical, self.vector(mention, k), k)

    def lexical(self, mention: str) -> Resolution:
        """Words only: keys, exact titles, then the lexical matcher."""
        return self.exact(mention) or self.index.resolve(mention)

    def exact(self, mention: str) -> Resolution | None:
        """A written key, or a mention that is one title give or take a typo; else None."""
        keys = self.index.find_keys(mention)
        if keys:
            found = tuple(Match(key=key, score=1.0, method=MatchMethod.KEY) for key in keys)
            return Resolution(found, keys[0])
        wanted = " ".join(words(mention))
        if len(wanted) < 4:
            return None
        if not self._titles:
            items = self.index.backlog.items
            self._titles = {key: " ".join(words(item.title)) for key, item in items.items()}
        close = [k for k, title in self._titles.items() if fuzz.ratio(wanted, title) >= EXACT_RATIO]
        if len(close) != 1:
            return None
        return Resolution((Match(key=close[0], score=1.0, method=MatchMethod.TITLE),), close[0])

    def vector(self, mention: str, k: int = 5) -> list[Match]:
        """Items nearest in meaning, above the noise floor; a goal hit stands for its items."""
        if self.store is None or not mention.strip():
            return []
        query = self._query_vector(mention)
        goals = {goal.id: goal for goal in self.goals}
        best: dict[str, float] = {}
        for hit in self.store.query(query, 3 * k, where={"kind": list(LINK_KINDS)}):
            if hit.kind == "goal":
                keys = goals[hit.key].depends_on if hit.key in goals else ()
            else:
                keys = (hit.key,)
            for key in keys:
                if key in self.index.backlog.items and hit.score >= VECTOR_FLOOR:
                    best[key] = max(best.get(key, -1.0), hit.score)
        ranked = sorted(best.items(), key=lambda pair: (-pair[1], pair[0]))[:k]
        return [
            Match(key=key, score=round(min(s, 1.0), 3), method=MatchMethod.VECTOR)
            for key, s in ranked
        ]

    def semantic(self, mention: str, k: int = 5) -> Resolution:
        """Meaning only (no keys, no words): what the vectors alone would answer."""
        found = self.vector(mention, k)
        return Resolution(tuple(found), *self._decide_vector(found))

    def _ready(self) -> Embedder:
        if self._embedder is None:
            self._embedder = self.embedder_factory()
        if not self._synced and self.store is not None:
            if self.index_on_demand or self.store.count() == 0:
                docs = documents_for(self.index.backlog, self.goals, self.index.glossary)
                sync(self.store, docs, self._embedder, where={"kind": list(LINK_KINDS)})
            self._synced = True
        return self._embedder

    def _query_vector(self, mention: str) -> list[float]:
        """The mention's vector; a status names the same item in several sentences."""
        if mention not in self._queries:
            if len(self._queries) >= 256:
                self._queries.pop(next(iter(self._queries)))
            text = bilingual(mention, self.index.glossary)
            self._queries[mention] = self._ready().embed([text])[0]
        return self._queries[mention]

    def _decide_vector(self, found: Sequence[Match]) -> tuple[str | None, bool]:
        """(item, ambiguous) from vector scores alone: a clear, similar enough leader."""
        if not found or found[0].score < VECTOR_ACCEPT:
            return None, False
        lead = found[0].key
        rivals = [m.key for m in found[1:] if m.score > found[0].score - VECTOR_MARGIN]
        rivals = [key for key in rivals if not self._related(lead, key)]
        return (None, True) if rivals else (lead, False)

    def _fuse(self, lexical: Resolution, vector: list[Match], k: int) -> Resolution:
        """Reciprocal rank fusion, then a decision a reader can predict.

        Words and meaning each top a different, unrelated item: an exact tie, ambiguous. A
        lexical tie the vectors do not break stays ambiguous. A top item the words support
        is the answer (they are precise); one only the vectors support must pass their own
        test: similar enough, clearly ahead.
        """
        lex_rank = {m.key: n for n, m in enumerate(lexical.candidates, 1)}
        vec_rank = {m.key: n for n, m in enumerate(vector, 1)}
        fused = {
            key: (LEXICAL_WEIGHT / (RRF_K + lex_rank[key]) if key in lex_rank else 0.0)
            + (VECTOR_WEIGHT / (RRF_K + vec_rank[key]) if key in vec_rank else 0.0)
            for key in lex_rank | vec_rank
        }
        if not fused:
            return Resolution()
        order = sorted(fused, key=lambda key: (-fused[key], lex_rank.get(key, 99), key))
        top = 2 * max(LEXICAL_WEIGHT, VECTOR_WEIGHT) / (RRF_K + 1)
        lexical_method = {m.key: m.method for m in lexical.candidates}
        candidates = tuple(
            Match(
                key=key,
                score=round(min(fused[key] / top, 1.0), 3),
                method=MatchMethod.HYBRID
                if key in lex_rank and key in vec_rank
                else lexical_method.get(key, MatchMethod.VECTOR),
            )
            for key in order[:k]
        )
        best = order[0]
        tied = [key for key in order[1:] if abs(fused[key] - fused[best]) < 1e-12]
        if any(not self._related(best, key) for key in tied):
            return Resolution(candidates, None, ambiguous=True)
        if lexical.ambiguous and best in lex_rank and best not in vec_rank:
            return Resolution(candidates, None, ambiguous=True)  # the vectors broke no tie
        if best in lex_rank:
            return Resolution(candidates, best)
        item, ambiguous = self._decide_vector(vector)
        if item == best:
            return Resolution(candidates, best)
        return Resolution(candidates, None, ambiguous=ambiguous)

    def _related(self, one: str, other: str) -> bool:
        """Is either an ancestor (epic, parent) of the other? Then the two are one answer."""
        return one in self._ancestors(other) or other in self._ancestors(one)

    def _ancestors(self, key: str) -> list[str]:
        items, chain = self.index.backlog.items, []
        item = items.get(key)
        while item is not None and item.parent and item.parent not in chain and len(chain) < 10:
            chain.append(item.parent)
            item = items.get(item.parent)
        return chain


def relink(facts: StatusFacts, linker: Linker) -> StatusFacts:
    """Re-resolve the slips the extractor left unmatched or ambiguous; keep the others as is."""
    slips = []
    for slip in facts.slips:
        if (slip.item_key is None or slip.ambiguous) and slip.mention.strip():
            found = linker.resolve(slip.mention)
            if found.item_key is not None or (found.ambiguous and not slip.ambiguous):
                slip = slip.model_copy(
                    update={
                        "item_key": found.item_key,
                        "ambiguous": found.ambiguous,
                        "candidates": found.candidates,
                    }
                )
        slips.append(slip)
    unmatched = [s.sentence for s in slips if s.item_key is None and not s.ambiguous]
    return facts.model_copy(
        update={"slips": tuple(slips), "unmatched": tuple(dict.fromkeys(unmatched))}
    )
