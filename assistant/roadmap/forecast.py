"""When will each goal really land? A Monte Carlo forecast of throughput.

Estimates are what a team hopes; the dates items were resolved are what it did. Replaying past
weekly throughput (sampled with replacement) against the items still open gives a distribution
of finish dates, summarised as P50 / P85 / P95. Committees get a range, not a promise.

With too little history the percentiles would only restate noise, so the forecast says "low
confidence" and keeps the capacity plan's dates. Pure: the start date and the seed come in as
inputs, so the same call always gives the same dates.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence

import numpy as np

from assistant.domain import Backlog
from assistant.roadmap.models import Forecast, Milestone, ScheduledPackage

MIN_ITEMS = 30
MIN_WEEKS = 5
PERCENTILES = (50, 85, 95)
MAX_WEEKS = 1040  # 20 years: beyond this a date is meaningless, so the draw is censored here.
BLOCK_WEEKS = 208  # weeks drawn at a time: bounds memory to trials x 208 counters.


def throughput_history(backlog: Backlog, *, until: dt.date) -> list[int]:
    """Completed items per week, oldest first, from the first completion to the last.

    Weeks are counted back from the last completion so the most recent week is a whole one;
    empty weeks in between stay in, because a week where nothing shipped is data too. Epics
    are containers, not deliveries, so they count neither here nor in the open work.
    """
    done = [
        item.resolved
        for item in backlog.items.values()
        if item.done and not item.is_epic and item.resolved is not None and item.resolved <= until
    ]
    if not done:
        return []
    last = max(done)
    ages = [(last - day).days // 7 for day in done]
    counts = [0] * (max(ages) + 1)
    for age in ages:
        counts[age] += 1
    return counts[::-1]


def throughput_percentiles(
    history: Sequence[int],
    remaining: Sequence[int],
    *,
    seed: int = 7,
    trials: int = 10_000,
) -> list[tuple[int, int, int]]:
    """Periods (P50, P85, P95) to finish each remaining count, one row per count.

    Every trial draws one future of weekly throughputs shared by all counts, so the goals of a
    plan stay consistent with each other. Futures are drawn in blocks of weeks until every
    trial has finished the largest count: memory stays at trials x block whatever the history.
    """
    if trials < 1:
        raise ValueError("trials must be at least 1")
    pool = np.asarray(history, dtype=np.int32)
    if pool.size == 0 or pool.sum() <= 0:
        raise ValueError("history has no completed item: nothing to sample throughput from")
    targets = np.asarray(remaining, dtype=np.int64)
    rng = np.random.default_rng(seed)
    weeks = np.full((targets.size, trials), -1, dtype=np.int64)
    weeks[targets <= 0] = 0
    largest = int(targets.max(initial=0))
    block = min(BLOCK_WEEKS, math.ceil(1.5 * largest / pool.mean()) + 4)
    done_so_far = np.zeros(trials, dtype=np.int32)
    elapsed = 0
    while elapsed < MAX_WEEKS and (weeks < 0).any():
        draws = pool[rng.integers(0, pool.size, size=(trials, block))]
        totals = done_so_far[:, None] + np.cumsum(draws, axis=1, dtype=np.int32)
        for row, target in enumerate(targets):
            open_trials = weeks[row] < 0
            reached = open_trials & (totals[:, -1] >= target)
            before = (totals[reached] < target).sum(axis=1)
            weeks[row, reached] = elapsed + before + 1
        done_so_far = totals[:, -1]
        elapsed += block
    weeks[weeks < 0] = MAX_WEEKS
    quantiles = np.percentile(weeks, PERCENTILES, axis=1, method="higher")
    return [(int(a), int(b), int(c)) for a, b, c in quantiles.T]


def forecast_goals(
    backlog: Backlog,
    schedule: Sequence[ScheduledPackage],
    milestones: Sequence[Milestone],
    *,
    start: dt.date,
    seed: int = 7,
    trials: int = 10_000,
) -> tuple[Forecast, list[Milestone]]:
    """Forecast each goal's P50 / P85 / P95 from the backlog's throughput up to `start`.

    A goal waits for its own open items and for the open items of every package the plan
    finishes no later than its milestone: the throughput is shared, so work the plan puts
    first is drained first. Without enough history, or for a goal with no backlog item to
    count, the capacity plan's date stands in for all three percentiles, at low confidence.
    """
    history = throughput_history(backlog, until=start)
    completed, span = sum(history), len(history)
    queues = [_queue(backlog, schedule, m) for m in milestones]
    countable = [i for i, queue in enumerate(queues) if queue is not None]
    short = completed < MIN_ITEMS or span < MIN_WEEKS
    if short or not countable:
        reason = (
            f"only {completed} completed items over {span} weeks before {start.isoformat()} "
            f"(a forecast needs {MIN_ITEMS} items and {MIN_WEEKS} weeks): "
            "dates from the capacity plan"
            if short
            else "no goal lists backlog items to count: dates from the capacity plan"
        )
        forecast = Forecast(
            method="capacity_plan",
            seed=seed,
            history_items=completed,
            history_weeks=span,
            confidence="low",
            reason=reason,
        )
        return forecast, [_from_plan(m) for m in milestones]

    rows = throughput_percentiles(
        history, [len(queues[i] or ()) for i in countable], seed=seed, trials=trials
    )
    result = [_from_plan(m) for m in milestones]
    for index, (p50, p85, p95) in zip(countable, rows, strict=True):
        result[index] = milestones[index].model_copy(
            update={
                "p50": _after(start, p50),
                "p85": _after(start, p85),
                "p95": _after(start, p95),
                "confidence": "high",
            }
        )
    reason = (
        f"{completed} items completed over {span} weeks before {start.isoformat()}; "
        f"{trials} trials sampling weekly throughput with replacement"
    )
    if len(countable) < len(milestones):
        reason += (
            f"; {len(milestones) - len(countable)} goal(s) without backlog items keep the plan"
        )
    if any(p95 >= MAX_WEEKS for _, _, p95 in rows):
        reason += f"; some draws did not finish within {MAX_WEEKS} weeks and were cut there"
    forecast = Forecast(
        method="monte_carlo",
        trials=trials,
        seed=seed,
        history_items=completed,
        history_weeks=span,
        confidence="high",
        reason=reason,
    )
    return forecast, result


def _queue(
    backlog: Backlog, schedule: Sequence[ScheduledPackage], milestone: Milestone
) -> set[str] | None:
    """Open keys that must be done before the goal lands; None when nothing can be counted."""
    if not milestone.items:
        return None
    keys = _open(backlog, milestone.items)
    if milestone.planned is not None:
        for package in schedule:
            if package.finish <= milestone.planned:
                keys |= _open(backlog, package.items or _package_keys(backlog, package.package))
    return keys


def _package_keys(backlog: Backlog, package: str) -> tuple[str, ...]:
    """Keys of a package the scheduler did not list: the item itself, or an epic's children."""
    if backlog.get(package) is None:
        return ()
    return (package, *(child.key for child in backlog.children(package)))


def _open(backlog: Backlog, keys: Iterable[str]) -> set[str]:
    """Keys still to do; a key the backlog does not know is counted as open work."""
    found = ((key, backlog.get(key)) for key in keys)
    return {key for key, item in found if item is None or not (item.done or item.is_epic)}


def _from_plan(milestone: Milestone) -> Milestone:
    planned = milestone.planned
    return milestone.model_copy(
        update={"p50": planned, "p85": planned, "p95": planned, "confidence": "low"}
    )


def _after(start: dt.date, weeks: int) -> dt.date:
    return start + dt.timedelta(weeks=weeks)
