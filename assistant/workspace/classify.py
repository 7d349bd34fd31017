"""What an ingested file is, read from its content: context, goals, backlog export or audit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import InputError
from assistant.loaders.detect import SUPPORTED as BACKLOG_FORMATS
from assistant.loaders.detect import backlog_format
from assistant.loaders.jsondoc import looks_like_json
from assistant.loaders.text import read_text
from assistant.yaml_safe import load_yaml


@dataclass(frozen=True)
class Kind:
    kind: str  # 'context', 'goals', 'backlog', 'audit'
    format: str


def classify(path: Path) -> Kind:
    text = read_text(path)
    fmt = backlog_format(text, str(path))
    if fmt:
        return Kind("backlog", fmt)
    if not looks_like_json(text):
        document = _yaml(text, str(path))
        if isinstance(document, dict) and ({"company", "teams"} & set(document)):
            return Kind("context", "context-yaml")
        if _is_goals(document):
            return Kind("goals", "goals-yaml")
    audit_format = _audit_format(path)
    if audit_format:
        return Kind("audit", audit_format)
    from assistant.audit import SUPPORTED_FORMATS as AUDIT_FORMATS

    raise InputError(
        "is not a file Steerco can ingest. It recognises: context.yaml (company, teams), "
        "goals.yaml (goals with cost_of_delay_per_week), backlog exports ("
        + "; ".join(BACKLOG_FORMATS)
        + ") and audit exports ("
        + "; ".join(AUDIT_FORMATS)
        + ").",
        file=str(path),
        fix="check that the file is one of these, exported by its tool without changes.",
    )


def _yaml(text: str, file: str) -> Any:
    try:
        return load_yaml(text, file=file, fast=True)  # refuses anchors and aliases
    except yaml.YAMLError:
        return None


def _is_goals(document: Any) -> bool:
    if isinstance(document, dict):
        document = document.get("goals")
    return (
        isinstance(document, list)
        and bool(document)
        and all(isinstance(g, dict) and "cost_of_delay_per_week" in g for g in document)
    )


def _audit_format(path: Path) -> str | None:
    from assistant.audit import detect_format

    return detect_format(path)
