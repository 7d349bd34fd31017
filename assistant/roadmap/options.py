"""Priced alternatives for the committee: every candidate run through the same scheduler and
the same cost model, the cheapest recommended.

Candidates (each a priority order, optionally extra capacity, and its spend):
- `cd3`, `wsjf`, `rice`: the order of that method's scores, late fixed deadlines moved up;
- `deadline_first`: earliest deadline first (then CD3);
- `naive`: backlog order;
- `risks_first`: the critical risks (else the high ones) first, then CD3;
- `contractor`: one contractor for CONTRACTOR_WEEKS on a team of the top goal's (highest CoD
  per week) critical chain, the one where the scheduler finds it cheapest in total (the team
  that finishes the goal last on a tie); spend = the team's day rate × working days; the team
  works (people + 1) ÷ people times faster meanwhile;
- `capacity`: when goals miss their target (deadline, else the horizon's end), the people
  added along the late goals' critical chains until the scheduler meets them (`size_capacity`,
  at most MAX_EXTRA_SHARE more people per team), priced at the teams' day rates; when no
  amount within that bound meets them, `capacity_short`, which says so;
- `cut_scope`: drop the largest open item of the top goal that blocks nothing. The value of
  the dropped work is not priced, so it is shown apart and never ranked.

Cost model: total = spend + Σ CoD per week × finish week, both rounded to whole currency units
(the rounding the outputs print) before they are compared or subtracted, so a displayed
difference is always the difference of the displayed figures. The recommendation is the
comparable candidate with the lowest total; candidates of equal total are said equal (same
sequence, or same total by another sequence); ties go to the earlier candidate above.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.domain import Goal
from assistant.lang import worded
from assistant.localized import Localized, localized
from assistant.roadmap.models import CapacityGap, Option, WorkPackage, round_money
from assistant.roadmap.packages import UNASSIGNED, PackageSet
from assistant.roadmap.scheduling import (
    Capacity,
    Schedule,
    critical_chains,
    merge,
    milestones,
    schedule,
    sequence,
    total_cost_of_delay,
)

CONTRACTOR_WEEKS = 12.0
MAX_EXTRA_SHARE = 1.0  # "add capacity" adds at most this share of a team's people: doubles it
MAX_SIZING_ROUNDS = 60  # re-schedulings of the capacity sizing, at most (each one step)
UNPRICED = {"cut_scope"}  # the value of what is cut is unknown: the committee judges it
ORDER_TITLES = {  # each option's title: a phrase of the `roadmap` block of the phrase files
    "cd3": "option_cd3",
    "wsjf": "option_wsjf",
    "rice": "option_rice",
    "deadline_first": "option_deadline_first",
}


def _say(key: str, **params: object) -> Localized:
    """The phrase `key` of prompts/phrases.<lang>.v1.yaml's `roadmap` block, in every language
    that has its phrases (plurals through `<name>_many`)."""
    from assistant.roadmap.notes import sentence

    return {lang: sentence(lang, key, **params) for lang in worded()}


def _each(word: Callable[[str], str]) -> Localized:
    """`word(lang)` in every language that has its phrases."""
    return {lang: word(lang) for lang in worded()}


money_round = round_money


@dataclass
class Candidate:
    id: str
    title: Localized
    spend: float
    order: list[str]
    packages: list[WorkPackage]
    boost: Capacity = field(default_factory=dict)  # the option's own extra capacity
    plan: Schedule | None = None
    cod: float = 0.0
    world: Capacity = field(default_factory=dict)  # the reported staffing changes, for all
    short: Localized = field(default_factory=dict)  # why a capacity option does not close
    # the gap, when it does not

    @property
    def total(self) -> float:
        return money_round(self.spend) + money_round(self.cod)


def evaluate(candidate: Candidate) -> Candidate:
    capacity = merge(candidate.world, candidate.boost)
    candidate.plan = schedule(candidate.packages, candidate.order, boost=capacity)
    candidate.cod = total_cost_of_delay(candidate.packages, candidate.plan.finish_week)
    return candidate


def target_week(
    goal: Goal, *, start: dt.date, horizon_weeks: float, offset_weeks: float = 0.0
) -> float:
    """The week a goal's work must be done by: its deadline if within the horizon, else the
    horizon; less the weeks the announced plan adds after the work (`offset_weeks`)."""
    if goal.deadline:
        return min(horizon_weeks, (goal.deadline - start).days / 7) - offset_weeks
    return horizon_weeks - offset_weeks


def capacity_gap(
    goals: list[Goal],
    packages: list[WorkPackage],
    plan: Schedule,
    crew: dict[str, tuple[float, float | None]],
    *,
    start: dt.date,
    horizon_weeks: float,
    offsets: dict[str, float] | None = None,
) -> CapacityGap | None:
    """The person-weeks of goal work the plan finishes after the goal's target, per team.

    For each goal that misses its target, every package it needs (its own and their blockers)
    contributes team people × the part of its run past the target; a package counts once, at
    the earliest target of the goals it serves."""
    by_id = {p.id: p for p in packages}
    targets: dict[str, float] = {}
    late_goals = []
    for goal in goals:
        served = [p for p in packages if goal.id in p.goals]
        if not served:
            continue
        due = target_week(goal, start=start, horizon_weeks=horizon_weeks,
                          offset_weeks=(offsets or {}).get(goal.id, 0.0) / 7)  # fmt: skip
        if max(plan.finish_week[p.id] for p in served) <= due + 1e-9:
            continue
        late_goals.append(goal.id)
        for p in served:
            targets[p.id] = min(targets.get(p.id, math.inf), due)
    if not late_goals:
        return None
    per_team: dict[str, float] = {}
    for pid, due in targets.items():
        p = by_id[pid]
        team = p.team or UNASSIGNED
        people = crew.get(team, (1.0, None))[0]
        begin, end = plan.start_week[pid], plan.finish_week[pid]
        past = max(0.0, end - max(begin, due))
        if past > 0:
            per_team[team] = per_team.get(team, 0.0) + people * past
    window = max(min(targets.values()), 1.0)
    if not per_team:
        return None
    return CapacityGap(
        goals=tuple(late_goals),
        people_weeks=round(sum(per_team.values()), 1),
        per_team={t: round(v, 1) for t, v in sorted(per_team.items())},
        window_weeks=round(window, 1),
    )


def build_options(
    pset: PackageSet,
    goals: list[Goal],
    orders: dict[str, list[str]],
    naive: list[str],
    *,
    critical_risks: list[str],
    start: dt.date,
    horizon_weeks: float,
    working_days_per_week: float,
    currency: str,
    method: str = "cd3",
    world: Capacity | None = None,
    offsets: dict[str, int] | None = None,
) -> tuple[list[Option], Candidate, CapacityGap | None]:
    """Every option, the recommended candidate (its schedule drives the plan) and the gap.

    `world`: the reported staffing changes, in every candidate's capacity; `offsets`: days
    added to a goal's capacity date (the plan anchored on what the latest brief announced)."""
    packages = pset.packages
    priority = orders[method]
    world = world or {}
    offsets = offsets or {}

    def make(cid: str, title: Localized, order: list[str], spend: float = 0.0,
             pkgs: list[WorkPackage] | None = None, boost=None) -> Candidate:  # fmt: skip
        return evaluate(Candidate(cid, title, spend, order, pkgs or packages, boost or {},
                                  world=world))  # fmt: skip

    candidates = [make(m, _say(ORDER_TITLES[m]), order) for m, order in orders.items()]
    candidates.sort(key=lambda c: c.id != method)  # the chosen method's order first
    candidates.append(make("naive", _say("option_naive"), naive))
    if critical_risks:
        first = critical_risks + [p for p in priority if p not in critical_risks]
        candidates.append(make("risks_first", _say("option_risks_first"), first))
    base = candidates[0].plan
    assert base is not None
    top = max(goals, key=lambda g: (g.cost_of_delay_per_week, g.id), default=None)
    served = [p for p in packages if top and top.id in p.goals]
    apart: list[Candidate] = []
    if served:
        last = max(served, key=lambda p: (base.finish_week[p.id], p.id))
        [chain] = critical_chains(packages, base, [last.id]).values()
        by_id = {p.id: p for p in packages}
        trials = []
        for team in dict.fromkeys(by_id[pid].team or "" for pid in reversed(chain)):
            people, rate = pset.crew.get(team, (0.0, None))
            if rate and people:
                days = CONTRACTOR_WEEKS * working_days_per_week
                trials.append(make(
                    "contractor",
                    _say("option_contractor", team=team, weeks=CONTRACTOR_WEEKS),
                    priority, days * rate,
                    boost={team: ((0.0, CONTRACTOR_WEEKS, 1 / people),)},
                ))  # fmt: skip
        if trials:  # on the team of the top goal's chain where it saves the most
            candidates.append(min(trials, key=lambda c: c.total))
        if cut := _cut_candidate(served, pset):
            pid, key = cut
            pkgs = [_without(p, key, pset, working_days_per_week) if p.id == pid else p
                    for p in packages]  # fmt: skip
            title = _title_of(pset, key)
            apart.append(make("cut_scope", _say("option_cut_scope", title=title), priority,
                              pkgs=pkgs))  # fmt: skip
    gap = capacity_gap(goals, packages, base, pset.crew, start=start, horizon_weeks=horizon_weeks,
                       offsets=offsets)  # fmt: skip
    if gap is not None:
        targets = {
            g.id: target_week(g, start=start, horizon_weeks=horizon_weeks,
                              offset_weeks=offsets.get(g.id, 0) / 7)
            for g in goals if any(g.id in p.goals for p in packages)
        }  # fmt: skip
        closing = _closing_capacity(goals, targets, pset, priority, working_days_per_week,
                                    world, start, offsets)  # fmt: skip
        if closing is not None:
            candidates.append(closing)
    missed = [_missed(c, start) for c in candidates]
    fewest = min(missed)
    late = [c for c, m in zip(candidates, missed, strict=True) if m > fewest]
    candidates = [c for c, m in zip(candidates, missed, strict=True) if m == fewest]
    best = min(range(len(candidates)), key=lambda i: (candidates[i].total, i))
    options = _describe(candidates, best, currency, goals, start, offsets)
    options += [_apart(c, candidates[best], currency, goals, start, offsets, late=True)
                for c in late]  # fmt: skip
    options += [_apart(c, candidates[best], currency, goals, start, offsets) for c in apart]
    return options, candidates[best], gap


