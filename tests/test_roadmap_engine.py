"""The roadmap engine through `build_plan` and its public functions: packages, priorities,
schedule, options, sensitivity, provenance; on small factories, the bundled example and the
real Apache Jira export."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.domain import Backlog, BacklogItem, Context, Goal, Source, StatusCategory, Team
from assistant.inputs import load_inputs
from assistant.roadmap.models import Forecast, WorkPackage
from assistant.roadmap.packages import DEFAULT_ITEM_DAYS
from assistant.roadmap.plan import build_plan
from assistant.roadmap.priorities import rank
from assistant.roadmap.scheduling import schedule, total_cost_of_delay
from tests.conftest import SHARED, TRANSVIA

START = dt.date(2027, 1, 4)
CONTEXT = Context(company="Acme", velocity_points_per_sprint=20,
                  teams=(Team(name="A", people=2, day_rate=500),
                         Team(name="B", people=1, day_rate=400)))  # fmt: skip


def item(key: str, **fields) -> BacklogItem:
    fields.setdefault("team", "A")
    if fields.pop("done", False):
        fields["category"] = StatusCategory.DONE
    return BacklogItem(key=key, title=f"{key} title", source=Source(file="b.csv"), **fields)


def backlog(*items: BacklogItem) -> Backlog:
    return Backlog(items={i.key: i for i in items})


def plan(items, goals=(), **kwargs):
    return build_plan(CONTEXT, list(goals), backlog(*items), start=START, **kwargs)


def test_epic_is_one_package_sized_from_its_open_children_only() -> None:
    result = plan([item("E", is_epic=True), item("S1", parent="E", estimate_days=10),
                   item("S2", parent="E", estimate_days=99, done=True),
                   item("S3", parent="E", points=4)])  # fmt: skip
    (package,) = result.packages
    per_point = 3 * 5 * 2 / 20  # all people × days/week × sprint weeks ÷ velocity
    assert package.kind == "epic" and package.items == ("E", "S1", "S3")
    assert package.effort_person_days == 10 + 4 * per_point
    assert package.size_weeks == pytest.approx((10 + 4 * per_point) / 2 / 5)
    assert package.cost == pytest.approx(package.effort_person_days * 500)


def test_unsized_item_gets_the_default_size_flagged_as_an_assumption() -> None:
    result = plan([item("X")])
    assert result.packages[0].size_source == "default"
    assert result.packages[0].effort_person_days == DEFAULT_ITEM_DAYS
    assert "roadmap.default_item_days" in {a.id for a in result.assumptions}
    assert any("no estimate" in w for w in result.warnings)


def test_goal_cost_of_delay_is_split_pro_rata_of_duration_and_counted_once() -> None:
    goals = [Goal(id="G", title="g", cost_of_delay_per_week=9000, depends_on=("P", "Q"))]
    result = plan([item("P", estimate_days=20), item("Q", estimate_days=10),
                   item("R", estimate_days=5, blocked_by=("Q",))], goals)  # fmt: skip
    cod = {p.id: p.cost_of_delay_per_week for p in result.packages}
    assert cod == {"P": 6000, "Q": 3000, "R": 0}
    cd3 = {s.package: s.value for s in result.scores if s.method == "cd3"}
    assert cd3["P"] == pytest.approx(cd3["Q"])  # a goal's packages share the goal's CD3


def test_blockers_of_a_goal_package_take_a_share_of_its_cost_of_delay() -> None:
    goals = [Goal(id="G", title="g", cost_of_delay_per_week=1000, depends_on=("P",))]
    result = plan([item("P", estimate_days=10, blocked_by=("Q",)),
                   item("Q", estimate_days=10, team="B")], goals)  # fmt: skip
    assert {p.id: p.goals for p in result.packages} == {"P": ("G",), "Q": ("G",)}
    assert sum(p.cost_of_delay_per_week for p in result.packages) == 1000


def test_a_package_never_starts_before_what_blocks_it_finishes() -> None:
    goals = [Goal(id="G", title="g", cost_of_delay_per_week=5000, depends_on=("P",))]
    result = plan([item("Q", estimate_days=10, team="B"),
                   item("P", estimate_days=1, blocked_by=("Q",))], goals)  # fmt: skip
    when = {s.package: s for s in result.schedule}
    assert when["P"].start_week == when["Q"].finish_week == 2.0
    assert when["P"].start == START + dt.timedelta(days=14)


def test_a_team_works_its_packages_one_after_another_in_priority_order() -> None:
    goals = [Goal(id="G", title="g", cost_of_delay_per_week=100, depends_on=("Y",))]
    result = plan([item("X", estimate_days=10), item("Y", estimate_days=10)], goals)
    assert result.order == ["Y", "X"]
    when = {s.package: (s.start_week, s.finish_week) for s in result.schedule}
    assert when == {"Y": (0.0, 1.0), "X": (1.0, 2.0)}


def test_lanes_split_at_six_weeks_and_at_the_horizon() -> None:
    items = [item(f"K{i}", estimate_days=40) for i in range(4)]  # 4 weeks each for team A
    lanes = [s.lane for s in plan(items, horizon_weeks=10).schedule]
    assert lanes == ["now", "now", "next", "later"]


def test_quick_win_is_small_unblocked_and_worth_at_least_the_median() -> None:
    goals = [
        Goal(id="G1", title="g", cost_of_delay_per_week=5000, depends_on=("S",)),
        Goal(id="G2", title="g", cost_of_delay_per_week=5000, depends_on=("L",)),
    ]
    result = plan([item("S", estimate_days=5), item("L", estimate_days=50, team="B")], goals)
    assert {s.package for s in result.schedule if s.quick_win} == {"S"}


def test_milestone_is_late_when_its_last_package_ends_after_the_deadline() -> None:
    goals = [Goal(id="G", title="g", cost_of_delay_per_week=1, deadline=START
                  + dt.timedelta(weeks=1), depends_on=("P",))]  # fmt: skip
    (milestone,) = plan([item("P", estimate_days=30)], goals).milestones
    assert milestone.planned == START + dt.timedelta(weeks=3)
    assert milestone.late_weeks == 2.0
    assert any("after its deadline" in w for w in plan([item("P", estimate_days=30)],
                                                       goals).warnings)  # fmt: skip


def test_dependency_cycle_is_broken_with_a_warning() -> None:
    result = plan([item("P", blocked_by=("Q",)), item("Q", blocked_by=("P",))])
    assert sorted(result.order) == ["P", "Q"]
    assert any("cycle" in w for w in result.warnings)


def test_wsjf_and_rice_are_scored_with_their_formula_and_can_drive_the_order() -> None:
    goals = [Goal(id="G", title="g", cost_of_delay_per_week=100, depends_on=("Y",))]
    result = plan([item("X", estimate_days=1), item("Y", estimate_days=10)], goals,
                  method="rice")  # fmt: skip
    assert result.method == "rice" and result.order[0] == "Y"
    methods = {s.method: s.formula for s in result.scores if s.package == "Y"}
    assert methods["wsjf"].startswith("WSJF = (") and methods["rice"].startswith("RICE = 1 reach")


def test_injected_forecast_replaces_the_milestones() -> None:
    calls = []

    def fake(backlog, schedule, milestones, *, start, seed, trials):
        calls.append((start, seed, trials))
        forecast = Forecast(method="monte_carlo", confidence="high", reason="ok", trials=trials)
        return forecast, [m.model_copy(update={"p50": start}) for m in milestones]

    goals = [Goal(id="G", title="g", cost_of_delay_per_week=1, depends_on=("P",))]
    result = plan([item("P")], goals, forecast=fake, seed=3, trials=50)
    assert calls == [(START, 3, 50)] and result.forecast.method == "monte_carlo"
    assert result.milestones[0].p50 == START
    assert plan([item("P")], goals).forecast.method == "capacity_plan"


@pytest.fixture(scope="module")
def transvia():
    i = load_inputs(TRANSVIA / "context.yaml", TRANSVIA / "goals.yaml",
                    [TRANSVIA / "backlog.csv"], [TRANSVIA / "audit.csv"])  # fmt: skip
    return build_plan(i.context, i.goals, i.backlog, i.findings, start=START, horizon_weeks=26)


def test_transvia_plan_beats_the_backlog_order_and_prices_the_options(transvia) -> None:
    assert transvia.recommended_cost_of_delay < transvia.naive_cost_of_delay
    ids = [o.id for o in transvia.options]
    assert ids == ["cd3", "wsjf", "deadline_first", "naive", "risks_first", "contractor",
                   "cut_scope"]  # fmt: skip
    assert sum(o.recommended for o in transvia.options) == 1
    contractor = transvia.options[5]
    assert contractor.cost == 12 * 5 * 700  # 12 weeks × 5 days × Portal, last on the top goal
    assert all(o.reason["fr"] and o.reason["en"] for o in transvia.options)
    cut = transvia.options[6]
    assert not cut.comparable and not cut.recommended and "not priced" in cut.reason["en"]


def test_transvia_risks_are_packages_with_a_flagged_default_loss(transvia) -> None:
    risks = [p for p in transvia.packages if p.kind == "risk"]
    assert {p.id for p in risks} >= {"risk.security.platform"}
    critical = next(p for p in risks if p.id == "risk.security.platform")
    assert critical.cost_of_delay_per_week == 5000 and critical.size_source == "effort"
    assert "roadmap.default_risk_loss" in {a.id for a in transvia.assumptions}


def test_transvia_sensitivity_has_one_row_per_assumption(transvia) -> None:
    rows = {r.assumption: r for r in transvia.sensitivity}
    assert set(rows) == {"day_rate", "sprint_weeks", "velocity", "default_size", "risk_loss",
                         "goal_cod"}  # fmt: skip
    assert rows["day_rate"].low == rows["day_rate"].high == transvia.recommended_cost_of_delay
    assert rows["goal_cod"].low < transvia.recommended_cost_of_delay < rows["goal_cod"].high


def test_every_package_number_and_total_is_a_figure(transvia) -> None:
    for p in transvia.packages:
        assert f"roadmap.package.{p.id}.size_weeks" in transvia.figures
        assert f"roadmap.package.{p.id}.cost_of_delay_per_week" in transvia.figures
    total = transvia.figures["roadmap.total_cost_of_delay.recommended"]
    assert total.value == transvia.recommended_cost_of_delay and "Σ" in total.formula
    json.loads(transvia.model_dump_json())


def test_apache_jira_export_plans_with_warnings_for_what_it_lacks() -> None:
    path = SHARED / "data" / "backlog" / "apache_jira_rest_ase2015.jsonl"
    if not path.exists():
        pytest.skip("shared Apache export not present")
    i = load_inputs(TRANSVIA / "context.yaml", TRANSVIA / "goals.yaml", [TRANSVIA / "backlog.csv"])
    from assistant.loaders import load_backlog

    jira = load_backlog([path])
    open_keys = [k for k, v in jira.items.items() if not v.done][:6]
    goals = [Goal(id=f"J{n}", title=k, cost_of_delay_per_week=1000 * (n + 1), depends_on=(k,))
             for n, k in enumerate(open_keys)]  # fmt: skip
    result = build_plan(i.context, goals, jira, start=START)
    assert result.packages and result.schedule and result.warnings
    assert all(m.planned for m in result.milestones)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 8)), min_size=1, max_size=6))
def test_cd3_order_is_never_beaten_by_another_order_for_independent_packages(jobs) -> None:
    """Smith's rule: for one team and no links, CD3 order minimises total cost of delay."""
    packages = [WorkPackage(id=f"P{n}", kind="item", title="t", team="A", size_weeks=w,
                            size_source="estimate", cost_of_delay_per_week=c)
                for n, (c, w) in enumerate(jobs)]  # fmt: skip
    best = total_cost_of_delay(packages, schedule(packages, rank(packages)).finish_week)
    for order in itertools.permutations([p.id for p in packages]):
        other = total_cost_of_delay(packages, schedule(packages, list(order)).finish_week)
        assert best <= other + 1e-9


def test_a_late_fixed_deadline_package_is_moved_up_to_meet_it() -> None:
    goals = [Goal(id="G", title="g", cost_of_delay_per_week=9000, depends_on=("BIG",))]
    due = START + dt.timedelta(weeks=2)
    result = plan([item("BIG", estimate_days=20), item("LAW", estimate_days=10, due=due)], goals)
    when = {s.package: s.finish for s in result.schedule}
    assert result.order[0] == "LAW" and when["LAW"] <= due
    assert "LAW moved up to meet its fixed deadline." in result.warnings
