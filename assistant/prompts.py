"""The jinja2 environment for prompts and narrative templates: strict, one per folder."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from assistant.resources import resource_dir
from assistant.yaml_safe import load_yaml


@cache
def environment(autoescape: bool = False) -> jinja2.Environment:
    """Templates refuse unknown variables (StrictUndefined) so a typo fails loudly in tests."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource_dir("prompts")),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
    )


def render(name: str, *, autoescape: bool = False, **variables: Any) -> str:
    return environment(autoescape).get_template(name).render(**variables)


@cache
def phrases(language: str, version: int = 1) -> dict[str, dict[str, str]]:
    """Localized one-line templates (assumptions, notices) from prompts/phrases.<lang>.v<N>.yaml."""
    path = resource_dir("prompts") / f"phrases.{language}.v{version}.yaml"
    return load_yaml(path.read_text(encoding="utf-8"), file=str(path), fast=True)


@cache
def _phrase_template(text: str) -> jinja2.Template:
    return environment(False).from_string(text)  # compiled when first used, not all at load


def phrase(language: str, section: str, key: str, /, **params: Any) -> str:
    table = phrases(language)[section]
    text = table.get(key) or table[key.split(".", 1)[0]]
    return _phrase_template(text).render(**params)
