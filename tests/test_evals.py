"""The eval suite through `steerco eval`: thresholds gate the exit status, reports are written,
a model is scored on the same cases with its cost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from assistant.evals.cases import DEFAULT_CASES
from tests.conftest import run_cli
from tests.llm_support import fake_client

SEED_CASE = "fintrak-migration-3-sprints-fr"


def _metric(report: dict, suite: str, name: str) -> dict:
    found = next(s for s in report["suites"] if s["suite"] == suite)
    return next(m for m in found["metrics"] if m["name"] == name)


def _one_case_file(tmp_path: Path, case_id: str = SEED_CASE, **expect: object) -> Path:
    """The shipped case file cut down to one case, its expectations overridden by `expect`."""
    data = yaml.safe_load(DEFAULT_CASES.read_text(encoding="utf-8"))
    case = next(c for c in data["cases"] if c["id"] == case_id)
    case["expect"].update(expect)
    data["cases"] = [case]
    path = tmp_path / "cases.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_offline_brief_suite_holds_its_thresholds_and_writes_both_reports(tmp_path: Path) -> None:
    result = run_cli("eval", "--suite", "briefs", "--report", str(tmp_path / "scorecard.md"))
    assert result.exit_code == 0, result.output
    assert "Steerco eval (offline): PASS" in result.output
    report = json.loads((tmp_path / "scorecard.json").read_text(encoding="utf-8"))
    assert report["ok"] is True
    assert (tmp_path / "scorecard.md").read_text(encoding="utf-8").startswith("# Steerco eval")
    cases = _metric(report, "briefs", "cases run")
    assert cases["value"] >= 60 and "fr" in cases["detail"] and "en" in cases["detail"]
    assert _metric(report, "briefs", "figure accuracy")["value"] == 1.0
    assert _metric(report, "briefs", "grounding")["value"] == 1.0
    assert _metric(report, "briefs", "mutation catch")["value"] >= 0.99
    assert _metric(report, "briefs", "LLM calls")["value"] == 0


def test_a_wrong_expected_figure_makes_the_exit_status_non_zero(tmp_path: Path) -> None:
    cases = _one_case_file(tmp_path, total_cost=270001)
    result = run_cli("eval", "--suite", "briefs", "--cases", str(cases), "--no-mutations")
    assert result.exit_code == 1
    assert "FAIL" in result.output
    assert "total_cost expected 270001" in result.output


def test_a_known_bug_case_is_reported_but_does_not_gate(tmp_path: Path) -> None:
    data = yaml.safe_load(_one_case_file(tmp_path, total_cost=1).read_text(encoding="utf-8"))
    data["cases"][0]["known_bug"] = "illustration"
    (tmp_path / "cases.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    result = run_cli("eval", "--suite", "briefs", "--cases", str(tmp_path / "cases.yaml"))
    assert result.exit_code == 0, result.output
    assert "known bug fintrak-migration-3-sprints-fr: illustration" in result.output


def test_reading_suite_scores_the_development_set_and_our_own_cases(tmp_path: Path) -> None:
    result = run_cli("eval", "--suite", "reading", "--report", str(tmp_path / "scorecard.md"))
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "scorecard.json").read_text(encoding="utf-8"))
    assert _metric(report, "reading", "salarix: cases exact")["value"] >= 0.96
    assert _metric(report, "reading", "logistiq: no silent miss")["value"] == 1.0
    assert "salarix: exact" in result.output and "logistiq: exact" in result.output


def test_reading_suite_fails_when_a_hedge_is_priced(tmp_path: Path, monkeypatch) -> None:
    from assistant.evals import reading

    cases = tmp_path / "sets" / "mini"
    cases.mkdir(parents=True)
    for name in ("context.yaml", "goals.yaml", "backlog.csv"):
        (cases / name).write_bytes((reading.SETS / "logistiq" / name).read_bytes())
    (cases / "cases.yaml").write_text(
        """version: 1
as_of: 2026-11-20
cases:
- id: wrongly-certain
  group: hedge
  status: "Le connecteur ERP des commandes pourrait glisser d'une semaine."
  reading:
  - {quote: "Le connecteur ERP des commandes pourrait glisser d'une semaine", kind: slip,
     item: ERP-2, weeks: 1, range: null, note: "written as if certain"}
  expected:
    impacts: {ERP-2: {delay_weeks: 1, extra_cost: 11200}}
    goals: {G2: {shift_weeks: 1, cost_of_delay: 14000}}
    unaffected: [G1, G3]
    total_cost: 25200
    risks: {}
    to_confirm: []
    news: []
""",
        encoding="utf-8",
    )
    monkeypatch.setattr(reading, "SETS", tmp_path / "sets")
    result = run_cli("eval", "--suite", "reading")
    assert result.exit_code == 1
    assert "mini: cases exact" in result.output


def test_roadmap_suite_reproduces_the_published_cost_of_delay_cases() -> None:
    result = run_cli("eval", "--suite", "roadmaps")
    assert result.exit_code == 0, result.output
    assert "| reference results | 100.0% |" in result.output


def test_a_model_is_scored_on_the_same_cases_with_its_calls_and_tokens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prose = (  # the brief's skeleton (narrate_brief.v2), as the model fills it
        '{"headline": "Lancement du paiement instantané : glissement de [[goal.G1.shift_weeks]],'
        ' coût total [[total.cost]].", "G1": "Il glisse de [[goal.G1.shift_weeks]].", "cause": '
        '"La migration de la base prend [[impact.MIG-100.delay_weeks]] de retard.", "decision":'
        ' "Renforcer l\'équipe Platform."}'
    )
    client = fake_client(prose)
    monkeypatch.setattr("assistant.cli.eval._client", lambda model: client)
    report = tmp_path / "model.json"
    result = run_cli(
        "eval", "--suite", "briefs", "--model", "openai/gpt-4o-mini", "--case", SEED_CASE,
        "--report", str(report),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["model"] == "openai/gpt-4o-mini"
    assert _metric(data, "briefs", "LLM calls")["value"] == 1
    assert _metric(data, "briefs", "LLM tokens")["value"] > 0
    assert "llm openai/gpt-4o-mini × 1" in result.output


def test_a_model_draft_with_an_invented_number_falls_back_and_stays_grounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    invented = "Lancement du paiement instantané : 3 semaines de retard, 99 000 EUR."
    client = fake_client(invented, invented)
    monkeypatch.setattr("assistant.cli.eval._client", lambda model: client)
    result = run_cli("eval", "--suite", "briefs", "--model", "openai/gpt-4o-mini",
                     "--case", SEED_CASE, "--no-mutations")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "template (fallback) × 1" in result.output
    assert "| LLM calls | 2 |" in result.output
