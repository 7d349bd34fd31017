"""Settings read the STEERCO_* environment as pydantic-settings did, without importing it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.settings import Settings


def test_variables_are_read_in_any_case_and_arguments_win(monkeypatch):
    monkeypatch.setenv("steerco_model", "openai/a")
    monkeypatch.setenv("STEERCO_LLM_RETRIES", "4")
    monkeypatch.setenv("STEERCO_NOT_A_SETTING", "ignored")
    settings = Settings(llm_retries=1)
    assert (settings.model, settings.llm_retries) == ("openai/a", 1)
    assert Settings(model=None).model is None


def test_list_settings_are_json_and_hosts_also_comma_separated(monkeypatch):
    monkeypatch.setenv("STEERCO_FALLBACK_MODELS", '["openai/b", "openai/c"]')
    monkeypatch.setenv("STEERCO_ALLOWED_HOSTS", "a.example.com, b.example.org")
    settings = Settings()
    assert settings.fallback_models == ["openai/b", "openai/c"]
    assert settings.allowed_hosts == ["a.example.com", "b.example.org"]


def test_a_list_setting_that_is_not_json_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("STEERCO_CORS_ORIGINS", "http://a.example.com")
    with pytest.raises(ValueError, match='error parsing value for field "cors_origins"'):
        Settings()


def test_a_bad_value_names_the_setting(monkeypatch):
    monkeypatch.setenv("STEERCO_LLM_TIMEOUT_S", "soon")
    with pytest.raises(ValidationError) as raised:
        Settings()
    assert raised.value.errors()[0]["loc"] == ("llm_timeout_s",)
    assert raised.value.errors()[0]["input"] == "soon"


def test_reading_the_settings_imports_no_asyncio_dotenv_nor_platformdirs():
    code = (
        "import sys; from assistant.settings import Settings; Settings(); "
        "print(sorted({'asyncio', 'ssl', 'dotenv', 'pydantic_settings', 'platformdirs'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("xdg", ["", "/srv/steerco-data"])
def test_the_default_home_is_where_platformdirs_puts_user_data(monkeypatch, xdg):
    from platformdirs import user_data_dir

    monkeypatch.delenv("STEERCO_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", xdg)
    expected = user_data_dir("steerco", appauthor=False)
    assert Settings().home == Path(expected) / "workspaces"
