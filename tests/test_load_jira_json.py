"""Jira REST issues: search responses with `names`, JSONL dumps, and the real Apache sample.

The Apache sample (501 issues) is from Choetkiertikul et al., "Predicting delays in software
projects using networked classification", ASE 2015, via SEAnalytics/datasets.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from assistant.domain import StatusCategory
from assistant.errors import InputError
from assistant.loaders import load_backlog

DATA = Path(__file__).parent / "data" / "backlog"
APACHE = Path(__file__).resolve().parents[2] / "shared" / "data" / "backlog"
APACHE_SAMPLE = APACHE / "apache_jira_rest_ase2015.jsonl"


@pytest.fixture(scope="module")
def onboarding():
    return load_backlog([DATA / "jira_search.json"])


def issue(key: str, **fields: object) -> dict:
    return {"key": key, "fields": {"summary": f"Issue {key}", **fields}}


def write_lines(tmp_path: Path, *issues: dict) -> Path:
    path = tmp_path / "issues.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in issues) + "\n", encoding="utf-8")
    return path


def test_search_response_reads_story_points_sprint_team_by_field_name(onboarding) -> None:
    kyc = onboarding.items["ONB-11"]
    assert kyc.points == 5
    assert kyc.sprint == "ONB Sprint 2"  # the last sprint of the list
    assert kyc.team == "Growth"
    assert onboarding.items["ONB-10"].start == dt.date(2026, 4, 6)


def test_epic_and_parent_come_from_issue_type_and_parent_field(onboarding) -> None:
    assert onboarding.items["ONB-10"].is_epic
    assert [c.key for c in onboarding.children("ONB-10")] == ["ONB-11", "ONB-12", "ONB-13"]
    assert onboarding.items["ONB-14"].parent == "ONB-12"


def test_blocks_and_depends_on_links_both_become_blocked_by(onboarding) -> None:
    assert onboarding.items["ONB-12"].blocked_by == ("ONB-11", "ONB-13", "LEGAL-4")
    assert onboarding.items["ONB-13"].blocks == ("ONB-12",)
    assert onboarding.items["ONB-11"].blocks == ("ONB-12",)


def test_relates_links_are_not_dependencies(onboarding) -> None:
    assert onboarding.items["ONB-14"].blocked_by == () and onboarding.items["ONB-14"].blocks == ()


def test_status_category_key_decides_the_category(onboarding) -> None:
    assert onboarding.items["ONB-11"].category is StatusCategory.DONE
    assert onboarding.items["ONB-12"].category is StatusCategory.IN_PROGRESS
    assert onboarding.items["ONB-13"].category is StatusCategory.TODO


def test_rows_of_a_search_response_are_positions_in_the_issues_list(onboarding) -> None:
    assert onboarding.items["ONB-10"].source.row == 1
    assert onboarding.items["ONB-14"].source.row == 5


def test_time_original_estimate_seconds_become_days(onboarding) -> None:
    assert onboarding.items["ONB-13"].estimate_days == 2
    assert onboarding.items["ONB-13"].due == dt.date(2026, 6, 15)


needs_shared = pytest.mark.skipif(not APACHE_SAMPLE.is_file(), reason="needs ../shared/data")


@needs_shared
def test_real_apache_sample_loads_501_issues_with_links_and_warnings() -> None:
    backlog = load_backlog([APACHE_SAMPLE])
    assert backlog.formats == ("jira-json",)
    assert len(backlog.items) == 501
    linked = [item for item in backlog.items.values() if item.blocked_by or item.blocks]
    assert len(linked) > 20
    assert sum(item.parent is not None for item in backlog.items.values()) == 84
    assert len(backlog.warnings) == 2
    assert backlog.warnings[0].endswith("; they are ignored.")
    first = next(iter(backlog.items.values()))
    assert first.key == "ANY23-174" and first.source.row == 1 and first.done
    assert first.created == dt.date(2014, 1, 6)


@needs_shared
def test_real_apache_sample_links_are_symmetric_between_loaded_items() -> None:
    backlog = load_backlog([APACHE_SAMPLE])
    for item in backlog.items.values():
        for blocker in item.blocked_by:
            if blocker in backlog.items:
                assert item.key in backlog.items[blocker].blocks
        for blocked in item.blocks:
            if blocked in backlog.items:
                assert item.key in backlog.items[blocked].blocked_by


def test_jsonl_depends_upon_link_reads_in_the_direction_of_its_text(tmp_path: Path) -> None:
    link_type = {"name": "dependent", "inward": "is depended upon by", "outward": "depends upon"}
    path = write_lines(
        tmp_path,
        issue("A-1", issuelinks=[{"type": link_type, "outwardIssue": {"key": "A-2"}}]),
        issue("A-2"),
    )
    backlog = load_backlog([path])
    assert backlog.items["A-1"].blocked_by == ("A-2",)
    assert backlog.items["A-2"].blocks == ("A-1",)


def test_story_points_in_usual_custom_fields_are_read_only_when_numeric(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path,
        issue("A-1", customfield_10016=5),
        issue("A-2", customfield_10002="0|11qvl4:", customfield_10026=2.5),
    )
    backlog = load_backlog([path])
    assert backlog.items["A-1"].points == 5
    assert backlog.items["A-2"].points == 2.5


def test_epic_link_custom_field_holding_a_key_is_the_parent(tmp_path: Path) -> None:
    path = write_lines(tmp_path, issue("A-1", customfield_10014="EPIC-9"), issue("A-2"))
    assert load_backlog([path]).items["A-1"].parent == "EPIC-9"


def test_jira_server_sprint_strings_give_the_sprint_name(tmp_path: Path) -> None:
    sprint = "com.atlassian.greenhopper.service.sprint.Sprint@5c[id=12,rapidViewId=3,state=ACTIVE,name=Sprint 8,startDate=2026-05-04]"
    path = write_lines(tmp_path, issue("A-1", customfield_10020=[sprint]))
    assert load_backlog([path]).items["A-1"].sprint == "Sprint 8"


def test_jsonl_syntax_error_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "issues.jsonl"
    path.write_text(json.dumps(issue("A-1")) + '\n{"key": "A-2", "fields": {\n', encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON") as caught:
        load_backlog([path])
    assert caught.value.where == "line 2" and caught.value.file == str(path)


def test_issue_without_summary_names_its_line_and_key(tmp_path: Path) -> None:
    path = write_lines(tmp_path, issue("A-1"), {"key": "A-2", "fields": {"status": {}}})
    with pytest.raises(InputError, match="no title") as caught:
        load_backlog([path])
    assert caught.value.where == "line 2, A-2"


def test_truncated_search_response_is_a_json_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "search.json"
    path.write_text('{"issues": [\n  {"key": "A-1", ', encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON") as caught:
        load_backlog([path])
    assert caught.value.where == "line 2"


def test_empty_issue_list_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "search.json"
    path.write_text('{"startAt": 0, "total": 0, "issues": []}', encoding="utf-8")
    with pytest.raises(InputError, match="no issues"):
        load_backlog([path])
