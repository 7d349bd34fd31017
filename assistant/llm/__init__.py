"""The LLM seam: the client (the only importer of litellm, lazily), its errors and its usage.

Importing this package never imports litellm: `LLMClient` does, when it is built. Its names
are loaded on first use, so a run without a model (which reads only `usage` and `errors`)
never loads the client module and the logging machinery it brings.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.llm.client import LLMClient, _litellm, client_from_settings
    from assistant.llm.errors import (
        BudgetExceeded,
        LLMAuthError,
        LLMError,
        LLMOutputError,
        LLMRequestError,
        LLMUnavailable,
    )
    from assistant.llm.usage import Completion, LLMUsage

_HOMES = {
    "LLMClient": "client", "_litellm": "client", "client_from_settings": "client",
    "BudgetExceeded": "errors", "LLMAuthError": "errors", "LLMError": "errors",
    "LLMOutputError": "errors", "LLMRequestError": "errors", "LLMUnavailable": "errors",
    "Completion": "usage", "LLMUsage": "usage",
}  # fmt: skip

__all__ = ["BudgetExceeded", "Completion", "LLMAuthError", "LLMClient", "LLMError", "LLMOutputError", "LLMRequestError", "LLMUnavailable", "LLMUsage", "_litellm", "client_from_settings"]  # fmt: skip


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # once: later reads (and monkeypatches) see a plain attribute
    return value
