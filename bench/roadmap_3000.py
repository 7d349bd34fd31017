"""The 3,000-item case of issue 13: a generated backlog (bench_roadmap.generated, 3,000 items,
15,000 blocks links, 5 teams of 4, 20 goals) planned over 26 weeks from 2027-01-04.

Prints the headline, the totals of the recommended option and of backlog order, and every
option with its spend plus cost of delay. Run it on two checkouts to compare:
`PYTHONPATH=. .venv/bin/python bench/roadmap_3000.py`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_roadmap import CONTEXT, START, generated

from assistant.roadmap.plan import build_plan
from assistant.roadmap.render import render_plan


def main(items: int = 3000, links: int = 15000) -> None:
    backlog, goals = generated(items, links)
    begin = time.perf_counter()
    plan = build_plan(CONTEXT, goals, backlog, start=START, horizon_weeks=26)
    seconds = time.perf_counter() - begin
    text = render_plan(plan, "md", language="en", audience="comex")
    print("\n".join(line for line in text.splitlines()[:6] if line.startswith("**")))
    print(
        f"recommended order CoD {plan.recommended_cost_of_delay:,.0f}; "
        f"backlog order CoD {plan.naive_cost_of_delay:,.0f}; build_plan {seconds:.1f} s"
    )
    for o in plan.options:
        flag = " <- recommended" if o.recommended else ""
        print(f"  {o.id:15} spend {o.cost:>12,.0f}  CoD {o.cost_of_delay:>13,.0f}  "
              f"total {o.cost + o.cost_of_delay:>13,.0f}{flag}")  # fmt: skip
    last = max((m.planned for m in plan.milestones if m.planned), default=None)
    print(f"latest goal date: {last}")


if __name__ == "__main__":
    main(*map(int, sys.argv[1:]))
