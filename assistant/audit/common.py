"""Helpers every importer shares: safe JSON access, severity scales, components, ids.

Audit exports are large, vary across tool versions and are sometimes hand-edited, so nothing
here trusts a type: a wrong one becomes an InputError naming the file and the JSON path, and a
missing optional value is simply absent.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from pydantic import ValidationError

import assistant.patterns as cached_re
from assistant.audit.models import Finding, Severity
from assistant.domain import Source
from assistant.errors import InputError
from assistant.loaders.jsondoc import text_of

_REEXPORT_FIX = "Re-export the report with the tool, unedited, and try again."
_CVE = cached_re.compile(r"\bCVE-\d{4}-\d{4,}\b", re.IGNORECASE)
_CWE = cached_re.compile(r"\bcwe[-_ ]?0*(\d{1,5})\b", re.IGNORECASE)
_GENERIC_DIRS = frozenset(
    {
        "src", "source", "sources", "lib", "libs", "main", "java", "javascript", "js", "ts",
        "typescript", "python", "py", "kotlin", "scala", "go", "golang", "app", "apps",
        "packages", "pkg", "internal", "services", "modules", "code",
    }
)  # fmt: skip
_WORDS = {
    "critical": Severity.CRITICAL,
    "high": Severity.HIGH,
    "important": Severity.HIGH,
    "medium": Severity.MEDIUM,
    "moderate": Severity.MEDIUM,
    "low": Severity.LOW,
    "info": Severity.INFO,
    "informational": Severity.INFO,
    "negligible": Severity.INFO,
    "none": Severity.INFO,
}


@dataclass
class Parsed:
    """An importer's findings and what it tolerated (told to the user, never silent)."""

    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Format(NamedTuple):
    """One audit format: what `detect` lists, how it recognises a document, how it reads it."""

    name: str
    description: str
    kind: Literal["json", "csv", "yaml"]
    matches: Callable[[Any], bool]
    parse: Callable[[Any, str], Parsed]


def records(value: Any, file: str, path: str) -> list[tuple[int, dict[str, Any]]]:
    """The objects of a JSON array with their 1-based position; null or absent means none."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(
            f"'{path}' should be a JSON array but is a {_kind(value)}.",
            file=file,
            where=path,
            fix=_REEXPORT_FIX,
        )
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise InputError(
                f"holds a JSON {_kind(item)} where an object was expected.",
                file=file,
                where=f"{path}[{index}]",
                fix=_REEXPORT_FIX,
            )
    return list(enumerate(value, start=1))


def mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def number(value: Any) -> float | None:
    """A finite number from a JSON number or numeric string; anything else is unknown."""
    if isinstance(value, bool):
        return None
    try:
        result = float(value) if isinstance(value, int | float | str) else None
    except (ValueError, OverflowError):
        return None
    return result if result is not None and math.isfinite(result) else None


def first_number(*values: Any) -> float | None:
    """The first value that is a number: a score of 0 is a score, not a missing one."""
    return next((n for n in map(number, values) if n is not None), None)


def strings(value: Any) -> list[str]:
    """A JSON string or array of strings as a list; other shapes give nothing."""
    items = value if isinstance(value, list) else [value]
    return [text for text in (text_of(item) for item in items) if text]


def severity_word(word: str, table: dict[str, Severity] | None = None) -> Severity | None:
    """A severity from a tool's word, through its own table first, then the common words."""
    key = word.strip().casefold()
    return (table or {}).get(key) or _WORDS.get(key)


def severity_cvss(score: float | None) -> Severity | None:
    """CVSS v3 qualitative bands (FIRST): 9+ critical, 7+ high, 4+ medium, >0 low, 0 none."""
    if score is None or not 0 <= score <= 10:
        return None
    for floor, severity in ((9, Severity.CRITICAL), (7, Severity.HIGH), (4, Severity.MEDIUM)):
        if score >= floor:
            return severity
    return Severity.LOW if score > 0 else Severity.INFO


def cves(*texts: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.upper() for t in texts for m in _CVE.findall(t)))


def cwes(*texts: str) -> tuple[str, ...]:
    """CWE ids however written ('CWE-79: ...', 'cwe-079', 'external/cwe/cwe-022', 79)."""
    found = (f"CWE-{int(m)}" for t in texts for m in _CWE.findall(t))
    return tuple(dict.fromkeys(found))


def path_root(path: str) -> str | None:
    """The first meaningful directory of a repository-relative path: the module it belongs to.

    `src/`, `lib/`, `services/` and the like are skipped ("services/payments/api.py" is
    payments). A file at the root, or an absolute path (the repository root is unknown), has
    no component.
    """
    text = _clean(path)
    if text.startswith("/") or re.match(r"^[A-Za-z]:/", text):
        return None
    dirs = [part for part in text.split("/")[:-1] if part not in ("", ".", "..")]
    return next((part for part in dirs if part.casefold() not in _GENERIC_DIRS), None)


def manifest_dir(path: str) -> str | None:
    """The directory holding a lockfile or manifest: the project it describes."""
    dirs = [part for part in _clean(path).split("/")[:-1] if part not in ("", ".", "..")]
    return dirs[-1] if dirs else None


def image_name(reference: str) -> str | None:
    """'registry.io/team/payments-api:1.2@sha256:..' -> 'payments-api'."""
    name = reference.split("@", 1)[0].strip().rsplit("/", 1)[-1].split(":", 1)[0]
    return name or None


def _clean(path: str) -> str:
    text = path.strip().replace("\\", "/")
    return text[len("file://") :] if text.startswith("file://") else text


def first_line(text: str, limit: int = 160) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def source(file: str, index: int, key: str, where: str) -> Source:
    """Provenance of a finding: its position in the tool's list, its key and JSON path."""
    return Source(file=file, row=index, key=key or None, field=where or None)


def make_finding(file: str, where: str, fix: str = _REEXPORT_FIX, **fields: Any) -> Finding:
    """A Finding, or an InputError locating the entry whose values do not fit."""
    try:
        return Finding(**fields)
    except ValidationError as exc:
        problem = exc.errors()[0]
        name = ".".join(str(part) for part in problem["loc"]) or "value"
        raise InputError(
            f"has an entry whose {name} is invalid: {problem['msg']}.",
            file=file,
            where=where,
            fix=fix,
        ) from None


def _kind(value: Any) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean"}
    return "null" if value is None else kinds.get(type(value), "number")
