"""Fuzzing, for real: schemathesis (v4) against a live uvicorn server with every check on
(`--checks all`: no 5xx, documented status codes and bodies, valid requests accepted, invalid
ones refused, `Allow` on 405, stateful links...). Exceptions the schema cannot express are
documented in tests/schemathesis.toml.

Bounded in time: schemathesis stops at FUZZ_SECONDS (45 s), so with the server's start the
test takes about 60-100 s. For a longer run: STEERCO_FUZZ_SECONDS=600 pytest tests/test_api_fuzz.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.api_support import ServerProcess
from tests.conftest import ROOT, SEED, ok

FUZZ_SECONDS = int(os.environ.get("STEERCO_FUZZ_SECONDS", "45"))


def test_schemathesis_with_every_check_finds_nothing(home: Path, tmp_path: Path) -> None:
    ok("init", "fuzz")
    ok(
        "ingest",
        "fuzz",
        "--no-embed",
        *(str(SEED / n) for n in ("context.yaml", "goals.yaml", "backlog.csv")),
    )
    server = ServerProcess(home, tmp_path / "server.log")
    try:
        # the embedding model loads once per process: load it before the clock starts
        assert server.client.post("/v1/workspaces/fuzz/reindex", timeout=300).status_code == 200
        schemathesis = Path(sys.executable).with_name("schemathesis")
        command = [
            str(schemathesis), "--config-file", str(ROOT / "tests" / "schemathesis.toml"),
            "run", f"http://127.0.0.1:{server.port}/openapi.json",
            "--checks", "all", "--max-time", str(FUZZ_SECONDS), "--max-examples", "25",
            "--seed", "20261201", "--request-timeout", "60", "--workers", "1",
            "--suppress-health-check", "all",
        ]  # fmt: skip
        run = subprocess.run(
            command, capture_output=True, text=True, timeout=FUZZ_SECONDS + 120,
            env={**os.environ, "NO_COLOR": "1"}, cwd=tmp_path,  # its cache stays there
        )  # fmt: skip
    finally:
        server.stop()
    assert run.returncode == 0, run.stdout[-12000:] + run.stderr[-3000:]
