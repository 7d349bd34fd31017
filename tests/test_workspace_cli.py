"""Workspaces through the CLI: init, ingest (incremental, idempotent, locked), brief, history."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT, SEED, TRANSVIA, by_id, ok, run_cli


def seed_workspace(name: str = "fintrak", *extra: Path) -> None:
    ok("init", name)
    files = [SEED / "context.yaml", SEED / "goals.yaml", SEED / "backlog.csv", *extra]
    ok("ingest", name, "--no-embed", *map(str, files))


def test_init_creates_commented_templates(home: Path) -> None:
    out = ok("init", "acme")
    assert "acme" in out
    context = (home / "acme" / "context.yaml").read_text(encoding="utf-8")
    assert context.startswith("#") and "day_rate" in context
    assert run_cli("init", "acme").exit_code == 2  # exists already
    assert "not a valid workspace name" in run_cli("init", "../evil").stderr


def test_ingest_recognises_files_by_content_and_brief_reproduces_seed(home: Path) -> None:
    seed_workspace()
    brief = json.loads(
        ok("brief", "fintrak", "--status", str(SEED / "status.fr.txt"), "--format", "json",
           "--as-of", "2026-11-20")
    )  # fmt: skip
    assert brief["total_cost"] == 270000
    assert by_id(brief["goals"], "goal", "G1")["shift_weeks"] == 6
    assert brief["narrator"]["name"] == "template"


def test_reingesting_the_same_export_changes_nothing(home: Path) -> None:
    seed_workspace()
    out = ok("ingest", "fintrak", "--no-embed", str(SEED / "backlog.csv"))
    assert "0 new, 0 changed, 0 removed, 11 unchanged" in out


def test_changed_and_removed_items_are_updated_and_marked(home: Path, tmp_path: Path) -> None:
    seed_workspace()
    lines = (SEED / "backlog.csv").read_text(encoding="utf-8").splitlines()
    edited = [lines[0]] + [line for line in lines[1:] if not line.startswith("SEC-302")]
    edited = [line.replace("Écrans de paiement", "Parcours de paiement") for line in edited]
    export = tmp_path / "backlog.csv"  # same source name, newer export
    export.write_text("\n".join(edited) + "\n", encoding="utf-8")
    out = ok("ingest", "fintrak", "--no-embed", str(export))
    assert "0 new, 1 changed, 1 removed, 9 unchanged" in out


def test_a_bad_file_leaves_the_workspace_as_it_was(home: Path, tmp_path: Path) -> None:
    seed_workspace()
    bad = tmp_path / "goals.yaml"
    bad.write_text("- id: G9\n  cost_of_delay_per_week: -5\n  title: x\n", encoding="utf-8")
    result = run_cli("ingest", "fintrak", "--no-embed", str(SEED / "backlog.csv"), str(bad))
    assert result.exit_code == 2 and "goals.yaml" in result.stderr
    assert (home / "fintrak" / "goals.yaml").read_bytes() == (SEED / "goals.yaml").read_bytes()


def test_unknown_file_is_refused_naming_supported_formats(home: Path, tmp_path: Path) -> None:
    ok("init", "acme")
    odd = tmp_path / "notes.json"
    odd.write_text('{"hello": "world"}', encoding="utf-8")
    result = run_cli("ingest", "acme", "--no-embed", str(odd))
    assert result.exit_code == 2
    assert (
        "notes.json" in result.stderr and "Jira CSV" in result.stderr and "SARIF" in result.stderr
    )


def test_one_writer_at_a_time(home: Path) -> None:
    from assistant.workspace.lock import writer_lock

    seed_workspace()
    with writer_lock(home / "fintrak" / ".lock", "fintrak"):
        result = run_cli("ingest", "fintrak", "--no-embed", str(SEED / "backlog.csv"))
    assert result.exit_code == 2
    assert "being written" in result.stderr


def test_workspaces_never_see_each_others_data(home: Path) -> None:
    seed_workspace("fintrak")
    ok("init", "transvia")
    ok("ingest", "transvia", "--no-embed", *map(str, (TRANSVIA / "context.yaml", TRANSVIA / "goals.yaml", TRANSVIA / "backlog.csv")))  # fmt: skip
    brief = json.loads(ok("brief", "transvia", "--text", "MIG-100 a 3 sprints de retard", "--format", "json"))  # fmt: skip
    assert brief["impacts"] == []  # MIG-100 belongs to the other client
    assert "Fintrak" not in json.dumps(brief, ensure_ascii=False)
    assert ok("workspaces").split() == ["fintrak", "transvia"]


def test_history_lists_briefs_with_what_changed(home: Path) -> None:
    seed_workspace()
    ok("brief", "fintrak", "--text", "on a 3 sprints de retard sur la migration", "--as-of", "2026-11-20")  # fmt: skip
    ok("brief", "fintrak", "--text", "on a 1 sprint de retard sur la migration", "--as-of", "2026-11-27")  # fmt: skip
    out = ok("history", "fintrak")
    entries = json.loads(ok("history", "fintrak", "--format", "json"))
    assert [e["total_cost"] for e in entries] == [270000, 90000]
    assert entries[0]["changes"] == ["first brief"]
    assert "G1 shift 6 -> 2 weeks" in entries[1]["changes"]
    assert "G1 shift 6 -> 2 weeks" in out
    run_id = entries[1]["run_id"]
    report = home / "fintrak" / "reports" / f"{run_id}.json"
    assert json.loads(report.read_text(encoding="utf-8"))["total_cost"] == 90000
    assert (home / "fintrak" / "reports" / f"{run_id}.html").is_file()


def test_finished_run_id_returns_the_kept_brief(home: Path) -> None:
    seed_workspace()
    ok("brief", "fintrak", "--text", "on a 3 sprints de retard sur la migration")
    run_id = json.loads(ok("history", "fintrak", "--format", "json"))[0]["run_id"]
    again = json.loads(ok("brief", "fintrak", "--run-id", run_id, "--format", "json"))
    assert again["total_cost"] == 270000
    missing = run_cli("brief", "fintrak", "--run-id", "nope")
    assert missing.exit_code == 2 and "no run 'nope'" in missing.stderr


def test_workspace_briefs_name_files_not_server_folders(home: Path) -> None:
    seed_workspace()
    brief = ok("brief", "fintrak", "--text", "on a 3 sprints de retard sur la migration", "--format", "json")  # fmt: skip
    assert str(home) not in brief and str(SEED) not in brief
    sources = {s["file"] for f in json.loads(brief)["figures"] for s in f["sources"]}
    assert {"backlog.csv", "context.yaml", "goals.yaml"} <= sources


def test_ingest_reports_what_the_export_lacks(home: Path) -> None:
    ok("init", "onboarding")
    result = run_cli("ingest", "onboarding", "--no-embed", str(ROOT / "tests" / "data" / "backlog" / "jira_search.json"))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        "warning: jira_search.json: 1 link points to items in none of the exports (LEGAL-4)"
        in result.stderr
    )
