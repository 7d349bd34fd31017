"""Bandit JSON (`bandit -f json`): results[] with test_id, issue_severity, issue_confidence.

Severity: HIGH, MEDIUM, LOW as written (UNDEFINED -> info). Bandit is a security linter, so
every finding is security. Confidence is kept as written, not folded into the severity: a
low-confidence finding still needs someone to look at it.
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
)
from assistant.audit.models import Category, Severity
from assistant.loaders.jsondoc import dig, text_of

TOOL = "Bandit"
_SEVERITY = {"undefined": Severity.INFO}


def matches(doc: Any) -> bool:
    doc = mapping(doc)
    results = doc.get("results")
    if not isinstance(results, list):
        return False
    if not results:
        return "metrics" in doc and "generated_at" in doc
    return "test_id" in mapping(results[0]) or "issue_severity" in mapping(results[0])


def parse(doc: Any, file: str) -> Parsed:
    parsed = Parsed()
    for index, result in records(doc.get("results"), file, "results"):
        test = text_of(result.get("test_id")) or text_of(result.get("test_name")) or "bandit"
        path = text_of(result.get("filename"))
        line = text_of(result.get("line_number"))
        severity = severity_word(text_of(result.get("issue_severity")), _SEVERITY)
        cwe_id = dig(result, "issue_cwe", "id")
        where = f"results[{index - 1}]"
        parsed.findings.append(
            make_finding(
                file,
                where,
                id=f"bandit:{test}:{path}:{line}",
                tool=TOOL,
                title=first_line(text_of(result.get("issue_text")) or test),
                category=Category.SECURITY,
                severity=severity or Severity.MEDIUM,
                severity_assumed=severity is None,
                component=path_root(path) if path else None,
                rule=test,
                confidence=text_of(result.get("issue_confidence")) or None,
                cwe=cwes(f"CWE-{cwe_id}") if isinstance(cwe_id, int) else (),
                description=text_of(result.get("more_info")),
                source=source(file, index, test, where),
            )
        )
    return parsed


FORMATS = (
    Format(
        "Bandit JSON",
        "Bandit JSON ('results' with 'test_id' and 'issue_severity')",
        "json",
        matches,
        parse,
    ),
)
