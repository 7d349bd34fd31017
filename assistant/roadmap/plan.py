"""The roadmap plan: packages, priorities, schedule, forecast, options and sensitivity in one
`RoadmapPlan`, every number also a Figure in its ledger. Pure: `start` and the forecast are
passed in, nothing reads a clock or a file."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import Any

from assistant.domain import Backlog, Context, Goal
from assistant.facts.provenance import Figure, FigureInput, Ledger, Notice, fmt_number
from assistant.facts.risks import finding_title, group_risks
from assistant.lang import worded
from assistant.roadmap.models import (
    Baseline,
    Forecast,
    Method,
    Milestone,
    Option,
    RoadmapPlan,
    Scenario,
    ScheduledPackage,
    Score,
    StaffingChange,
    WorkPackage,
    round_money,
)
from assistant.roadmap.notes import english, note
from assistant.roadmap.options import build_options
from assistant.roadmap.packages import build_packages
from assistant.roadmap.priorities import score_packages
from assistant.roadmap.scheduling import (
    Capacity,
    carry_delays,
    deadline_first,
    honour_deadlines,
    merge,
    milestones,
    schedule,
    scheduled_packages,
    total_cost_of_delay,
)
from assistant.roadmap.sensitivity import sensitivity
from assistant.roadmap.world import ClaimView, staffing_changes

ForecastFn = Callable[..., tuple[Forecast, list[Milestone]]]
METHODS: tuple[Method, ...] = ("cd3", "wsjf", "rice")


def build_plan(
    context: Context,
    goals: Sequence[Goal],
    backlog: Backlog,
    findings: Sequence[Any] = (),
    *,
    start: dt.date,
    horizon_weeks: float = 26,
    method: Method = "cd3",
    forecast: ForecastFn | None = None,
    seed: int = 0,
    trials: int = 10_000,
    baseline: Baseline | None = None,
) -> RoadmapPlan:
    """The plan; with `baseline` (the latest brief), its reported slips lengthen their packages,
    its staffing news change capacity from their dates, its conditional risks become scenarios,
    and the goals it moved are anchored on the dates it announced."""
    goals = list(goals)
    ledger = Ledger()
    risks = group_risks(findings, context, backlog, goals, ledger) if findings else []
    pset = build_packages(context, goals, backlog, risks, ledger)
    names = {r.id: {lang: finding_title(r, findings, lang) for lang in worded()} for r in risks}
    pset.packages = [p.model_copy(update={"titles": names[p.id]}) if p.id in names else p
                     for p in pset.packages]  # fmt: skip
    if baseline is not None and baseline.delays:
        pset.packages = carry_delays(pset.packages, baseline.delays)
    packages = pset.packages
    warnings = list(backlog.warnings) + pset.warnings
    notes = [note("input_warnings", count=len(backlog.warnings))] if backlog.warnings else []
    notes += pset.notes
    claims = [ClaimView.of(c) for c in baseline.claims] if baseline is not None else []
    staffing, said = staffing_changes(claims, context, backlog, start=start)
    notes += [note(code, **params) for code, params in said]
    staffing = [_people_weeks(c, start, horizon_weeks) for c in staffing]
    world = capacity_of(staffing, pset.crew, start)
    scores = [
        s
        for m in METHODS
        for s in score_packages(packages, m, start=start, horizon_weeks=horizon_weeks)
    ]
    ranked = {m: [s.package for s in scores if s.method == m] for m in METHODS}
    naive = [p.id for p in packages]
    orders: dict[str, list[str]] = {}
    moved: list[str] = []
    for m in dict.fromkeys((method, "cd3", "wsjf")):
        orders[m], moves = honour_deadlines(packages, ranked[m], start=start, boost=world)
        moved = moves if m == method else moved
    orders["deadline_first"] = deadline_first(packages, ranked["cd3"])
    notes += [note("deadline_moved", package=pid) for pid in moved]
    critical = [r.id for r in risks if r.counts.get("critical")] or [
        r.id for r in risks if r.counts.get("high")
    ]  # fmt: skip
    offsets, capacity_dates, current_dates = _offsets(baseline, goals, packages, naive, start)
    options, winner, gap = build_options(
        pset, goals, orders, naive, critical_risks=critical, start=start,
        horizon_weeks=horizon_weeks, working_days_per_week=context.working_days_per_week,
        currency=context.currency, method=method, world=world, offsets=offsets,
    )  # fmt: skip
    if baseline is not None:
        options = [_current(baseline, options, current_dates), *options]
    plan = winner.plan
    assert plan is not None
    packages = winner.packages
    naive_plan = schedule(packages, naive, boost=world)
    warnings += plan.warnings
    notes += [note("cycle", package=w.split()[3].rstrip(":")) for w in plan.warnings
              if w.startswith("dependency cycle through ")]  # fmt: skip
    dated = scheduled_packages(packages, plan, start=start, horizon_weeks=horizon_weeks)
    stones = milestones(goals, packages, plan, start=start)
    if forecast is None:
        fc = Forecast(
            method="capacity_plan",
            confidence="low",
            reason="no forecast function given: dates are the capacity plan's.",
        )
    else:
        fc, stones = forecast(backlog, dated, stones, start=start, seed=seed, trials=trials)
    stones = [_anchor(m, offsets, baseline) for m in stones]
    recommended = total_cost_of_delay(packages, plan.finish_week)
    capacity = merge(world, winner.boost)
    staffing_cod = None
    if staffing:
        alone = schedule(packages, plan.order, boost=winner.boost)
        staffing_cod = round_money(recommended) - round_money(
            total_cost_of_delay(packages, alone.finish_week)
        )
    scenarios = [
        _scenario(c, packages, plan.order, capacity, recommended, goals, stones, offsets,
                  pset.crew, context, start)
        for c in claims if c.kind == "risk"
    ]  # fmt: skip
    rows = sensitivity(context, goals, backlog, risks, method=method, start=start,
                       horizon_weeks=horizon_weeks, order=plan.order, base=recommended,
                       delays=baseline.delays if baseline else None, boost=capacity)  # fmt: skip
    naive_total = total_cost_of_delay(packages, naive_plan.finish_week)
    notes += _lacks(context, goals, packages, stones)
    reasons = _reconcile(stones, capacity_dates)
    notes += reasons
    for n in reasons:  # the numbers of the reason lines are figures too
        goal = n.params["goal"]
        ledger.add(Figure(id=f"roadmap.goal.{goal}.capacity", label="capacity date, current plan",
                          value=n.params["capacity_date"], unit="date",
                          formula="finish of the goal's last package, backlog order"))  # fmt: skip
        ledger.add(Figure(id=f"roadmap.goal.{goal}.announced_gap", unit="weeks",
                          label="announced date - capacity date", value=n.params["weeks"],
                          formula=f"{n.params['announced_date']} - {n.params['capacity_date']}, "
                                  "in whole weeks"))  # fmt: skip
    warnings += [english(n) for n in notes if n.code != "roadmap.input_warnings"]
    _record(ledger, context, packages, scores, dated, stones, options)
    cur = context.currency
    _record_world(ledger, cur, staffing, staffing_cod, scenarios)
    _record_shifts(ledger, options)
    if baseline is not None and baseline.created_at[:10]:
        ledger.add(Figure(id="roadmap.baseline.date", label="date of the latest brief",
                          value=baseline.created_at[:10], unit="date",
                          formula=f"brief {baseline.run_id} (reports/{baseline.run_id}.json)"))  # fmt: skip
    for fid, label, value, finish in (
        ("recommended", "recommended order", recommended, plan),
        ("naive", "backlog order", naive_total, naive_plan),
    ):
        terms = " + ".join(
            f"{fmt_number(p.cost_of_delay_per_week)}×{fmt_number(finish.finish_week[p.id])}"
            for p in packages[:20]
            if p.cost_of_delay_per_week
        )
        more = " + …" if len(packages) > 20 else ""
        ledger.add(Figure(id=f"roadmap.total_cost_of_delay.{fid}",
                          label=f"total cost of delay, {label}", value=value, unit=cur,
                          formula=f"Σ CoD/week × finish week = {terms}{more} = "
                                  f"{fmt_number(value)} {cur}"))  # fmt: skip
    return RoadmapPlan(
        company=context.company, prepared_by=context.prepared_by,
        brand_colour=context.brand_colour, currency=cur, start=start, horizon_weeks=horizon_weeks,
        method=method, packages=packages, scores=scores, order=plan.order, schedule=dated,
        milestones=stones, forecast=fc, options=options, naive_cost_of_delay=naive_total,
        recommended_cost_of_delay=recommended, recommended_option=winner.id,
        capacity_gap=gap, baseline=baseline, staffing=staffing,
        staffing_cost_of_delay=staffing_cod, scenarios=scenarios, sensitivity=rows,
        figures=ledger.figures,
        assumptions=list(ledger.assumptions.values()), notices=ledger.notices,
        warnings=list(dict.fromkeys(warnings)), notes=notes,
    )  # fmt: skip


def _current(baseline: Baseline, options: list[Option], dates: dict[str, dt.date | None]) -> Option:
    """The plan the latest brief announced (see `_offsets`), shown as the reference every
    option is compared with, not ranked; its spend and cost of delay are backlog order's."""
    from assistant.narration.formatting import format_date
    from assistant.roadmap.notes import sentence

    naive = next(o for o in options if o.id == "naive")
    day = {lang: format_date(baseline.created_at[:10], lang) if baseline.created_at
           else baseline.run_id for lang in worded()}  # fmt: skip
    return Option(
        id="current", title={lang: sentence(lang, "current_title") for lang in day},
        cost=naive.cost, cost_of_delay=naive.cost_of_delay, comparable=False,
        goal_dates={g: dates.get(g, d) for g, d in naive.goal_dates.items()},
        reason={lang: sentence(lang, "current_reason", day=day[lang]) for lang in day},
    )  # fmt: skip


