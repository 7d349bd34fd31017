"""The bundled example (examples/transvia): parallel paths, working days, good news."""

from __future__ import annotations

import json

import pytest

from tests.conftest import TRANSVIA, by_id, run_cli


def transvia(status: str, *extra: str) -> dict:
    result = run_cli(
        "brief",
        "--context", str(TRANSVIA / "context.yaml"),
        "--goals", str(TRANSVIA / "goals.yaml"),
        "--backlog", str(TRANSVIA / "backlog.csv"),
        "--status", str(TRANSVIA / status),
        "--format", "json", "--as-of", "2026-11-20", *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("status", ["status.fr.txt", "status.en.txt"])
def test_bundled_example_gives_the_figures_of_its_readme(status: str) -> None:
    brief = transvia(status)
    impacts = {i["item"]: i for i in brief["impacts"]}
    assert set(impacts) == {"PLT-10", "BIL-20"}
    assert impacts["PLT-10"]["delay_weeks"] == 4 and impacts["PLT-10"]["extra_cost"] == 68000
    assert impacts["BIL-20"]["delay_weeks"] == 1 and impacts["BIL-20"]["extra_cost"] == 11250
    g1, g2, g3 = (by_id(brief["goals"], "goal", g) for g in ("G1", "G2", "G3"))
    assert (g1["shift_weeks"], g1["cost_of_delay"]) == (4, 72000)
    assert (g2["shift_weeks"], g2["cost_of_delay"]) == (4, 24000)  # max(4, 1), not 5
    assert g3["shift_weeks"] == 0
    assert [n["item"] for n in brief["good_news"]] == ["SEC-31"]
    assert brief["total_cost"] == 175250


def test_goal_titles_follow_the_brief_language() -> None:
    english = transvia("status.fr.txt", "--lang", "en")
    assert english["headline"].startswith("Carrier portal launch and Automated carrier billing")
    french = transvia("status.fr.txt")
    assert french["headline"].startswith("Ouverture du portail transporteurs")
    assert "175 250 EUR" in french["headline"]


def test_comex_brief_explains_jargon_in_plain_words() -> None:
    brief = transvia("status.fr.txt")
    assert "## Termes techniques" in brief["summary_markdown"]
    assert "**API**" in brief["summary_markdown"]


def test_brief_mentions_audit_risks_touching_what_slipped() -> None:
    brief = transvia("status.en.txt", "--lang", "en", "--findings", str(TRANSVIA / "audit.csv"))
    risks = {r["id"]: r for r in brief["risks"]}
    assert set(risks) == {
        "risk.security.platform",
        "risk.reliability.billing",
        "risk.maintainability.billing",
    }  # the cloud-cost finding touches no slipped item: not mentioned
    assert risks["risk.security.platform"]["cost"] == 6 * 850
    assert "## Related risks" in brief["summary_markdown"]
    assert "EUR 5,100" in brief["summary_markdown"]
    assert brief["total_cost"] == 175250  # risks are mentioned, not added to the slip's cost
    figures = {f["id"] for f in brief["figures"]}
    assert "risk.security.platform.effort_days" in figures
