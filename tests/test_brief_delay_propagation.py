"""Delay propagation and pricing, driven through the CLI on small generic-CSV backlogs."""

from __future__ import annotations

from tests.conftest import Workspace, by_id


def goal(brief: dict, goal_id: str) -> dict:
    return by_id(brief["goals"], "goal", goal_id)


def test_epic_slip_reaches_goal_through_blocking_chain(workspace: Workspace) -> None:
    brief = workspace.brief("MIG-1 is 3 sprints late.")
    impact = by_id(brief["impacts"], "item", "MIG-1")
    assert impact["delay_weeks"] == 6
    assert impact["team"] == "Platform"
    assert impact["extra_cost"] == 5 * 800 * 5 * 6
    assert goal(brief, "G1")["shift_weeks"] == 6
    assert goal(brief, "G1")["cost_of_delay"] == 25000 * 6
    assert goal(brief, "G2")["shift_weeks"] == 0
    assert brief["total_cost"] == 120000 + 150000


def test_child_slip_delays_its_epic_but_not_its_siblings(workspace: Workspace) -> None:
    workspace.goals.append(
        {
            "id": "G3",
            "title": "Faster screens",
            "cost_of_delay_per_week": 1000,
            "depends_on": ["PAY-3"],
        }
    )
    workspace.goals.append(
        {"id": "G4", "title": "Gateway", "cost_of_delay_per_week": 1000, "depends_on": ["PAY-2"]}
    )
    workspace.write()
    brief = workspace.brief("PAY-2 slipped by 2 weeks.")
    assert goal(brief, "G1")["shift_weeks"] == 2  # the epic PAY-1 finishes late
    assert goal(brief, "G4")["shift_weeks"] == 2
    assert goal(brief, "G3")["shift_weeks"] == 0  # sibling PAY-3 is not delayed


def test_epic_slip_skips_children_already_done(workspace: Workspace) -> None:
    workspace.goals.append(
        {"id": "G3", "title": "Inventory", "cost_of_delay_per_week": 1000, "depends_on": ["MIG-2"]}
    )
    workspace.write()
    brief = workspace.brief("MIG-1 is 2 weeks late.")
    assert goal(brief, "G3")["shift_weeks"] == 0  # MIG-2 is Done


def test_parallel_paths_take_the_longest_delay_never_the_sum(workspace: Workspace) -> None:
    brief = workspace.brief("MIG-3 is 3 weeks late. PAY-3 is 1 week late.")
    assert goal(brief, "G1")["shift_weeks"] == 3
    assert goal(brief, "G1")["cost_of_delay"] == 75000
    assert sorted(goal(brief, "G1")["caused_by"]) == ["MIG-3", "PAY-3"]
    per_slip = {i["item"]: i["goals"][0]["shift_weeks"] for i in brief["impacts"]}
    assert per_slip == {"MIG-3": 3, "PAY-3": 1}
    assert brief["cost_of_delay_total"] == 75000  # the goal counted once


def test_story_points_convert_through_velocity_and_sprint_length(workspace: Workspace) -> None:
    brief = workspace.brief("MIG-3 needs 30 more story points than planned.")
    impact = by_id(brief["impacts"], "item", "MIG-3")
    assert impact["delay_weeks"] == 3  # 30 points / 20 per sprint x 2 weeks


def test_working_days_convert_with_the_working_week(workspace: Workspace) -> None:
    brief = workspace.brief("MIG-3 is 10 working days late.")
    assert by_id(brief["impacts"], "item", "MIG-3")["delay_weeks"] == 2


def test_old_and_new_date_give_the_delay(workspace: Workspace) -> None:
    brief = workspace.brief("MIG-3 was due 2027-01-04 and is now expected on 2027-01-25.")
    assert by_id(brief["impacts"], "item", "MIG-3")["delay_weeks"] == 3
    assert goal(brief, "G1")["shift_weeks"] == 3


def test_team_is_inherited_from_the_epic(workspace: Workspace) -> None:
    brief = workspace.brief("PAY-2 is 1 week late.")
    impact = by_id(brief["impacts"], "item", "PAY-2")
    assert impact["team"] == "Payments"
    assert impact["extra_cost"] == 4 * 750 * 5


