"""Bad input: one clear paragraph naming the file, row or key and the fix; exit 2; no traceback;
no partial output file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import Workspace, run_cli


def fails_cleanly(workspace: Workspace, *extra: str, out: Path | None = None) -> str:
    args = workspace.args("--text", "MIG-1 is 1 week late", *extra)
    if out is not None:
        args += ["--out", str(out)]
    result = run_cli(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr.startswith("steerco: error: ")
    return result.stderr


def test_missing_backlog_file_names_it(workspace: Workspace) -> None:
    (workspace.root / "backlog.csv").unlink()
    message = fails_cleanly(workspace)
    assert "backlog.csv" in message


def test_goal_depending_on_unknown_item_names_goal_and_key(workspace: Workspace) -> None:
    workspace.goals[0]["depends_on"] = ["PAY-999"]
    workspace.write()
    message = fails_cleanly(workspace)
    assert "G1" in message and "PAY-999" in message and "goals.yaml" in message
    assert "Fix:" in message


def test_dependency_cycle_is_named_with_its_rows(workspace: Workspace) -> None:
    for row in workspace.rows:
        if row["key"] == "MIG-3":
            row["blocked_by"] = "MIG-4"
    workspace.write()
    message = fails_cleanly(workspace)
    assert "cycle" in message and "MIG-3" in message and "MIG-4" in message
    assert "row" in message


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda c: c["teams"][0].update(people=-3), ["people", "Platform"]),
        (lambda c: c.update(sprint_weeks=0), ["sprint_weeks"]),
        (lambda c: c["teams"][1].update(day_rate=5_000_000), ["day_rate"]),
        (lambda c: c.update(language="de"), ["language"]),
    ],
)
def test_absurd_context_values_are_refused(workspace: Workspace, change, words) -> None:
    change(workspace.context)
    workspace.write()
    message = fails_cleanly(workspace)
    assert "context.yaml" in message
    for word in words:
        assert word in message


def test_negative_cost_of_delay_is_refused(workspace: Workspace) -> None:
    workspace.goals[1]["cost_of_delay_per_week"] = -10
    workspace.write()
    message = fails_cleanly(workspace)
    assert "goals.yaml" in message and "cost_of_delay_per_week" in message


def test_negative_story_points_name_the_row(workspace: Workspace) -> None:
    workspace.rows[2]["points"] = -8
    workspace.write()
    message = fails_cleanly(workspace)
    assert "backlog.csv" in message and "row 4" in message


def test_malformed_yaml_gives_the_line(workspace: Workspace) -> None:
    (workspace.root / "goals.yaml").write_text("- id: G1\n  title: [unclosed\n", encoding="utf-8")
    message = fails_cleanly(workspace)
    assert "goals.yaml" in message and "line" in message


def test_backlog_missing_required_column_says_which(workspace: Workspace) -> None:
    (workspace.root / "backlog.csv").write_text("key,status\nMIG-1,Done\n", encoding="utf-8")
    message = fails_cleanly(workspace)
    assert "backlog.csv" in message


def test_malformed_json_backlog_is_refused(workspace: Workspace) -> None:
    (workspace.root / "backlog.csv").write_text('{"issues": [ {"key": "A-1", ', encoding="utf-8")
    message = fails_cleanly(workspace)
    assert "backlog.csv" in message


def test_unreadable_bytes_are_refused_with_the_encodings_tried(workspace: Workspace) -> None:
    (workspace.root / "backlog.csv").write_bytes(b"key,title\nA-1,\x81\x8d\x8f\x90\x9d\n")
    message = fails_cleanly(workspace)
    assert "backlog.csv" in message


def test_cp1252_and_bom_files_are_read(workspace: Workspace) -> None:
    text = (
        (workspace.root / "backlog.csv")
        .read_text(encoding="utf-8")
        .replace("Schema inventory", "Inventaire des schémas")
    )
    (workspace.root / "backlog.csv").write_bytes(text.encode("cp1252"))
    (workspace.root / "goals.yaml").write_bytes(
        b"\xef\xbb\xbf" + (workspace.root / "goals.yaml").read_bytes()
    )
    brief = workspace.brief("MIG-1 is 1 week late.")
    assert brief["total_cost"] > 0


def test_failed_run_leaves_the_previous_output_intact(workspace: Workspace) -> None:
    out = workspace.root / "brief.md"
    out.write_text("previous brief\n", encoding="utf-8")
    workspace.goals[0]["depends_on"] = ["NOPE-1"]
    workspace.write()
    fails_cleanly(workspace, out=out)
    assert out.read_text(encoding="utf-8") == "previous brief\n"
    assert [p.name for p in workspace.root.iterdir() if p.name.startswith(".brief")] == []


def test_status_given_twice_or_not_at_all_is_an_error(workspace: Workspace) -> None:
    result = run_cli(*workspace.args())
    assert result.exit_code == 2 and "--status" in result.stderr


def test_empty_goals_file_is_refused(workspace: Workspace) -> None:
    (workspace.root / "goals.yaml").write_text("", encoding="utf-8")
    message = fails_cleanly(workspace)
    assert "goals.yaml" in message


def test_context_missing_company_says_field(workspace: Workspace) -> None:
    del workspace.context["company"]
    (workspace.root / "context.yaml").write_text(
        yaml.safe_dump(workspace.context), encoding="utf-8"
    )
    message = fails_cleanly(workspace)
    assert "company" in message
