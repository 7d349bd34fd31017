"""Monte Carlo forecast of goal dates from throughput history, and its backtests on real data.

Real data (cited in ../shared/data/SOURCES.md): Apache Jira issues of Choetkiertikul et al.,
ASE 2015, and Apache sprints of Choetkiertikul et al., TSE 2017 (SEAnalytics/datasets).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.domain import Backlog, BacklogItem, Source, StatusCategory
from assistant.loaders import load_backlog
from assistant.roadmap.forecast import forecast_goals, throughput_history, throughput_percentiles
from assistant.roadmap.models import Milestone, ScheduledPackage

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "backlog"
JIRA = DATA / "apache_jira_rest_ase2015.jsonl"
SPRINTS = DATA / "agile_sprints_tse2017" / "apache_iteration_0.csv"
START = dt.date(2026, 1, 5)


def item(key: str, resolved: dt.date | None = None, **extra: object) -> BacklogItem:
    done = StatusCategory.DONE if resolved else StatusCategory.TODO
    return BacklogItem(
        key=key, title=key, category=done, resolved=resolved, source=Source(file="t"), **extra
    )


def steady_backlog(per_week: int, weeks: int, open_keys: list[str]) -> Backlog:
    """`per_week` items resolved every week for `weeks` weeks before START, plus open items."""
    items = [
        item(f"D-{w}-{n}", START - dt.timedelta(weeks=w + 1))
        for w in range(weeks)
        for n in range(per_week)
    ]
    items += [item(key) for key in open_keys]
    return Backlog(items={i.key: i for i in items})


def milestone(goal: str, items: list[str], planned: dt.date | None = None) -> Milestone:
    return Milestone(goal=goal, title=goal, deadline=None, planned=planned, items=tuple(items))


def test_weekly_throughput_keeps_empty_weeks_between_first_and_last() -> None:
    day = dt.date(2025, 3, 31)
    backlog = Backlog(
        items={
            i.key: i
            for i in [
                item("A", day),
                item("B", day - dt.timedelta(days=1)),
                item("C", day - dt.timedelta(weeks=3)),
                item("E", day - dt.timedelta(weeks=1), is_epic=True),
                item("LATER", day + dt.timedelta(days=1)),
                item("OPEN"),
            ]
        }
    )
    assert throughput_history(backlog, until=day) == [1, 0, 0, 2]


def test_steady_five_a_week_finishes_twenty_items_in_four_weeks() -> None:
    keys = [f"O-{n}" for n in range(20)]
    forecast, [goal] = forecast_goals(
        steady_backlog(5, 10, keys), [], [milestone("G1", keys)], start=START
    )
    assert forecast.method == "monte_carlo" and forecast.confidence == "high"
    assert goal.p50 == goal.p85 == goal.p95 == START + dt.timedelta(weeks=4)
    assert goal.confidence == "high"


def test_short_history_keeps_capacity_plan_dates_with_low_confidence() -> None:
    planned, goals = dt.date(2026, 6, 1), [milestone("G1", ["O-1"], dt.date(2026, 6, 1))]
    few_items = forecast_goals(steady_backlog(3, 9, ["O-1"]), [], goals, start=START)
    few_weeks = forecast_goals(steady_backlog(10, 4, ["O-1"]), [], goals, start=START)
    just_enough = forecast_goals(steady_backlog(6, 5, ["O-1"]), [], goals, start=START)
    assert "only 27 completed items over 9 weeks" in few_items[0].reason
    assert "only 40 completed items over 4 weeks" in few_weeks[0].reason
    for forecast, [goal] in (few_items, few_weeks):
        assert (forecast.method, forecast.confidence) == ("capacity_plan", "low")
        assert (goal.p50, goal.p85, goal.p95, goal.confidence) == (planned, planned, planned, "low")
    assert just_enough[0].confidence == just_enough[1][0].confidence == "high"


def test_goal_waits_for_the_work_the_plan_finishes_before_it() -> None:
    first, second = [f"A-{n}" for n in range(10)], [f"B-{n}" for n in range(10)]
    backlog = steady_backlog(5, 10, first + second)
    schedule = [
        ScheduledPackage(
            package="PA", team=None, start=START, finish=dt.date(2026, 2, 1),
            start_week=0, finish_week=4, lane="now", items=tuple(first),
        )
    ]  # fmt: skip
    _, [a, b] = forecast_goals(
        backlog,
        schedule,
        [milestone("GA", first, dt.date(2026, 2, 1)), milestone("GB", second, dt.date(2026, 3, 1))],
        start=START,
    )
    assert a.p50 == START + dt.timedelta(weeks=2)
    assert b.p50 == START + dt.timedelta(weeks=4)


def test_done_goal_lands_at_start_and_goal_without_items_keeps_its_plan() -> None:
    planned = dt.date(2026, 5, 4)
    backlog = steady_backlog(5, 10, [])
    forecast, [done, unknown] = forecast_goals(
        backlog, [], [milestone("G1", ["D-0-0"]), milestone("G2", [], planned)], start=START
    )
    assert done.p95 == START and done.confidence == "high"
    assert (unknown.p85, unknown.confidence) == (planned, "low")
    assert "1 goal(s) without backlog items keep the plan" in forecast.reason
    forecast, _ = forecast_goals(backlog, [], [milestone("G2", [], planned)], start=START)
    assert (forecast.method, forecast.confidence) == ("capacity_plan", "low")
    assert forecast.reason.startswith("no goal lists backlog items")


@settings(max_examples=60, deadline=None)
@given(
    history=st.lists(st.integers(0, 20), min_size=1, max_size=40).filter(lambda h: sum(h) > 0),
    remaining=st.lists(st.integers(0, 300), min_size=1, max_size=5),
    seed=st.integers(0, 2**32 - 1),
)
def test_percentiles_are_ordered_and_reproducible(
    history: list[int], remaining: list[int], seed: int
) -> None:
    rows = throughput_percentiles(history, remaining, seed=seed, trials=500)
    assert rows == throughput_percentiles(history, remaining, seed=seed, trials=500)
    for (p50, p85, p95), count in zip(rows, remaining, strict=True):
        assert 0 <= p50 <= p85 <= p95
        assert (p95 == 0) == (count == 0)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 1000), open_count=st.integers(1, 80))
def test_same_seed_gives_the_same_goal_dates(seed: int, open_count: int) -> None:
    backlog = Backlog(
        items={
            i.key: i
            for i in [item(f"D-{d}", START - dt.timedelta(days=d)) for d in range(1, 200, 3)]
            + [item(f"O-{n}") for n in range(open_count)]
        }
    )
    goal = [milestone("G", [f"O-{n}" for n in range(open_count)])]
    once = forecast_goals(backlog, [], goal, start=START, seed=seed, trials=300)
    again = forecast_goals(backlog, [], goal, start=START, seed=seed, trials=300)
    assert once == again
    (ms,) = once[1]
    assert ms.p50 is not None and ms.p85 is not None and ms.p95 is not None
    assert START <= ms.p50 <= ms.p85 <= ms.p95


def _sprint_backtest(board: list[int], items: int) -> list[tuple[int, int, int, int]]:
    """(actual, P50, P85, P95) sprints to deliver the next `items`, at every cut point."""
    out = []
    for cut in range(5, len(board)):
        if sum(board[:cut]) < 10:
            continue
        totals = [sum(board[cut : cut + n + 1]) for n in range(len(board) - cut)]
        actual = next((n + 1 for n, total in enumerate(totals) if total >= items), None)
        if actual is None:
            break
        ((p50, p85, p95),) = throughput_percentiles(board[:cut], [items])
        out.append((actual, p50, p85, p95))
    return out


@pytest.mark.skipif(not SPRINTS.exists(), reason="needs ../shared/data")
def test_sprint_backtest_p85_covers_most_cut_points() -> None:
    """Train on the first sprints of each Apache board, forecast the next 3/5/10 items."""
    boards: dict[str, list[int]] = defaultdict(list)
    with SPRINTS.open() as handle:
        for row in csv.DictReader(handle):
            boards[row["boardid"]].append(int(float(row["no_issuedone"])))
    unique = {tuple(board) for board in boards.values()}  # boards 70 and 60 repeat 23 and 38
    runs = [
        run
        for board in unique
        if sum(board) >= 15
        for items in (3, 5, 10)
        for run in _sprint_backtest(list(board), items)
    ]
    hit = [sum(r[0] <= r[q] for r in runs) / len(runs) for q in (1, 2, 3)]
    assert len(runs) >= 100
    assert hit[0] <= hit[1] <= hit[2]
    assert 0.70 <= hit[1] <= 0.98  # measured P50 0.54, P85 0.87, P95 0.96 over 135 cuts


@pytest.mark.skipif(not JIRA.exists(), reason="needs ../shared/data")
def test_jira_backtest_shows_the_bias_of_bursty_history() -> None:
    """End to end on project CB: as of each 4-week cut, forecast the next 10 resolved items.

    The ASE 2015 set samples "delayed" issues, so CB's resolutions bunch in each year's first
    quarter: resampled weeks cannot foresee the quiet quarters and P85 covers only about half
    the cut points. The test pins that figure so a change of method shows up here.
    """
    full = load_backlog([JIRA])
    project = {k: v for k, v in full.items.items() if k.startswith("CB-")}
    resolved = sorted((v.resolved, k) for k, v in project.items() if v.resolved and v.done)
    cut, hits = resolved[0][0] + dt.timedelta(weeks=5), []
    while len(later := [(d, k) for d, k in resolved if d > cut]) >= 10:
        if len(resolved) - len(later) >= 30:
            as_of = {
                k: v.model_copy(update={"resolved": None, "category": StatusCategory.TODO})
                if v.resolved and v.resolved > cut
                else v
                for k, v in project.items()
            }
            goal = milestone("next10", [k for _, k in later[:10]])
            _, [ms] = forecast_goals(Backlog(items=as_of), [], [goal], start=cut, trials=2000)
            assert ms.p85 is not None
            hits.append(later[9][0] <= ms.p85)
        cut += dt.timedelta(weeks=4)
    assert len(hits) == 29
    assert 0.40 <= sum(hits) / len(hits) <= 0.75  # measured 15/29 = 0.52
