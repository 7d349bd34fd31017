"""One picture of the world: a workspace's roadmap starts from its latest brief. Its current
plan gives the goals the brief moved the dates the brief announced, the slips it reported
lengthen their packages, and every option is compared with that plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.narration.formatting import format_date
from tests.conftest import SEED, TRANSVIA, ok

CASES = {
    "seed": (SEED, ("context.yaml", "goals.yaml", "backlog.csv"), "2026-11-20"),
    "transvia": (TRANSVIA, ("context.yaml", "goals.yaml", "backlog.csv", "audit.csv"),
                 "2026-11-23"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_current_plan_reproduces_the_dates_the_latest_brief_announced(
    case: str, home: Path
) -> None:
    folder, files, day = CASES[case]
    ok("init", case)
    ok("ingest", case, "--no-embed", *(str(folder / f) for f in files))
    before = json.loads(ok("roadmap", case, "--start", day, "--format", "json"))
    assert before["baseline"] is None and "current" not in {o["id"] for o in before["options"]}
    brief = json.loads(
        ok("brief", case, "--status", str(folder / "status.fr.txt"), "--format", "json",
           "--as-of", day)
    )  # fmt: skip
    moved = {g["goal"]: g["new_date"] for g in brief["goals"] if g["shift_weeks"] > 0}
    assert moved, "the example's status moves at least one goal"
    plan = json.loads(ok("roadmap", case, "--start", day, "--format", "json"))
    current = next(o for o in plan["options"] if o["id"] == "current")
    assert {g: current["goal_dates"][g] for g in moved} == moved
    assert not current["recommended"] and not current["comparable"]
    slips = {i["item"]: i["delay_weeks"] for i in brief["impacts"] if i["delay_weeks"] > 0}
    assert plan["baseline"]["delays"] == slips
    sizes = {p["id"]: p for p in plan["packages"]}
    old = {p["id"]: p["size_weeks"] for p in before["packages"]}
    for item, weeks in slips.items():
        package = next(p for p in sizes.values() if item == p["id"] or item in p["items"])
        assert package["size_weeks"] == pytest.approx(old[package["id"]] + weeks)
    text = ok("roadmap", case, "--start", day)
    for date in moved.values():
        assert f"plan actuel : {format_date(date, 'fr')}" in text
    assert "que le plan actuel" in text.split("## Options pour le comité")[1]
