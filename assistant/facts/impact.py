"""The impact engine: from status facts to delays, goal shifts and money, each with provenance.

Pure: no I/O, no clock. Inputs are the validated models; output is an `ImpactReport`.
"""

import datetime as dt

from pydantic import Field

from assistant.domain import Backlog, Context, Frozen, Goal, Source
from assistant.facts.figures import (
    assumption_figures,
    cod_figure,
    date_figures,
    shift_figure,
    slack_assumption,
    totals,
)
from assistant.facts.money import team_of, weekly_burn
from assistant.facts.provenance import (
    Assumption,
    Figure,
    FigureInput,
    Ledger,
    Notice,
    fmt_number,
)
from assistant.facts.resolve import GoodNews, Unresolved, resolve_slips
from assistant.facts.schedule import DependencyGraph
from assistant.facts.status import Claim, ClaimKind, StatusFacts
from assistant.facts.units import MissingVelocity, delay_in_weeks


class GoalEffect(Frozen):
    goal: str
    title: str
    shift_weeks: float
    cost_of_delay: float
    path: tuple[str, ...] = Field(default=(), description="Items from this slip to the goal.")


class Impact(Frozen):
    """One reported slip, resolved to an item, and what it alone does to the goals."""

    item: str
    title: str
    delay_weeks: float
    extra_cost: float | None = Field(description="None when no team could be found.")
    team: str | None
    goals: tuple[GoalEffect, ...]
    mention: str
    sentence: str
    reason: str | None = None
    delay_text: str


class GoalImpact(Frozen):
    """A goal once: its overall shift (max over slips), cost of delay and causes."""

    goal: str
    title: str
    owner: str | None
    deadline: dt.date | None
    new_date: dt.date | None
    shift_weeks: float
    cost_of_delay: float
    cost_of_delay_per_week: float
    caused_by: tuple[str, ...]
    path: tuple[str, ...] = Field(description="Items from the slip to the goal's dependency.")


class RiskExposure(Frozen):
    """What a hedged delay would cost if it happened: shown apart, never in the totals."""

    claim: str
    item: str
    weeks: float
    goals: tuple[GoalEffect, ...]
    cost_if: float = Field(description="Extra delivery cost + cost of delay, if it happens.")


class ImpactReport(Frozen):
    currency: str
    impacts: tuple[Impact, ...]
    goals: tuple[GoalImpact, ...]
    good_news: tuple[GoodNews, ...]
    unresolved: tuple[Unresolved, ...]
    extra_cost_total: float
    cost_of_delay_total: float
    total_cost: float
    figures: dict[str, Figure]
    assumptions: tuple[Assumption, ...]
    notices: tuple[Notice, ...]
    reading: tuple[Claim, ...] = Field(default=(), description="Every claim of the status.")
    exposures: tuple[RiskExposure, ...] = Field(
        default=(), description="Risks priced 'if it happens', never in the totals."
    )

    @property
    def shifted_goals(self) -> list[GoalImpact]:
        return [g for g in self.goals if g.shift_weeks > 0]


def goal_shift(goal: Goal, finish: dict[str, float]) -> tuple[float, str | None]:
    """How far `goal` moves given each item's finish delay: the largest among what it depends
    on (parallel paths: max, never sum), and the item it comes through."""
    best, via = 0.0, None
    for dep in goal.depends_on:
        if finish.get(dep, 0.0) > best:
            best, via = finish[dep], dep
    return best, via


