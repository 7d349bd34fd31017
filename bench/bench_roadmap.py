"""Benchmark of the roadmap engine on a generated backlog: 5,000 open items (5,000 packages)
with 10,000 blocks links, 5 teams, 20 goals. Run: `.venv/bin/python bench/bench_roadmap.py`.

- schedule: rank (CD3) + dependency-safe sequence + capacity schedule of the 5,000 packages;
- packages + schedule: the same plus building the packages from the backlog;
- build_plan: the whole plan (three scores, options, ±30% sensitivity on six assumptions,
  figures), without the Monte Carlo forecast (benchmarked by its own module);
- the same two with a brief's world: staffing changes on every team, a scenario, moved goals.
Median of N runs, in seconds; a Markdown table on stdout.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.domain import Backlog, BacklogItem, Context, Goal, Source, Team  # noqa: E402
from assistant.facts.provenance import Ledger  # noqa: E402
from assistant.roadmap.models import Baseline  # noqa: E402
from assistant.roadmap.packages import build_packages  # noqa: E402
from assistant.roadmap.plan import build_plan  # noqa: E402
from assistant.roadmap.priorities import rank  # noqa: E402
from assistant.roadmap.scheduling import schedule  # noqa: E402

START = dt.date(2027, 1, 4)
CONTEXT = Context(
    company="Bench",
    velocity_points_per_sprint=200,
    teams=tuple(Team(name=f"T{n}", people=4, day_rate=700) for n in range(5)),
)


def generated(items: int = 5000, links: int = 10000, seed: int = 1) -> tuple[Backlog, list[Goal]]:
    rng = random.Random(seed)
    blockers: dict[int, set[int]] = {i: set() for i in range(items)}
    made = 0
    while made < links:
        a, b = sorted(rng.sample(range(items), 2))  # a blocks b: always acyclic
        if a not in blockers[b]:
            blockers[b].add(a)
            made += 1
    source = Source(file="bench.csv")
    backlog = Backlog(
        items={
            f"K-{i}": BacklogItem(
                key=f"K-{i}", title=f"item {i}", team=f"T{i % 5}", points=rng.choice([1, 2, 3, 5, 8]),
                blocked_by=tuple(f"K-{b}" for b in sorted(blockers[i])), source=source,
            )
            for i in range(items)
        }
    )  # fmt: skip
    goals = [
        Goal(id=f"G{g}", title=f"goal {g}", cost_of_delay_per_week=rng.randint(1, 50) * 1000,
             depends_on=tuple(f"K-{k}" for k in rng.sample(range(items), 3)))
        for g in range(20)
    ]  # fmt: skip
    return backlog, goals


def brief(goals: list[Goal]) -> Baseline:
    """A latest brief: people leaving or joining each team, a conditional delay, moved goals."""
    claims = [{"id": f"c{n}", "kind": "news", "news": "staffing", "reader": "rules",
               "quote": f"Deux développeurs de l'équipe T{n} partent fin {month}."}
              for n, month in enumerate(("janvier", "février", "mars", "avril", "mai"))]  # fmt: skip
    claims.append({"id": "c9", "kind": "risk", "item": "K-10", "weeks": 4.0, "reader": "rules",
                   "quote": "si le prestataire est en retard, K-10 glisse d'un mois"})  # fmt: skip
    dates = {g.id: START + dt.timedelta(weeks=30) for g in goals[:5]}
    return Baseline(run_id="bench", claims=claims, goal_dates=dates)


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        work()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def main() -> None:
    backlog, goals = generated()
    pset = build_packages(CONTEXT, goals, backlog, [], Ledger())
    packages = pset.packages
    links = sum(len(p.blocked_by) for p in packages)

    def only_schedule() -> None:
        schedule(packages, rank(packages, "cd3", start=START, horizon_weeks=26))

    def with_packages() -> None:
        built = build_packages(CONTEXT, goals, backlog, [], Ledger()).packages
        schedule(built, rank(built, "cd3", start=START, horizon_weeks=26))

    # the world of a brief: two staffing changes on every team (people leave, a contractor joins)
    world = {f"T{n}": ((4.0, math.inf, -0.25), (9.0, math.inf, 0.25)) for n in range(5)}

    def world_schedule() -> None:
        schedule(packages, rank(packages, "cd3", start=START, horizon_weeks=26), boost=world)

    rows = [
        ("schedule (rank + sequence + capacity)", median_seconds(only_schedule, 7)),
        ("schedule with 10 staffing changes", median_seconds(world_schedule, 7)),
        ("packages + schedule", median_seconds(with_packages, 5)),
        ("build_plan (everything, no forecast)",
         median_seconds(lambda: build_plan(CONTEXT, goals, backlog, start=START), 3)),
    ]  # fmt: skip
    rows.append(("build_plan from a brief (5 staffing news, a scenario, 5 goals moved)",
                 median_seconds(lambda: build_plan(CONTEXT, goals, backlog, start=START,
                                                   baseline=brief(goals)), 3)))  # fmt: skip
    print(f"{len(packages)} packages, {links} links, Python {sys.version.split()[0]}\n")
    print("| step | median (s) |\n|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.3f} |")


if __name__ == "__main__":
    main()
