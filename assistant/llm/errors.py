"""LLM errors and how provider exceptions map onto them.

Kept apart from `llm.py` so the error types can be imported (CLI, API, narrators) without
importing litellm; `classify` receives the litellm module from its only importer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from assistant.errors import SteercoError
from assistant.settings import Settings

NO_MODEL_FIX = "unset STEERCO_MODEL to use the offline narrator and rule-based extractor"
# The environment variable litellm reads for each provider prefix of a model string.
KEY_VARS = {
    "openai": "OPENAI_API_KEY",
    "anthropic": "ANTHROPIC_API_KEY",
    "mistral": "MISTRAL_API_KEY",
    "gemini": "GEMINI_API_KEY",
    "groq": "GROQ_API_KEY",
    "azure": "AZURE_API_KEY",
    "deepseek": "DEEPSEEK_API_KEY",
    "openrouter": "OPENROUTER_API_KEY",
    "together_ai": "TOGETHERAI_API_KEY",
}


class LLMError(SteercoError):
    """The model could not give a usable answer. The brief falls back to offline narration."""


class LLMAuthError(LLMError):
    """The provider refused the credentials."""


class LLMUnavailable(LLMError):
    """Timeouts, connection failures, rate limits or server errors on every model tried."""


class LLMRequestError(LLMError):
    """The provider rejected the request itself (unknown model, context too long, ...)."""


class BudgetExceeded(LLMError):
    """This run's token or dollar budget would be passed by the next call."""


class LLMOutputError(LLMError):
    """The answer never validated against the schema; keeps the last text for diagnosis."""

    def __init__(self, message: str, *, text: str, attempts: int, fix: str | None = None):
        self.text = text
        self.attempts = attempts
        super().__init__(message, fix=fix)


Verdict = Literal["retry", "next", "auth", "bug"]


def classify(lib: Any, error: Exception) -> Verdict:
    """retry: transient, worth the same model again; next: try the fallback; bug: ours."""
    transient = (
        lib.Timeout,
        lib.APIConnectionError,
        lib.RateLimitError,
        lib.InternalServerError,
        lib.ServiceUnavailableError,
        lib.BadGatewayError,
    )
    if isinstance(error, transient):
        return "retry"
    if isinstance(error, lib.AuthenticationError | lib.PermissionDeniedError):
        return "auth"
    if isinstance(error, lib.APIError):
        return "retry" if (getattr(error, "status_code", 0) or 0) >= 500 else "next"
    if isinstance(error, tuple(lib.exceptions.LITELLM_EXCEPTION_TYPES)):
        return "next"
    if type(error).__module__.split(".")[0] in ("litellm", "openai", "httpx"):
        return "next"
    return "bug"


def failure(
    failures: list[tuple[str, Exception, Verdict]],
    settings: Settings,
    *,
    redact: Callable[[str], str],
) -> LLMError:
    """One error for the user: what failed on each model tried, and the setting that fixes it."""
    lines = "; ".join(
        f"{model}: {type(error).__name__} ({redact(_first_line(error))})"
        for model, error, _ in failures
    )
    verdicts = {verdict for _, _, verdict in failures}
    if verdicts == {"auth"}:
        return LLMAuthError(
            f"The provider refused the credentials: {lines}.", fix=key_fix(settings)
        )
    if "retry" in verdicts:
        where = f" at STEERCO_API_BASE={settings.api_base}" if settings.api_base else ""
        return LLMUnavailable(
            f"No model answered: {lines}.",
            fix=f"check that the provider{where} is reachable, raise STEERCO_LLM_TIMEOUT_S or "
            f"STEERCO_LLM_RETRIES, add STEERCO_FALLBACK_MODELS, or {NO_MODEL_FIX}",
        )
    return LLMRequestError(
        f"The provider rejected the request: {lines}.",
        fix="check STEERCO_MODEL and STEERCO_FALLBACK_MODELS (litellm model strings such as "
        f"openai/gpt-4.1-mini); {key_fix(settings)}",
    )


def key_fix(settings: Settings) -> str:
    if settings.api_base:
        return (
            f"set STEERCO_API_KEY to the key of the server at STEERCO_API_BASE={settings.api_base}"
        )
    names = sorted(
        {KEY_VARS.get(m.split("/", 1)[0], "the provider's key variable") for m in _models(settings)}
    )
    return f"set the provider's key env var {' / '.join(names)} (or STEERCO_API_KEY)"


def _models(settings: Settings) -> list[str]:
    return [m for m in (settings.model, *settings.fallback_models) if m]


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:160] if text else ""


def short_errors(error: Exception) -> str:
    """A pydantic ValidationError in a few lines the model (or a user) can act on."""
    items = getattr(error, "errors", lambda: [])()[:5]
    parts = [f"{'.'.join(str(p) for p in i['loc']) or 'answer'}: {i['msg']}" for i in items]
    return "; ".join(parts) or str(error)[:300]
