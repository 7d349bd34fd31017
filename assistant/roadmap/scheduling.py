"""Sequencing packages against team capacity, with lanes, goal milestones and quick wins.

Rules (pure, no clock: `start` is an input):
- Deadlines: `honour_deadlines` moves a late fixed-deadline package to the front.
- Sequence: the priority order, except that a package never comes before what blocks it (Kahn's
  topological sort, always taking the highest-priority ready package). Links in a cycle are
  ignored, with a warning. Unknown blockers are ignored.
- Capacity: each team works its packages one after another, whole team on one package, in
  sequence order; a package starts when its team is free and its blockers are finished (no
  backfilling). Packages without a context team share the default team (`UNASSIGNED`).
  `boost` changes a team's pace over time: each change adds (or takes) a rate from a week
  until a week, in people ÷ the team's people (a contractor for 12 weeks on a team of 4:
  (0, 12, 0.25); two people leaving a team of 4 at week 9: (9, ∞, −0.5)). The pace never
  falls below MIN_RATE.
- Weeks are calendar weeks from `start`; dates = start + weeks × 7 days, rounded to a day.
- Lanes: `now` starts within NOW_WEEKS, `next` within the horizon, `later` beyond.
- Quick win: CoD per week ≥ the median of the positive CoDs, duration ≤ QUICK_WIN_WEEKS, no
  blockers.
- Total cost of delay of a sequence = Σ CoD per week × finish week; `waiting_cost_of_delay`
  and `value_within` give the other two forms the published worked examples state.
- Milestone of a goal: the finish of the last package serving it, against its deadline.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from dataclasses import dataclass, field
from statistics import median

from assistant.domain import Goal
from assistant.roadmap.models import Lane, Milestone, ScheduledPackage, WorkPackage
from assistant.roadmap.packages import UNASSIGNED

NOW_WEEKS = 6.0
QUICK_WIN_WEEKS = 2.0
MIN_RATE = 0.05
_EPS = 1e-9
Change = tuple[float, float, float]  # from week, until week, rate added
Capacity = dict[str, tuple[Change, ...]]


def merge(*capacities: Capacity | None) -> Capacity:
    """Every change of every capacity, per team."""
    out: dict[str, tuple[Change, ...]] = {}
    for capacity in capacities:
        for team, changes in (capacity or {}).items():
            out[team] = out.get(team, ()) + tuple(changes)
    return out


@dataclass
class Schedule:
    order: list[str]
    finish_week: dict[str, float]
    start_week: dict[str, float]
    warnings: list[str] = field(default_factory=list)


def sequence(packages: list[WorkPackage], priority: list[str]) -> tuple[list[str], list[str]]:
    """The priority order made dependency-safe; and warnings for links broken by cycles."""
    position = {pid: i for i, pid in enumerate(priority)}
    for p in packages:
        position.setdefault(p.id, len(position))
    known = {p.id for p in packages}
    waiting = {p.id: {b for b in p.blocked_by if b in known and b != p.id} for p in packages}
    dependents: dict[str, list[str]] = {pid: [] for pid in known}
    for pid, blockers in waiting.items():
        for b in blockers:
            dependents[b].append(pid)
    ready = [(position[pid], pid) for pid, blockers in waiting.items() if not blockers]
    heapq.heapify(ready)
    order: list[str] = []
    warnings: list[str] = []
    done: set[str] = set()
    while len(order) < len(known):
        if not ready:  # a cycle: release its highest-priority package, ignoring its links
            pid = min((pid for pid in known if pid not in done), key=position.__getitem__)
            warnings.append(f"dependency cycle through {pid}: its blockers were ignored.")
            waiting[pid] = set()
            heapq.heappush(ready, (position[pid], pid))
        _, pid = heapq.heappop(ready)
        if pid in done:
            continue
        done.add(pid)
        order.append(pid)
        for d in dependents[pid]:
            waiting[d].discard(pid)
            if not waiting[d] and d not in done:
                heapq.heappush(ready, (position[d], d))
    return order, warnings


def schedule(
    packages: list[WorkPackage],
    priority: list[str],
    *,
    boost: Capacity | None = None,
    sequenced: bool = False,
) -> Schedule:
    """Start and finish week of every package (see the module doc for the rules).
    `sequenced`: `priority` is already an order of `sequence` (kept as it is)."""
    boost = boost or {}
    by_id = {p.id: p for p in packages}
    order, warnings = (list(priority), []) if sequenced else sequence(packages, priority)
    free: dict[str, float] = {}
    start_week: dict[str, float] = {}
    finish_week: dict[str, float] = {}
    for pid in order:
        p = by_id[pid]
        team = p.team or UNASSIGNED
        ready = max((finish_week[b] for b in p.blocked_by if b in finish_week), default=0.0)
        begin = max(free.get(team, 0.0), ready)
        end = _finish(begin, p.size_weeks, boost.get(team, ()))
        start_week[pid], finish_week[pid], free[team] = begin, end, end
    return Schedule(order, finish_week, start_week, warnings)


def critical_chains(
    packages: list[WorkPackage], plan: Schedule, lasts: list[str]
) -> dict[str, list[str]]:
    """For each package of `lasts`, the packages whose runs set its finish, first to last: from
    it, back to what it waited for when it started, the blocker that finished last (a
    dependency) if it finished at the start, else the package its team worked on just before
    (the team was busy), until a package that starts at week 0 or after neither (idle).

    Every package of a chain is work on the path: more people in its team shorten it; a team
    that only waits for the chain has no package on it."""
    by_id = {p.id: p for p in packages}
    previous: dict[str, str] = {}
    free: dict[str, str] = {}
    for pid in plan.order:
        team = by_id[pid].team or UNASSIGNED
        if team in free:
            previous[pid] = free[team]
        free[team] = pid
    chains = {}
    for last in lasts:
        chain, pid = [last], last
        while plan.start_week[pid] > _EPS and len(chain) <= len(plan.order):
            begin = plan.start_week[pid]
            blockers = [b for b in by_id[pid].blocked_by if b in plan.finish_week]
            waited = max(blockers, key=lambda b: (plan.finish_week[b], b), default=None)
            before = previous.get(pid)
            if waited is not None and abs(plan.finish_week[waited] - begin) <= _EPS:
                pid = waited
            elif before is not None and abs(plan.finish_week[before] - begin) <= _EPS:
                pid = before
            else:
                break
            chain.append(pid)
        chains[last] = chain[::-1]
    return chains


def honour_deadlines(
    packages: list[WorkPackage],
    priority: list[str],
    *,
    start: dt.date,
    limit: int = 50,
    boost: Capacity | None = None,
) -> tuple[list[str], list[str]]:
    """The priority order with late fixed-deadline packages moved up, and what was moved.

    Earliest deadline first, each late package moves to the front of the order (its blockers
    still go first: `sequence` sees to it); the move is kept only if the package becomes less
    late. A fixed date (contract, law) outranks cost of delay; at most `limit` moves.
    """
    order, moved = list(priority), []
    dated = sorted((p for p in packages if p.deadline), key=lambda p: (p.deadline, p.id))
    for p in dated[:limit]:
        due = (p.deadline - start).days / 7 if p.deadline else 0.0
        before = schedule(packages, order, boost=boost).finish_week[p.id]
        if before <= due:
            continue
        trial = [p.id] + [q for q in order if q != p.id]
        if schedule(packages, trial, boost=boost).finish_week[p.id] < before:
            order, moved = trial, [*moved, p.id]
    return order, moved


def _finish(begin: float, size: float, changes: tuple[Change, ...]) -> float:
    """Finish week of `size` weeks of work (at the team's usual pace) begun at `begin`, the
    pace changed by `changes` (piecewise constant between their weeks)."""
    if not changes or size <= 0:
        return begin + size
    marks = sorted({w for c in changes for w in c[:2] if begin < w < math.inf})
    left, at = size, begin
    for until in [*marks, math.inf]:
        rate = max(MIN_RATE, 1.0 + sum(d for lo, hi, d in changes if lo <= at < hi))
        if until == math.inf or left <= rate * (until - at):
            return at + left / rate
        left -= rate * (until - at)
        at = until
    return at  # pragma: no cover (the last segment is unbounded)


def total_cost_of_delay(packages: list[WorkPackage], finish_week: dict[str, float]) -> float:
    return sum(p.cost_of_delay_per_week * finish_week.get(p.id, 0.0) for p in packages)


def waiting_cost_of_delay(packages: list[WorkPackage], start_week: dict[str, float]) -> float:
    """Σ CoD per week × start week: the cost of the waiting only, as the worked examples of
    Black Swan Farming count it (it differs from the total by a constant Σ CoD × duration)."""
    return sum(p.cost_of_delay_per_week * start_week.get(p.id, 0.0) for p in packages)


def value_within(
    packages: list[WorkPackage], finish_week: dict[str, float], horizon: float
) -> float:
    """Σ value per week × weeks delivered before the horizon: what a sequence earns by then."""
    return sum(
        p.cost_of_delay_per_week * max(0.0, horizon - finish_week.get(p.id, horizon))
        for p in packages
    )


def scheduled_packages(
    packages: list[WorkPackage], plan: Schedule, *, start: dt.date, horizon_weeks: float
) -> list[ScheduledPackage]:
    """Dated packages in sequence order, with lanes and quick wins."""
    by_id = {p.id: p for p in packages}
    quick = quick_wins(packages)
    return [
        ScheduledPackage(
            package=pid, team=by_id[pid].team, start=week_date(start, plan.start_week[pid]),
            finish=week_date(start, plan.finish_week[pid]), start_week=plan.start_week[pid],
            finish_week=plan.finish_week[pid],
            lane=lane(plan.start_week[pid], horizon_weeks), quick_win=pid in quick,
        )
        for pid in plan.order
    ]  # fmt: skip


def lane(start_week: float, horizon_weeks: float) -> Lane:
    if start_week < NOW_WEEKS:
        return "now"
    return "next" if start_week < horizon_weeks else "later"


def quick_wins(packages: list[WorkPackage]) -> set[str]:
    positive = [p.cost_of_delay_per_week for p in packages if p.cost_of_delay_per_week > 0]
    if not positive:
        return set()
    bar = median(positive)
    return {
        p.id for p in packages
        if p.cost_of_delay_per_week >= bar and p.cost_of_delay_per_week > 0
        and p.size_weeks <= QUICK_WIN_WEEKS and not p.blocked_by
    }  # fmt: skip


def milestones(
    goals: list[Goal], packages: list[WorkPackage], plan: Schedule, *, start: dt.date
) -> list[Milestone]:
    """Planned date of each goal (its last package done) and how late it is."""
    last: dict[str, float] = {}
    items: dict[str, list[str]] = {}
    for p in packages:
        for g in p.goals:
            last[g] = max(last.get(g, 0.0), plan.finish_week.get(p.id, 0.0))
            items.setdefault(g, []).extend(k for k in p.items if k not in items[g])
    result = []
    for goal in goals:
        planned = week_date(start, last[goal.id]) if goal.id in last else None
        late = (planned - goal.deadline).days / 7 if planned and goal.deadline else 0.0
        result.append(Milestone(goal=goal.id, title=goal.title, deadline=goal.deadline,
                                planned=planned, late_weeks=max(0.0, late),
                                items=tuple(items.get(goal.id, ()))))  # fmt: skip
    return result


def week_date(start: dt.date, week: float) -> dt.date:
    return start + dt.timedelta(days=round(week * 7))


def deadline_first(packages: list[WorkPackage], priority: list[str]) -> list[str]:
    """Earliest deadline first; packages without a deadline after, in `priority` order."""
    position = {pid: i for i, pid in enumerate(priority)}
    far = dt.date.max
    ordered = sorted(packages, key=lambda p: (p.deadline or far, position.get(p.id, 10**9)))
    return [p.id for p in ordered]


def carry_delays(packages: list[WorkPackage], delays: dict[str, float]) -> list[WorkPackage]:
    """Each package lengthened by the largest delay reported on one of its open items (a slip
    reported on an item is time its team spends before the package can finish)."""
    out = []
    for p in packages:
        extra = max((delays[k] for k in (p.id, *p.items) if k in delays), default=0.0)
        out.append(p.model_copy(update={"size_weeks": p.size_weeks + extra}) if extra > 0 else p)
    return out
