"""Audit reports (SonarQube, SARIF, Dependency-Check, pip-audit, npm audit, Trivy, OSV-Scanner,
Semgrep, Bandit, or a hand-written CSV/YAML) as normalised findings.

Like every loader, this raises only `InputError`, naming the file and the entry to fix.

The names below are imported on first use (PEP 562): a brief that reads no audit file, and
only needs the finding models, does not import the ten parsers.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.audit.detect import SUPPORTED_FORMATS, detect_format
    from assistant.audit.load import load_findings
    from assistant.audit.models import Category, Finding, FindingSet, RiskDefaults, Severity

_WHERE = {
    "SUPPORTED_FORMATS": "detect",
    "detect_format": "detect",
    "load_findings": "load",
    "Category": "models",
    "Finding": "models",
    "FindingSet": "models",
    "RiskDefaults": "models",
    "Severity": "models",
}

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


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
