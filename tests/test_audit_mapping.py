"""Each tool's severity scale and effort unit, mapped to Steerco's (see the module docstrings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.audit import Category, Finding, Severity, load_findings


def load_one(tmp_path: Path, document: object) -> list[Finding]:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return list(load_findings([path]).findings)


def sonar(*issues: dict) -> dict:
    return {
        "paging": {"total": len(issues)},
        "issues": [{"key": f"K{i}", "rule": "r", "component": "shop:payments/api.py", **issue}
                   for i, issue in enumerate(issues)],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("sonar_severity", "expected"),
    [("BLOCKER", "critical"), ("CRITICAL", "high"), ("MAJOR", "medium"), ("MINOR", "low"),
     ("INFO", "info")],
)  # fmt: skip
def test_sonarqube_severity_scale(tmp_path: Path, sonar_severity: str, expected: str):
    (finding,) = load_one(tmp_path, sonar({"severity": sonar_severity, "type": "BUG"}))
    assert finding.severity == expected and finding.category is Category.RELIABILITY


def test_sonarqube_without_legacy_severity_uses_the_worst_impact(tmp_path: Path):
    impacts = [
        {"softwareQuality": "MAINTAINABILITY", "severity": "LOW"},
        {"softwareQuality": "SECURITY", "severity": "HIGH"},
    ]
    (finding,) = load_one(tmp_path, sonar({"impacts": impacts}))
    assert (finding.category, finding.severity) == (Category.SECURITY, Severity.HIGH)
    assert finding.component == "payments"


@pytest.mark.parametrize(
    ("effort", "minutes"),
    [("5min", 5), ("2h30min", 150), ("1d 2h", 600), ("3h", 180), ("soon", None)],
)
def test_sonarqube_effort_is_read_in_minutes_with_8_hour_days(
    tmp_path: Path, effort: str, minutes: int | None
):
    (finding,) = load_one(tmp_path, sonar({"severity": "MAJOR", "effort": effort}))
    assert finding.effort_minutes == minutes


def test_sonarqube_security_hotspot_is_security(tmp_path: Path):
    issue = {"type": "SECURITY_HOTSPOT", "vulnerabilityProbability": "HIGH"}
    (finding,) = load_one(tmp_path, sonar(issue))
    assert (finding.category, finding.severity) == (Category.SECURITY, Severity.HIGH)


def sarif(results: list[dict], rules: list[dict] | None = None) -> dict:
    driver = {"name": "Scanner", "rules": rules or [{"id": "R1"}]}
    return {"version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}


@pytest.mark.parametrize(
    ("result", "expected"),
    [({"level": "error"}, "high"), ({"level": "warning"}, "medium"), ({"level": "note"}, "low"),
     ({"level": "none"}, "info"), ({}, "medium"),
     ({"level": "note", "properties": {"security-severity": "9.8"}}, "critical"),
     ({"properties": {"security-severity": "7.5"}}, "high")],
)  # fmt: skip
def test_sarif_level_and_security_severity(tmp_path: Path, result: dict, expected: str):
    (finding,) = load_one(tmp_path, sarif([{"ruleId": "R1", **result}]))
    assert finding.severity == expected


def test_sarif_category_comes_from_rule_tags_and_passed_results_are_skipped(tmp_path: Path):
    rules = [{"id": "R1", "properties": {"tags": ["correctness", "external/cwe/cwe-022"]}}]
    results = [
        {"ruleIndex": 0, "message": {"text": "m"}},
        {"ruleIndex": 0, "kind": "pass"},
        {"ruleIndex": 0, "suppressions": [{"kind": "inSource"}]},
    ]
    (finding,) = load_one(tmp_path, sarif(results, rules))
    assert (finding.category, finding.cwe) == (Category.RELIABILITY, ("CWE-22",))


@pytest.mark.parametrize(
    ("word", "expected"), [("ERROR", "high"), ("WARNING", "medium"), ("INFO", "low")]
)
def test_semgrep_severity_scale(tmp_path: Path, word: str, expected: str):
    result = {"check_id": "r", "path": "a.py", "extra": {"severity": word, "metadata": {}}}
    (finding,) = load_one(tmp_path, {"results": [result], "errors": [], "version": "1.0"})
    assert finding.severity == expected


@pytest.mark.parametrize(
    ("word", "expected"), [("HIGH", "high"), ("MEDIUM", "medium"), ("LOW", "low")]
)
def test_bandit_severity_scale(tmp_path: Path, word: str, expected: str):
    result = {"test_id": "B1", "filename": "a.py", "issue_severity": word}
    document = {"results": [result], "metrics": {}, "generated_at": "2024-01-01"}
    (finding,) = load_one(tmp_path, document)
    assert finding.severity == expected and finding.category is Category.SECURITY


def test_trivy_unknown_severity_is_assumed_and_licences_are_compliance(tmp_path: Path):
    result = {
        "Target": "services/payments/package-lock.json",
        "Vulnerabilities": [{"VulnerabilityID": "CVE-2024-1", "PkgName": "x", "Severity": "UNKNOWN"}],
        "Misconfigurations": [{"ID": "M1", "Severity": "HIGH", "Status": "PASS"}],
        "Licenses": [{"Name": "AGPL-3.0", "PkgName": "y", "Severity": "HIGH"}],
    }  # fmt: skip
    document = {"SchemaVersion": 2, "ArtifactName": ".", "Results": [result]}
    vuln, licence = load_one(tmp_path, document)
    assert vuln.severity_assumed and vuln.severity is Severity.MEDIUM
    assert vuln.component == "payments"
    assert (licence.category, licence.severity) == (Category.COMPLIANCE, Severity.HIGH)


@pytest.mark.parametrize(
    ("score", "expected"),
    [(9.8, "critical"), (7.0, "high"), (5.3, "medium"), (2.0, "low"), (0.0, "info")],
)
def test_cvss_scores_use_the_standard_bands_when_no_word_is_given(
    tmp_path: Path, score: float, expected: str
):
    vuln = {"name": "CVE-2024-0001", "cvssv3": {"baseScore": score}}
    document = {"reportSchema": "1.1", "dependencies": [{"vulnerabilities": [vuln]}]}
    (finding,) = load_one(tmp_path, document)
    assert finding.severity == expected


def test_osv_group_max_severity_decides(tmp_path: Path):
    package = {
        "package": {"name": "lodash", "version": "4.17.15"},
        "vulnerabilities": [{"id": "GHSA-1", "aliases": ["CVE-2021-23337"]}, {"id": "CVE-2021-23337"}],
        "groups": [{"ids": ["GHSA-1", "CVE-2021-23337"], "max_severity": "7.2"}],
    }  # fmt: skip
    document = {"results": [{"source": {"path": "web/package-lock.json"}, "packages": [package]}]}
    (finding,) = load_one(tmp_path, document)  # two aliases, one vulnerability
    assert (finding.severity, finding.cve, finding.component) == (
        Severity.HIGH,
        ("CVE-2021-23337",),
        "web",
    )
