"""The one door to language models. litellm is imported here only, lazily, when a model is set.

Why a wrapper: the brief must survive any provider trouble, so every call has a timeout,
retries with exponential backoff (transient errors only), then the fallback models in order,
a per-run budget (`usage`), and a bound on the run's total model time
(`llm_run_timeout_s`, each call's timeout cut to what is left); a model that stays down after
its retries is not called again in the run. Every failure becomes an `LLMError` whose message
names the setting to fix (`errors`). A client lives for one run. Retries are ours, not litellm's or the OpenAI SDK's, so
the budget is checked before each attempt and each attempt is counted. No model configured
means `client_from_settings` returns None: nothing imported, nothing called. Secrets never
reach logs, error messages or reports; prompts and answers are never logged.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, MutableSequence
from typing import Any

from pydantic import BaseModel, ValidationError

from assistant.llm.errors import (
    NO_MODEL_FIX,
    BudgetExceeded,
    LLMAuthError,
    LLMError,
    LLMOutputError,
    LLMRequestError,
    LLMUnavailable,
    classify,
    failure,
    short_errors,
)
from assistant.llm.usage import Completion, LLMUsage, Meter
from assistant.settings import Settings

__all__ = ["BudgetExceeded", "Completion", "LLMAuthError", "LLMClient", "LLMError", "LLMOutputError", "LLMRequestError", "LLMUnavailable", "LLMUsage", "client_from_settings"]  # fmt: skip
log = logging.getLogger(__name__)
Messages = list[dict[str, str]]
_SECRETISH = re.compile(r"\b(?:sk|rk|pk|key|token|bearer)[-_ ]?[A-Za-z0-9_\-.]{12,}", re.I)
_REASK = (
    "Your answer was rejected: {problem}\n"
    "Answer again with one JSON object that follows the schema exactly, and nothing else."
)


def client_from_settings(settings: Settings) -> LLMClient | None:
    """The client, or None offline (no model configured): callers then skip the LLM entirely."""
    return LLMClient(settings) if settings.model else None


def _litellm() -> Any:
    """litellm, offline: local price map, no telemetry, no callbacks, no debug banners."""
    os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    import litellm

    litellm.telemetry = False
    litellm.suppress_debug_info = True
    litellm.turn_off_message_logging = True
    litellm.success_callback, litellm.failure_callback, litellm.callbacks = [], [], []
    logging.getLogger("LiteLLM").setLevel(logging.WARNING)
    return litellm


class LLMClient:
    """Completions and embeddings with retries, fallbacks, a budget and usage accounting.

    `mock_responses` (tests): each attempt pops the next item (text, or an exception to
    raise) and hands it to litellm's own `mock_response=` hook, so litellm's code still runs.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        mock_responses: MutableSequence[Any] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        backoff_s: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._clock = clock
        self.waited_s = 0.0  # model time this run has spent: calls and backoff
        self.down: set[str] = set()  # models that failed transiently on every attempt
        self.models = [settings.model, *settings.fallback_models] if settings.model else []
        self._mock = mock_responses
        self._sleep = sleep
        self._backoff = backoff_s
        self._lib = _litellm()
        self._meter = Meter(settings, self._price)

    @property
    def model_name(self) -> str | None:
        """The configured model (a fallback may answer instead: see `Completion.model`)."""
        return self.models[0] if self.models else None

    @property
    def usage(self) -> LLMUsage:
        """Everything this client spent so far, for the report metadata."""
        return self._meter.usage

    def complete(
        self,
        messages: Messages,
        *,
        schema: type[BaseModel] | None = None,
        purpose: str,
        reasks: int = 0,
        validation_context: dict[str, Any] | None = None,
        max_tokens: int = 1500,
        temperature: float = 0.2,
    ) -> Completion:
        """One answer; with `schema`, validated and re-asked `reasks` times with the errors."""
        if not self.models:  # an embeddings-only client (STEERCO_EMBEDDING_MODEL alone)
            raise LLMError(
                "No model is configured.", fix="set STEERCO_MODEL, e.g. openai/gpt-4.1-mini"
            )
        messages = list(messages)
        extra = {"response_format": self._response_format(schema)} if schema else {}
        models, sampling = self.models, {"max_tokens": max_tokens, "temperature": temperature}
        for attempt in range(1, reasks + 2):
            model, reply, usage = self._call(
                "completion", purpose, messages, models, **sampling, **extra
            )
            models = self.models[self.models.index(model) :]  # a re-ask goes to who answered
            text = reply.choices[0].message.content or ""
            done = Completion(text=text, model=model, usage=usage, attempts=attempt)
            if schema is None:
                return done
            try:
                parsed = schema.model_validate_json(_json_part(text), context=validation_context)
                return done.model_copy(update={"parsed": parsed})
            except ValidationError as error:
                problem = short_errors(error)
            log.info("llm %s: answer failed validation (attempt %d)", purpose, attempt)
            messages += [
                {"role": "assistant", "content": text},
                {"role": "user", "content": _REASK.format(problem=problem)},
            ]
        raise LLMOutputError(
            f"The model's answer for {purpose} did not validate after {reasks + 1} attempts: "
            f"{problem}",
            text=text,
            attempts=reasks + 1,
            fix=f"use a stronger model in STEERCO_MODEL, or {NO_MODEL_FIX}",
        )

    def embed(self, texts: list[str], *, model: str) -> list[list[float]]:
        """Vectors for `texts` from `model` only: no fallback, another model's space differs."""
        _, reply, _ = self._call("embedding", "embed", texts, models=[model])
        vectors = [row["embedding"] for row in reply.data]
        if len(vectors) != len(texts):
            raise LLMRequestError(
                f"{model} returned {len(vectors)} vectors for {len(texts)} texts.",
                fix="set STEERCO_EMBEDDING_MODEL to an embedding model",
            )
        return vectors

    def _response_format(self, schema: type[BaseModel]) -> Any:
        """Native structured output where litellm knows the model has it; else JSON mode, with
        the schema attached for OpenAI-compatible servers (llama.cpp turns it into a grammar)."""
        if self.models and self._lib.supports_response_schema(model=self.models[0]):
            return schema
        if self.settings.api_base:
            return {"type": "json_object", "schema": schema.model_json_schema()}
        return {"type": "json_object"}

    def _call(
        self,
        kind: str,
        purpose: str,
        payload: list[Any],
        models: list[str] | None = None,
        **kw: Any,
    ) -> tuple[str, Any, LLMUsage]:
        """(model, reply, usage) from the first model that answers; an LLMError if none does."""
        failures: list[tuple[str, Exception, Any]] = []
        candidates = [m for m in models or self.models if m not in self.down]
        if not candidates:
            raise self._down_error(models or self.models)
        for model in candidates:
            for attempt in range(self.settings.llm_retries + 1):
                self._meter.check(model, payload)
                timeout = (  # a run's bound is on completions; an ingest may embed for long
                    self._time_left(purpose)
                    if kind == "completion"
                    else self.settings.llm_timeout_s
                )
                try:
                    reply = self._timed(self._send, kind, model, payload, timeout=timeout, **kw)
                except Exception as error:  # provider errors are classified; others re-raised
                    verdict = classify(self._lib, error)
                    if verdict == "bug":
                        raise
                    self._meter.usage.failed_calls += 1
                    failures.append((model, error, verdict))
                    log.warning("llm %s on %s failed: %s", purpose, model, type(error).__name__)
                    if verdict == "retry" and attempt < self.settings.llm_retries:
                        self._timed(self._sleep, min(self._backoff * 2**attempt, 8.0))
                        continue
                    if verdict == "retry":  # down or hung: not called again in this run
                        self.down.add(model)
                    break
                usage = self._meter.record(model, reply)
                log.info(
                    "llm %s on %s: %d+%d tokens, $%.5f",
                    purpose, model, usage.prompt_tokens, usage.completion_tokens, usage.cost_usd,
                )  # fmt: skip
                return model, reply, usage
        raise failure(failures, self.settings, redact=self._redact)

    def _time_left(self, purpose: str) -> float:
        """The next call's timeout: the per-call one, cut to what the run has left."""
        left = self.settings.llm_run_timeout_s - self.waited_s
        if left <= 0:
            raise LLMUnavailable(
                f"This run has already waited {self.waited_s:.0f} s on the model, its bound; "
                f"{purpose} is not asked.",
                fix="raise STEERCO_LLM_RUN_TIMEOUT_S, use a faster model or server, or "
                f"{NO_MODEL_FIX}",
            )
        return min(self.settings.llm_timeout_s, left)

    def _timed(self, work: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        start = self._clock()
        try:
            return work(*args, **kw)
        finally:
            self.waited_s += max(0.0, self._clock() - start)

    def _down_error(self, models: list[str]) -> LLMUnavailable:
        where = f" at STEERCO_API_BASE={self.settings.api_base}" if self.settings.api_base else ""
        return LLMUnavailable(
            f"{', '.join(models)} did not answer earlier in this run; not called again.",
            fix=f"check that the provider{where} is up, or {NO_MODEL_FIX}",
        )

    def _send(self, kind: str, model: str, payload: list[Any], *, timeout: float, **kw: Any) -> Any:
        common: dict[str, Any] = {"model": model, "timeout": timeout}
        if self.settings.api_base:
            common["api_base"] = self.settings.api_base
        if self.settings.api_key:
            common["api_key"] = self.settings.api_key.get_secret_value()
        if self._mock is not None:
            if not self._mock:
                raise RuntimeError(
                    "mock_responses exhausted: the code made more calls than scripted"
                )
            common["mock_response"] = self._mock.pop(0)
        if kind == "embedding":
            return self._lib.embedding(input=payload, **common)
        return self._lib.completion(
            messages=payload, num_retries=0, max_retries=0, drop_params=True, **common, **kw
        )

    def _price(self, model: str, prompt: int, completion: int) -> float | None:
        try:
            cost_in, cost_out = self._lib.cost_per_token(
                model=model, prompt_tokens=prompt, completion_tokens=completion
            )
        except Exception:  # litellm raises for a model missing from its price map
            return None
        return float(cost_in + cost_out)

    def _redact(self, text: str) -> str:
        key = self.settings.api_key.get_secret_value() if self.settings.api_key else None
        if key:
            text = text.replace(key, "***")
        return _SECRETISH.sub("***", text)[:300]


def _json_part(text: str) -> str:
    """The JSON inside an answer that wrapped it in a code fence or in a sentence."""
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.S)
    if fenced:
        return fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if 0 <= start < end else text
