"""pip-audit JSON: `{"dependencies": [...], "fixes": [...]}` (2.x) or a bare array (1.x).

pip-audit reports no severity at all, so every vulnerability is assumed medium and flagged
(`severity_assumed`), which the brief states as an assumption. Every finding is security;
the package is name@version. Dependencies pip-audit could not audit are listed as a warning.
"""

from __future__ import annotations

from typing import Any

from assistant.audit.common import (
    Format,
    Parsed,
    cves,
    first_line,
    make_finding,
    mapping,
    records,
    source,
    strings,
)
from assistant.audit.models import Category, Severity
from assistant.loaders.jsondoc import text_of

TOOL = "pip-audit"


def matches(doc: Any) -> bool:
    if isinstance(doc, list):
        return bool(doc) and _is_dependency(doc[0])
    doc = mapping(doc)
    dependencies = doc.get("dependencies")
    if not isinstance(dependencies, list) or "reportSchema" in doc or "scanInfo" in doc:
        return False
    return "fixes" in doc or (bool(dependencies) and _is_dependency(dependencies[0]))


def parse(doc: Any, file: str) -> Parsed:
    parsed = Parsed()
    dependencies, path = (
        (doc, "") if isinstance(doc, list) else (doc["dependencies"], "dependencies")
    )
    position = 0
    not_audited: list[str] = []
    for dep_index, dep in records(dependencies, file, path or "dependencies"):
        name = text_of(dep.get("name")) or "?"
        version = text_of(dep.get("version"))
        package = f"{name}@{version}" if version else name
        if dep.get("skip_reason"):
            not_audited.append(name)
        vulns_path = f"{path}[{dep_index - 1}].vulns"
        for index, vuln in records(dep.get("vulns"), file, vulns_path):
            position += 1
            vuln_id = text_of(vuln.get("id")) or "vulnerability"
            aliases = strings(vuln.get("aliases"))
            description = text_of(vuln.get("description"))
            where = f"{vulns_path}[{index - 1}]"
            parsed.findings.append(
                make_finding(
                    file,
                    where,
                    id=f"pip-audit:{package}:{vuln_id}",
                    tool=TOOL,
                    title=f"{vuln_id} in {package}",
                    category=Category.SECURITY,
                    severity=Severity.MEDIUM,
                    severity_assumed=True,
                    package=package,
                    rule=vuln_id,
                    cve=cves(vuln_id, *aliases),
                    description=first_line(description, 400),
                    source=source(file, position, vuln_id, where),
                )
            )
    if not_audited:
        parsed.warnings.append(
            f"{file}: pip-audit could not audit {', '.join(not_audited)} (skip_reason)."
        )
    return parsed


FORMATS = (
    Format(
        "pip-audit JSON",
        "pip-audit JSON ('dependencies' with 'name', 'version', 'vulns')",
        "json",
        matches,
        parse,
    ),
)


def _is_dependency(value: Any) -> bool:
    value = mapping(value)
    return "name" in value and ("vulns" in value or "skip_reason" in value)