def _offsets(
    baseline: Baseline | None, goals: list[Goal], packages: list[WorkPackage], naive: list[str],
    start: dt.date,
) -> tuple[dict[str, int], dict[str, dt.date], dict[str, dt.date | None]]:  # fmt: skip
    """The current plan is the world the brief priced: backlog order (what the team is doing)
    on the capacity of context.yaml, before any staffing news. For each goal the brief moved:
    the days to add so that this plan lands on the date announced (never negative: when
    capacity puts a goal later than announced, the plan says so in `_reconcile` rather than
    promise it), and its capacity date. And the current plan's date of every goal: the
    announced date for the goals moved, the capacity date for the others."""
    if baseline is None:
        return {}, {}, {}
    reference = schedule(packages, naive)
    offsets, dates, current = {}, {}, {}
    for m in milestones(goals, packages, reference, start=start):
        announced = baseline.goal_dates.get(m.goal)
        current[m.goal] = announced or m.planned
        if announced and m.planned:
            offsets[m.goal] = max(0, (announced - m.planned).days)
            dates[m.goal] = m.planned
    return offsets, dates, current


def _anchor(m: Milestone, offsets: dict[str, int], baseline: Baseline | None) -> Milestone:
    """A milestone of a goal the brief moved: its dates on the announced plan."""
    if baseline is None or m.goal not in baseline.goal_dates or not m.planned:
        return m
    shift = dt.timedelta(days=offsets.get(m.goal, 0))
    moved = {name: getattr(m, name) + shift for name in ("planned", "p50", "p85", "p95")
             if getattr(m, name)}  # fmt: skip
    late = (moved["planned"] - m.deadline).days / 7 if m.deadline else 0.0
    return m.model_copy(update={**moved, "late_weeks": max(0.0, late), "capacity": m.planned,
                                "announced": baseline.goal_dates[m.goal]})  # fmt: skip


