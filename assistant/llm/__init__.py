"""The LLM seam: the client (the only importer of litellm, lazily), its errors and its usage.

Importing this package never imports litellm: `LLMClient` does, when it is built.
"""

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

__all__ = ["BudgetExceeded", "Completion", "LLMAuthError", "LLMClient", "LLMError", "LLMOutputError", "LLMRequestError", "LLMUnavailable", "LLMUsage", "_litellm", "client_from_settings"]  # fmt: skip
