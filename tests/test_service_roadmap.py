"""Roadmaps through the service: one model call per roadmap however many formats are kept,
and one set of limits whichever surface asks."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant import service
from assistant.errors import InputError
from assistant.settings import Settings
from assistant.workspace.ingest import ingest
from assistant.workspace.workspace import Workspace
from tests.conftest import TRANSVIA, run_cli
from tests.llm_support import Spy, fake_client
from tests.test_roadmap_llm import GOOD

NOW = "2026-11-20T09:00:00+00:00"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings(home=tmp_path / "home")
    workspace = Workspace.create(settings.home, "transvia", now=NOW)
    names = ("context.yaml", "goals.yaml", "backlog.csv", "audit.csv")
    ingest(workspace, [TRANSVIA / n for n in names], now=NOW)
    return settings


def test_keeping_a_roadmap_in_four_formats_asks_the_model_once(settings: Settings) -> None:
    client = Spy(fake_client(GOOD))  # a second call would find no scripted answer and fail
    request = service.RoadmapRequest(
        workspace="transvia", keep=True, language="en", start=dt.date(2026, 11, 23)
    )
    result = service.roadmap(request, service.Deps(settings, llm=client))
    assert len(client.calls) == 1 and client.usage.calls == 1
    reports = settings.home / "transvia" / "reports"
    assert {p.suffix for p in reports.glob(f"{result.id}.*")} == {".md", ".html", ".pptx", ".json"}
    markdown = (reports / f"{result.id}.md").read_text(encoding="utf-8")
    assert "The recommended order costs EUR 91,062 of delay" in markdown
    html = (reports / f"{result.id}.html").read_text(encoding="utf-8")
    assert 'data-figure="roadmap.total_cost_of_delay.recommended"' in html


def test_a_horizon_past_the_limit_is_the_same_error_on_every_surface(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = service.MAX_HORIZON_WEEKS
    with pytest.raises(InputError) as error:
        service.make(service.RoadmapRequest, workspace="transvia", weeks=limit + 1)
    message = error.value.message
    assert message.startswith("weeks:") and str(limit) in message

    monkeypatch.setenv("STEERCO_HOME", str(settings.home))
    cli = run_cli("roadmap", "transvia", "--weeks", str(limit + 1))
    assert cli.exit_code == 2 and message in cli.stderr

    api = TestClient(create_app(settings), base_url="http://localhost")
    answer = api.post("/v1/workspaces/transvia/roadmaps", json={"weeks": limit + 1})
    assert answer.status_code == 422 and "weeks" in answer.json()["message"]
    form = api.get("/w/transvia")  # the session and its CSRF token
    token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    page = api.post("/w/transvia/roadmap?lang=en", data={"weeks": str(limit + 1), "csrf": token})
    assert page.status_code == 422 and message in page.text  # no silent clamp
    kept = api.post("/v1/workspaces/transvia/roadmaps", json={"weeks": limit})
    assert kept.status_code == 200 and kept.json()["plan"]["horizon_weeks"] == limit


def test_a_cancelled_roadmap_keeps_nothing(settings: Settings) -> None:
    class Stop(Exception):
        pass

    def cancel(before: str) -> None:
        raise Stop(before)

    request = service.RoadmapRequest(workspace="transvia", keep=True, start=dt.date(2026, 11, 23))
    with pytest.raises(Stop, match="saving the roadmap"):
        service.roadmap(request, service.Deps(settings, llm=None, cancel=cancel))
    assert not list((settings.home / "transvia" / "reports").glob("roadmap-*"))