@dataclass
class Sizing:
    """The people a capacity option adds, per team, for `weeks` from the start, and what the
    scheduler makes of them: `late` the goals still past their target, with their chains."""

    added: dict[str, int]
    weeks: float
    plan: Schedule
    late: list[str]
    chains: dict[str, list[str]]
    capped: set[str]  # teams of the chains at the bound (a team without a day rate has none)

    @property
    def closes(self) -> bool:
        return not self.late


def size_capacity(
    packages: list[WorkPackage],
    priority: list[str],
    crew: dict[str, tuple[float, float | None]],
    targets: dict[str, float],
    *,
    world: Capacity | None = None,
    max_rounds: int = MAX_SIZING_ROUNDS,
) -> Sizing | None:
    """People to add along the chains of the late goals until the scheduler meets every target
    (`targets`: goal -> week its work must be done by).

    Each round schedules the plan with the people added so far, finds each late goal's
    critical chain (`critical_chains`: the packages whose runs set its finish, dependencies and
    the team's earlier work included; a team that only waits has none on it), and tries one
    more step of people (a tenth of the team, at least one) on each team of the chains, keeping
    the one that cuts the goals' total lateness most (the cheaper on a tie; all of them at once
    when none does alone). A team gets at most MAX_EXTRA_SHARE of its people more, a team
    without a day rate none; it stops when the goals are met, when no step gains, or after
    `max_rounds`. When it meets them, steps that are no longer needed are taken back. The
    people stay from the start to the latest target of the goals late without them."""
    world = world or {}
    served: dict[str, list[str]] = {}
    for p in packages:
        for g in p.goals:
            if g in targets:
                served.setdefault(g, []).append(p.id)
    by_id = {p.id: p for p in packages}

    def finish(plan: Schedule, goal: str) -> float:
        return max(plan.finish_week[pid] for pid in served[goal])

    def run(added: dict[str, int]) -> Schedule:
        boost = {t: ((0.0, weeks, n / crew[t][0]),) for t, n in added.items() if n}
        return schedule(packages, order, boost=merge(world, boost), sequenced=True)

    def lateness(plan: Schedule) -> float:
        return sum(max(0.0, finish(plan, g) - targets[g]) for g in served)

    def late_of(plan: Schedule) -> list[str]:
        return [g for g in served if finish(plan, g) > targets[g] + 1e-9]

    order, _ = sequence(packages, priority)  # the same sequence for every run
    first = schedule(packages, order, boost=world, sequenced=True)
    late = late_of(first)
    if not late:
        return None
    weeks = max(targets[g] for g in late)
    if weeks <= 1e-9:
        return None  # the targets are already past: no capacity from now meets them
    bound = {t: max(1, math.floor(people * MAX_EXTRA_SHARE + 1e-9))
             for t, (people, rate) in crew.items() if rate and people}  # fmt: skip
    step = {t: max(1, int(crew[t][0] // 10)) for t in bound}

    def cost(team: str, n: int) -> float:
        return n * (crew[team][1] or 0.0)

    def chains_of(plan: Schedule, goals: list[str]) -> dict[str, list[str]]:
        lasts = {g: max(served[g], key=lambda pid: (plan.finish_week[pid], pid)) for g in goals}
        chains = critical_chains(packages, plan, list(dict.fromkeys(lasts.values())))
        return {g: chains[last] for g, last in lasts.items()}

    added: dict[str, int] = {}
    plan = first
    for _ in range(max_rounds):
        late = late_of(plan)
        if not late:
            break
        teams = dict.fromkeys(by_id[pid].team or UNASSIGNED
                              for chain in chains_of(plan, late).values() for pid in chain)  # fmt: skip
        room = [t for t in teams if t in bound and added.get(t, 0) < bound[t]]
        if not room:
            break
        now = lateness(plan)
        trials = []
        for t in room:
            more = {**added, t: min(bound[t], added.get(t, 0) + step[t])}
            trial = run(more)
            trials.append((now - lateness(trial), -cost(t, more[t] - added.get(t, 0)), t, more,
                           trial))  # fmt: skip
        gain, _, _, more, trial = max(trials, key=lambda x: x[:3])
        if gain <= 1e-9 and len(room) > 1:
            more = {**added, **{t: min(bound[t], added.get(t, 0) + step[t]) for t in room}}
            trial = run(more)
            gain = now - lateness(trial)
        if gain <= 1e-9:
            break
        added, plan = more, trial
    if not late_of(plan):  # take back the steps the others made unneeded, dearest first
        for t in sorted(added, key=lambda t: (-(crew[t][1] or 0.0), t)):
            while added[t] > 0:
                fewer = {**added, t: max(0, added[t] - step[t])}
                trial = run(fewer)
                if late_of(trial):
                    break
                added, plan = fewer, trial
    added = {t: n for t, n in sorted(added.items()) if n}
    plan = run(added)  # what is reported is what the scheduler makes of the people added
    late = late_of(plan)
    chains = chains_of(plan, late)
    on_chains = {by_id[pid].team or UNASSIGNED for chain in chains.values() for pid in chain}
    capped = {t for t in on_chains if t in bound and added.get(t, 0) >= bound[t]}
    return Sizing(added, weeks, plan, late, chains, capped)


def _closing_capacity(
    goals: list[Goal], targets: dict[str, float], pset: PackageSet, priority: list[str],
    wdpw: float, world: Capacity, start: dt.date, offsets: dict[str, int],
) -> Candidate | None:  # fmt: skip
    """The capacity option sized by `size_capacity`, priced at the teams' day rates for its
    weeks; when no people within the bound meet the goals, it says so and is not the option
    that closes the gap (id `capacity_short`)."""
    sizing = size_capacity(pset.packages, priority, pset.crew, targets, world=world)
    if sizing is None or not sizing.added:
        return None
    from assistant.roadmap.notes import sentence

    window = sizing.weeks
    boost: Capacity = {}
    spend = 0.0
    for team, extra in sizing.added.items():
        people, rate = pset.crew[team]
        boost[team] = ((0.0, window, extra / people),)
        spend += extra * window * wdpw * (rate or 0.0)

    def title(lang: str) -> str:
        parts = [sentence(lang, "option_capacity_part", people=extra, team=_team(team, lang))
                 for team, extra in sizing.added.items()]  # fmt: skip
        return sentence(lang, "option_capacity", parts=", ".join(parts), weeks=round(window, 1))

    candidate = evaluate(Candidate(
        "capacity" if sizing.closes else "capacity_short", _each(title),
        spend, priority, pset.packages, boost, world=world,
    ))  # fmt: skip
    assert candidate.plan is not None
    if candidate.plan.finish_week != sizing.plan.finish_week:  # pragma: no cover
        raise AssertionError("the capacity option's schedule differs from its sizing's")
    if not sizing.closes:
        candidate.short = _each(
            lambda lang: _short(sizing, candidate, goals, pset, start, offsets, lang)
        )
    return candidate


def _short(
    sizing: Sizing, c: Candidate, goals: list[Goal], pset: PackageSet, start: dt.date,
    offsets: dict[str, int], lang: str,
) -> str:  # fmt: skip
    """Why the capacity option does not close the gap: the goals still late, their dates, and
    the chain each waits on."""
    from assistant.narration.formatting import format_date
    from assistant.roadmap.notes import sentence

    by_id = {p.id: p for p in pset.packages}
    dates = _dates(c, goals, start, offsets)
    titles = {g.id: g for g in goals}
    parts = []
    for g in sizing.late:
        goal = titles[g]
        runs: list[tuple[str, list[str]]] = []  # the chain's consecutive packages per team
        for pid in sizing.chains[g]:
            team = by_id[pid].team or UNASSIGNED
            if not runs or runs[-1][0] != team:
                runs.append((team, []))
            runs[-1][1].append(by_id[pid].title_in(lang).rstrip(". "))
        steps = [sentence(lang, "capacity_chain_step", package=", ".join(names),
                          team=_team(team, lang)) for team, names in runs]  # fmt: skip
        date = dates.get(g)
        parts.append(sentence(
            lang, "capacity_goal_still_late", goal=goal.title_in(lang),
            date=format_date(date, lang) if date else "",
            deadline=format_date(goal.deadline, lang) if goal.deadline else "",
            chain=sentence(lang, "capacity_chain_then").join(steps),
        ))  # fmt: skip
    capped = [_team(t, lang) for t in sorted(sizing.capped)]
    return sentence(
        lang, "capacity_short", doubling=MAX_EXTRA_SHARE == 1.0,
        goals=sentence(lang, "capacity_goals_join").join(parts),
        capped=", ".join(capped), capped_count=len(capped),
    )  # fmt: skip


def _team(team: str, lang: str) -> str:
    if team == UNASSIGNED:
        from assistant.roadmap.notes import sentence

        return sentence(lang, "default_team")
    return team


def _title_of(pset: PackageSet, key: str) -> str:
    return pset.item_titles.get(key, key).rstrip(". ")


def _dates(
    c: Candidate, goals: list[Goal], start: dt.date, offsets: dict[str, int] | None = None
) -> dict[str, dt.date | None]:
    """Each goal's date: its last package's finish, plus the goal's offset (the days the
    announced plan puts after the capacity plan of the backlog order)."""
    assert c.plan is not None
    offsets = offsets or {}
    return {
        m.goal: m.planned + dt.timedelta(days=offsets.get(m.goal, 0)) if m.planned else None
        for m in milestones(goals, c.packages, c.plan, start=start)
    }


def _describe(
    candidates: list[Candidate], best: int, currency: str, goals: list[Goal], start: dt.date,
    offsets: dict[str, int] | None = None,
) -> list[Option]:  # fmt: skip
    """Options with their reasons in both languages; amounts in each language's format."""
    from assistant.narration.formatting import format_money
    from assistant.roadmap.notes import sentence

    def money(value: float, lang: str) -> str:
        return format_money(value, currency, lang)

    winner = candidates[best]
    equal = [c for i, c in enumerate(candidates) if i != best and c.total == winner.total]
    others = sorted(c.total for i, c in enumerate(candidates) if c.total > winner.total)

    def reason(c: Candidate, i: int, same: list[Candidate], lang: str) -> str:
        if i == best:
            if others:
                text = sentence(lang, "reason_best", total=money(c.total, lang),
                                next=money(others[0], lang))  # fmt: skip
            else:
                text = sentence(lang, "reason_best_alone", total=money(c.total, lang))
            if equal:
                text += " " + _equal(c, equal, lang)
        elif same:
            text = _equal(c, same, lang)
        else:
            text = sentence(lang, "reason_costs_more", gap=money(c.total - winner.total, lang))
        return f"{c.short[lang]} {text}" if c.short.get(lang) else text

    result = []
    for i, c in enumerate(candidates):
        assert c.plan is not None
        same = [o for o in candidates if o is not c and o.total == c.total]
        result.append(Option(
            id=c.id, title=c.title, cost=money_round(c.spend),
            cost_of_delay=money_round(c.cod), total=c.total,
            goal_dates=_dates(c, goals, start, offsets), recommended=i == best, comparable=True,
            equal_to=[o.id for o in same],
            reason={lang: reason(c, i, same, lang) for lang in worded()},
        ))  # fmt: skip
    return result


def _same_sequence(a: Candidate, b: Candidate) -> bool:
    assert a.plan is not None and b.plan is not None
    return a.plan.order == b.plan.order and a.boost == b.boost and a.spend == b.spend


def _equal(c: Candidate, same: list[Candidate], lang: str) -> str:
    from assistant.roadmap.notes import sentence

    names = ", ".join(localized(o.title, lang) for o in same)
    key = "reason_equal_same" if all(_same_sequence(c, o) for o in same) else "reason_equal_other"
    return sentence(lang, key, names=names)


def _missed(c: Candidate, start: dt.date) -> int:
    """How many fixed deadlines (items' due dates: contract, law) the schedule misses; a goal's
    deadline is priced by its cost of delay instead."""
    assert c.plan is not None
    return sum(
        1 for p in c.packages if p.fixed_deadline
        and c.plan.finish_week[p.id] > (p.fixed_deadline - start).days / 7 + 1e-9
    )  # fmt: skip


def _apart(
    c: Candidate, best: Candidate, currency: str, goals: list[Goal], start: dt.date,
    offsets: dict[str, int] | None = None, late: bool = False,
) -> Option:  # fmt: skip
    """An option whose figures are not comparable: shown apart with the caveat, not ranked."""
    from assistant.roadmap.notes import sentence

    if late:
        key = "reason_misses_fixed"
        return Option(
            id=c.id, title=c.title, cost=money_round(c.spend),
            cost_of_delay=money_round(c.cod), total=c.total, goal_dates=_dates(c, goals, start, offsets),
            recommended=False, comparable=False,
            reason=_each(lambda lang: f"{c.short.get(lang, '')} {sentence(lang, key)}".lstrip()),
        )  # fmt: skip
    return Option(
        id=c.id, title=c.title, cost=money_round(c.spend),
        cost_of_delay=money_round(c.cod), total=c.total, goal_dates=_dates(c, goals, start, offsets),
        recommended=False, comparable=False, reason=_say("reason_cut_scope"),
    )  # fmt: skip


def _cut_candidate(served: list[WorkPackage], pset: PackageSet) -> tuple[str, str] | None:
    blocking = {b for p in pset.packages for b in p.blocked_by}
    candidates = [
        (pset.item_days.get(key, 0.0), p.id, key)
        for p in served if p.kind != "risk" and p.id not in blocking
        for key in p.items if key != p.id and key in pset.item_days
    ]  # fmt: skip
    if not candidates:
        return None
    _, pid, key = max(candidates, key=lambda c: (c[0], c[2]))
    return pid, key


def _without(p: WorkPackage, key: str, pset: PackageSet, wdpw: float) -> WorkPackage:
    days = pset.item_days[key]
    people = pset.crew.get(p.team or "", (1.0, None))[0]
    effort = max(0.0, (p.effort_person_days or 0.0) - days)
    return p.model_copy(update={
        "size_weeks": max(0.0, p.size_weeks - days / people / wdpw),
        "effort_person_days": effort,
        "items": tuple(k for k in p.items if k != key),
    })  # fmt: skip