def _reconcile(stones: list[Milestone], current: dict[str, dt.date]) -> list[Notice]:
    """Why a goal's date differs from what capacity alone gives: the announced date kept
    (work the backlog does not hold, or slack), or capacity later than announced."""
    out = []
    for m in stones:
        if m.announced is None or m.goal not in current:
            continue
        days = (m.announced - current[m.goal]).days
        weeks = round(abs(days) / 7)
        if weeks == 0:
            continue
        code = "announced_kept" if days > 0 else "capacity_later"
        out.append(note(code, goal=m.goal, weeks=weeks, announced_date=m.announced.isoformat(),
                        capacity_date=current[m.goal].isoformat()))  # fmt: skip
    return out


def capacity_of(
    changes: list[StaffingChange], crew: dict[str, tuple[float, float | None]], start: dt.date
) -> Capacity:
    """Each change as a pace change of its team from its date to the end of the plan."""
    out: dict[str, tuple[tuple[float, float, float], ...]] = {}
    for c in changes:
        people = crew.get(c.team, (1.0, None))[0] or 1.0
        week = max(0.0, (c.from_date - start).days / 7)
        until = (c.until_date - start).days / 7 if c.until_date else math.inf
        out[c.team] = (*out.get(c.team, ()), (week, until, c.people / people))
    return out


