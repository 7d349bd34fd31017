"""Workspace ingest with the real vector index (Chroma on disk, local MiniLM): incremental,
crash-safe, and used by the brief to link paraphrases that words alone miss."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, SHARED, by_id, ok, run_cli


def test_reingest_embeds_nothing_new_and_a_paraphrase_is_linked(home: Path) -> None:
    ok("init", "fintrak")
    first = ok("ingest", "fintrak", str(SEED / "context.yaml"), str(SEED / "goals.yaml"), str(SEED / "backlog.csv"))  # fmt: skip
    from assistant.knowledge.glossary import load_glossary

    expected = 11 + 2 + len(load_glossary().entries)  # items, goals, shipped glossary
    assert f"vector index: {expected} embedded" in first
    again = ok("ingest", "fintrak", str(SEED / "backlog.csv"))
    assert "vector index: 0 embedded, 0 removed" in again
    brief = json.loads(
        ok("brief", "fintrak", "--text", "We are 3 sprints late on the database move.",
           "--format", "json", "--as-of", "2026-11-20")
    )  # fmt: skip
    assert [i["item"] for i in brief["impacts"]] == ["MIG-100"]
    assert by_id(brief["goals"], "goal", "G1")["shift_weeks"] == 6


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/data")
def test_ingest_killed_mid_way_leaves_a_usable_workspace_and_a_rerun_completes(
    home: Path, tmp_path: Path
) -> None:
    export = SHARED / "data" / "backlog" / "apache_jira_rest_ase2015.jsonl"
    ok("init", "apache")
    env = {**os.environ, "STEERCO_HOME": str(home)}
    steerco = str(Path(sys.executable).parent / "steerco")
    process = subprocess.Popen([steerco, "ingest", "apache", str(export)], env=env, cwd=ROOT)
    time.sleep(3.0)  # records synced, embedding under way
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    # usable at once: a brief runs (lexically) on whatever was committed
    result = run_cli(
        "brief", "apache", "--text", "ANY23-174 slipped by 2 weeks.", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    rerun = ok("ingest", "apache", str(export))
    assert "0 new, 0 changed, 0 removed, 501 unchanged" in rerun or "501 new" in rerun
    final = ok("ingest", "apache", str(export))
    assert "vector index: 0 embedded, 0 removed" in final  # complete: nothing left to embed
