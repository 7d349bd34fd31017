"""The LangGraph workflow: checkpointed per workspace, resumable under the same run id, on the
inputs the run started with; the one-shot brief walks the same graph."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest

from assistant import service
from assistant.errors import InputError
from assistant.inputs import load_inputs
from assistant.settings import Settings
from assistant.workflow import nodes
from assistant.workflow.graph import STEPS, build_graph
from assistant.workflow.state import BriefState
from assistant.workspace.ingest import ingest
from assistant.workspace.workspace import Workspace
from tests.conftest import SEED

NOW = dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC)
STATUS = "on a 3 sprints de retard sur la migration"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings(home=tmp_path / "home")
    workspace = Workspace.create(settings.home, "fintrak", now=NOW.isoformat())
    files = [SEED / "context.yaml", SEED / "goals.yaml", SEED / "backlog.csv"]
    ingest(workspace, files, now=NOW.isoformat())
    return settings


def deps(settings: Settings) -> service.Deps:
    return service.Deps(settings, llm=None, clock=lambda: NOW)


def brief(settings: Settings, text: str = STATUS, run_id: str | None = None):
    request = service.BriefRequest(
        status=text, status_source="status.fr.txt", today=dt.date(2026, 11, 20),
        workspace="fintrak", run_id=run_id,
    )  # fmt: skip
    return service.brief(request, deps(settings))


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> tuple[Counter[str], dict[str, bool]]:
    """Counts each node's runs; a step named in the dict stops the process there."""
    counted: Counter[str] = Counter()
    crash: dict[str, bool] = {}
    for step in STEPS:
        original = getattr(nodes, step)

        def wrapped(state, runtime, _original=original, _step=step):
            counted[_step] += 1
            if crash.get(_step):
                raise KeyboardInterrupt  # the process is stopped mid-way
            return _original(state, runtime)

        monkeypatch.setattr(nodes, step, wrapped)
    return counted, crash


def test_graph_runs_every_step_and_keeps_the_brief(settings: Settings) -> None:
    result = brief(settings)
    assert result.brief.total_cost == 270000
    assert result.brief.run["verification"]["ok"], result.brief.run["verification"]
    reports = settings.home / "fintrak" / "reports"
    assert (reports / f"{result.brief.run['run_id']}.json").is_file()


def test_state_is_typed_models_not_dicts(settings: Settings) -> None:
    result = brief(settings, run_id="typed-1")
    workspace = Workspace.open(settings.home, "fintrak")
    from assistant.workflow.graph import open_checkpointer

    saver = open_checkpointer(workspace)
    try:
        values = build_graph(saver).get_state({"configurable": {"thread_id": "typed-1"}}).values
    finally:
        saver.conn.close()
    state = BriefState.model_validate(values)
    assert type(values["computed"]).__name__ == "Computed"  # a model, back from the checkpoint
    assert state.computed and state.computed.report.total_cost == result.brief.total_cost
    assert state.verification and state.verification.ok and state.saved


def test_interrupted_run_resumes_from_its_last_finished_node(settings: Settings, calls) -> None:
    counted, crash = calls
    crash["draft_narrative"] = True
    with pytest.raises(KeyboardInterrupt):
        brief(settings, run_id="run-1")
    assert counted["compute_impact"] == 1 and counted["render_report"] == 0

    crash.clear()
    result = brief(settings, text="", run_id="run-1")
    assert result.brief.total_cost == 270000
    assert counted["extract_facts"] == 1 and counted["compute_impact"] == 1  # not run again
    assert counted["draft_narrative"] == 2 and counted["render_report"] == 1
    assert counted["save_report"] == 1


def test_a_resumed_run_computes_on_the_inputs_it_started_with(
    settings: Settings, calls, tmp_path: Path
) -> None:
    _, crash = calls
    crash["extract_facts"] = True  # the inputs are pinned, nothing computed yet
    with pytest.raises(KeyboardInterrupt):
        brief(settings, run_id="run-2")
    dearer = tmp_path / "context.yaml"  # Platform now costs 1 000 EUR a day, not 800
    dearer.write_text(
        (SEED / "context.yaml").read_text(encoding="utf-8").replace("day_rate: 800", "day_rate: 1000"),
        encoding="utf-8",
    )  # fmt: skip
    ingest(Workspace.open(settings.home, "fintrak"), [dearer], now=NOW.isoformat())

    crash.clear()
    resumed = brief(settings, text="", run_id="run-2")
    assert resumed.brief.total_cost == 270000  # 120 000 at 800 EUR/day + 150 000
    assert brief(settings).brief.total_cost == 300000  # a new run sees the new rate


def test_a_run_whose_inputs_snapshot_is_gone_refuses_to_resume(settings: Settings, calls) -> None:
    _, crash = calls
    crash["compute_impact"] = True
    with pytest.raises(KeyboardInterrupt):
        brief(settings, run_id="run-3")
    shutil.rmtree(settings.home / "fintrak" / "snapshots")
    from assistant.workflow import snapshots

    snapshots._BY_HASH.clear()  # another process: nothing kept in memory
    crash.clear()
    with pytest.raises(InputError) as error:
        brief(settings, text="", run_id="run-3")
    assert "run 'run-3' started on inputs" in error.value.message
    assert "start a new brief" in (error.value.fix or "")


def test_one_shot_brief_walks_the_same_graph_and_keeps_nothing(calls, tmp_path: Path) -> None:
    counted, _ = calls
    inputs = load_inputs(SEED / "context.yaml", SEED / "goals.yaml", [SEED / "backlog.csv"])
    request = service.BriefRequest(status=STATUS, today=dt.date(2026, 11, 20), inputs=inputs)
    result = service.brief(request, service.Deps(Settings(home=tmp_path / "none"), llm=None))
    assert result.brief.total_cost == 270000
    assert result.brief.run["verification"] == {"ok": True, "problems": []}
    assert [s for s in STEPS if counted[s]] == [s for s in STEPS if s != "save_report"]
    assert not (tmp_path / "none").exists()