def test_item_without_team_is_not_priced_and_warns(workspace: Workspace) -> None:
    workspace.rows.append({"key": "OPS-1", "title": "Monitoring revamp"})
    workspace.write()
    brief = workspace.brief("OPS-1 is 2 weeks late.")
    impact = by_id(brief["impacts"], "item", "OPS-1")
    assert impact["extra_cost"] is None and impact["team"] is None
    assert any("OPS-1" in w and "Platform" in w for w in brief["warnings"])
    assert brief["total_cost"] == 0


def test_dates_that_prove_slack_absorb_part_of_the_delay(workspace: Workspace) -> None:
    for row in workspace.rows:
        if row["key"] == "MIG-4":
            row["due"] = "2027-01-04"
        if row["key"] == "PAY-2":
            row["start"] = "2027-01-18"  # two weeks after MIG-4 is due
    workspace.write()
    brief = workspace.brief("MIG-1 is 3 sprints late.")
    assert goal(brief, "G1")["shift_weeks"] == 4  # 6 weeks minus 2 weeks of proven slack
    assert any(a["id"] == "slack_from_dates" for a in brief["assumptions"])


def test_good_news_is_reported_without_claiming_a_gain(workspace: Workspace) -> None:
    brief = workspace.brief("Good news: SEC-2 is one week ahead of schedule.")
    assert brief["impacts"] == []
    assert by_id(brief["good_news"], "item", "SEC-2")["weeks"] == 1
    assert all(g["shift_weeks"] == 0 for g in brief["goals"])
    assert brief["total_cost"] == 0


def test_status_without_a_slip_yields_no_impact(workspace: Workspace) -> None:
    brief = workspace.brief("All good this week: the migration is on track, no delay.")
    assert brief["impacts"] == [] and brief["total_cost"] == 0
    assert "Nothing in this status moves a goal." in brief["summary_markdown"]


def test_unknown_subject_is_listed_not_priced(workspace: Workspace) -> None:
    brief = workspace.brief("The quantum teleporter is 3 weeks late.")
    assert brief["impacts"] == []
    assert brief["unresolved"] and brief["unresolved"][0]["reason"] == "unmatched"
    assert any("teleporter" in w for w in brief["warnings"])


def test_child_slip_inside_a_slipped_epic_of_same_team_is_not_paid_twice(
    workspace: Workspace,
) -> None:
    brief = workspace.brief("MIG-1 is 2 weeks late. MIG-3 is 3 weeks late.")
    costs = {i["item"]: i["extra_cost"] for i in brief["impacts"]}
    assert costs == {"MIG-1": 40000, "MIG-3": 20000}  # only MIG-3's week beyond the epic's two
    assert goal(brief, "G1")["shift_weeks"] == 3


def test_words_name_the_epic_not_the_key(workspace: Workspace) -> None:
    brief = workspace.brief("We are 3 sprints late on the database migration.")
    assert [i["item"] for i in brief["impacts"]] == ["MIG-1"]


def test_item_blocked_by_its_own_epic_is_ignored_with_a_warning(workspace: Workspace) -> None:
    for row in workspace.rows:
        if row["key"] == "PAY-3":
            row["blocked_by"] = "PAY-1"
    workspace.write()
    brief = workspace.brief("PAY-3 is 1 week late.")
    assert by_id(brief["goals"], "goal", "G1")["shift_weeks"] == 1
    assert any("PAY-3" in w and "PAY-1" in w for w in brief["warnings"])


def test_a_total_that_leaves_out_unpriced_slips_says_so(workspace: Workspace) -> None:
    workspace.rows.append({"key": "OPS-1", "title": "Monitoring revamp"})
    workspace.write()
    only_unpriced = workspace.brief("OPS-1 is 2 weeks late.")
    assert only_unpriced["headline"] == (
        "Delay with no effect on the goals; extra cost not priced (no known team)."
    )
    mixed = workspace.brief("OPS-1 is 2 weeks late. MIG-1 is 1 week late.")
    assert mixed["headline"].endswith("excluding unpriced items.")
    assert "(excluding unpriced items)" in mixed["summary_markdown"]