def compute_impact(
    facts: StatusFacts,
    backlog: Backlog,
    goals: list[Goal],
    context: Context,
    *,
    status_source: str,
    graph: DependencyGraph | None = None,
) -> ImpactReport:
    """Trace each slip to the goals it moves and price it. `graph` may be reused across calls."""
    graph = graph or DependencyGraph(backlog)
    ledger = Ledger()
    cur = context.currency
    slips, good, unresolved = resolve_slips(facts, backlog, context, ledger, status_source)

    reported = {key: ledger.figures[f"impact.{key}.delay_weeks"].value for key, _ in slips}
    overall = graph.propagate(reported)  # type: ignore[arg-type]
    alone = {key: graph.propagate({key: reported[key]}) for key, _ in slips}

    impacts = []
    for key, slip in slips:
        item = backlog.items[key]
        delay = ledger.figures[f"impact.{key}.delay_weeks"]
        extra, team_name = _extra_cost(key, slip, reported, backlog, context, ledger)
        effects = []
        for goal in goals:
            shift, via = goal_shift(goal, alone[key].finish)
            if shift <= 0 or via is None:
                continue
            base = f"impact.{key}.goal.{goal.id}"
            shift_figure(ledger, base, goal, shift, f"impact.{key}.delay_weeks")
            cod = cod_figure(ledger, base, goal, shift, cur)
            effects.append(
                GoalEffect(
                    goal=goal.id,
                    title=goal.title,
                    shift_weeks=shift,
                    cost_of_delay=cod,
                    path=tuple(alone[key].path_to(via)),
                )
            )
        impacts.append(
            Impact(
                item=key,
                title=item.title,
                delay_weeks=float(delay.value),
                extra_cost=extra,
                team=team_name,
                goals=tuple(effects),
                mention=slip.mention,
                sentence=slip.sentence,
                reason=slip.reason,
                delay_text=slip.delay.text,
            )
        )

    goal_impacts = []
    for goal in goals:
        shift, via = goal_shift(goal, overall.finish)
        causes = tuple(k for k, _ in slips if goal_shift(goal, alone[k].finish)[0] > 0)
        base = f"goal.{goal.id}"
        new_date = None
        cod = 0.0
        path: tuple[str, ...] = ()
        if shift > 0:
            shift_figure(ledger, base, goal, shift, *(f"impact.{k}.delay_weeks" for k in causes))
            cod = cod_figure(ledger, base, goal, shift, cur)
            path = tuple(overall.path_to(via)) if via else ()
            if goal.deadline:
                new_date = goal.deadline + dt.timedelta(days=round(shift * 7))
                date_figures(ledger, goal, new_date, shift)
        goal_impacts.append(
            GoalImpact(
                goal=goal.id,
                title=goal.title,
                owner=goal.owner,
                deadline=goal.deadline,
                new_date=new_date,
                shift_weeks=shift,
                cost_of_delay=cod,
                cost_of_delay_per_week=goal.cost_of_delay_per_week,
                caused_by=causes,
                path=path,
            )
        )

    extra_total = sum(i.extra_cost or 0.0 for i in impacts)
    cod_total = sum(g.cost_of_delay for g in goal_impacts)
    totals(ledger, impacts, goal_impacts, extra_total, cod_total, cur)
    for blocker, blocked in graph.ignored_links[:20]:
        ledger.notice("lineage_link_ignored", blocker=blocker, blocked=blocked)
    if slips:
        slack_assumption(graph, ledger)
        ledger.assume(Assumption(id="reported_is_total"))
        ledger.assume(Assumption(id="waiting_teams_redeployed"))
    assumption_figures(ledger, cur)
    reading, exposures = _reading(facts, backlog, goals, context, graph, ledger, status_source)
    return ImpactReport(
        reading=reading,
        exposures=exposures,
        currency=cur,
        impacts=tuple(impacts),
        goals=tuple(goal_impacts),
        good_news=tuple(good),
        unresolved=tuple(unresolved),
        extra_cost_total=extra_total,
        cost_of_delay_total=cod_total,
        total_cost=extra_total + cod_total,
        figures=ledger.figures,
        assumptions=tuple(ledger.assumptions.values()),
        notices=tuple(ledger.notices),
    )


def _extra_cost(key, slip, reported, backlog, context, ledger) -> tuple[float | None, str | None]:
    item = backlog.items[key]
    found = team_of(item, backlog, context)
    if found is None:
        ledger.notice("no_team", key=key, teams=", ".join(t.name for t in context.teams) or "-")
        return None, None
    team, from_key = found
    burn = weekly_burn(team, context, ledger)
    delay = float(ledger.figures[f"impact.{key}.delay_weeks"].value)
    charged, absorbed_by = delay, None
    ancestor = backlog.get(item.parent) if item.parent else None
    seen: set[str] = set()
    while ancestor is not None and ancestor.key not in seen:
        seen.add(ancestor.key)
        if ancestor.key in reported:
            found_anc = team_of(ancestor, backlog, context)
            if found_anc and found_anc[0].name == team.name:
                charged, absorbed_by = max(0.0, delay - reported[ancestor.key]), ancestor.key
                break
        ancestor = backlog.get(ancestor.parent) if ancestor.parent else None
    value = float(burn.value) * charged
    inherited = f" (team inherited from {from_key})" if from_key != key else ""
    formula = (
        f"{fmt_number(float(burn.value))} {context.currency}/week × {fmt_number(charged)} weeks"
    )
    if absorbed_by:
        formula += f" (only the excess over {absorbed_by}'s reported delay)"
    ledger.add(
        Figure(
            id=f"impact.{key}.extra_cost",
            label=f"extra delivery cost of {key}, team {team.name}{inherited}",
            value=value,
            unit=context.currency,
            formula=f"{formula} = {fmt_number(value)} {context.currency}",
            inputs=(
                FigureInput(name="weekly_burn", value=float(burn.value), unit=context.currency),
                FigureInput(name="delay_weeks", value=charged, unit="weeks"),
            ),
            sources=(*burn.sources, item.source),
            assumptions=(*burn.assumptions, "waiting_teams_redeployed"),
        )
    )
    return value, team.name


