"""The field's seed case: "on a 3 sprints de retard sur la migration" (../shared/examples)."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.conftest import SEED, by_id, run_cli, seed_args

EXPECTED = yaml.safe_load((SEED / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("status", ["status.fr.txt", "status.en.txt"])
def test_three_sprints_late_on_migration_reproduces_expected_figures(status: str) -> None:
    result = run_cli(*seed_args(status, "--format", "json"))
    assert result.exit_code == 0, result.output
    brief = json.loads(result.stdout)

    for expected in EXPECTED["impacts"]:
        impact = by_id(brief["impacts"], "item", expected["item"])
        assert impact["delay_weeks"] == expected["delay_weeks"]
        assert impact["extra_cost"] == expected["extra_cost"]
        for goal in expected["goals"]:
            effect = by_id(impact["goals"], "goal", goal["goal"])
            assert effect["shift_weeks"] == goal["shift_weeks"]
            assert effect["cost_of_delay"] == goal["cost_of_delay"]
            overall = by_id(brief["goals"], "goal", goal["goal"])
            assert overall["shift_weeks"] == goal["shift_weeks"]
            assert overall["cost_of_delay"] == goal["cost_of_delay"]
    for untouched in EXPECTED["not_affected"]:
        goal = by_id(brief["goals"], "goal", untouched)
        assert goal["shift_weeks"] == 0 and goal["cost_of_delay"] == 0
    assert brief["total_cost"] == EXPECTED["total_cost"]
    assert len(brief["impacts"]) == len(EXPECTED["impacts"])


def test_french_brief_headline_names_launch_shift_and_total_in_french_format() -> None:
    result = run_cli(*seed_args("status.fr.txt"))
    assert result.exit_code == 0, result.output
    headline = next(line for line in result.stdout.splitlines() if line.startswith("**"))
    assert "Lancement du paiement instantané" in headline
    assert "6 semaines" in headline
    assert "270 000 EUR" in headline
    assert "120 000 EUR" in result.stdout
    assert "150 000 EUR" in result.stdout
    assert "Non affecté : Certification ISO 27001" in result.stdout


def test_english_brief_formats_money_the_english_way() -> None:
    result = run_cli(*seed_args("status.en.txt", "--lang", "en"))
    assert result.exit_code == 0, result.output
    assert "slips 6 weeks" in result.stdout
    assert "EUR 270,000" in result.stdout
    assert "EUR 120,000" in result.stdout
    assert "new expected date 12 April 2027 instead of 1 March 2027" in result.stdout


def test_brief_language_defaults_to_context_language() -> None:
    brief = json.loads(run_cli(*seed_args("status.en.txt", "--format", "json")).stdout)
    assert brief["language"] == "fr"  # context.yaml says fr; the status language does not decide


def test_slip_reason_is_kept_and_cause_is_traced_to_the_launch() -> None:
    brief = json.loads(run_cli(*seed_args("status.fr.txt", "--format", "json")).stdout)
    impact = brief["impacts"][0]
    assert "réplication logique" in impact["reason"]
    goal = by_id(brief["goals"], "goal", "G1")
    assert goal["path"][0] == "MIG-100" and goal["path"][-1] == "PAY-200"
    assert "PAY-201" in goal["path"]
    assert goal["new_date"] == "2027-04-12"


def test_every_figure_carries_formula_and_source() -> None:
    brief = json.loads(run_cli(*seed_args("status.fr.txt", "--format", "json")).stdout)
    figures = {f["id"]: f for f in brief["figures"]}
    extra = figures["impact.MIG-100.extra_cost"]
    assert "20000 EUR/week × 6 weeks" in extra["formula"]
    assert any(s["file"].endswith("backlog.csv") and s["row"] == 2 for s in extra["sources"])
    delay = figures["impact.MIG-100.delay_weeks"]
    assert delay["formula"] == "3 sprints × 2 weeks/sprint = 6 weeks"
    assert any(s["field"] == "sprint_weeks" for s in delay["sources"])
    assumption_ids = {a["id"] for a in brief["assumptions"]}
    assert {"sprint_length", "zero_slack", "team_rate.Platform"} <= assumption_ids
