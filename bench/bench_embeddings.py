"""The two local embedding backends side by side: ONNX int8 (default) and PyTorch (`[torch]`).

- model load: a fresh process imports the backend and loads the model (median of N
  processes; the hash check of the ONNX file included);
- throughput: ~500 issue titles of the Apache Jira sample (or the linking eval's texts);
- agreement: cosine between the two backends' vectors of every text of the linking eval
  (mentions and the backlog documents they are linked against);
- linking: the linking eval (`evals/linking/cases.v1.yaml`) scored with each backend.

Without PyTorch installed, only the ONNX rows are printed. Run:
`.venv/bin/python bench/bench_embeddings.py [--runs N] [--load-only]` (`--load-only`: the ONNX
load alone, with and without onnxruntime's graph optimisations).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.knowledge.documents import backlog_documents  # noqa: E402
from assistant.knowledge.embeddings import get_embedder  # noqa: E402
from assistant.knowledge.glossary import load_glossary  # noqa: E402
from assistant.knowledge.linking_eval import load_cases, run, score  # noqa: E402
from assistant.loaders import load_backlog  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "data" / "backlog" / "apache_jira_rest_ase2015.jsonl"
LOAD = (
    "import time; start = time.perf_counter()\n"
    "from assistant.knowledge.embeddings import get_embedder\n"
    "get_embedder('local', '{backend}').load()\n"
    "print(time.perf_counter() - start)\n"
)
# The load alone, after Steerco's own modules (which a server or a brief imports anyway): wall
# and CPU seconds of the backend's imports, the hash checks, the tokenizer and the session.
LOAD_ALONE = (
    "import time\n"
    "from assistant.knowledge.embeddings import OnnxMiniLM\n"
    "start, cpu = time.perf_counter(), time.process_time()\n"
    "OnnxMiniLM(optimize={optimize}).load()\n"
    "print(time.perf_counter() - start, time.process_time() - cpu)\n"
)


def _child(code: str) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=ROOT
    )
    return [float(x) for x in out.stdout.split()]


def load_seconds(backend: str, runs: int) -> float:
    return statistics.median(_child(LOAD.format(backend=backend))[0] for _ in range(runs))


def onnx_load_alone(runs: int) -> None:
    """The ONNX load with and without onnxruntime's graph optimisations, alternated."""
    times: dict[bool, list[list[float]]] = {False: [], True: []}
    for _ in range(runs):
        for optimize in (False, True):
            times[optimize].append(_child(LOAD_ALONE.format(optimize=optimize)))
    print(
        f"ONNX model load alone, after Steerco's imports (median of {runs}; load average "
        f"{os.getloadavg()[0]:.1f}):\n"
    )
    print("| session | wall | CPU |\n|---|---:|---:|")
    for optimize, label in ((False, "default (no graph rewrites)"), (True, "optimize=True")):
        wall = statistics.median(t[0] for t in times[optimize])
        cpu = statistics.median(t[1] for t in times[optimize])
        print(f"| {label} | {wall:.2f} s | {cpu:.2f} s |")


def eval_texts() -> list[str]:
    """Every text the linking eval embeds: its mentions and its backlogs' documents."""
    glossary = load_glossary()
    cases = load_cases()
    texts = [case.mention for case in cases]
    for path in sorted({case.backlog for case in cases}):
        texts += [doc.text for doc in backlog_documents(load_backlog([ROOT / path]), glossary)]
    return texts


def throughput(embedder, texts: list[str]) -> float:
    embedder.embed(texts[:8])
    start = time.perf_counter()
    embedder.embed(texts)
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--load-only", action="store_true", help="the ONNX load table alone")
    args = parser.parse_args()
    if args.load_only:
        onnx_load_alone(args.runs)
        return
    backends = ["onnx"]
    if importlib.util.find_spec("sentence_transformers") is not None:
        backends.append("torch")
    texts = eval_texts()
    titles = (
        [item.title for item in load_backlog([SAMPLE]).items.values()]
        if SAMPLE.is_file()
        else texts
    )
    cases = load_cases()
    rows: dict[str, dict[str, str]] = {backend: {} for backend in backends}
    vectors = {}
    for backend in backends:
        embedder = get_embedder("local", backend)
        rows[backend]["name (its own collection)"] = f"`{embedder.name}`"
        seconds = load_seconds(backend, args.runs)
        rows[backend][f"model load, fresh process (median of {args.runs})"] = f"{seconds:.2f} s"
        rows[backend][f"embed {len(titles)} titles, one call"] = (
            f"{throughput(embedder, titles):.0f} texts/s"
        )
        start = time.perf_counter()
        for _ in range(20):
            embedder.embed(["the database move"])
        rows[backend]["embed one mention (latency)"] = (
            f"{(time.perf_counter() - start) / 20 * 1000:.1f} ms"
        )
        vectors[backend] = embedder.embed(texts)
        with tempfile.TemporaryDirectory(prefix="steerco-bench-") as workdir:
            scores = score(run(cases, workdir=Path(workdir), embedder=embedder))
        for method in ("vector", "hybrid"):
            s = scores[method]
            rows[backend][f"linking eval, {method}: accuracy@1 / precision / recall"] = (
                f"{s.accuracy_at_1:.2f} / {s.precision:.2f} / {s.recall:.2f}"
            )
    print(f"Local embeddings, all-MiniLM-L6-v2 on the CPU; linking eval: {len(cases)} cases\n")
    print("| measure | " + " | ".join(backends) + " |\n|---|" + "---:|" * len(backends))
    for measure in rows["onnx"]:
        print(f"| {measure} | " + " | ".join(rows[b][measure] for b in backends) + " |")
    if "torch" in vectors:
        cosines = [
            sum(a * b for a, b in zip(x, y, strict=True))
            for x, y in zip(vectors["onnx"], vectors["torch"], strict=True)
        ]
        print(
            f"\nONNX vs PyTorch vectors of the eval's {len(texts)} texts (mentions and "
            f"documents): cosine min {min(cosines):.4f}, median {statistics.median(cosines):.4f}"
        )
        load = {b: float(rows[b][next(k for k in rows[b] if "load" in k)][:-2]) for b in backends}
        print(f"Model load, PyTorch / ONNX: {load['torch'] / load['onnx']:.0f}x")


if __name__ == "__main__":
    main()
