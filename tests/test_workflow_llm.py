"""The workflow with a model configured (scripted through litellm's mock hook): better words
when the draft is grounded, the template when it is not, and the same numbers either way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant import service
from assistant.inputs import load_inputs
from assistant.settings import Settings
from assistant.workspace.ingest import ingest
from assistant.workspace.workspace import Workspace
from tests.conftest import SEED, run_cli, seed_args
from tests.llm_support import fake_client, server_down
from tests.test_llm_narrator import GOOD, ON_TIME, WRONG_NUMBER

NOW = "2026-11-20T09:00:00+00:00"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings(home=tmp_path / "home", llm_extraction=False)
    workspace = Workspace.create(settings.home, "fintrak", now=NOW)
    ingest(workspace, [SEED / "context.yaml", SEED / "goals.yaml", SEED / "backlog.csv"], now=NOW)
    return settings


def run_with(settings: Settings, *responses: object, one_shot: bool = False) -> dict:
    """A brief with a scripted model: from the workspace, or one-shot with inputs inline."""
    inline = {}
    if one_shot:
        files = (SEED / "context.yaml", SEED / "goals.yaml", [SEED / "backlog.csv"])
        inline = {"inputs": load_inputs(*files)}
    request = service.BriefRequest(
        status="on a 3 sprints de retard sur la migration", status_source="status.fr.txt",
        today=dt.date(2026, 11, 20), **(inline or {"workspace": "fintrak"}),
    )  # fmt: skip
    client = fake_client(*responses, llm_extraction=False)
    result = service.brief(request, service.Deps(settings, llm=client))
    assert client._mock == [], "every scripted answer was asked for"
    return result.brief.model_dump(mode="json")


def test_grounded_llm_draft_is_the_brief_and_its_cost_is_recorded(settings: Settings) -> None:
    brief = run_with(settings, GOOD)
    assert brief["narrator"]["name"] == "llm:openai/gpt-4o-mini"
    assert brief["headline"].startswith("Le Lancement du paiement instantané glisse de 6 semaines")
    assert brief["total_cost"] == 270000
    assert brief["run"]["verification"]["ok"]
    assert brief["run"]["usage"]["calls"] == 1


def test_ungrounded_drafts_fall_back_to_the_template_with_a_warning(settings: Settings) -> None:
    brief = run_with(settings, WRONG_NUMBER, ON_TIME)
    assert brief["narrator"]["name"] == "template"
    assert "le coût est de 0 EUR" not in brief["summary_markdown"]
    assert any("texte standard" in w for w in brief["warnings"])
    assert brief["total_cost"] == 270000 and brief["run"]["usage"]["calls"] == 2


def test_provider_outage_never_loses_the_brief(settings: Settings) -> None:
    brief = run_with(settings, server_down(), server_down(), server_down())
    assert brief["narrator"]["name"] == "template"
    assert brief["total_cost"] == 270000
    assert brief["warnings"]


def test_one_shot_brief_with_a_model_set_calls_it_and_carries_its_verification(
    settings: Settings,
) -> None:
    brief = run_with(settings, GOOD, one_shot=True)
    assert brief["narrator"]["name"] == "llm:openai/gpt-4o-mini"
    assert brief["run"]["usage"]["calls"] == 1
    assert brief["run"]["verification"]["ok"]
    assert brief["total_cost"] == 270000


def test_one_shot_brief_refuses_a_model_that_types_a_wrong_figure(settings: Settings) -> None:
    brief = run_with(settings, WRONG_NUMBER, WRONG_NUMBER, one_shot=True)
    assert brief["narrator"]["name"] == "template"
    assert "le coût est de 0 EUR" not in brief["summary_markdown"]
    assert any("texte standard" in w for w in brief["warnings"])
    assert brief["run"]["usage"]["calls"] == 2 and brief["run"]["verification"]["ok"]


def test_the_one_shot_cli_brief_uses_the_configured_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    import assistant.llm

    client = fake_client(GOOD, llm_extraction=False)
    monkeypatch.setattr(assistant.llm, "client_from_settings", lambda settings: client)
    monkeypatch.setenv("STEERCO_MODEL", "openai/gpt-4o-mini")
    monkeypatch.setenv("STEERCO_LLM_EXTRACTION", "false")
    result = run_cli(*seed_args("status.fr.txt", "--format", "json"))
    assert result.exit_code == 0, result.output
    brief = json.loads(result.stdout)
    assert brief["narrator"]["name"] == "llm:openai/gpt-4o-mini" and client.usage.calls == 1
    assert brief["run"]["verification"]["ok"] and brief["total_cost"] == 270000
