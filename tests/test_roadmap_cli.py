"""`steerco roadmap` on the bundled example (examples/transvia, with its audit)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from assistant.cli.roadmap import horizon_to_weeks
from assistant.errors import InputError
from tests.conftest import SHARED, TRANSVIA, run_cli


def roadmap(*extra: str):  # type: ignore[no-untyped-def]
    return run_cli(
        "roadmap",
        "--context", str(TRANSVIA / "context.yaml"),
        "--goals", str(TRANSVIA / "goals.yaml"),
        "--backlog", str(TRANSVIA / "backlog.csv"),
        "--findings", str(TRANSVIA / "audit.csv"),
        "--start", "2026-11-23",
        *extra,
    )  # fmt: skip


def test_example_roadmap_in_french_by_default_with_its_totals() -> None:
    result = roadmap()
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Feuille de route — Transvia")
    assert "## Décisions demandées" in result.stdout
    assert "Ouverture du portail transporteurs" in result.stdout


def test_json_totals_are_the_figures_the_markdown_prints() -> None:
    data = json.loads(roadmap("--format", "json").stdout)
    figures = data["figures"]
    recommended = figures["roadmap.total_cost_of_delay.recommended"]
    assert recommended["value"] == data["recommended_cost_of_delay"]
    assert recommended["formula"].startswith("Σ")
    text = roadmap("--lang", "en").stdout
    from assistant.narration.formatting import format_money

    assert format_money(recommended["value"], "EUR", "en") in text
    assert format_money(data["naive_cost_of_delay"], "EUR", "en") in text


def test_english_engineering_page_names_goals_in_english_and_shows_keys(tmp_path: Path) -> None:
    out = tmp_path / "roadmap.html"
    result = roadmap(
        "--lang", "en", "--audience", "engineering", "--format", "html", "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "Carrier portal launch" in page and "POR-1" in page
    assert page.count("<svg") == 2 and 'class="fig"' in page


def test_deck_needs_a_file_and_opens(tmp_path: Path) -> None:
    from pptx import Presentation

    refused = roadmap("--format", "pptx")
    assert refused.exit_code == 2 and "--out deck.pptx" in refused.stderr
    out = tmp_path / "deck.pptx"
    assert roadmap("--format", "pptx", "--out", str(out)).exit_code == 0
    deck = Presentation(io.BytesIO(out.read_bytes()))
    assert deck.slides[0].shapes.title.text == "Feuille de route — Transvia"


def test_horizon_quarter_and_method_reach_the_plan() -> None:
    data = json.loads(
        roadmap("--horizon", "2027-Q2", "--method", "wsjf", "--format", "json").stdout
    )
    assert data["horizon_weeks"] == 32  # 23 Nov 2026 → 30 Jun 2027, whole weeks
    assert data["method"] == "wsjf"


def test_bad_options_are_clear_input_errors() -> None:
    both = roadmap("--horizon", "2027-Q2", "--weeks", "10")
    assert both.exit_code == 2 and "not both" in both.stderr
    wrong = roadmap("--horizon", "Q2-2027")
    assert wrong.exit_code == 2 and "2027-Q2" in wrong.stderr
    missing = run_cli("roadmap", "--goals", str(TRANSVIA / "goals.yaml"))
    assert missing.exit_code == 2 and "--context" in missing.stderr


@pytest.mark.parametrize(("horizon", "weeks"), [("2026-Q4", 6), ("2027-Q1", 19), ("2027-q4", 58)])
def test_a_quarter_is_the_weeks_to_its_last_day(horizon: str, weeks: int) -> None:
    assert horizon_to_weeks(horizon, None, dt.date(2026, 11, 23)) == weeks


def test_a_past_quarter_is_refused() -> None:
    with pytest.raises(InputError, match="ends before the plan starts"):
        horizon_to_weeks("2026-Q3", None, dt.date(2026, 11, 23))


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/data")
def test_real_jira_rest_export_gives_a_plan_with_warnings_for_what_it_lacks(tmp_path: Path) -> None:
    """Apache Jira REST sample (Choetkiertikul et al., ASE 2015, via SEAnalytics/datasets)."""
    from assistant.loaders import load_backlog

    export = SHARED / "data" / "backlog" / "apache_jira_rest_ase2015.jsonl"
    open_keys = [i.key for i in load_backlog([export]).items.values() if not i.done][:2]
    goals = tmp_path / "goals.yaml"
    goals.write_text(
        f"- id: G1\n  title: Release\n  cost_of_delay_per_week: 5000\n  depends_on: {open_keys}\n",
        encoding="utf-8",
    )
    result = run_cli(
        "roadmap", "--context", str(TRANSVIA / "context.yaml"), "--goals", str(goals),
        "--backlog", str(export), "--start", "2026-11-23", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["packages"] and plan["order"]
    assert any("none of the exports" in w for w in plan["warnings"])
    assert plan["forecast"]["method"] in ("monte_carlo", "capacity_plan")