def _people_weeks(c: StaffingChange, start: dt.date, horizon_weeks: float) -> StaffingChange:
    week = max(0.0, (c.from_date - start).days / 7)
    if c.until_date:
        horizon_weeks = min(horizon_weeks, (c.until_date - start).days / 7)
    return c.model_copy(update={"people_weeks": round(c.people * max(0.0, horizon_weeks - week),
                                                      1)})  # fmt: skip


def _scenario(
    claim: ClaimView,
    packages: list[WorkPackage],
    order: list[str],
    capacity: Capacity,
    base: float,
    goals: list[Goal],
    stones: list[Milestone],
    offsets: dict[str, int],
    crew: dict[str, tuple[float, float | None]],
    context: Context,
    start: dt.date,
) -> Scenario:
    """A conditional delay as if it happened: its package lengthened, the plan's order and
    capacity kept, priced as the plan is (extra delivery + added cost of delay)."""
    package = next((p for p in packages if claim.item and claim.item in (p.id, *p.items)), None)
    if package is None or not claim.weeks:
        return Scenario(claim=claim.id, quote=claim.quote, item=claim.item, weeks=claim.weeks)
    longer = carry_delays(packages, {claim.item or "": claim.weeks})
    plan = schedule(longer, order, boost=capacity)
    cod = round_money(total_cost_of_delay(longer, plan.finish_week)) - round_money(base)
    people, rate = crew.get(package.team or "", (0.0, None))
    extra = round_money(people * (rate or 0.0) * context.working_days_per_week * claim.weeks)
    planned = {m.goal: m.planned for m in stones}
    dates, shifts = {}, {}
    for m in milestones(goals, longer, plan, start=start):
        if m.planned is None:
            continue
        date = m.planned + dt.timedelta(days=offsets.get(m.goal, 0))
        before = planned.get(m.goal)
        if before and (date - before).days > 0:
            dates[m.goal], shifts[m.goal] = date, round((date - before).days / 7, 1)
    return Scenario(
        claim=claim.id, quote=claim.quote, item=claim.item, package=package.id,
        weeks=claim.weeks, extra_cost=extra, cost_of_delay=cod, cost_if=extra + cod,
        goal_dates=dates, shifts=shifts,
    )  # fmt: skip


def _record_shifts(ledger: Ledger, options: list[Option]) -> None:
    """How far each option moves each goal against the current plan, in whole weeks."""
    current = next((o for o in options if o.id == "current"), None)
    if current is None:
        return
    for o in options:
        for goal, date in o.goal_dates.items():
            before = current.goal_dates.get(goal)
            weeks = round((date - before).days / 7) if date and before else 0
            if o.id != "current" and weeks:
                ledger.add(Figure(id=f"roadmap.option.{o.id}.shift.{goal}", value=abs(weeks),
                                  unit="weeks", label="weeks against the current plan",
                                  formula=f"({date.isoformat()} - {before.isoformat()}) ÷ 7, "
                                          "rounded"))  # fmt: skip


