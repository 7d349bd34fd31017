"""Work packages: what the committee can order, each sized and priced by a stated rule.

A package is a root of the backlog tree (an epic, or a story with no parent) with its open
descendants, or an audit risk. Its effort, in person-days, sums its open items': the item's
`estimate_days`, else its points × person-days per point (all context people × working days ×
sprint weeks ÷ velocity: the teams deliver the velocity together), else DEFAULT_ITEM_DAYS
(flagged). An epic's own estimate counts only when it has no open descendant. Duration =
effort ÷ team people ÷ working days per week. A package with no context team gets the default
team (`UNASSIGNED`: mean people and day rate of the context teams, else 1 person, no rate).

Cost of delay (CoD) per week: each goal's CoD is split among the packages it needs (those it
depends on, plus their blockers, transitively) in proportion to their durations, equally if
all are zero. So a goal's CoD is counted once, and every package of a goal carries the goal's
CD3 (CoD ÷ total duration), which keeps a goal's work together in the sequence. A risk's CoD
is its expected loss per week, else DEFAULT_RISK_LOSS of its worst severity (flagged).
Deadline: the earliest of its goals' deadlines and its open items' due dates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from assistant.domain import Backlog, BacklogItem, Context, Goal
from assistant.facts.money import team_of
from assistant.facts.provenance import Assumption, Ledger, Notice
from assistant.facts.risks import Risk
from assistant.roadmap.models import WorkPackage
from assistant.roadmap.notes import english, note

UNASSIGNED = "unassigned"
DEFAULT_ITEM_DAYS = 3.0  # person-days of an item with neither estimate nor usable points
DEFAULT_RISK_LOSS = {"critical": 5000.0, "high": 2000.0, "medium": 500.0, "low": 100.0}


@dataclass(frozen=True)
class Knobs:
    """Multipliers on the assumptions, 1.0 for the plan; sensitivity varies them by ±30%."""

    day_rate: float = 1.0
    sprint_weeks: float = 1.0
    velocity: float = 1.0
    default_size: float = 1.0
    risk_loss: float = 1.0
    goal_cod: float = 1.0


@dataclass
class PackageSet:
    packages: list[WorkPackage]
    item_days: dict[str, float] = field(default_factory=dict)  # open item -> person-days
    item_titles: dict[str, str] = field(default_factory=dict)  # open item -> title
    crew: dict[str, tuple[float, float | None]] = field(default_factory=dict)  # people, rate
    warnings: list[str] = field(default_factory=list)
    notes: list[Notice] = field(default_factory=list)

    def warn(self, notice: Notice) -> None:
        self.notes.append(notice)
        self.warnings.append(english(notice))


def root_of(item: BacklogItem, backlog: Backlog) -> str:
    """The top-most ancestor present in the backlog (cycles stop where they loop)."""
    seen = {item.key}
    while item.parent and (parent := backlog.get(item.parent)) and parent.key not in seen:
        seen.add(parent.key)
        item = parent
    return item.key


def crew_of(context: Context, knobs: Knobs) -> dict[str, tuple[float, float | None]]:
    """People and day rate per team name, with the default team for unassigned work."""
    crew: dict[str, tuple[float, float | None]] = {
        t.name: (t.people, t.day_rate * knobs.day_rate) for t in context.teams
    }
    n = len(context.teams)
    crew[UNASSIGNED] = (
        (sum(t.people for t in context.teams) / n, sum(t.day_rate for t in context.teams) / n
         * knobs.day_rate) if n else (1.0, None)
    )  # fmt: skip
    return crew


def build_packages(
    context: Context,
    goals: list[Goal],
    backlog: Backlog,
    risks: list[Risk],
    ledger: Ledger,
    knobs: Knobs = Knobs(),
) -> PackageSet:
    """Every candidate package, in backlog order then risk order (the naive order)."""
    result = PackageSet(packages=[], crew=crew_of(context, knobs))
    days_per_point = _days_per_point(context, knobs)
    trees: dict[str, list[BacklogItem]] = defaultdict(list)
    for item in backlog.items.values():
        if not item.done:
            trees[root_of(item, backlog)].append(item)
    roots = [key for key in backlog.items if key in trees]
    root_key = {item.key: root for root in roots for item in trees[root]}
    defaulted: list[str] = []
    drafts: dict[str, dict] = {}
    for root in roots:
        members = trees[root]
        counted = [m for m in members if m.key != root] or members
        for m in counted:
            result.item_days[m.key] = _item_days(m, days_per_point, knobs, defaulted)
            result.item_titles[m.key] = m.title
        found = team_of(backlog.items[root], backlog, context) or next(
            (t for m in members if (t := team_of(m, backlog, context))), None
        )
        team = found[0].name if found else UNASSIGNED
        blockers = {root_key[b] for m in members for b in m.blocked_by if b in root_key}
        dues = [m.due for m in members if m.due]
        drafts[root] = {
            "kind": "epic" if backlog.items[root].is_epic or len(members) > 1 else "item",
            "title": backlog.items[root].title,
            "team": team,
            "effort": sum(result.item_days[m.key] for m in counted),
            "source": _size_source(counted, result.item_days, defaulted),
            "blocked_by": tuple(sorted(blockers - {root})),
            "deadline": min(dues) if dues else None,
            "items": tuple(m.key for m in members),
        }
    if defaulted:
        ledger.assume(Assumption(id="roadmap.default_item_days",
                                 params={"days": DEFAULT_ITEM_DAYS * knobs.default_size,
                                         "items": len(defaulted)}))  # fmt: skip
        result.warn(note("default_item_days", items=len(defaulted),
                         days=DEFAULT_ITEM_DAYS * knobs.default_size))  # fmt: skip
    if unassigned := sum(d["team"] == UNASSIGNED for d in drafts.values()):
        result.warn(note("unassigned", packages=unassigned))
    for draft in drafts.values():
        people = result.crew[draft["team"]][0]
        draft["weeks"] = draft["effort"] / people / context.working_days_per_week
    shares = _goal_shares(goals, drafts, root_key, knobs, result)
    for root, d in drafts.items():
        rate = result.crew[d["team"]][1]
        served = shares.get(root, {})
        deadlines = [g.deadline for g in goals if g.id in served and g.deadline]
        deadlines += [d["deadline"]] if d["deadline"] else []
        result.packages.append(WorkPackage(
            id=root, kind=d["kind"], title=d["title"], team=d["team"], size_weeks=d["weeks"],
            size_source=d["source"], effort_person_days=d["effort"],
            cost=d["effort"] * rate if rate else None,
            cost_of_delay_per_week=sum(served.values()), goals=tuple(served),
            blocked_by=d["blocked_by"], deadline=min(deadlines) if deadlines else None,
            fixed_deadline=d["deadline"],
            items=d["items"],
        ))  # fmt: skip
    result.packages += [_risk_package(r, context, result, ledger, knobs) for r in risks]
    return result


def _days_per_point(context: Context, knobs: Knobs) -> float | None:
    if not context.velocity_points_per_sprint or not context.teams:
        return None
    people = sum(t.people for t in context.teams)
    sprint = context.sprint_weeks * knobs.sprint_weeks
    velocity = context.velocity_points_per_sprint * knobs.velocity
    return people * context.working_days_per_week * sprint / velocity


def _item_days(
    item: BacklogItem, per_point: float | None, knobs: Knobs, defaulted: list[str]
) -> float:
    if item.estimate_days is not None:
        return item.estimate_days
    if item.points is not None and per_point is not None:
        return item.points * per_point
    defaulted.append(item.key)
    return DEFAULT_ITEM_DAYS * knobs.default_size


def _size_source(members: list[BacklogItem], days: dict[str, float], defaulted: list[str]) -> str:
    """The source of most of the effort: 'estimate', 'points' or 'default' (flagged)."""
    weight: dict[str, float] = defaultdict(float)
    for m in members:
        kind = "estimate" if m.estimate_days is not None else "default"
        kind = "points" if kind == "default" and m.key not in defaulted else kind
        weight[kind] += days[m.key] or 1e-9
    return max(sorted(weight), key=lambda k: weight[k])


def _goal_shares(
    goals: list[Goal],
    drafts: dict[str, dict],
    root_key: dict[str, str],
    knobs: Knobs,
    result: PackageSet,
) -> dict[str, dict[str, float]]:
    """package -> {goal: share of the goal's CoD}: pro rata of duration (see module doc)."""
    shares: dict[str, dict[str, float]] = defaultdict(dict)
    for goal in goals:
        needed = {root_key[k] for k in goal.depends_on if k in root_key}
        stack = list(needed)
        while stack:
            for blocker in drafts[stack.pop()]["blocked_by"]:
                if blocker not in needed:
                    needed.add(blocker)
                    stack.append(blocker)
        if not needed:
            result.warn(note("goal_without_work", goal=goal.id))
            continue
        total = sum(drafts[p]["weeks"] for p in sorted(needed))  # one order: same float sum
        cod = goal.cost_of_delay_per_week * knobs.goal_cod
        for p in sorted(needed):
            part = drafts[p]["weeks"] / total if total else 1 / len(needed)
            shares[p][goal.id] = cod * part
    return shares


def _risk_package(
    risk: Risk, context: Context, pset: PackageSet, ledger: Ledger, knobs: Knobs
) -> WorkPackage:
    team = risk.team if risk.team in pset.crew else UNASSIGNED
    people, rate = pset.crew[team]
    loss = risk.expected_loss_per_week
    if loss is None:
        worst = next((str(s) for s, n in risk.counts.items() if n), "low")
        loss = DEFAULT_RISK_LOSS.get(worst, 0.0)
        ledger.assume(Assumption(id="roadmap.default_risk_loss", params=DEFAULT_RISK_LOSS))
        pset.warn(
            note(
                "risk_default_loss",
                risk=risk.id,
                loss=loss * knobs.risk_loss,
                currency=context.currency,
            )
        )
    return WorkPackage(
        id=risk.id, kind="risk", title=risk.title_in("en"), team=team,  # JSON's and logs' language
        size_weeks=risk.effort_days / people / context.working_days_per_week,
        size_source="effort", effort_person_days=risk.effort_days,
        cost=risk.effort_days * rate if rate else None,
        cost_of_delay_per_week=loss * knobs.risk_loss,
    )  # fmt: skip
