"""The eval suite through `steerco eval`: thresholds gate the exit status, reports are written,
a model is scored on the same cases with its cost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from evals.cases import DEFAULT_CASES
from tests.conftest import ROOT, run_cli
from tests.llm_support import fake_client

SEED_CASE = "fintrak-migration-3-sprints-fr"


@pytest.fixture(autouse=True)
def _offline_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    """`steerco eval` scores STEERCO_MODEL when set: these tests choose their model."""
    monkeypatch.delenv("STEERCO_MODEL", raising=False)


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
    from evals import reading_suite as reading

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


# --- the eval suite is the checkout's, and scores a model's reading and linking too ---------

HEDGE_CASE = """version: 1
as_of: 2026-11-20
cases:
- id: lq-hedge-fr-editeur
  group: hedge
  status: |
    Le connecteur ERP des commandes pourrait prendre une semaine de plus si l'éditeur ne livre pas son API à temps.
  reading:
  - {quote: "Le connecteur ERP des commandes pourrait prendre une semaine de plus", kind: risk,
     item: ERP-2, weeks: 1, range: null, note: "pourrait ... si"}
  expected: {impacts: {}, goals: {}, unaffected: [G1, G2, G3], total_cost: 0, risks: {ERP-2: 1},
             to_confirm: [], news: []}
"""


def _mini_reading_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from evals import reading_suite

    folder = tmp_path / "sets" / "mini"
    folder.mkdir(parents=True)
    for name in ("context.yaml", "goals.yaml", "backlog.csv"):
        (folder / name).write_bytes((reading_suite.SETS / "logistiq" / name).read_bytes())
    (folder / "cases.yaml").write_text(HEDGE_CASE, encoding="utf-8")
    monkeypatch.setattr(reading_suite, "SETS", tmp_path / "sets")


def test_eval_outside_a_source_checkout_says_so_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "evals", None)  # an installed wheel: no `evals` package
    monkeypatch.chdir(tmp_path)  # and not run from a checkout either
    result = run_cli("eval", "--suite", "roadmaps")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "steerco eval runs from a source checkout" in result.stderr
    assert "Fix: clone the Steerco repository" in result.stderr


def test_eval_run_from_the_checkouts_root_finds_the_suite_there(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "evals", None)  # not on the import path (a wheel) ...
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.chdir(ROOT)  # ... but run from the checkout's root folder
    result = run_cli("eval", "--suite", "roadmaps")
    assert result.exit_code == 0, result.output
    assert "| reference results | 100.0% |" in result.output


def test_the_eval_suite_is_not_in_the_wheel() -> None:
    import tomllib

    hatch = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]
    wheel = hatch["build"]["targets"]["wheel"]
    assert "evals" not in wheel["packages"] and "assistant" in wheel["packages"]
    assert not any("evals" in str(path) for path in wheel.get("force-include", {}))
    assert not (ROOT / "assistant" / "evals").exists()


def test_the_reading_suite_scores_the_models_reading_and_a_hedge_it_reads_as_certain_is_not_priced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _mini_reading_set(tmp_path, monkeypatch)
    assert run_cli("eval", "--suite", "reading").exit_code == 0  # the rules keep it a risk
    certain = json.dumps({"claims": [{"id": "c1", "kind": "slip", "item": "ERP-2",
                                      "quote": "prendre une semaine de plus"}]})  # fmt: skip
    client = fake_client(certain)
    monkeypatch.setattr("assistant.cli.eval._client", lambda model: client)
    monkeypatch.setenv("STEERCO_MODEL", "openai/gpt-4o-mini")  # the model under test, by default
    result = run_cli("eval", "--suite", "reading", "--report", str(tmp_path / "model.md"))
    assert result.exit_code == 0, result.output
    assert "Steerco eval (openai/gpt-4o-mini): PASS" in result.output
    report = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    assert _metric(report, "reading", "mini: no false positive")["value"] == 1.0
    assert _metric(report, "reading", "mini: hedges kept out of totals")["value"] == 1.0
    assert "0 of 1 priced" in result.output  # the model said "slip"; the hedge stays unpriced
    assert _metric(report, "reading", "LLM calls")["value"] == 1
    assert "read by: llm:openai/gpt-4o-mini × 1" in result.output


def test_the_linking_suite_scores_the_item_the_models_reading_ties_a_mention_to(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from assistant.knowledge import linking_eval as le

    orion = le.Case(id="bascule", backlog="evals/reading/logistiq/backlog.csv",
                    mention="La bascule ERP", expected=frozenset({"ERP-1"}), lang="fr")  # fmt: skip
    monkeypatch.setattr(le, "load_cases", lambda *a, **k: [orion])
    offline = run_cli("eval", "--suite", "linking")
    assert offline.exit_code == 0, offline.output
    assert "| reader (rules) | 1 | 0 | 0.00 | 0.00 |" in offline.output  # "ERP" names four items
    named = json.dumps({"claims": [{"id": "c1", "kind": "slip", "item": "ERP-1",
                                    "quote": "a 2 semaines de retard"}]})  # fmt: skip
    client = fake_client(named)
    monkeypatch.setattr("assistant.cli.eval._client", lambda model: client)
    result = run_cli("eval", "--suite", "linking", "--model", "openai/gpt-4o-mini")
    assert result.exit_code == 0, result.output
    assert "| reader (openai/gpt-4o-mini) | 1 | 1 | 1.00 | 1.00 |" in result.output
    assert "| LLM calls | 1 |" in result.output
