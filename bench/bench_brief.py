"""Benchmarks of the deterministic brief path. Run: `make bench` (prints a Markdown table).

- cold: the whole `steerco brief` process (interpreter start, imports, files, brief), median
  of N runs;
- warm: `make_brief` alone on already-loaded inputs, median and p95 over many runs;
- large: the same on a generated 5,000-item backlog with 10,000 blocks links.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import service  # noqa: E402
from assistant.domain import Backlog, BacklogItem, Source  # noqa: E402
from assistant.inputs import Inputs, load_inputs  # noqa: E402
from assistant.settings import Settings  # noqa: E402

EXAMPLE = ROOT / "examples" / "transvia"
TODAY = dt.date(2026, 11, 20)


def cold(runs: int = 7) -> float:
    cmd = [
        str(Path(sys.executable).parent / "steerco"),
        "brief",
        "--context",
        str(EXAMPLE / "context.yaml"),
        "--goals",
        str(EXAMPLE / "goals.yaml"),
        "--backlog",
        str(EXAMPLE / "backlog.csv"),
        "--status",
        str(EXAMPLE / "status.fr.txt"),
        "--as-of",
        "2026-11-20",
    ]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def make_brief(inputs: Inputs, text: str) -> service.BriefResult:
    """The one-shot brief as every surface runs it: the service, the graph walked inline."""
    request = service.BriefRequest(status=text, status_source="status", today=TODAY, inputs=inputs)
    return service.brief(request, service.Deps(Settings(model=None), llm=None))


def warm(inputs: Inputs, text: str, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = make_brief(inputs, text)
        service.render(result, "md")
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def large_inputs(base: Inputs, n: int = 5000, links: int = 10000) -> Inputs:
    rng = random.Random(7)
    items: dict[str, BacklogItem] = {}
    blocked: dict[str, set[str]] = {f"GEN-{i}": set() for i in range(n)}
    for _ in range(links):  # edges only from lower to higher numbers: a DAG
        a, b = sorted(rng.sample(range(n), 2))
        blocked[f"GEN-{b}"].add(f"GEN-{a}")
    for i in range(n):
        key = f"GEN-{i}"
        items[key] = BacklogItem(
            key=key,
            title=f"Generated work item {i} about topic {i % 97}",
            parent=f"GEN-{i - i % 50}" if i % 50 else None,
            is_epic=i % 50 == 0,
            components=("Platform",),
            blocked_by=tuple(sorted(blocked[key])),
            source=Source(file="generated.csv", row=i + 2, key=key),
        )
    items.update(base.backlog.items)
    return Inputs(
        context=base.context, goals=base.goals, backlog=Backlog(items=items), files=base.files
    )


def main() -> None:
    inputs = load_inputs(
        EXAMPLE / "context.yaml", EXAMPLE / "goals.yaml", [EXAMPLE / "backlog.csv"]
    )
    text = (EXAMPLE / "status.fr.txt").read_text(encoding="utf-8")
    make_brief(inputs, text)  # warm caches
    p50, p95 = warm(inputs, text, 200)
    big = large_inputs(inputs)
    big_p50, big_p95 = warm(big, text + " GEN-0 a 1 sprint de retard.", 10)
    print("| measure | value |\n|---|---|")
    print(f"| `steerco brief` whole process, example (median of 7) | {cold() * 1000:.0f} ms |")
    print(
        f"| brief compute, example, warm (p50 / p95 of 200) | {p50 * 1000:.1f} / {p95 * 1000:.1f} ms |"
    )
    print(
        f"| brief compute, 5,000 items + 10,000 links (p50 / p95 of 10) | {big_p50 * 1000:.0f} / {big_p95 * 1000:.0f} ms |"
    )


if __name__ == "__main__":
    main()
