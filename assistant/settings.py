"""All settings in one place: environment variables (STEERCO_*) and an optional config file.

Defaults work offline: no model configured means the template narrator and the rule-based
extractor; embeddings run locally. Secrets are never logged nor written to reports.

The environment is read as pydantic-settings' `BaseSettings` (env_prefix STEERCO_, names
matched in any case, list fields given as JSON, keyword arguments over the environment, no
.env file) by a few lines of our own: importing pydantic-settings (asyncio, ssl, dotenv and
its every source) was a fifth of a cold `steerco brief`.
"""

import json
import os
from functools import cache
from pathlib import Path
from typing import Any, get_origin

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

_PREFIX = "steerco_"
_RAW = frozenset({"allowed_hosts"})  # list fields read as written (comma-separated or JSON)


def _default_home() -> Path:
    """`platformdirs.user_data_dir("steerco")/workspaces`, without importing platformdirs."""
    from assistant.cache_dir import user_data_root

    return user_data_root() / "steerco" / "workspaces"


def _environment(model: type[BaseModel]) -> dict[str, Any]:
    """The STEERCO_* variables of the fields, as pydantic-settings' EnvSettingsSource reads
    them (case-insensitive names, empty values kept, list fields decoded from JSON)."""
    variables = {name.lower(): value for name, value in os.environ.items()}
    values: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        value = variables.get(_PREFIX + name)
        if value is None:
            continue
        if get_origin(field.annotation) is list and name not in _RAW:
            try:
                value = json.loads(value)
            except ValueError as error:
                from pydantic_settings import SettingsError  # the error BaseSettings raised

                message = f'error parsing value for field "{name}" from source "EnvSettingsSource"'
                raise SettingsError(message) from error
        values[name] = value
    return values


class Settings(BaseModel):
    model_config = ConfigDict(
        extra="ignore", populate_by_name=True, validate_default=True, arbitrary_types_allowed=True
    )

    def __init__(self, **values: Any) -> None:
        super().__init__(**{**_environment(type(self)), **values})

    home: Path = Field(
        default_factory=_default_home, description="Folder holding one sub-folder per workspace."
    )
    # LLM (litellm model strings: openai/gpt-4.1-mini, anthropic/..., ollama/llama3.1, ...)
    model: str | None = Field(default=None, description="None = offline: no LLM call at all.")
    fallback_models: list[str] = Field(default_factory=list)
    api_base: str | None = Field(default=None, description="OpenAI-compatible server URL.")
    api_key: SecretStr | None = Field(default=None, description="Key for api_base, if any.")
    llm_timeout_s: float = Field(default=60, gt=0)
    llm_retries: int = Field(default=2, ge=0, le=10)
    llm_run_timeout_s: float = Field(
        default=90, gt=0, description="Total time one run may wait on models, retries included."
    )
    budget_usd: float = Field(default=0.50, ge=0, description="Max LLM spend per run.")
    budget_tokens: int = Field(default=60_000, ge=0, description="Max LLM tokens per run.")
    llm_extraction: bool = Field(default=True, description="Use the model to extract too.")
    # HTTP API
    api_keys_file: Path | None = Field(
        default=None, description="YAML of hashed API keys; none = localhost-only server."
    )
    max_request_bytes: int = Field(default=20_000_000, gt=0)
    rate_limit_per_minute: int = Field(default=120, gt=0)
    request_timeout_s: float = Field(default=120, gt=0, description="Until the answer starts.")
    cors_origins: list[str] = Field(default_factory=list, description="Closed by default.")
    # Web security (see README "Security")
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description="Host names served besides localhost, 127.0.0.1 and ::1 (comma-separated "
        "or a JSON list); any other Host header gets 400 (DNS rebinding).",
    )
    session_hours: float = Field(
        default=12, gt=0, description="Lifetime of a web sign-in (session cookie)."
    )
    auth_failures_per_minute: int = Field(
        default=10, gt=0, description="Wrong keys tolerated per client address and minute."
    )
    # Bounded inputs (see assistant/loaders/limits.py): past one, the file is refused
    max_rows_per_file: int = Field(
        default=50_000, gt=0, description="Rows (items, findings) of one ingested file."
    )
    max_items_per_workspace: int = Field(
        default=100_000, gt=0, description="Backlog items one workspace may hold."
    )
    max_field_chars: int = Field(
        default=100_000, gt=0, description="Characters of one CSV cell or JSON string."
    )
    # Knowledge base
    embedding_model: str = Field(
        default="local", description="'local' (all-MiniLM-L6-v2, offline) or a litellm model."
    )
    embeddings: str = Field(default="onnx", description="Runs 'local': 'onnx' or 'torch'.")
    chroma_clients: int = Field(default=8, ge=1, description="Chroma clients kept open (LRU).")

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _hosts(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value


@cache
def get_settings() -> Settings:
    return Settings()
