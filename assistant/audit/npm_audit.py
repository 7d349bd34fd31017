"""`npm audit --json`, npm 6 (`advisories`) and npm 7+ (`vulnerabilities`, auditReportVersion 2).

One finding per advisory, not per affected package: npm 7+ lists a package once for its own
advisory and again for every package depending on it (`via` names), so its summary counts
affected packages; Steerco counts distinct advisories, the known vulnerabilities to fix.
Severity: critical, high, moderate -> medium, low, info (npm's own words), else the CVSS
score bands. Every finding is security; the package is the vulnerable module.
"""

from __future__ import annotations

from typing import Any

from assistant.audit.common import (
    Format,
    Parsed,
    as_list,
    cves,
    cwes,
    make_finding,
    mapping,
    number,
    severity_cvss,
    severity_word,
    source,
    strings,
)
from assistant.audit.models import Category, Finding, Severity
from assistant.errors import InputError
from assistant.loaders.jsondoc import dig, text_of

TOOL = "npm audit"


def matches_v6(doc: Any) -> bool:
    return isinstance(mapping(doc).get("advisories"), dict)


def matches_v7(doc: Any) -> bool:
    doc = mapping(doc)
    found = doc.get("vulnerabilities")
    if not isinstance(found, dict):
        return False
    first = next(iter(found.values()), None)
    return "auditReportVersion" in doc or "via" in mapping(first)


def parse_v6(doc: Any, file: str) -> Parsed:
    parsed = Parsed()
    for position, (key, advisory) in enumerate(doc["advisories"].items(), start=1):
        where = f"advisories.{key}"
        advisory = _object(advisory, file, where)
        module = text_of(advisory.get("module_name")) or "?"
        versions = [text_of(dig(f, "version")) for f in as_list(advisory.get("findings"))]
        package = f"{module}@{versions[0]}" if versions and versions[0] else module
        advisory_id = text_of(advisory.get("github_advisory_id")) or text_of(advisory.get("id"))
        parsed.findings.append(
            _finding(file, (position, where), advisory, (module, package), advisory_id or key)
        )
    return parsed


def parse_v7(doc: Any, file: str) -> Parsed:
    parsed = Parsed()
    seen: set[str] = set()
    position = 0
    for name, entry in doc["vulnerabilities"].items():
        entry = _object(entry, file, f"vulnerabilities.{name}")
        for index, via in enumerate(as_list(entry.get("via"))):
            if not isinstance(via, dict):
                continue  # a package name: affected through another package's advisory
            url = text_of(via.get("url"))
            advisory_id = url.rsplit("/", 1)[-1] if url else text_of(via.get("source"))
            if not advisory_id or advisory_id in seen:
                continue
            seen.add(advisory_id)
            position += 1
            package = text_of(via.get("dependency")) or text_of(via.get("name")) or name
            where = f"vulnerabilities.{name}.via[{index}]"
            parsed.findings.append(
                _finding(file, (position, where), via, (package, package), advisory_id)
            )
    return parsed


FORMATS = (
    Format(
        "npm audit JSON (npm 6)",
        "npm audit JSON, npm 6 ('advisories')",
        "json",
        matches_v6,
        parse_v6,
    ),
    Format(
        "npm audit JSON (npm 7+)",
        "npm audit JSON, npm 7+ ('auditReportVersion' 2, 'vulnerabilities')",
        "json",
        matches_v7,
        parse_v7,
    ),
)


def _finding(
    file: str,
    at: tuple[int, str],
    advisory: dict[str, Any],
    names: tuple[str, str],
    key: str,
) -> Finding:
    """`names` is (module, package): the package carries the version when npm gives it."""
    (position, where), (module, package) = at, names
    severity = severity_word(text_of(advisory.get("severity"))) or severity_cvss(
        number(dig(advisory, "cvss", "score"))
    )
    title = text_of(advisory.get("title")) or key
    return make_finding(
        file,
        where,
        id=f"npm:{key}",
        tool=TOOL,
        title=title if module.casefold() in title.casefold() else f"{title} in {module}",
        category=Category.SECURITY,
        severity=severity or Severity.MEDIUM,
        severity_assumed=severity is None,
        package=package,
        rule=key,
        cve=cves(*strings(advisory.get("cves"))),
        cwe=cwes(*strings(advisory.get("cwe"))),
        description=text_of(advisory.get("overview")) or text_of(advisory.get("url")),
        source=source(file, position, key, where),
    )


def _object(value: Any, file: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(
            "should be a JSON object.",
            file=file,
            where=where,
            fix="Re-run `npm audit --json` and give its output unedited.",
        )
    return value
