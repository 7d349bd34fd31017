"""Files and exits of the CLI: output files as readable as the user's umask says, a folder that
cannot be written is the user's error (exit 2), and a closed pipe ends the command quietly."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, ok, run_cli

STEERCO = [sys.executable, "-c", "from assistant.cli import main; main()"]


def _seed_args(out: Path) -> list[str]:
    return [
        "brief", "--context", str(SEED / "context.yaml"), "--goals", str(SEED / "goals.yaml"),
        "--backlog", str(SEED / "backlog.csv"), "--status", str(SEED / "status.fr.txt"),
        "--as-of", "2026-11-20", "--out", str(out),
    ]  # fmt: skip


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_out_file_gets_the_users_umask_not_0600(tmp_path: Path, umask_022: None) -> None:
    out = tmp_path / "brief.md"
    ok(*_seed_args(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    os.umask(0o027)
    ok(*_seed_args(out))  # replaced: the new file follows the umask in force
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_workspace_reports_get_the_users_umask(home: Path, tmp_path: Path, umask_022: None) -> None:
    ok("init", "acme")
    ok("ingest", "acme", "--no-embed", *(str(SEED / f) for f in ("context.yaml", "goals.yaml",
                                                                    "backlog.csv")))  # fmt: skip
    ok("brief", "acme", "--status", str(SEED / "status.fr.txt"), "--as-of", "2026-11-20")
    reports = list((home / "acme" / "reports").iterdir())
    assert reports and {stat.S_IMODE(p.stat().st_mode) for p in reports} == {0o644}
    copies = list((home / "acme" / "exports").iterdir())
    assert {stat.S_IMODE(p.stat().st_mode) for p in copies} == {0o644}


def test_kept_roadmaps_get_the_users_umask(home: Path, umask_022: None) -> None:
    from assistant import service
    from assistant.settings import Settings

    ok("init", "acme")
    ok("ingest", "acme", "--no-embed", *(str(SEED / f) for f in ("context.yaml", "goals.yaml",
                                                                    "backlog.csv")))  # fmt: skip
    request = service.RoadmapRequest(workspace="acme", keep=True)
    kept = service.roadmap(request, service.Deps(Settings(home=home), llm=None)).id
    files = list((home / "acme" / "reports").glob(f"{kept}.*"))
    assert len(files) == 4 and {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o644}


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_out_in_a_read_only_folder_is_a_clean_error_nonroot(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run_cli(*_seed_args(folder / "brief.md"))
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2, result.output
    assert "cannot be written" in result.stderr and "bug" not in result.stderr


def test_out_that_cannot_be_written_is_a_clean_error(tmp_path: Path) -> None:
    """/proc refuses new files even to root: the same error path as a read-only folder."""
    result = run_cli(*_seed_args(Path("/proc/steerco-brief.md")))
    assert result.exit_code == 2, result.output
    assert "cannot be written" in result.stderr and "bug" not in result.stderr
    assert "Traceback" not in result.output


def test_a_closed_pipe_ends_the_command_quietly(home: Path) -> None:
    ok("init", "acme")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "STEERCO_HOME": str(home)}
    # the reader closes its end before steerco writes anything, as `| head -1` does early
    process = subprocess.Popen(
        [*STEERCO, "history", "acme"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert stderr == ""
    assert process.returncode == 141
