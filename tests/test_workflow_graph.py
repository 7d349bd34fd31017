"""The LangGraph workflow: checkpointed per workspace, resumable under the same run id."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from assistant.settings import Settings
from assistant.workflow import nodes
from assistant.workflow.context import make_context
from assistant.workflow.graph import STEPS, run_brief
from assistant.workspace.ingest import ingest
from assistant.workspace.workspace import Workspace
from tests.conftest import SEED

NOW = "2026-11-20T09:00:00+00:00"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings(home=tmp_path / "home")
    workspace = Workspace.create(settings.home, "fintrak", now=NOW)
    files = [SEED / "context.yaml", SEED / "goals.yaml", SEED / "backlog.csv"]
    ingest(workspace, files, now=NOW)
    return settings


def request(text: str, run_id: str = "") -> dict:
    return {
        "workspace": "fintrak",
        "status_text": text,
        "status_source": "status.fr.txt",
        "today": "2026-11-20",
        "audience": "comex",
        "language": None,
        "run_id": run_id,
    }


def test_graph_runs_every_step_and_keeps_the_brief(settings: Settings) -> None:
    state = run_brief(
        request("on a 3 sprints de retard sur la migration"),
        make_context("fintrak", settings, now=NOW),
    )
    assert state["brief"]["total_cost"] == 270000
    assert state["verification"]["ok"], state["verification"]
    reports = settings.home / "fintrak" / "reports"
    assert (reports / f"{state['run_id']}.json").is_file()


def test_interrupted_run_resumes_from_its_last_finished_node(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: Counter[str] = Counter()
    crash = {"draft_narrative": True}
    for step in STEPS:
        original = getattr(nodes, step)

        def wrapped(state, runtime, _original=original, _step=step):
            calls[_step] += 1
            if crash.get(_step):
                raise KeyboardInterrupt  # the process is stopped mid-way
            return _original(state, runtime)

        monkeypatch.setattr(nodes, step, wrapped)
    context = make_context("fintrak", settings, now=NOW)
    with pytest.raises(KeyboardInterrupt):
        run_brief(request("on a 3 sprints de retard sur la migration", "run-1"), context)
    assert calls["compute_impact"] == 1 and calls["render_report"] == 0

    crash.clear()
    state = run_brief(request("", "run-1"), make_context("fintrak", settings, now=NOW))
    assert state["brief"]["total_cost"] == 270000
    assert calls["extract_facts"] == 1 and calls["compute_impact"] == 1  # not run again
    assert calls["draft_narrative"] == 2 and calls["render_report"] == 1
