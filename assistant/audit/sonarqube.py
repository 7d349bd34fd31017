"""SonarQube / SonarCloud `api/issues/search` responses (or a bare array of its issues).

Severity: BLOCKER -> critical, CRITICAL -> high, MAJOR -> medium, MINOR -> low, INFO -> info
(Sonar's CRITICAL is one step below its BLOCKER, hence high). Issues with no legacy severity
use their `impacts` (HIGH/MEDIUM/LOW, BLOCKER/INFO in 10.x), the most severe one.
Category: type VULNERABILITY and SECURITY_HOTSPOT -> security, BUG -> reliability,
CODE_SMELL -> maintainability; without a type, the software quality of the worst impact.
Effort: `effort` (or `debt`) such as "2h30min", "1d 2h" or "5min", in Sonar's 8-hour days.
Issues resolved as fixed, false positive or removed are skipped; "won't fix" stays (the risk
is accepted, not gone).
"""

from __future__ import annotations

from typing import Any

import assistant.patterns as cached_re
from assistant.audit.common import (
    Format,
    Parsed,
    make_finding,
    mapping,
    path_root,
    records,
    severity_word,
    source,
    strings,
)
from assistant.audit.models import Category, Finding, Severity
from assistant.loaders.jsondoc import dig, text_of

_SEVERITY = {
    "blocker": Severity.CRITICAL,
    "critical": Severity.HIGH,
    "major": Severity.MEDIUM,
    "minor": Severity.LOW,
    "info": Severity.INFO,
}
_TYPES = {
    "VULNERABILITY": Category.SECURITY,
    "SECURITY_HOTSPOT": Category.SECURITY,
    "BUG": Category.RELIABILITY,
    "CODE_SMELL": Category.MAINTAINABILITY,
}
_QUALITIES = {
    "SECURITY": Category.SECURITY,
    "RELIABILITY": Category.RELIABILITY,
    "MAINTAINABILITY": Category.MAINTAINABILITY,
}
_IMPACT = {"blocker": Severity.CRITICAL}
_GONE = {"FIXED", "FALSE-POSITIVE", "FALSE_POSITIVE", "REMOVED", "CLOSED"}
_EFFORT = cached_re.compile(r"^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*min)?\s*$")
_SONAR_DAY_MINUTES = 8 * 60
_MAX_MINUTES = 10**9  # beyond any real estimate: a corrupted value, read as unknown


def matches(doc: Any) -> bool:
    issues = doc if isinstance(doc, list) else mapping(doc).get("issues")
    if not isinstance(issues, list):
        return False
    if not issues:
        return isinstance(doc, dict) and ("paging" in doc or "effortTotal" in doc)
    first = mapping(issues[0])
    return "rule" in first and "component" in first


def parse(doc: Any, file: str) -> Parsed:
    parsed = Parsed()
    issues = doc if isinstance(doc, list) else doc.get("issues")
    path = "" if isinstance(doc, list) else "issues"
    skipped: dict[str, int] = {}
    for index, issue in records(issues, file, path or "issues"):
        gone = _gone(issue)
        if gone:
            skipped[gone] = skipped.get(gone, 0) + 1
            continue
        parsed.findings.append(_finding(issue, index, file, f"{path}[{index - 1}]"))
    for reason, count in sorted(skipped.items()):
        parsed.warnings.append(f"{file}: {count} issue(s) resolved as {reason} skipped.")
    return parsed


FORMATS = (
    Format(
        "SonarQube issues JSON",
        "SonarQube issues JSON (api/issues/search: 'issues' with 'rule' and 'component')",
        "json",
        matches,
        parse,
    ),
)


def _finding(issue: dict[str, Any], index: int, file: str, where: str) -> Finding:
    key = text_of(issue.get("key")) or f"{index}"
    rule = text_of(issue.get("rule"))
    project, _, path = text_of(issue.get("component")).partition(":")
    severity = severity_word(text_of(issue.get("severity")), _SEVERITY)
    category = _TYPES.get(text_of(issue.get("type")).upper())
    impact_category, impact_severity = _worst_impact(issue.get("impacts"))
    if severity is None:
        probability = text_of(issue.get("vulnerabilityProbability"))
        severity = impact_severity or severity_word(probability)
    effort = _minutes(issue.get("effort"))
    effort = _minutes(issue.get("debt")) if effort is None else effort
    return make_finding(
        file,
        where,
        id=f"sonarqube:{key}",
        tool="SonarQube",
        title=text_of(issue.get("message")) or rule or "SonarQube issue",
        category=category or impact_category or Category.MAINTAINABILITY,
        severity=severity or Severity.MEDIUM,
        severity_assumed=severity is None,
        component=(path_root(path) if path else None) or project or None,
        rule=rule or None,
        effort_minutes=effort,
        description=", ".join(strings(issue.get("tags"))),
        source=source(file, index, key, where),
    )


def _gone(issue: dict[str, Any]) -> str | None:
    for name in ("resolution", "issueStatus", "status"):
        value = text_of(issue.get(name)).upper()
        if value in _GONE:
            return value
    return None


def _worst_impact(impacts: Any) -> tuple[Category | None, Severity | None]:
    best: tuple[int, Category | None, Severity | None] = (99, None, None)
    for impact in impacts if isinstance(impacts, list) else []:
        severity = severity_word(text_of(dig(impact, "severity")), _IMPACT)
        quality = _QUALITIES.get(text_of(dig(impact, "softwareQuality")).upper())
        if severity is not None:
            rank = list(Severity).index(severity)
            if rank < best[0]:
                best = (rank, quality, severity)
    return best[1], best[2]


def _minutes(value: Any) -> float | None:
    """Sonar's duration text in minutes (a day is 8 hours, as Sonar counts it)."""
    if isinstance(value, int) and not isinstance(value, bool):
        minutes = value
    elif match := _EFFORT.match(value) if isinstance(value, str) else None:
        days, hours, rest = (int(group or 0) for group in match.groups())
        minutes = days * _SONAR_DAY_MINUTES + hours * 60 + rest if any(match.groups()) else -1
    else:
        return None
    return float(minutes) if 0 <= minutes <= _MAX_MINUTES else None
