"""The published cost-of-delay worked examples, reproduced by the roadmap engine's own functions.

Each case's items become work packages of one team with no links; the engine ranks them and
schedules them, and the sequence and the totals the source states must come out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.roadmap.models import WorkPackage
from assistant.roadmap.priorities import cd3, rank, score_packages, wsjf
from assistant.roadmap.scheduling import (
    schedule,
    total_cost_of_delay,
    value_within,
    waiting_cost_of_delay,
)

CASES = {
    case["id"]: case
    for case in json.loads(
        (Path(__file__).parent / "data" / "reference" / "cost_of_delay_cases.json").read_text()
    )["cases"]
}


def package(pid: str, cod: float, weeks: float) -> WorkPackage:
    return WorkPackage(id=pid, kind="item", title=pid, team="T", size_weeks=weeks,
                       size_source="estimate", cost_of_delay_per_week=cod)  # fmt: skip


def costs(packages: list[WorkPackage], order: list[str]) -> tuple[float, float, float]:
    plan = schedule(packages, order)
    return (
        waiting_cost_of_delay(packages, plan.start_week),
        total_cost_of_delay(packages, plan.finish_week),
        plan.finish_week[order[-1]],
    )


def test_black_swan_farming_ice_cream_cd3_puts_the_second_machine_first() -> None:
    case = CASES["bsf_icecream_cd3"]
    spoon, machine = (package(i["name"][0], i["cost_of_delay_per_week"], i["duration_weeks"])
                      for i in case["items"])  # fmt: skip
    packages = [spoon, machine]
    scores = {s.package: s.value for s in score_packages(packages, "cd3", start=_d(),
                                                         horizon_weeks=6)}  # fmt: skip
    assert scores == {"A": case["stated_results"]["cd3_A"], "B": case["stated_results"]["cd3_B"]}
    assert rank(packages) == ["B", "A"]
    a_first, b_first = costs(packages, ["A", "B"]), costs(packages, ["B", "A"])
    assert a_first[0] == case["recomputed"]["delay_cost_A_first (B waits 2 wk)"] == 60
    assert b_first[0] == case["recomputed"]["delay_cost_B_first (A waits 4 wk)"] == 40
    baseline = case["baseline_capacity_per_week"] * case["horizon_weeks"]
    horizon = case["horizon_weeks"]
    output = {}
    for order, stated in ((["A", "B"], "A_then_B_total_output"),
                          (["B", "A"], "B_then_A_total_output")):  # fmt: skip
        earned = value_within(packages, schedule(packages, order).finish_week, horizon)
        output[stated] = baseline + earned
        assert output[stated] == case["stated_results"][stated]
    gain = output["B_then_A_total_output"] / output["A_then_B_total_output"] - 1
    assert gain * 100 == pytest.approx(case["stated_results"]["improvement_pct"])
    assert a_first[1] - b_first[1] == 60 - 40  # total and waiting cost differ by a constant


def test_jbrunton_two_projects_cd3_puts_the_smaller_cheaper_project_first() -> None:
    case = CASES["jbrunton_two_projects"]
    a, b = (package(i["name"][-1], i["value_per_month_k"], i["duration_months"])
            for i in case["items"])  # fmt: skip
    packages = [b, a]  # the revenue-first (naive) order puts B first
    assert rank(packages) == ["A", "B"]
    horizon = case["horizon_months"]
    for order, stated in ((["A", "B"], "A_first_total_value_k"),
                          (["B", "A"], "B_first_total_value_k")):  # fmt: skip
        finish = schedule(packages, order).finish_week
        assert value_within(packages, finish, horizon) == case["stated_results"][stated]
    assert costs(packages, ["A", "B"])[0] == case["recomputed"]["delay_cost_A_first (B waits 1 mo)"]
    assert costs(packages, ["B", "A"])[0] == case["recomputed"]["delay_cost_B_first (A waits 2 mo)"]


def test_cd3_two_features_short_feature_b_first_saves_30000() -> None:
    case = CASES["cd3_simple_two_features"]
    a, b = (package(i["name"][-1], i["cost_of_delay_per_week_usd"], i["duration_weeks"])
            for i in case["items"])  # fmt: skip
    assert cd3(10000, 10) == case["stated_results"]["cd3_A"]
    assert cd3(5000, 2) == case["stated_results"]["cd3_B"]
    assert rank([a, b]) == ["B", "A"]
    derived = case["derived_not_stated"]
    a_first, b_first = costs([a, b], ["A", "B"])[0], costs([a, b], ["B", "A"])[0]
    assert a_first == derived["delay_cost_A_first (B waits 10 wk)"]
    assert b_first == derived["delay_cost_B_first (A waits 2 wk)"]
    assert a_first - b_first == derived["saving_from_B_first"]


def test_wsjf_relative_two_tasks_scores_17_and_24_and_puts_b_first() -> None:
    case = CASES["wsjf_relative_two_tasks"]
    items = {i["name"][-1]: i for i in case["items"]}
    for name, i in items.items():
        value = wsjf(i["user_business_value"], i["time_criticality"], i["rr_oe"],
                     i["job_duration_days"])  # fmt: skip
        assert value == i["wsjf"] == case["recomputed"][f"wsjf_{name}"]
    # The same jobs as packages: cost of delay = BV + TC + RR|OE, job size = duration.
    packages = [package(n, i["cod"], i["job_duration_days"]) for n, i in items.items()]
    assert rank(packages) == ["B", "A"]


def _d():
    import datetime as dt

    return dt.date(2026, 1, 5)
