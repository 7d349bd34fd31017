"""Bad audit files fail with an InputError that names the file, the place and the fix."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.audit import SUPPORTED_FORMATS, FindingSet, load_findings
from assistant.errors import InputError

FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
KEYS = [
    "issues", "rule", "component", "severity", "type", "effort", "impacts", "runs", "tool",
    "driver", "rules", "results", "level", "locations", "version", "$schema", "dependencies",
    "vulnerabilities", "reportSchema", "vulns", "name", "advisories", "auditReportVersion",
    "via", "SchemaVersion", "Results", "Vulnerabilities", "Severity", "packages", "groups",
    "check_id", "extra", "metadata", "test_id", "issue_severity", "metrics", "id", "fixes",
]  # fmt: skip
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), children, max_size=5)
    ),
    max_leaves=25,
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_json_names_the_file_and_lists_every_supported_format(tmp_path: Path):
    path = write(tmp_path, "scan.json", json.dumps({"findings_v9": []}))
    with pytest.raises(InputError) as error:
        load_findings([path])
    assert error.value.file == str(path)
    assert "findings_v9" in error.value.message
    for description in SUPPORTED_FORMATS:
        assert description in error.value.message


def test_unknown_csv_lists_its_columns(tmp_path: Path):
    path = write(tmp_path, "audit.csv", "name,priority\nslow pages,high\n")
    with pytest.raises(InputError, match="columns: name, priority"):
        load_findings([path])


def test_malformed_json_reports_its_line(tmp_path: Path):
    path = write(tmp_path, "sonar.json", '{\n  "issues": [\n    {"rule": "x",}\n  ]\n}\n')
    with pytest.raises(InputError) as error:
        load_findings([path])
    assert error.value.where == "line 3"
    assert "not valid JSON" in error.value.message


def test_wrong_shape_inside_a_known_format_points_at_the_json_path(tmp_path: Path):
    path = write(tmp_path, "trivy.json", json.dumps({"SchemaVersion": 2, "Results": [7]}))
    with pytest.raises(InputError) as error:
        load_findings([path])
    assert error.value.where == "Results[0]"


def test_empty_file_and_no_file_are_input_errors(tmp_path: Path):
    with pytest.raises(InputError, match="is empty"):
        load_findings([write(tmp_path, "empty.json", "  \n")])
    with pytest.raises(InputError, match="no audit file"):
        load_findings([])
    with pytest.raises(InputError, match="not found"):
        load_findings([tmp_path / "missing.json"])


def test_hand_written_audit_refuses_an_unknown_severity_with_the_allowed_words(tmp_path: Path):
    path = write(
        tmp_path, "audit.csv", "id,title,category,severity\nA1,No backups,reliability,urgent\n"
    )
    with pytest.raises(InputError) as error:
        load_findings([path])
    assert error.value.where == "row 2"
    assert "critical, high, medium, low, info" in error.value.fix


def test_hand_written_audit_needs_a_category_column(tmp_path: Path):
    path = write(tmp_path, "audit.csv", "id,title,severity\nA1,No backups,high\n")
    with pytest.raises(InputError, match="'category'"):
        load_findings([path])


def test_hand_written_yaml_reports_the_line_of_a_bad_number(tmp_path: Path):
    text = "- id: A1\n  title: No backups\n  category: reliability\n  severity: high\n" + (
        "- id: A2\n  title: Slow builds\n  category: cost\n  severity: low\n  effort_days: two\n"
    )
    with pytest.raises(InputError) as error:
        load_findings([write(tmp_path, "audit.yaml", text)])
    assert error.value.where == "line 5" and "effort_days" in error.value.message


def test_control_characters_in_a_yaml_audit_are_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match="not valid YAML"):
        load_findings([write(tmp_path, "audit.yaml", "- id: \x1f\n")])


def test_hand_written_audit_refuses_a_duplicate_id(tmp_path: Path):
    text = (
        "id,title,category,severity\nA1,No backups,reliability,high\nA1,No tests,reliability,low\n"
    )
    with pytest.raises(InputError, match="used twice"):
        load_findings([write(tmp_path, "audit.csv", text)])


@FAST
@given(document=json_values)
def test_any_json_either_loads_or_raises_input_error(tmp_path: Path, document: object):
    path = write(tmp_path, "random.json", json.dumps(document))
    with contextlib.suppress(InputError):
        assert isinstance(load_findings([path]), FindingSet)


@FAST
@given(issues=st.lists(st.dictionaries(st.sampled_from(KEYS), json_values, max_size=6), max_size=3))
def test_any_sonarqube_like_issues_either_load_or_raise_input_error(tmp_path: Path, issues: list):
    document = {
        "paging": {},
        "issues": [{"rule": "r", "component": "p:a/b.py", **i} for i in issues],
    }
    with contextlib.suppress(InputError):
        found = load_findings([write(tmp_path, "sonar.json", json.dumps(document))])
        assert len(found.findings) <= len(issues)
