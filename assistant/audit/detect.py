"""Which tool wrote an audit file, decided from its content alone.

File names lie (`report.json` can be any of nine tools, `audit.txt` a CSV), so JSON is told
apart by its keys (SARIF's `runs`, Trivy's `SchemaVersion`, Sonar's `issues`...), CSV by its
header and YAML by its shape. The JSON checks go from the most specific signature to the
least, so a file matches exactly one format.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

import assistant.patterns as cached_re
from assistant.audit import (
    bandit,
    dependency_check,
    generic,
    npm_audit,
    osv,
    pip_audit,
    sarif,
    semgrep,
    sonarqube,
    trivy,
)
from assistant.audit.common import Format, Parsed
from assistant.errors import InputError
from assistant.loaders.jsondoc import check_long_strings, looks_like_json
from assistant.loaders.limits import LimitError, current_limits, too_many_rows
from assistant.loaders.table import read_table
from assistant.loaders.text import read_text
from assistant.loaders.yamldoc import YamlDoc, read_yaml

FORMATS: tuple[Format, ...] = (
    *sarif.FORMATS,
    *trivy.FORMATS,
    *dependency_check.FORMATS,
    *pip_audit.FORMATS,
    *npm_audit.FORMATS,
    *osv.FORMATS,
    *bandit.FORMATS,
    *semgrep.FORMATS,
    *sonarqube.FORMATS,
    *generic.FORMATS,
)
SUPPORTED_FORMATS: tuple[str, ...] = tuple(form.description for form in FORMATS)

_YAML_START = cached_re.compile(r"^(?:-\s|[\w-]+:(?:\s|$))")
_JSON_FIX = "Re-export the report, or repair the JSON at that line (a missing comma or quote)."


def parse_file(path: Path) -> tuple[str, Parsed]:
    """The findings of one audit file and the name of the format they were read as."""
    file = str(path)
    kind, document, found = _document(path)
    chosen = _choose(kind, document)
    if chosen is None:
        raise InputError(
            f"is not an audit report Steerco recognises ({found}). "
            f"Supported formats: {'; '.join(SUPPORTED_FORMATS)}.",
            file=file,
            fix="Give the tool's own JSON (or SARIF) output, unedited, or write the findings "
            "as the hand-written audit CSV/YAML (id, title, category, severity, ...).",
        )
    parsed = chosen.parse(document, file)
    limit = current_limits().max_rows_per_file
    if len(parsed.findings) > limit:
        raise too_many_rows(file, limit, "findings")
    return chosen.name, parsed


def detect_format(path: Path) -> str | None:
    """The audit format of `path`, or None when it is no audit report Steerco knows."""
    try:
        kind, document, _ = _document(path)
    except LimitError:  # too big to be anything: say so, not "unknown format"
        raise
    except InputError:
        return None
    chosen = _choose(kind, document)
    return chosen.name if chosen else None


def _choose(kind: str, document: Any) -> Format | None:
    return next((f for f in FORMATS if f.kind == kind and f.matches(document)), None)


def _document(path: Path) -> tuple[str, Any, str]:
    file = str(path)
    text = read_text(path)
    if not text.strip():
        raise InputError("is empty.", file=file, fix="Export the audit report again.")
    if looks_like_json(text):
        document = _json(text, file)
        return "json", document, _json_shape(document)
    if _YAML_START.match(_first_line(text)):
        doc = _yaml(path)
        return "yaml", doc, _json_shape(doc.data).replace("JSON", "YAML")
    table = read_table(text, file)
    return "csv", table, f"columns: {_sample(table.header)}"


def _json(text: str, file: str) -> Any:
    check_long_strings(text, file, current_limits().max_field_chars)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"is not valid JSON: {exc.msg} (column {exc.colno}).",
            file=file,
            where=f"line {exc.lineno}",
            fix=_JSON_FIX,
        ) from None
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise InputError(
            f"is not JSON Steerco can read: {reason}.", file=file, fix=_JSON_FIX
        ) from None


def _yaml(path: Path) -> YamlDoc:
    try:
        return read_yaml(path, expected="the audit findings")
    except yaml.YAMLError as exc:  # read_yaml lets the reader's control-character error out
        raise InputError(
            f"is not valid YAML: {exc}.",
            file=str(path),
            fix="Remove the control characters (save the file as plain UTF-8 text).",
        ) from None


def _first_line(text: str) -> str:
    for line in text.lstrip("\ufeff").splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped != "---":
            return line
    return ""


def _json_shape(document: Any) -> str:
    if isinstance(document, dict):
        return f"JSON object with keys: {_sample(list(document))}"
    if isinstance(document, list):
        first = document[0] if document else None
        keys = f" of objects with keys: {_sample(list(first))}" if isinstance(first, dict) else ""
        return f"JSON array{keys}"
    return f"a single JSON {type(document).__name__} value"


def _sample(names: list[Any] | tuple[Any, ...]) -> str:
    shown = [str(name)[:30] for name in list(names)[:8]]
    more = len(names) - len(shown)
    return (", ".join(shown) + (f" and {more} more" if more > 0 else "")) if shown else "none"
