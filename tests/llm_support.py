"""Test support for the LLM seam: a queue-backed fake model, cassettes, the seed case.

The fake goes through litellm's own `mock_response=` hook (the real litellm code runs, only
the HTTP call is skipped). Cassettes replay real HTTP exchanges recorded from SmolLM2-135M
served by llama.cpp on 127.0.0.1 (recipe in tests/cassettes/README.md): record mode "none",
so a request with no recorded answer fails, and every recorded answer must be played.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant import service
from assistant.brief import BriefResult
from assistant.facts.decisions import Decision, propose_decisions
from assistant.inputs import load_inputs
from assistant.llm import LLMClient
from assistant.settings import Settings
from tests.conftest import SEED

CASSETTES = Path(__file__).parent / "cassettes"
TODAY = dt.date(2026, 11, 20)
LOCAL_KEY = "sk-local-test-key-never-recorded"
RECORD = os.environ.get("STEERCO_RECORD_CASSETTES") == "1"
LOCAL_SERVER = os.environ.get("STEERCO_CASSETTE_API_BASE", "http://127.0.0.1:8765/v1")


def litellm() -> Any:
    """litellm as the app imports it (offline price map), for its exception classes."""
    from assistant.llm import _litellm

    return _litellm()


def timeout() -> Exception:
    return litellm().Timeout(
        message="Request timed out", model="gpt-4o-mini", llm_provider="openai"
    )


def server_down() -> Exception:
    lib = litellm()
    return lib.ServiceUnavailableError(message="down", llm_provider="openai", model="gpt-4o-mini")


def auth_error(secret: str) -> Exception:
    return litellm().AuthenticationError(
        message=f"Incorrect API key provided: {secret}", llm_provider="openai", model="gpt-4o-mini"
    )


def fake_client(*responses: Any, model: str = "openai/gpt-4o-mini", **settings: Any) -> LLMClient:
    """A client whose calls pop `responses` in order (text, or an exception to raise).

    `client.sleeps` records the backoff delays instead of sleeping.
    """
    sleeps: list[float] = []
    client = LLMClient(
        Settings(model=model, **settings), mock_responses=list(responses), sleep=sleeps.append
    )
    client.sleeps = sleeps  # type: ignore[attr-defined]
    return client


class Spy:
    """Wraps a client and keeps every message list it was asked to complete."""

    def __init__(self, client: LLMClient) -> None:
        self.client = client
        self.calls: list[list[dict[str, str]]] = []
        self.usage = client.usage

    def complete(self, messages: list[dict[str, str]], **kw: Any):
        self.calls.append([dict(m) for m in messages])
        return self.client.complete(messages, **kw)


def seed_brief(
    status: str | None = None, inputs: Any = None, **kw: Any
) -> tuple[Any, BriefResult, list[Decision]]:
    """The seed case (instant payments) briefed offline, or with `kw` (e.g. an extractor)."""
    if inputs is None:
        inputs = load_inputs(SEED / "context.yaml", SEED / "goals.yaml", [SEED / "backlog.csv"])
    text = status if status is not None else (SEED / "status.fr.txt").read_text(encoding="utf-8")
    request = service.BriefRequest(
        status=text, status_source="status.txt", today=TODAY, inputs=inputs, **kw.pop("options", {})
    )
    result = service.brief(request, service.Deps(Settings(model=None), llm=None, **kw))
    return inputs, result, propose_decisions(result.report, inputs.backlog)


def cassette_client() -> LLMClient:
    """The client the cassettes were recorded with: SmolLM2 behind llama.cpp's OpenAI API."""
    settings = Settings(
        model="openai/smollm2",
        api_base=LOCAL_SERVER,
        api_key=LOCAL_KEY,
        llm_retries=0,
        llm_timeout_s=600,
    )
    return LLMClient(settings)


@contextmanager
def replay(module: str, test: str) -> Iterator[Any]:
    """Replay tests/cassettes/<module>/<test>.yaml; fails unless every interaction was played."""
    import vcr

    recorder = vcr.VCR(
        cassette_library_dir=str(CASSETTES / module),
        record_mode="all" if RECORD else "none",
        match_on=["method", "scheme", "host", "port", "path"],
        filter_headers=["authorization", "api-key", "x-api-key", "openai-organization"],
        decode_compressed_response=True,
    )
    if RECORD:  # record mode "all" would append to the old cassette: start afresh
        (CASSETTES / module / f"{test}.yaml").unlink(missing_ok=True)
    with recorder.use_cassette(f"{test}.yaml", allow_playback_repeats=False) as cassette:
        yield cassette
    if not RECORD:
        assert cassette.all_played, f"{len(cassette.data) - cassette.play_count} unplayed"
