"""The linking eval: how often words, meaning, or both find the item a CTO's mention means.

Cases are data (`evals/linking/cases.v1.yaml`); this scores three methods on them with the
real store and the real embedder: `lexical` (keys, titles, glossary, typos: no model),
`vector` (embeddings alone) and `hybrid` (what `Linker.resolve` answers). An eval, not a
test: it prints a scorecard; the test suite only checks that fusion does not lose to either.

- precision: answers that are right / answers given (an ambiguous or empty answer is none)
- recall: right answers / cases that expect an item
- accuracy@1: cases answered right / all cases, where "no answer" is right for `none` cases
- recall@5: cases whose expected item is among the first five candidates

Run: `python evals/linking/run.py [--details]`.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.facts.glossary import load_glossary
from assistant.facts.matching import BacklogIndex, Resolution
from assistant.knowledge.embeddings import Embedder, get_embedder
from assistant.knowledge.retrieval import Linker
from assistant.knowledge.store import ChromaStore, collection_name
from assistant.loaders import load_backlog
from assistant.yaml_safe import load_yaml

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CASES = ROOT / "evals" / "linking" / "cases.v1.yaml"
METHODS = ("lexical", "vector", "hybrid")


@dataclass(frozen=True)
class Case:
    id: str
    backlog: str
    mention: str
    expected: frozenset[str]  # empty: no item is meant
    lang: str = "en"
    kind: str = ""


@dataclass(frozen=True)
class Outcome:
    case: Case
    method: str
    answer: str | None
    ranked: tuple[str, ...]

    @property
    def right(self) -> bool:
        return self.answer in self.case.expected if self.case.expected else self.answer is None


@dataclass(frozen=True)
class Score:
    method: str
    cases: int
    answered: int
    precision: float
    recall: float
    accuracy_at_1: float
    recall_at_5: float


def load_cases(path: Path = DEFAULT_CASES) -> list[Case]:
    raw = load_yaml(path.read_text(encoding="utf-8"), file=str(path), fast=True)
    cases = []
    for n, entry in enumerate(raw["cases"], 1):
        expected = entry.get("expected")
        if expected is None or expected == "none":
            keys: frozenset[str] = frozenset()
        elif isinstance(expected, list) and expected:
            keys = frozenset(str(key) for key in expected)
        else:
            raise ValueError(f"{path}, case {n}: expected must be a list of keys or 'none'")
        cases.append(
            Case(
                id=str(entry.get("id", n)),
                backlog=str(entry["backlog"]),
                mention=str(entry["mention"]),
                expected=keys,
                lang=str(entry.get("lang", "en")),
                kind=str(entry.get("kind", "")),
            )
        )
    return cases


def run(
    cases: Sequence[Case],
    *,
    workdir: Path,
    embedder: Embedder,
    root: Path = ROOT,
    methods: Sequence[str] = METHODS,
) -> list[Outcome]:
    """Every case through every method; one store (collection) per backlog under `workdir`."""
    glossary = load_glossary()
    outcomes = []
    by_backlog: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        by_backlog[case.backlog].append(case)
    for n, (path, group) in enumerate(sorted(by_backlog.items())):
        backlog = load_backlog([root / path])
        store = ChromaStore(workdir, collection_name(f"eval-{n}", embedder.name))
        linker = Linker(BacklogIndex(backlog, glossary), (), store, lambda: embedder)
        answer: dict[str, Callable[[str], Resolution]] = {
            "lexical": linker.lexical,
            "vector": linker.semantic,
            "hybrid": linker.resolve,
        }
        for case in group:
            for method in methods:
                found = answer[method](case.mention)
                ranked = tuple(m.key for m in found.candidates)
                outcomes.append(Outcome(case, method, found.item_key, ranked))
        store.close()
    return outcomes


def score(outcomes: Sequence[Outcome]) -> dict[str, Score]:
    scores = {}
    for method in dict.fromkeys(o.method for o in outcomes):
        mine = [o for o in outcomes if o.method == method]
        answered = [o for o in mine if o.answer is not None]
        wanted = [o for o in mine if o.case.expected]
        right = sum(o.right for o in answered)
        at_5 = sum(bool(o.case.expected & set(o.ranked[:5])) for o in wanted)
        scores[method] = Score(
            method=method,
            cases=len(mine),
            answered=len(answered),
            precision=right / len(answered) if answered else 0.0,
            recall=right / len(wanted) if wanted else 0.0,
            accuracy_at_1=sum(o.right for o in mine) / len(mine) if mine else 0.0,
            recall_at_5=at_5 / len(wanted) if wanted else 0.0,
        )
    return scores


def markdown(scores: dict[str, Score]) -> str:
    lines = [
        "| method | cases | answered | precision | recall | accuracy@1 | recall@5 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scores.values():
        lines.append(
            f"| {s.method} | {s.cases} | {s.answered} | {s.precision:.2f} | {s.recall:.2f} "
            f"| {s.accuracy_at_1:.2f} | {s.recall_at_5:.2f} |"
        )
    return "\n".join(lines)


def by_kind(outcomes: Sequence[Outcome]) -> str:
    """Accuracy@1 per kind of case: where each method wins and loses."""
    methods = list(dict.fromkeys(o.method for o in outcomes))
    kinds = list(dict.fromkeys(o.case.kind for o in outcomes))
    lines = [
        "| kind | cases | " + " | ".join(methods) + " |",
        "|---|---:|" + "---:|" * len(methods),
    ]
    for kind in kinds:
        cells = []
        for method in methods:
            mine = [o for o in outcomes if o.case.kind == kind and o.method == method]
            cells.append(f"{sum(o.right for o in mine)}/{len(mine)}")
        count = len({o.case.id for o in outcomes if o.case.kind == kind})
        lines.append(f"| {kind} | {count} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def details(outcomes: Sequence[Outcome]) -> str:
    lines = []
    for o in outcomes:
        if not o.right:
            expected = ", ".join(sorted(o.case.expected)) or "none"
            lines.append(
                f"- {o.method:7} {o.case.id}: {o.case.mention!r} -> {o.answer or 'none'}"
                f" (expected {expected}; ranked {', '.join(o.ranked[:3]) or '-'})"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--embedding-model", default=None, help="'local' or a litellm model")
    parser.add_argument("--details", action="store_true", help="list every wrong answer")
    args = parser.parse_args(argv)
    cases = load_cases(args.cases)
    with tempfile.TemporaryDirectory(prefix="steerco-linking-") as workdir:
        outcomes = run(cases, workdir=Path(workdir), embedder=get_embedder(args.embedding_model))
    print(f"Linking eval, {args.cases.name}: {len(cases)} cases\n")
    print(markdown(score(outcomes)))
    print("\nAccuracy@1 by kind of case:\n")
    print(by_kind(outcomes))
    if args.details:
        print("\nWrong answers:\n")
        print(details(outcomes))
    return 0
