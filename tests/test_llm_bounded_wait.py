"""Bounded waiting: a dead or hung provider costs a run at most its model-time bound, and a
provider that is down is not called again in the run; the brief still comes, from the template."""

from __future__ import annotations

import datetime as dt
import itertools

from assistant import service
from assistant.inputs import load_inputs
from assistant.llm import LLMClient
from assistant.settings import Settings
from tests.conftest import SEED
from tests.llm_support import server_down, timeout


def one_shot(client: LLMClient) -> dict:
    inputs = load_inputs(SEED / "context.yaml", SEED / "goals.yaml", [SEED / "backlog.csv"])
    request = service.BriefRequest(
        status="on a 3 sprints de retard sur la migration", today=dt.date(2026, 11, 20),
        inputs=inputs,
    )  # fmt: skip
    return service.brief(request, service.Deps(client.settings, llm=client)).brief.model_dump()


def test_a_down_provider_is_asked_once_per_attempt_then_never_again_in_the_run() -> None:
    settings = Settings(model="openai/gpt-4o-mini", llm_retries=2)  # extraction + narration
    client = LLMClient(settings, mock_responses=[server_down()] * 3, sleep=lambda s: None)
    brief = one_shot(client)
    assert client.usage.failed_calls == 3  # the extraction's 3 attempts; narration: none
    assert client.down == {"openai/gpt-4o-mini"}
    assert brief["narrator"]["name"] == "template" and brief["total_cost"] == 270000
    assert any("LLMUnavailable" in w and "is up" in w for w in brief["warnings"])


def test_a_hung_provider_costs_the_run_at_most_its_model_time_bound() -> None:
    ticks = itertools.count(step=25)  # every call hangs 25 s before timing out
    settings = Settings(
        model="openai/gpt-4o-mini", llm_retries=10, llm_timeout_s=60, llm_run_timeout_s=90
    )
    client = LLMClient(
        settings, mock_responses=[timeout()] * 10, sleep=lambda s: None,
        clock=lambda: next(ticks) / 2,  # read twice per call: 12.5 s per read
    )  # fmt: skip
    brief = one_shot(client)
    assert client.usage.failed_calls == 4  # 4 x 25 s: the fifth would pass 90 s
    assert 90 <= client.waited_s < 90 + 25
    assert brief["narrator"]["name"] == "template" and brief["total_cost"] == 270000
