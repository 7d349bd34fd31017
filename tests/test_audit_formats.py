"""Each audit format, detected from content and normalised, on real reports where we have them.

Real samples live in ../shared/data/audit (see its SOURCES.md): the SonarQube dvpwa report is
from sadebf2001/dvpwa_psi @ 9633e280 (MIT); Dependency-Check from
annesa123/VulnerableJavaWebApplication @ 24633956 (MIT); the SonarQube API, pip-audit,
npm 7+, Trivy, OSV-Scanner, Semgrep, Bandit and CodeQL SARIF samples from the unit-test scans
of DefectDojo/django-DefectDojo @ 7cfa159a (BSD-3-Clause). Counts below were checked by
reading the files (and against the tools' own totals where they give one).
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from assistant.audit import Category, FindingSet, Severity, load_findings

DATA = Path(__file__).parent / "data" / "audit"
REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "audit"
needs_shared = pytest.mark.skipif(not REAL.is_dir(), reason="needs ../shared/data/audit")


def load_real(name: str) -> FindingSet:
    return load_findings([REAL / name])


def severities(found: FindingSet) -> dict[str, int]:
    return dict(Counter(f.severity.value for f in found.findings))


def categories(found: FindingSet) -> dict[str, int]:
    return dict(Counter(f.category.value for f in found.findings))


@needs_shared
def test_sonarqube_report_keeps_all_74_issues_with_their_190_minutes_of_effort():
    found = load_real("sonarqube_dvpwa/sonar-issues.json")
    assert found.formats[0].endswith("SonarQube issues JSON")
    assert len(found.findings) == 74
    assert severities(found) == {"medium": 69, "low": 4, "high": 1}
    assert categories(found) == {"maintainability": 62, "reliability": 12}
    assert sum(f.effort_minutes or 0 for f in found.findings) == 190  # the file's effortTotal
    components = Counter(f.component for f in found.findings)
    assert components == {"sqli": 69, "dvpwa_psi": 5}  # root-level Dockerfile -> project


@needs_shared
def test_sonarqube_bare_issue_array_skips_the_false_positive():
    found = load_real("api_sonarqube_issues.json")
    assert [f.rule for f in found.findings] == ["typescript:S1854", "scss:unknown-type-selector"]
    bug = found.findings[1]
    assert (bug.category, bug.severity, bug.component) == (
        Category.RELIABILITY,
        Severity.HIGH,  # Sonar CRITICAL is one step below BLOCKER
        "ui",
    )
    assert any("FALSE-POSITIVE" in warning for warning in found.warnings)


@needs_shared
def test_codeql_sarif_reads_72_results_with_levels_from_rule_defaults():
    found = load_real("sarif_codeQL-output.sarif")
    assert len(found.findings) == 72
    assert {f.tool for f in found.findings} == {"CodeQL"}
    security = [f for f in found.findings if f.category is Category.SECURITY]
    assert len(security) == 9  # flask-debug 4, reflective-xss 2, sql-injection 2, path-injection
    assert {f.severity for f in security} == {Severity.HIGH}
    sql = next(f for f in found.findings if f.rule == "py/sql-injection")
    assert sql.cwe == ("CWE-89",)
    assert sql.source.field.startswith("runs[0].results[")


@needs_shared
@pytest.mark.parametrize(
    "name",
    [
        "dependency_check/dependency-check-report.json",
        "dependency_check/dependency-check-report.csv",
    ],
)
def test_dependency_check_json_and_csv_give_the_same_11_vulnerabilities(name: str):
    found = load_real(name)
    assert len(found.findings) == 11
    assert Counter(f.package for f in found.findings) == {"bootstrap@3.3.7": 8, "jquery@3.1.0": 3}
    assert {f.component for f in found.findings} == {"vulnerableapps"}
    jquery = next(f for f in found.findings if "CVE-2020-11023" in f.cve)
    assert jquery.severity is Severity.MEDIUM and jquery.cwe == ("CWE-79",)


@needs_shared
def test_dependency_check_csv_assumes_medium_where_retirejs_gives_no_score():
    found = load_real("dependency_check/dependency-check-report.csv")
    assumed = [f for f in found.findings if f.severity_assumed]
    assert len(assumed) == 2 and {f.severity for f in assumed} == {Severity.MEDIUM}


@needs_shared
def test_pip_audit_reads_7_vulnerabilities_all_of_assumed_severity():
    found = load_real("pip_audit_many_vulns_new.json")
    assert len(found.findings) == 7
    assert Counter(f.package for f in found.findings)["twisted@18.9.0"] == 4
    assert all(f.severity_assumed and f.severity is Severity.MEDIUM for f in found.findings)
    assert any("azure-devops" in warning for warning in found.warnings)


@needs_shared
def test_npm_7_counts_3_advisories_not_the_6_packages_they_reach():
    found = load_real("npm_audit_7_plus_many_vulns.json")
    assert sorted(f.package for f in found.findings) == ["debug", "semver", "undici"]
    assert severities(found) == {"medium": 2, "low": 1}
    assert found.by_id("npm:GHSA-gxpj-cx7g-858c").cwe == ("CWE-400",)


def test_npm_6_advisories_keep_module_version_cves_and_cwe_lists():
    found = load_findings([DATA / "npm6_audit.json"])
    assert found.formats[0].endswith("npm audit JSON (npm 6)")
    growl, minimist, lodash = found.findings
    assert (growl.severity, growl.package, growl.cve) == (
        Severity.CRITICAL,
        "growl@1.9.2",
        ("CVE-2017-16042",),
    )
    assert minimist.severity is Severity.MEDIUM  # npm "moderate"
    assert minimist.cwe == ("CWE-1321", "CWE-471")
    assert lodash.title == "Prototype Pollution in lodash" and lodash.severity is Severity.LOW


@needs_shared
def test_trivy_image_scan_names_the_image_as_component():
    found = load_real("trivy_scheme_2_many_vulns.json")
    assert severities(found) == {"medium": 3, "high": 1, "critical": 1}
    assert {f.component for f in found.findings} == {"teamdojo"}
    critical = next(f for f in found.findings if f.severity is Severity.CRITICAL)
    assert critical.cve == ("CVE-2019-12900",) and critical.package == "libbz2@1.0.6-r6"


@needs_shared
def test_osv_scanner_malicious_package_is_critical():
    (finding,) = load_real("osv_scanner_some_findings.json").findings
    assert finding.rule == "MAL-2023-1035" and finding.severity is Severity.CRITICAL
    assert finding.package == "flot-axis@0.0.0" and finding.component == "components"


@needs_shared
def test_semgrep_maps_error_to_high_and_reads_category_from_the_rule_id():
    found = load_real("semgrep_many_vulns.json")
    assert severities(found) == {"high": 13, "medium": 35}
    assert categories(found) == {"security": 44, "reliability": 2, "maintainability": 2}
    md5 = next(f for f in found.findings if "md5" in (f.rule or ""))
    assert md5.cwe == ("CWE-327",) and md5.component == "tools"


@needs_shared
def test_bandit_reads_214_security_findings_matching_its_own_totals():
    found = load_real("bandit_many_vulns.json")
    assert severities(found) == {"medium": 155, "low": 59}  # metrics._totals SEVERITY.*
    assert categories(found) == {"security": 214}
    assert {f.component for f in found.findings} == {"dojo"}  # Windows separators handled


@needs_shared
def test_every_real_sample_loads_together_with_unique_ids():
    files = sorted(p for p in REAL.rglob("*") if p.is_file())
    found = load_findings(files)
    assert len(found.formats) == len(files) == 11
    assert len(found.findings) == 2 + 74 + 214 + 3 + 1 + 7 + 72 + 48 + 5 + 11 + 11
    assert len({f.id for f in found.findings}) == len(found.findings)


@pytest.mark.parametrize("name", ["manual_audit.csv", "manual_audit.yaml"])
def test_hand_written_audit_reads_french_or_english_words(name: str):
    found = load_findings([DATA / name])
    cloud, tests, billing = found.findings
    assert (cloud.category, cloud.severity, cloud.effort_days) == (Category.COST, Severity.HIGH, 5)
    assert cloud.expected_loss_per_week == 2500
    assert (tests.category, tests.severity) == (Category.RELIABILITY, Severity.HIGH)
    assert (billing.category, billing.severity) == (Category.MAINTAINABILITY, Severity.CRITICAL)
    assert billing.component == "billing" and billing.source.key == "A3"


def test_format_is_read_from_content_not_from_the_file_name(tmp_path: Path):
    disguised = tmp_path / "report.csv"
    shutil.copy(DATA / "npm6_audit.json", disguised)
    assert load_findings([disguised]).formats[0].endswith("npm audit JSON (npm 6)")
