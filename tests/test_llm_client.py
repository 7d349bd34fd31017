"""The LLM seam: retries, fallbacks, budget, usage, structured output, errors that tell the fix."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import BaseModel

from assistant.llm import (
    BudgetExceeded,
    LLMAuthError,
    LLMOutputError,
    LLMUnavailable,
    client_from_settings,
)
from assistant.settings import Settings
from tests.conftest import ROOT
from tests.llm_support import auth_error, fake_client, server_down, timeout

HELLO = [{"role": "user", "content": "hello"}]


class Answer(BaseModel):
    weeks: int


def test_no_model_configured_means_no_client_and_litellm_never_imported() -> None:
    code = (
        "import sys; from assistant.llm import client_from_settings;"
        "from assistant.settings import Settings;"
        "assert client_from_settings(Settings(model=None)) is None;"
        "assert 'litellm' not in sys.modules, 'litellm imported offline'"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert client_from_settings(Settings(model=None)) is None


def test_transient_errors_are_retried_with_exponential_backoff() -> None:
    client = fake_client(timeout(), server_down(), "fine", llm_retries=2)
    answer = client.complete(HELLO, purpose="test")
    assert answer.text == "fine"
    assert client.sleeps == [0.5, 1.0]
    assert (client.usage.calls, client.usage.failed_calls) == (1, 2)


def test_after_the_retries_the_fallback_model_answers() -> None:
    client = fake_client(
        timeout(),
        timeout(),
        "from the fallback",
        llm_retries=1,
        fallback_models=["anthropic/claude-3-haiku-20240307"],
    )
    answer = client.complete(HELLO, purpose="test")
    assert answer.model == "anthropic/claude-3-haiku-20240307"
    assert client.usage.models == ["anthropic/claude-3-haiku-20240307"]


def test_outage_on_every_model_names_the_settings_that_fix_it() -> None:
    client = fake_client(timeout(), timeout(), llm_retries=1, api_base="http://127.0.0.1:9/v1")
    with pytest.raises(LLMUnavailable) as caught:
        client.complete(HELLO, purpose="test")
    message = str(caught.value)
    assert "STEERCO_API_BASE=http://127.0.0.1:9/v1" in message
    assert "unset STEERCO_MODEL" in message


def test_refused_key_tells_which_env_var_to_set_and_never_shows_the_key() -> None:
    secret = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789"
    client = fake_client(auth_error(secret), llm_retries=3, api_key=secret)
    with pytest.raises(LLMAuthError) as caught:
        client.complete(HELLO, purpose="test")
    assert "OPENAI_API_KEY" in str(caught.value) or "STEERCO_API_KEY" in str(caught.value)
    assert secret not in str(caught.value)
    assert "abcdefghijklmnop" not in str(caught.value)
    assert client.usage.failed_calls == 1  # a refused key is not retried


def test_token_budget_refuses_the_call_before_it_is_made() -> None:
    client = fake_client("never sent", budget_tokens=5)
    with pytest.raises(BudgetExceeded, match="STEERCO_BUDGET_TOKENS"):
        client.complete(HELLO, purpose="test")
    assert client.usage.calls == 0


def test_dollar_budget_stops_a_run_once_spent() -> None:
    client = fake_client("one", "two", budget_usd=0.00001)
    client.complete(HELLO, purpose="test")  # mock usage: 10 + 20 tokens of gpt-4o-mini
    assert client.usage.cost_usd > 0.00001
    with pytest.raises(BudgetExceeded, match="STEERCO_BUDGET_USD"):
        client.complete(HELLO, purpose="test")


def test_zero_dollar_budget_still_allows_an_unpriced_local_model() -> None:
    client = fake_client("local", model="openai/smollm2", budget_usd=0)
    assert client.complete(HELLO, purpose="test").text == "local"
    assert client.usage.cost_known is False


def test_usage_adds_up_tokens_and_litellm_cost() -> None:
    client = fake_client("a", "b")
    client.complete(HELLO, purpose="test")
    client.complete(HELLO, purpose="test")
    usage = client.usage
    assert (usage.calls, usage.prompt_tokens, usage.completion_tokens) == (2, 20, 40)
    assert usage.cost_usd == pytest.approx(2 * 1.35e-05)
    assert usage.model_dump()["cost_known"] is True


def test_structured_answer_is_validated_and_reasked_once_with_the_error() -> None:
    client = fake_client('{"weeks": "six"}', 'Sure: ```json\n{"weeks": 6}\n```')
    answer = client.complete(HELLO, schema=Answer, purpose="test", reasks=1)
    assert answer.parsed == Answer(weeks=6)
    assert answer.attempts == 2


def test_structured_answer_invalid_twice_raises_with_the_last_text() -> None:
    client = fake_client("no json", '{"weeks": null}')
    with pytest.raises(LLMOutputError) as caught:
        client.complete(HELLO, schema=Answer, purpose="test", reasks=1)
    assert caught.value.attempts == 2
    assert caught.value.text == '{"weeks": null}'


def test_embeddings_come_back_one_vector_per_text() -> None:
    client = fake_client([0.1, 0.2, 0.3], model="openai/text-embedding-3-small")
    assert client.embed(["a"], model="openai/text-embedding-3-small") == [[0.1, 0.2, 0.3]]
    assert client.usage.calls == 1
