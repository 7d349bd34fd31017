"""A workspace brief says nothing on stderr when all is well: its checkpoints come back whole
(every model and enum of the state is allowed back, none is 'blocked')."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEED

STEERCO = [sys.executable, "-c", "from assistant.cli import main; main()"]


def test_a_workspace_brief_prints_no_warning(tmp_path: Path) -> None:
    env = {**os.environ, "STEERCO_HOME": str(tmp_path / "home")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [*STEERCO, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
        )
        assert done.returncode == 0, done.stderr
        return done

    run("init", "acme")
    run("ingest", "acme", "--no-embed", *(str(SEED / n) for n in ("context.yaml", "goals.yaml",
                                                                   "backlog.csv")))  # fmt: skip
    brief = run("brief", "acme", "--status", str(SEED / "status.fr.txt"), "--as-of", "2026-11-20")
    assert "6 semaines" in brief.stdout
    assert brief.stderr == ""