def _reading(facts, backlog, goals, context, graph, ledger, status_source):
    """The claims with their weeks (ranges: both bounds), and each risk's exposure."""
    claims: list[Claim] = []
    exposures: list[RiskExposure] = []
    for claim in facts.claims:
        weeks = None
        if claim.delay is not None:
            scratch = Ledger()
            try:
                figure = delay_in_weeks(
                    claim.delay,
                    context,
                    scratch,
                    figure_id=f"reading.{claim.id}.weeks",
                    label=f"delay read in {claim.id}",
                    source=Source(file=status_source, key=claim.item, field=claim.delay.text),
                )
                weeks = float(figure.value)
            except MissingVelocity:
                weeks = None
        update: dict = {"weeks": weeks}
        if weeks is not None and claim.delay and claim.delay.low and claim.delay.amount:
            update["range_weeks"] = (weeks * claim.delay.low / claim.delay.amount, weeks)
        claim = claim.model_copy(update=update)
        if claim.range_weeks is not None:
            for bound, value in zip(("low", "high"), claim.range_weeks, strict=True):
                ledger.add(
                    Figure(
                        id=f"reading.{claim.id}.{bound}_weeks",
                        label=f"{bound} bound of the range read in {claim.id}",
                        value=value,
                        unit="weeks",
                        formula=f"as read: {claim.delay.text!r}",
                    )
                )
        claims.append(claim)
        if claim.kind is ClaimKind.RISK and claim.item in backlog.items and weeks:
            exposures.append(_exposure(claim, weeks, backlog, goals, context, graph, ledger))
    from assistant.facts.news import news_figures

    news_figures(claims, context, ledger)
    pending = sum(c.kind is ClaimKind.TO_CONFIRM for c in claims)
    if pending:
        ledger.add(
            Figure(
                id="reading.to_confirm",
                label="points of the status to confirm",
                value=float(pending),
                unit="points",
                formula="claims read as to_confirm",
            )
        )
    return tuple(claims), tuple(exposures)


def _exposure(claim, weeks, backlog, goals, context, graph, ledger) -> RiskExposure:
    key = claim.item
    finish = graph.propagate({key: weeks}).finish
    effects = []
    cod = 0.0
    for goal in goals:
        shift, _ = goal_shift(goal, finish)
        if shift > 0:
            effects.append(
                GoalEffect(
                    goal=goal.id,
                    title=goal.title,
                    shift_weeks=shift,
                    cost_of_delay=shift * goal.cost_of_delay_per_week,
                )
            )
            cod += shift * goal.cost_of_delay_per_week
    found = team_of(backlog.items[key], backlog, context)
    extra = 0.0
    if found is not None:
        burn = weekly_burn(found[0], context, Ledger())
        extra = float(burn.value) * weeks
    base = f"risk.{claim.id}"
    ledger.add(
        Figure(
            id=f"{base}.weeks",
            label=f"delay of {key} if the risk happens",
            value=weeks,
            unit="weeks",
            formula=f"as read in the status: {claim.delay.text if claim.delay else ''!r}",
        )
    )
    ledger.add(
        Figure(
            id=f"{base}.cost_if",
            label=f"cost if the risk on {key} happens (not in the totals)",
            value=extra + cod,
            unit=context.currency,
            formula=f"{fmt_number(extra)} extra delivery + {fmt_number(cod)} cost of delay",
        )
    )
    return RiskExposure(
        claim=claim.id, item=key, weeks=weeks, goals=tuple(effects), cost_if=extra + cod
    )
