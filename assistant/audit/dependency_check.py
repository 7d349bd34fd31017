"""OWASP Dependency-Check reports, JSON (`dependencies[].vulnerabilities[]`) or CSV.

Severity: the report's own word (NVD CRITICAL/HIGH/MEDIUM/LOW, or moderate/low from RetireJS
and npm sources), else the CVSS v3 then v2 base score bands; a vulnerability with neither
(unscored, as the CSV writes RetireJS entries) is assumed medium. Every finding is security;
the package is the dependency's package URL name@version, the component the project name.
Suppressed vulnerabilities are not read.
"""

from __future__ import annotations

from typing import Any

from assistant.audit.common import (
    Format,
    Parsed,
    as_list,
    cves,
    cwes,
    first_line,
    first_number,
    make_finding,
    mapping,
    records,
    severity_cvss,
    severity_word,
    source,
    strings,
)
from assistant.audit.models import Category, Finding, Severity
from assistant.loaders.jsondoc import dig, text_of
from assistant.loaders.table import Table

TOOL = "OWASP Dependency-Check"


def matches_json(doc: Any) -> bool:
    doc = mapping(doc)
    return isinstance(doc.get("dependencies"), list) and (
        "reportSchema" in doc or "scanInfo" in doc
    )


def parse_json(doc: Any, file: str) -> Parsed:
    parsed = Parsed()
    project = text_of(dig(doc, "projectInfo", "name")) or None
    position = 0
    for dep_index, dep in records(doc.get("dependencies"), file, "dependencies"):
        package = _package(strings([dig(p, "id") for p in as_list(dep.get("packages"))]))
        package = package or text_of(dep.get("fileName")) or None
        path = f"dependencies[{dep_index - 1}].vulnerabilities"
        for index, vuln in records(dep.get("vulnerabilities"), file, path):
            position += 1
            name = text_of(vuln.get("name"))
            score = first_number(dig(vuln, "cvssv3", "baseScore"), dig(vuln, "cvssv2", "score"))
            parsed.findings.append(
                _finding(
                    file,
                    (position, f"{path}[{index - 1}]"),
                    name=name,
                    severity_text=text_of(vuln.get("severity")),
                    score=score,
                    cwe_texts=strings(vuln.get("cwes")),
                    description=text_of(vuln.get("description")),
                    package=package,
                    project=project,
                )
            )
    return parsed


def matches_csv(table: Table) -> bool:
    return table.has_exactly("DependencyName", "CVE", "Vulnerability")


def parse_csv(table: Table, file: str) -> Parsed:
    parsed = Parsed()
    for record in table.records:
        severity = record.get("CVSSv3_BaseSeverity", "CVSSv2_Severity", "CVSSv4_BaseSeverity")
        score = first_number(record.get("CVSSv3_BaseScore"), record.get("CVSSv2_Score"))
        identifiers = record.get("Identifiers").replace(",", " ").split()
        parsed.findings.append(
            _finding(
                file,
                (record.line, f"row {record.line}"),
                name=record.get("CVE"),
                severity_text=severity,
                score=score,
                cwe_texts=[record.get("CWE")],
                description=record.get("Vulnerability"),
                package=_package(identifiers) or record.get("DependencyName") or None,
                project=record.get("Project") or None,
            )
        )
    return parsed


FORMATS = (
    Format(
        "OWASP Dependency-Check JSON",
        "OWASP Dependency-Check JSON ('reportSchema' and 'dependencies')",
        "json",
        matches_json,
        parse_json,
    ),
    Format(
        "OWASP Dependency-Check CSV",
        "OWASP Dependency-Check CSV (columns 'DependencyName', 'CVE', 'Vulnerability')",
        "csv",
        matches_csv,
        parse_csv,
    ),
)


def _finding(
    file: str,
    at: tuple[int, str],
    *,
    name: str,
    severity_text: str,
    score: float | None,
    cwe_texts: list[str],
    description: str,
    package: str | None,
    project: str | None,
) -> Finding:
    row, where = at
    severity = severity_word(severity_text) or severity_cvss(score)
    name = name or first_line(description) or "vulnerability"
    ids = cves(name)
    title = f"{name} in {package}" if ids and package else first_line(name)
    return make_finding(
        file,
        where,
        id=f"dependency-check:{package or '?'}:{first_line(name, 60)}",
        tool=TOOL,
        title=title,
        category=Category.SECURITY,
        severity=severity or Severity.MEDIUM,
        severity_assumed=severity is None,
        component=project,
        package=package,
        rule=name,
        cve=ids,
        cwe=cwes(*cwe_texts),
        description=description,
        source=source(file, row, name, where),
    )


def _package(purls: list[str]) -> str | None:
    """'pkg:javascript/bootstrap@3.3.7' -> 'bootstrap@3.3.7'; the first package URL wins."""
    for purl in purls:
        if purl.startswith("pkg:"):
            return purl.split("?", 1)[0].rsplit("/", 1)[-1] or None
    return None
