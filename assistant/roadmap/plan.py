"""The roadmap plan: packages, priorities, schedule, forecast, options and sensitivity in one
`RoadmapPlan`, every number also a Figure in its ledger. Pure: `start` and the forecast are
passed in, nothing reads a clock or a file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from assistant.domain import Backlog, Context, Goal
from assistant.facts.provenance import Figure, FigureInput, Ledger, Notice, fmt_number
from assistant.facts.risks import finding_title, group_risks
from assistant.roadmap.models import (
    Baseline,
    Forecast,
    Method,
    Milestone,
    Option,
    RoadmapPlan,
    ScheduledPackage,
    Score,
    WorkPackage,
)
from assistant.roadmap.notes import english, note
from assistant.roadmap.options import build_options
from assistant.roadmap.packages import build_packages
from assistant.roadmap.priorities import score_packages
from assistant.roadmap.scheduling import (
    carry_delays,
    deadline_first,
    honour_deadlines,
    milestones,
    schedule,
    scheduled_packages,
    total_cost_of_delay,
)
from assistant.roadmap.sensitivity import sensitivity

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
    """The plan; with `baseline` (the latest brief), its reported slips lengthen their packages."""
    goals = list(goals)
    ledger = Ledger()
    risks = group_risks(findings, context, backlog, goals, ledger) if findings else []
    pset = build_packages(context, goals, backlog, risks, ledger)
    names = {r.id: {lang: finding_title(r, findings, lang) for lang in ("fr", "en")} for r in risks}
    pset.packages = [p.model_copy(update={"titles": names[p.id]}) if p.id in names else p
                     for p in pset.packages]  # fmt: skip
    if baseline is not None and baseline.delays:
        pset.packages = carry_delays(pset.packages, baseline.delays)
    packages = pset.packages
    warnings = list(backlog.warnings) + pset.warnings
    notes = [note("input_warnings", count=len(backlog.warnings))] if backlog.warnings else []
    notes += pset.notes
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
        orders[m], moves = honour_deadlines(packages, ranked[m], start=start)
        moved = moves if m == method else moved
    orders["deadline_first"] = deadline_first(packages, ranked["cd3"])
    notes += [note("deadline_moved", package=pid) for pid in moved]
    critical = [r.id for r in risks if r.counts.get("critical")] or [
        r.id for r in risks if r.counts.get("high")
    ]  # fmt: skip
    options, winner, gap = build_options(
        pset, goals, orders, naive, critical_risks=critical, start=start,
        horizon_weeks=horizon_weeks, working_days_per_week=context.working_days_per_week,
        currency=context.currency, method=method,
    )  # fmt: skip
    if baseline is not None:
        options = [_current(baseline, goals, options), *options]
    plan = winner.plan
    assert plan is not None
    packages = winner.packages
    naive_plan = schedule(packages, naive)
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
    recommended = total_cost_of_delay(packages, plan.finish_week)
    rows = sensitivity(context, goals, backlog, risks, method=method, start=start,
                       horizon_weeks=horizon_weeks, order=plan.order, base=recommended,
                       delays=baseline.delays if baseline else None, boost=winner.boost)  # fmt: skip
    naive_total = total_cost_of_delay(packages, naive_plan.finish_week)
    notes += _lacks(context, goals, packages, stones)
    if baseline is not None:
        notes += _ahead(baseline, options[0], stones)
    warnings += [english(n) for n in notes if n.code != "roadmap.input_warnings"]
    _record(ledger, context, packages, scores, dated, stones, options)
    cur = context.currency
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
        capacity_gap=gap, baseline=baseline, sensitivity=rows, figures=ledger.figures,
        assumptions=list(ledger.assumptions.values()), notices=ledger.notices,
        warnings=list(dict.fromkeys(warnings)), notes=notes,
    )  # fmt: skip


def _current(baseline: Baseline, goals: list[Goal], options: list[Option]) -> Option:
    """The plan the latest brief announced: the goals it moved on their new date, the others
    on their deadline (the brief counts them on track). Shown as the reference, not ranked."""
    naive = next(o for o in options if o.id == "naive")
    dates = {g.id: baseline.goal_dates.get(g.id, g.deadline) for g in goals}
    from assistant.narration.formatting import format_date

    day = {lang: format_date(baseline.created_at[:10], lang) if baseline.created_at
           else baseline.run_id for lang in ("fr", "en")}  # fmt: skip
    return Option(
        id="current", title_fr="Plan actuel", title_en="Current plan", cost=0,
        cost_of_delay=naive.cost_of_delay, goal_dates=dates, comparable=False,
        reason_fr=f"Les dates annoncées par le brief du {day['fr']} pour les objectifs qu'il "
                  "décale, l'échéance pour les autres.",
        reason_en=f"The dates the brief of {day['en']} announced for the goals it moves, the "
                  "deadline for the others.",
    )  # fmt: skip


def _ahead(baseline: Baseline, current: Option, stones: list[Milestone]) -> list[Notice]:
    """Goals the capacity plan lands well before the current plan: the gap is work the
    backlog does not hold, or slack; the committee should know the two disagree."""
    out = []
    for m in stones:
        before = current.goal_dates.get(m.goal)
        if m.planned and before and (before - m.planned).days >= 28:
            weeks = round((before - m.planned).days / 7)
            out.append(note("ahead_of_plan", goal=m.goal, weeks=weeks))
    return out


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
            ledger.add(
                Figure(
                    id=f"roadmap.goal.{m.goal}.planned",
                    label="goal planned date",
                    value=m.planned.isoformat(),
                    unit="date",
                    formula="finish of the last package serving the goal",
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
