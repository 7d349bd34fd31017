"""`steerco brief` on each backlog format, detected from content (fixtures in tests/data/backlog,
and the real Apache Jira REST export of ../shared/data: Choetkiertikul et al., ASE 2015, via
SEAnalytics/datasets)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SHARED, by_id, run_cli

DATA = ROOT / "tests" / "data" / "backlog"
TEAMS = [
    {"name": name, "people": 3, "day_rate": 600}
    for name in ("Web", "Growth", "Mobile", "Discovery", "Legal")
]


def brief_on(tmp_path: Path, backlog: Path, goal_on: str, status: str, *extra: str) -> dict:
    context = {"company": "Acme", "language": "en", "sprint_weeks": 2, "teams": TEAMS}
    goals = [
        {"id": "G1", "title": "Launch", "cost_of_delay_per_week": 10000, "depends_on": [goal_on]}
    ]
    (tmp_path / "context.yaml").write_text(yaml.safe_dump(context), encoding="utf-8")
    (tmp_path / "goals.yaml").write_text(yaml.safe_dump(goals), encoding="utf-8")
    result = run_cli(
        "brief", "--context", str(tmp_path / "context.yaml"), "--goals", str(tmp_path / "goals.yaml"),
        "--backlog", str(backlog), "--text", status, "--format", "json", "--as-of", "2026-11-20", *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("fixture", "fmt", "goal_on", "status", "item", "weeks"),
    [
        ("jira_export.csv", "jira-csv", "CHK-1", "CHK-3 is 2 weeks late.", "CHK-3", 2),
        ("jira_search.json", "jira-json", "ONB-10",
         "We are one sprint late on the identity verification provider.", "ONB-12", 2),
        ("linear_export.csv", "linear-csv", "MOB-20", "MOB-22 slipped by 1 week.", "MOB-22", 1),
        ("github_issues.json", "github-json", "acme/storefront#40", "#41 is 2 weeks late.",
         "acme/storefront#41", 2),
        ("generic_backlog.csv", "generic-csv", "DATA-1",
         "La politique de rétention RGPD a 5 jours ouvrés de retard.", "DATA-4", 1),
    ],
)  # fmt: skip
def test_each_backlog_format_is_detected_and_briefed(
    tmp_path: Path, fixture: str, fmt: str, goal_on: str, status: str, item: str, weeks: float
) -> None:
    misleading = tmp_path / "export.txt"  # the name says nothing: content decides
    shutil.copy(DATA / fixture, misleading)
    brief = brief_on(tmp_path, misleading, goal_on, status)
    assert by_id(brief["inputs"], "file", str(misleading))["kind"] == fmt
    impact = by_id(brief["impacts"], "item", item)
    assert impact["delay_weeks"] == weeks
    assert impact["extra_cost"] == 3 * 600 * 5 * weeks
    assert by_id(brief["goals"], "goal", "G1")["shift_weeks"] == weeks


def test_several_exports_are_merged_and_links_cross_them(tmp_path: Path) -> None:
    extra = tmp_path / "ops.csv"
    extra.write_text(
        "key,title,team,blocks\nOPS-77,Payment provider contract,Legal,CHK-4\n", encoding="utf-8"
    )
    brief = brief_on(
        tmp_path,
        DATA / "jira_export.csv",
        "CHK-4",
        "OPS-77 is 3 weeks late.",
        "--backlog",
        str(extra),
    )
    assert by_id(brief["goals"], "goal", "G1")["shift_weeks"] == 3
    assert [i["kind"] for i in brief["inputs"][2:4]] == ["jira-csv", "generic-csv"]
    assert not any("OPS-77" in w for w in brief["warnings"])  # the link now resolves


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/data")
def test_real_apache_jira_rest_export_briefs_with_warnings(tmp_path: Path) -> None:
    export = SHARED / "data" / "backlog" / "apache_jira_rest_ase2015.jsonl"
    brief = brief_on(tmp_path, export, "ANY23-174", "ANY23-174 slipped by 2 weeks.")
    assert brief["inputs"][2]["kind"] == "jira-json"
    assert by_id(brief["impacts"], "item", "ANY23-174")["delay_weeks"] == 2
    assert any("none of the exports" in w for w in brief["warnings"])
    assert any("ANY23-174" in w and "in the export" in w for w in brief["warnings"])  # done there


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/data")
def test_french_status_names_english_jira_titles_in_its_own_words(tmp_path: Path) -> None:
    """ "Clean up logging libraries" (GORA-125) said in French, through the glossary."""
    export = SHARED / "data" / "backlog" / "apache_jira_rest_ase2015.jsonl"
    status = "Le nettoyage des bibliothèques de logs a pris 2 semaines de retard."
    brief = brief_on(tmp_path, export, "GORA-125", status)
    assert [i["item"] for i in brief["impacts"]] == ["GORA-125"]
    assert by_id(brief["goals"], "goal", "G1")["shift_weeks"] == 2