def _record_world(
    ledger: Ledger,
    cur: str,
    staffing: list[StaffingChange],
    staffing_cod: float | None,
    scenarios: list[Scenario],
) -> None:
    """The figures of the reported world: staffing changes and scenarios, with their quote."""
    for c in staffing:  # amounts shown without sign: the words say leaving or joining
        base = f"roadmap.staffing.{c.claim}"
        quote = f"as read in the status: {c.quote!r}"
        way = "joining" if c.people > 0 else "leaving"
        ledger.add(Figure(id=f"{base}.people", label=f"people {way} team {c.team}",
                          value=abs(c.people), unit="headcount", formula=quote))  # fmt: skip
        ledger.add(Figure(id=f"{base}.from", label="date of the staffing change",
                          value=c.from_date.isoformat(), unit="date", formula=quote))  # fmt: skip
        ledger.add(Figure(id=f"{base}.people_weeks", label=f"person-weeks {way}, horizon",
                          value=abs(c.people_weeks), unit="person_weeks",
                          formula=f"{fmt_number(abs(c.people))} people × weeks from "
                                  f"{c.from_date.isoformat()} to "
                                  + (c.until_date.isoformat() if c.until_date
                                     else "the horizon's end")))  # fmt: skip
        if c.until_date:
            ledger.add(Figure(id=f"{base}.until", label="end of the staffing change",
                              value=c.until_date.isoformat(), unit="date", formula=quote))  # fmt: skip
    if staffing:
        total = round(sum(c.people_weeks for c in staffing), 1)
        ledger.add(Figure(id="roadmap.staffing.people_weeks", label="net staffing change",
                          value=abs(total), unit="person_weeks",
                          formula=" + ".join(fmt_number(c.people_weeks) for c in staffing)
                          + f" = {fmt_number(total)} person-weeks"))  # fmt: skip
    if staffing_cod is not None:
        ledger.add(Figure(id="roadmap.staffing.cost_of_delay", value=abs(staffing_cod), unit=cur,
                          label="cost of delay the staffing changes add (or save)",
                          formula="total cost of delay of the recommended order with the "
                                  "staffing changes - without them, both rounded to a unit = "
                                  f"{fmt_number(staffing_cod)} {cur}"))  # fmt: skip
    for s in scenarios:
        base = f"roadmap.scenario.{s.claim}"
        if s.weeks is not None:
            ledger.add(Figure(id=f"{base}.weeks", label="delay if it happens", value=s.weeks,
                              unit="weeks", formula=f"as read in the status: {s.quote!r}"))  # fmt: skip
        if s.cost_if is None:
            continue
        for name, label, value, formula in (
            ("extra_cost", "extra delivery if it happens", s.extra_cost,
             "team people × day rate × days/week × weeks"),
            ("cost_of_delay", "cost of delay added if it happens", s.cost_of_delay,
             "total cost of delay with the delay - without, same order and capacity"),
            ("cost_if", "cost if it happens (not in the totals)", s.cost_if,
             f"{fmt_number(s.extra_cost or 0)} + {fmt_number(s.cost_of_delay or 0)}"),
        ):  # fmt: skip
            ledger.add(Figure(id=f"{base}.{name}", label=label, value=value, unit=cur,
                              formula=formula))  # fmt: skip
        for goal, date in s.goal_dates.items():
            if date:
                ledger.add(Figure(id=f"{base}.goal.{goal}", label="goal date if it happens",
                                  value=date.isoformat(), unit="date",
                                  formula=f"plan with {fmt_number(s.weeks or 0)} more weeks on "
                                          f"{s.package}"))  # fmt: skip


