"""All settings in one place: environment variables (STEERCO_*) and an optional config file.

Defaults work offline: no model configured means the template narrator and the rule-based
extractor; embeddings run locally. Secrets are never logged nor written to reports.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("steerco", appauthor=False)) / "workspaces"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="STEERCO_", env_file=None, extra="ignore", populate_by_name=True
    )

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
    # Knowledge base
    embedding_model: str = Field(
        default="local", description="'local' (all-MiniLM-L6-v2, offline) or a litellm model."
    )


@cache
def get_settings() -> Settings:
    return Settings()
