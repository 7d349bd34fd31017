"""OSV-Scanner JSON: results[].packages[] with vulnerabilities[] and alias groups[].

One finding per group (OSV-Scanner groups a vulnerability's aliases: GHSA, CVE, PYSEC), else
one per vulnerability. Severity: the group's `max_severity` CVSS score bands, else the
advisory's `database_specific.severity` word (GitHub: CRITICAL/HIGH/MODERATE/LOW); a
malicious package (MAL- id) is critical (the machine must be considered compromised); with
none of these, medium is assumed. Every finding is security; the component is the directory
of the scanned lockfile, the package name@version.
"""

from __future__ import annotations

from typing import Any

from assistant.audit.common import (
    Format,
    Parsed,
    as_list,
    cves,
    first_line,
    make_finding,
    manifest_dir,
    mapping,
    number,
    records,
    severity_cvss,
    severity_word,
    source,
    strings,
)
from assistant.audit.models import Category, Severity
from assistant.loaders.jsondoc import dig, text_of

TOOL = "OSV-Scanner"


def matches(doc: Any) -> bool:
    results = mapping(doc).get("results")
    if not isinstance(results, list):
        return False
    first = mapping(results[0] if results else None)
    return "packages" in first or (not results and "experimental_config" in doc)


def parse(doc: Any, file: str) -> Parsed:
    parsed = Parsed()
    position = 0
    for result_index, result in records(doc.get("results"), file, "results"):
        component = manifest_dir(text_of(dig(result, "source", "path")))
        path = f"results[{result_index - 1}].packages"
        for pkg_index, entry in records(result.get("packages"), file, path):
            name = text_of(dig(entry, "package", "name")) or "?"
            version = text_of(dig(entry, "package", "version"))
            package = f"{name}@{version}" if version else name
            vulns_path = f"{path}[{pkg_index - 1}].vulnerabilities"
            vulns = {
                text_of(v.get("id")): (i, v)
                for i, v in records(entry.get("vulnerabilities"), file, vulns_path)
            }
            for ids, max_severity in _groups(entry, vulns):
                index, vuln = vulns.get(ids[0], (1, {}))
                position += 1
                severity = _severity(ids, vuln, max_severity)
                aliases = [*ids, *strings(vuln.get("aliases"))]
                where = f"{vulns_path}[{index - 1}]"
                parsed.findings.append(
                    make_finding(
                        file,
                        where,
                        id=f"osv:{package}:{ids[0]}",
                        tool=TOOL,
                        title=first_line(text_of(vuln.get("summary")) or f"{ids[0]} in {name}"),
                        category=Category.SECURITY,
                        severity=severity or Severity.MEDIUM,
                        severity_assumed=severity is None,
                        component=component,
                        package=package,
                        rule=ids[0],
                        cve=cves(*aliases),
                        description=first_line(text_of(vuln.get("details")), 400),
                        source=source(file, position, ids[0], where),
                    )
                )
    return parsed


FORMATS = (
    Format(
        "OSV-Scanner JSON",
        "OSV-Scanner JSON ('results' with 'packages' and 'vulnerabilities')",
        "json",
        matches,
        parse,
    ),
)


def _groups(entry: dict[str, Any], vulns: dict[str, Any]) -> list[tuple[list[str], Any]]:
    """(ids, max_severity) per group; vulnerabilities in no group stand alone."""
    groups = [
        (strings(g.get("ids")), g.get("max_severity"))
        for g in map(mapping, as_list(entry.get("groups")))
    ]
    groups = [(ids, top) for ids, top in groups if ids]
    grouped = {vuln_id for ids, _ in groups for vuln_id in ids}
    return groups + [([vuln_id], None) for vuln_id in vulns if vuln_id and vuln_id not in grouped]


def _severity(ids: list[str], vuln: dict[str, Any], max_severity: Any) -> Severity | None:
    word = text_of(dig(vuln, "database_specific", "severity"))
    if any(vuln_id.startswith("MAL-") for vuln_id in ids):
        return Severity.CRITICAL
    return severity_cvss(number(max_severity)) or severity_word(word)
