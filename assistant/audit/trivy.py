"""Trivy JSON, schema 2: Results[] with Vulnerabilities, Misconfigurations, Secrets, Licenses.

Severity: CRITICAL, HIGH, MEDIUM, LOW as written; UNKNOWN (or none) is assumed medium.
Category: vulnerabilities, failed misconfigurations and secrets -> security; licence findings
-> compliance. Component: the image name for a container scan ("registry/payments:1.2" ->
payments), else the directory of the scanned manifest. Passed misconfigurations are skipped.
"""

from __future__ import annotations

from typing import Any

from assistant.audit.common import (
    Format,
    Parsed,
    cves,
    cwes,
    first_line,
    image_name,
    make_finding,
    manifest_dir,
    mapping,
    records,
    severity_word,
    source,
    strings,
)
from assistant.audit.models import Category, Severity
from assistant.loaders.jsondoc import text_of

TOOL = "Trivy"
# (list name, category, id field, package field)
_KINDS = (
    ("Vulnerabilities", Category.SECURITY, "VulnerabilityID", "PkgName"),
    ("Misconfigurations", Category.SECURITY, "ID", ""),
    ("Secrets", Category.SECURITY, "RuleID", ""),
    ("Licenses", Category.COMPLIANCE, "Name", "PkgName"),
)


def matches(doc: Any) -> bool:
    doc = mapping(doc)
    return "SchemaVersion" in doc and ("Results" in doc or "ArtifactName" in doc)


def parse(doc: Any, file: str) -> Parsed:
    parsed = Parsed()
    artifact = text_of(doc.get("ArtifactName"))
    container = text_of(doc.get("ArtifactType")) == "container_image"
    position = 0
    passed = 0
    for result_index, result in records(doc.get("Results"), file, "Results"):
        target = text_of(result.get("Target"))
        component = image_name(artifact) if container else manifest_dir(target)
        for kind, category, id_field, package_field in _KINDS:
            path = f"Results[{result_index - 1}].{kind}"
            for index, entry in records(result.get(kind), file, path):
                position += 1
                if text_of(entry.get("Status")) == "PASS":
                    passed += 1
                    continue
                rule = text_of(entry.get(id_field)) or text_of(entry.get("AVDID")) or kind
                name = text_of(entry.get(package_field)) if package_field else ""
                version = text_of(entry.get("InstalledVersion"))
                package = f"{name}@{version}" if name and version else name or None
                severity = severity_word(text_of(entry.get("Severity")))
                title = text_of(entry.get("Title")) or rule
                where = f"{path}[{index - 1}]"
                parsed.findings.append(
                    make_finding(
                        file,
                        where,
                        id=f"trivy:{target}:{rule}:{package or text_of(entry.get('StartLine'))}",
                        tool=TOOL,
                        title=first_line(f"{rule} in {name}: {title}" if name else title),
                        category=category,
                        severity=severity or Severity.MEDIUM,
                        severity_assumed=severity is None,
                        component=component,
                        package=package,
                        rule=rule,
                        cve=cves(rule),
                        cwe=cwes(*strings(entry.get("CweIDs"))),
                        description=text_of(entry.get("Description")),
                        source=source(file, position, rule, where),
                    )
                )
    if passed:
        parsed.warnings.append(f"{file}: {passed} passed misconfiguration check(s) skipped.")
    return parsed


FORMATS = (
    Format(
        "Trivy JSON",
        "Trivy JSON, schema 2 ('SchemaVersion' and 'Results')",
        "json",
        matches,
        parse,
    ),
)
