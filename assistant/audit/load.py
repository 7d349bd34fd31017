"""Loading audit reports: every file read, its format detected, the findings gathered."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.audit.detect import parse_file
from assistant.audit.models import Finding, FindingSet
from assistant.errors import InputError


def load_findings(paths: Sequence[Path | str]) -> FindingSet:
    """Read each audit file (any supported tool's output, or the hand-written CSV/YAML).

    Ids stay unique across files: a repeated one (the same report given twice, or a rule
    firing twice on one line) gets a `#2`, `#3` suffix rather than hiding a finding.
    """
    if not paths:
        raise InputError(
            "no audit file was given.",
            fix="Pass at least one audit report (SonarQube, SARIF, Trivy, ...) or a "
            "hand-written audit CSV/YAML.",
        )
    findings: list[Finding] = []
    formats: list[str] = []
    warnings: list[str] = []
    seen: dict[str, int] = {}
    for path in paths:
        name, parsed = parse_file(Path(path))
        formats.append(f"{path}: {name}")
        warnings.extend(parsed.warnings)
        for finding in parsed.findings:
            seen[finding.id] = seen.get(finding.id, 0) + 1
            if seen[finding.id] > 1:
                finding = finding.model_copy(update={"id": f"{finding.id}#{seen[finding.id]}"})
            findings.append(finding)
    return FindingSet(findings=tuple(findings), formats=tuple(formats), warnings=tuple(warnings))
