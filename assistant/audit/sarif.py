"""SARIF 2.1 logs (CodeQL, Semgrep --sarif, Checkmarx, Snyk Code, ...): runs[].results[].

Severity: a `security-severity` property (on the result or its rule, a CVSS-like score, as
GitHub code scanning reads it) gives the CVSS bands; otherwise the result's `level`, else the
rule's `defaultConfiguration.level`, else SARIF's default `warning`: error -> high,
warning -> medium, note -> low, none -> info.
Category: from the rule's tags, first match wins: `security` (or any security-severity) ->
security, `reliability`/`correctness` -> reliability, `maintainability` and the rest ->
maintainability. Results of kind pass/notApplicable, and suppressed results, are skipped.
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
    number,
    path_root,
    records,
    severity_cvss,
    source,
    strings,
)
from assistant.audit.models import Category, Finding, Severity
from assistant.loaders.jsondoc import dig, text_of

_LEVELS = {
    "error": Severity.HIGH,
    "warning": Severity.MEDIUM,
    "note": Severity.LOW,
    "none": Severity.INFO,
}
_TAG_CATEGORIES = (
    ({"security"}, Category.SECURITY),
    ({"reliability", "correctness"}, Category.RELIABILITY),
)


def matches(doc: Any) -> bool:
    runs = mapping(doc).get("runs")
    if not isinstance(runs, list):
        return False
    marked = "sarif" in text_of(doc.get("$schema")).casefold()
    return (
        marked
        or text_of(doc.get("version")).startswith("2.")
        or "tool" in mapping(runs[0] if runs else None)
    )


def parse(doc: Any, file: str) -> Parsed:
    parsed = Parsed()
    position = 0
    skipped = 0
    for run_index, run in records(doc.get("runs"), file, "runs"):
        path = f"runs[{run_index - 1}]"
        tool = text_of(dig(run, "tool", "driver", "name")) or "SARIF"
        rules, by_id = _rules(run, file, path)
        artifacts = run.get("artifacts") if isinstance(run.get("artifacts"), list) else []
        for index, result in records(run.get("results"), file, f"{path}.results"):
            position += 1
            if _skipped(result):
                skipped += 1
                continue
            rule = _rule_of(result, rules, by_id)
            where = f"{path}.results[{index - 1}]"
            parsed.findings.append(_finding(result, rule, tool, artifacts, (file, position, where)))
    if skipped:
        parsed.warnings.append(f"{file}: {skipped} passed or suppressed result(s) skipped.")
    return parsed


FORMATS = (
    Format(
        "SARIF 2.1",
        "SARIF 2.1 ('runs' with 'tool' and 'results': CodeQL, Semgrep --sarif, ...)",
        "json",
        matches,
        parse,
    ),
)


def _finding(
    result: dict[str, Any],
    rule: dict[str, Any],
    tool: str,
    artifacts: list[Any],
    at: tuple[str, int, str],
) -> Finding:
    file, position, where = at
    props = {**mapping(rule.get("properties")), **mapping(result.get("properties"))}
    tags = {tag.casefold() for tag in strings(props.get("tags"))}
    score = number(props.get("security-severity"))
    level = text_of(result.get("level")) or text_of(dig(rule, "defaultConfiguration", "level"))
    severity = severity_cvss(score) or _LEVELS.get(level or "warning")
    rule_id = text_of(result.get("ruleId")) or text_of(dig(result, "rule", "id"))
    rule_id = rule_id or text_of(rule.get("id"))
    uri, line = _location(result, artifacts)
    message = text_of(dig(result, "message", "text"))
    title = text_of(dig(rule, "shortDescription", "text")) or text_of(rule.get("name"))
    fingerprint = text_of(result.get("guid")) or f"{rule_id}:{uri}:{line}"
    return make_finding(
        file,
        where,
        id=f"{tool.casefold()}:{fingerprint}",
        tool=tool,
        title=first_line(title or message or rule_id or "SARIF result"),
        category=_category(tags, score),
        severity=severity or Severity.MEDIUM,
        severity_assumed=severity is None,
        component=path_root(uri) if uri else None,
        rule=rule_id or None,
        confidence=text_of(props.get("precision")) or None,
        cwe=cwes(*tags),
        description=message,
        source=source(file, position, fingerprint, where),
    )


def _rules(run: dict[str, Any], file: str, path: str) -> tuple[list[dict], dict[str, dict]]:
    driver = records(dig(run, "tool", "driver", "rules"), file, f"{path}.tool.driver.rules")
    rules = [rule for _, rule in driver]
    extensions = dig(run, "tool", "extensions")
    every = list(rules)
    for _, extension in records(extensions, file, f"{path}.tool.extensions"):
        every += [rule for _, rule in records(extension.get("rules"), file, f"{path}.tool")]
    return rules, {text_of(rule.get("id")): rule for rule in every}


def _rule_of(result: dict[str, Any], rules: list[dict], by_id: dict[str, dict]) -> dict:
    index = result.get("ruleIndex", dig(result, "rule", "index"))
    if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(rules):
        return rules[index]
    rule_id = text_of(result.get("ruleId")) or text_of(dig(result, "rule", "id"))
    return by_id.get(rule_id, {})


def _skipped(result: dict[str, Any]) -> bool:
    if text_of(result.get("kind")) in ("pass", "notApplicable"):
        return True
    suppressions = result.get("suppressions")
    return isinstance(suppressions, list) and any(
        text_of(dig(s, "status")) in ("", "accepted") for s in suppressions
    )


def _location(result: dict[str, Any], artifacts: list[Any]) -> tuple[str, str]:
    locations = result.get("locations")
    first = mapping(locations[0] if isinstance(locations, list) and locations else None)
    artifact = mapping(dig(first, "physicalLocation", "artifactLocation"))
    uri = text_of(artifact.get("uri"))
    index = artifact.get("index")
    if not uri and isinstance(index, int) and 0 <= index < len(artifacts):
        uri = text_of(dig(artifacts[index], "location", "uri"))
    line = text_of(dig(first, "physicalLocation", "region", "startLine"))
    return uri, line


def _category(tags: set[str], score: float | None) -> Category:
    if score is not None:
        return Category.SECURITY
    for names, category in _TAG_CATEGORIES:
        if tags & names:
            return category
    return Category.MAINTAINABILITY