def _lacks(
    context: Context, goals: list[Goal], packages: list[WorkPackage], stones: list[Milestone]
) -> list[Notice]:
    """What the inputs lack, said plainly so the reader knows which figures are weak."""
    out = []
    if not context.teams:
        out.append(note("no_teams"))
    if not context.velocity_points_per_sprint:
        out.append(note("no_velocity"))
    if not goals:
        out.append(note("no_goals"))
    if packages and not any(p.cost_of_delay_per_week for p in packages):
        out.append(note("no_cost_of_delay"))
    out += [note("goal_late", goal=m.goal, weeks=m.late_weeks) for m in stones if m.late_weeks > 0]
    return out


def _record(
    ledger: Ledger,
    context: Context,
    packages: list[WorkPackage],
    scores: list[Score],
    dated: list[ScheduledPackage],
    stones: list[Milestone],
    options: list[Option],
) -> None:
    cur = context.currency
    wdpw = fmt_number(context.working_days_per_week)
    for p in packages:
        base = f"roadmap.package.{p.id}"
        people = (p.effort_person_days or 0) / p.size_weeks / context.working_days_per_week \
            if p.size_weeks else 0  # fmt: skip
        ledger.add(Figure(
            id=f"{base}.size_weeks", label=f"duration of {p.id}", value=p.size_weeks,
            unit="weeks", inputs=(FigureInput(name="size_source", value=p.size_source),),
            formula=f"{fmt_number(p.effort_person_days or 0)} person-days ÷ "
                    f"{fmt_number(people)} people ÷ {wdpw} days/week = "
                    f"{fmt_number(p.size_weeks)} weeks ({p.size_source})",
            assumptions=("roadmap.default_item_days",) if p.size_source == "default" else (),
        ))  # fmt: skip
        ledger.add(Figure(
            id=f"{base}.cost_of_delay_per_week", label=f"cost of delay of {p.id}",
            value=p.cost_of_delay_per_week, unit=cur,
            formula=(f"share of goals {', '.join(p.goals)} pro rata of duration"
                     if p.goals else "risk expected loss per week" if p.kind == "risk"
                     else "serves no goal") + f" = {fmt_number(p.cost_of_delay_per_week)} {cur}",
        ))  # fmt: skip
    for s in scores:
        ledger.add(Figure(id=f"roadmap.score.{s.method}.{s.package}", label=f"{s.method} score",
                          value=s.value, unit="score", formula=s.formula))  # fmt: skip
    for d in dated:
        ledger.add(Figure(id=f"roadmap.schedule.{d.package}.finish", label="planned finish",
                          value=d.finish.isoformat(), unit="date",
                          formula=f"start + {fmt_number(d.finish_week)} weeks"))  # fmt: skip
    for m in stones:
        if m.planned:
            formula = "finish of the last package serving the goal"
            if m.capacity and m.planned != m.capacity:  # anchored on the announced plan
                days = (m.planned - m.capacity).days
                formula += f" ({m.capacity.isoformat()}) + {days} days of the announced plan"
            ledger.add(
                Figure(
                    id=f"roadmap.goal.{m.goal}.planned",
                    label="goal planned date",
                    value=m.planned.isoformat(),
                    unit="date",
                    formula=formula,
                )
            )
    best = next((o for o in options if o.recommended), None)
    for o in options:
        if best is not None and o.comparable and o.total and best.total is not None \
                and o.total > best.total:  # fmt: skip
            ledger.add(Figure(id=f"roadmap.option.{o.id}.more", label="more than recommended",
                              value=o.total - best.total, unit=cur,
                              formula=f"{fmt_number(o.total)} - {fmt_number(best.total)} "
                                      f"({best.id}), both rounded to a unit"))  # fmt: skip
        for name, label, value, formula in (
            ("cost", "option spend", o.cost, "contractor days × day rate, else 0"),
            ("cost_of_delay", "option CoD", o.cost_of_delay, "Σ CoD/week × finish week"),
            ("total", "option spend plus cost of delay", o.total,
             f"spend {fmt_number(o.cost)} + total cost of delay {fmt_number(o.cost_of_delay)}"),
        ):  # fmt: skip
            ledger.add(Figure(id=f"roadmap.option.{o.id}.{name}", label=label, value=value,
                              unit=cur, formula=formula))  # fmt: skip
