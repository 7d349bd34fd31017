"""Semgrep JSON (`semgrep --json`): results[] with check_id, path and extra.

Severity: extra.severity ERROR -> high, WARNING -> medium, INFO -> low (newer rules may write
CRITICAL/HIGH/MEDIUM/LOW, taken as is). Category: extra.metadata.category when it names one
(security; correctness/bug -> reliability; best-practice, maintainability, performance,
portability -> maintainability), else words of the check id, else security when the rule
cites a CWE or OWASP entry, else maintainability. Ignored results (nosemgrep) are skipped.
Confidence (metadata.confidence) is kept as written, not folded into the severity.
"""

from __future__ import annotations

from typing import Any

from assistant.audit.common import (
    Format,
    Parsed,
    cwes,
    first_line,
    make_finding,
    mapping,
    path_root,
    records,
    severity_word,
    source,
    strings,
)
from assistant.audit.models import Category, Severity
from assistant.loaders.jsondoc import dig, text_of

TOOL = "Semgrep"
_SEVERITY = {"error": Severity.HIGH, "warning": Severity.MEDIUM, "info": Severity.LOW}
_CATEGORIES = {
    "security": Category.SECURITY,
    "correctness": Category.RELIABILITY,
    "bug": Category.RELIABILITY,
    "best-practice": Category.MAINTAINABILITY,
    "maintainability": Category.MAINTAINABILITY,
    "performance": Category.MAINTAINABILITY,
    "portability": Category.MAINTAINABILITY,
}


def matches(doc: Any) -> bool:
    doc = mapping(doc)
    results = doc.get("results")
    if not isinstance(results, list) or "metrics" in doc:
        return False
    if not results:
        return "paths" in doc or "version" in doc
    return "check_id" in mapping(results[0])


def parse(doc: Any, file: str) -> Parsed:
    parsed = Parsed()
    ignored = 0
    for index, result in records(doc.get("results"), file, "results"):
        extra = mapping(result.get("extra"))
        if extra.get("is_ignored") is True:
            ignored += 1
            continue
        metadata = mapping(extra.get("metadata"))
        check = text_of(result.get("check_id")) or "semgrep-rule"
        path = text_of(result.get("path"))
        line = text_of(dig(result, "start", "line"))
        severity = severity_word(text_of(extra.get("severity")), _SEVERITY)
        message = text_of(extra.get("message"))
        cwe = cwes(*strings(metadata.get("cwe")))
        where = f"results[{index - 1}]"
        parsed.findings.append(
            make_finding(
                file,
                where,
                id=f"semgrep:{check}:{path}:{line}",
                tool=TOOL,
                title=first_line(message or check),
                category=_category(check, metadata, bool(cwe or metadata.get("owasp"))),
                severity=severity or Severity.MEDIUM,
                severity_assumed=severity is None,
                component=path_root(path) if path else None,
                rule=check,
                confidence=text_of(metadata.get("confidence")) or None,
                cwe=cwe,
                description=message,
                source=source(file, index, check, where),
            )
        )
    if ignored:
        parsed.warnings.append(f"{file}: {ignored} result(s) marked ignored (nosemgrep) skipped.")
    return parsed


FORMATS = (
    Format(
        "Semgrep JSON",
        "Semgrep JSON ('results' with 'check_id' and 'extra')",
        "json",
        matches,
        parse,
    ),
)


def _category(check: str, metadata: dict[str, Any], cites_weakness: bool) -> Category:
    named = _CATEGORIES.get(text_of(metadata.get("category")).casefold())
    if named:
        return named
    words = set(check.casefold().split("."))
    found = next((_CATEGORIES[w] for w in _CATEGORIES if w in words), None)
    if found:
        return found
    return Category.SECURITY if cites_weakness else Category.MAINTAINABILITY
