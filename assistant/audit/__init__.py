"""Audit reports (SonarQube, SARIF, Dependency-Check, pip-audit, npm audit, Trivy, OSV-Scanner,
Semgrep, Bandit, or a hand-written CSV/YAML) as normalised findings.

Like every loader, this raises only `InputError`, naming the file and the entry to fix.
"""

from assistant.audit.detect import SUPPORTED_FORMATS, detect_format
from assistant.audit.load import load_findings
from assistant.audit.models import Category, Finding, FindingSet, RiskDefaults, Severity

__all__ = [
    "SUPPORTED_FORMATS",
    "Category",
    "Finding",
    "FindingSet",
    "RiskDefaults",
    "Severity",
    "detect_format",
    "load_findings",
]
