"""Bounded inputs (issue 9, point 8): rows per file, items per workspace, length of a field.

Each limit is a setting; past it, the file is refused with one paragraph naming the file, the
row or column, the limit and the setting that raises it. The million-row file runs in a child
process with its address space capped: the parse must stop at the row limit, not read a
17 MB file into gigabytes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assistant.errors import InputError
from tests.conftest import ROOT, Workspace, run_cli


def _csv(path: Path, rows: int, *, extra: dict[int, str] | None = None) -> Path:
    lines = ["key,title,description"]
    for i in range(rows):
        lines.append(f"K-{i},Item {i},{(extra or {}).get(i, 'short')}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ingest(*args: str) -> tuple[int, str]:
    result = run_cli("ingest", *args, "--no-embed")
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_a_field_past_the_limit_names_file_row_column_limit_and_setting(
    home: Path, tmp_path: Path
) -> None:
    """A 300 KB cell (over the default 100,000 characters) was "not a file Steerco can ingest"."""
    assert run_cli("init", "acme").exit_code == 0
    export = _csv(tmp_path / "backlog.csv", 5, extra={2: "x" * 300_000})
    code, output = _ingest("acme", str(export))
    assert code == 2, output
    assert "backlog.csv, row 4, column 'description'" in output
    assert "longer than 100,000 characters" in output
    assert "STEERCO_MAX_FIELD_CHARS" in output
    assert "can ingest" not in output


def test_a_field_past_a_lowered_limit_is_refused_in_a_one_shot_brief(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STEERCO_MAX_FIELD_CHARS", "40")
    for row in workspace.rows:
        if row["key"] == "MIG-2":
            row["title"] = "A title of more than forty characters, to be refused"
    workspace.write()
    result = run_cli(*workspace.args("--text", "MIG-1 is 1 week late"))
    assert result.exit_code == 2, result.output
    assert "backlog.csv, row 3, column 'title'" in result.stderr
    assert "longer than 40 characters" in result.stderr
    assert "STEERCO_MAX_FIELD_CHARS (now 40)" in result.stderr


def test_a_long_json_string_is_refused_with_its_field(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STEERCO_MAX_FIELD_CHARS", "1000")
    issues = [
        {
            "key": "MIG-1",
            "fields": {"summary": "Database migration", "issuetype": {"name": "Epic"}},
        },
        {"key": "MIG-2", "fields": {"summary": "Schema " + "y" * 5000}},
    ]
    export = workspace.root / "jira.json"
    export.write_text(json.dumps({"issues": issues}), encoding="utf-8")
    args = [
        a if a != str(workspace.root / "backlog.csv") else str(export) for a in workspace.args()
    ]
    result = run_cli(*args, "--text", "MIG-1 is 1 week late")
    assert result.exit_code == 2, result.output
    assert "jira.json, item 2, MIG-2, field 'title'" in result.stderr
    assert "STEERCO_MAX_FIELD_CHARS (now 1,000)" in result.stderr


def test_long_json_values_under_the_limit_are_checked_in_linear_time() -> None:
    """The JSON scan (audit reports) reads each value once: a naive one took 51 s here."""
    import time

    from assistant.loaders.jsondoc import check_long_strings

    text = json.dumps([{"message": "y" * 90_000, "id": i} for i in range(3)])
    start = time.perf_counter()
    check_long_strings(text, "report.json", 100_000)
    assert time.perf_counter() - start < 2  # generous: about 10 ms
    with pytest.raises(InputError, match="field 'message'"):
        check_long_strings(text, "report.json", 80_000)


def test_rows_per_file_are_bounded_by_a_setting(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STEERCO_MAX_ROWS_PER_FILE", "50")
    assert run_cli("init", "acme").exit_code == 0
    code, output = _ingest("acme", str(_csv(tmp_path / "big.csv", 51)))
    assert code == 2, output
    assert "big.csv: holds more than 50 rows, the limit for one file" in output
    assert "STEERCO_MAX_ROWS_PER_FILE (now 50)" in output
    code, output = _ingest("acme", str(_csv(tmp_path / "fits.csv", 50)))
    assert code == 0, output


def test_issues_per_json_file_are_bounded_too(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STEERCO_MAX_ROWS_PER_FILE", "10")
    assert run_cli("init", "acme").exit_code == 0
    export = tmp_path / "issues.jsonl"
    export.write_text(
        "".join(
            json.dumps({"key": f"K-{i}", "fields": {"summary": "x"}}) + "\n" for i in range(11)
        ),
        encoding="utf-8",
    )
    code, output = _ingest("acme", str(export))
    assert code == 2, output
    assert "holds more than 10 issues" in output and "STEERCO_MAX_ROWS_PER_FILE" in output


def test_items_per_workspace_are_bounded_at_ingest(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STEERCO_MAX_ITEMS_PER_WORKSPACE", "30")
    assert run_cli("init", "acme").exit_code == 0
    assert _ingest("acme", str(_csv(tmp_path / "a.csv", 20)))[0] == 0
    code, output = _ingest("acme", str(_csv(tmp_path / "b.csv", 20)))
    assert code == 2, output
    assert "would leave 40 backlog items in workspace 'acme'" in output
    assert "limit of 30 items per workspace" in output
    assert "STEERCO_MAX_ITEMS_PER_WORKSPACE (now 30)" in output
    # the refused file wrote nothing; a newer export of a source replaces its items
    assert _ingest("acme", str(_csv(tmp_path / "a.csv", 28)))[0] == 0
    assert _ingest("acme", str(_csv(tmp_path / "b.csv", 2)))[0] == 0
    assert _ingest("acme", str(_csv(tmp_path / "c.csv", 1)))[0] == 2


_CHILD = textwrap.dedent(
    """
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    sys.path.insert(0, {root!r})
    from click.testing import CliRunner
    from assistant.cli import cli
    result = CliRunner().invoke(cli, {args!r})
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent (pytest)
    status = open("/proc/self/status").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) * 1024
    print(json.dumps({{"exit": result.exit_code, "peak": peak, "output": result.output}}))
    """
)


def test_a_million_row_export_is_refused_at_the_row_limit_without_filling_memory(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Today: 6 GB for a 16.8 MB, 1,000,000-row CSV. Refused at the default 50,000 rows."""
    big = tmp_path / "million.csv"
    big.write_text("key,title\n" + "".join(f"K{i},T{i}\n" for i in range(1_000_000)))
    assert big.stat().st_size > 15_000_000
    args = [a if a != str(workspace.root / "backlog.csv") else str(big) for a in workspace.args()]
    code = _CHILD.format(root=str(ROOT), args=[*args, "--text", "K1 is 1 week late"])
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=120,
            env=dict(os.environ),
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the million-row export was still being parsed after 120 s")
    assert done.returncode == 0, f"the child died (out of memory?): {done.stderr[-2000:]}"
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["exit"] == 2, outcome["output"]
    assert "million.csv: holds more than 50,000 rows" in outcome["output"]
    assert outcome["peak"] < 400 * 2**20, outcome["peak"]  # the whole process, imports included
