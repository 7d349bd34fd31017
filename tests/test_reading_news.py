"""News for the committee: budget, staffing and incident figures where context gives them."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT, run_cli

SALARIX = ROOT / "evals" / "reading" / "salarix"
STATUS = (
    "FYI the AWS bill for October came in 35 % higher than September. "
    "Two developers are leaving the Platform team in January. "
    "On 9 November payroll was unavailable for 4 hours."
)


def _brief(context: Path) -> str:
    result = run_cli(
        "brief",
        "--context",
        str(context),
        "--goals",
        str(SALARIX / "goals.yaml"),
        "--backlog",
        str(SALARIX / "backlog.csv"),
        "--text",
        STATUS,
        "--lang",
        "en",
        "--as-of",
        "2026-11-20",
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_news_is_priced_from_the_optional_budgets_and_incident_cost(tmp_path: Path) -> None:
    context = tmp_path / "context.yaml"
    context.write_text(
        (SALARIX / "context.yaml").read_text(encoding="utf-8")
        + "budgets:\n  - {name: AWS, monthly: 5300, aliases: [cloud bill]}\n"
        + "incident_cost_per_hour: 1500\n",
        encoding="utf-8",
    )
    out = _brief(context)
    news = out.split("## News for the committee")[1].split("\n## ")[0]
    assert "EUR 1,855 a month" in news  # 5,300 x 35 %
    assert "team of 2 people, weekly burn EUR 7,200" in news  # (4 - 2) x 800 x 4.5
    assert "estimated cost EUR 6,000" in news  # 4 h x 1,500


def test_without_those_fields_news_is_quoted_not_priced() -> None:
    out = _brief(SALARIX / "context.yaml")
    news = out.split("## News for the committee")[1].split("\n## ")[0]
    assert "35 % higher" in news and "a month" not in news and "estimated cost" not in news
    assert "weekly burn EUR 7,200" in news  # teams are always in context.yaml


def test_staffing_news_counts_the_people_nouns_the_roadmap_counts() -> None:
    """One reading of people for the brief's figures and the roadmap's capacity: contractors
    joining are people, counted and added, as the roadmap adds them."""
    result = run_cli(
        "brief", "--context", str(SALARIX / "context.yaml"), "--goals",
        str(SALARIX / "goals.yaml"), "--backlog", str(SALARIX / "backlog.csv"), "--text",
        "Two contractors are joining the Platform team in January.", "--lang", "en",
        "--as-of", "2026-11-20",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    news = result.stdout.split("## News for the committee")[1].split("\n## ")[0]
    assert "team of 6 people, weekly burn EUR 21,600" in news  # (4 + 2) x 800 x 4.5
