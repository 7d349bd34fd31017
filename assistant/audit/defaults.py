"""Loading knowledge/risk_defaults.yaml, the conventions used where audits are silent.

The file is shipped with the product but meant to be edited by the CTO, so a mistake in it is
an InputError pointing at its line, like any other user file.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from assistant.audit.models import RiskDefaults
from assistant.errors import InputError
from assistant.loaders.yamldoc import read_yaml
from assistant.resources import resource_dir


def default_path() -> Path:
    return resource_dir("knowledge") / "risk_defaults.yaml"


def load_risk_defaults(path: Path | None = None) -> RiskDefaults:
    """The defaults in `path` (the shipped file when None), validated."""
    path = Path(path) if path is not None else default_path()
    doc = read_yaml(path, expected="the risk defaults (currency, effort_days_per_finding, ...)")
    if not isinstance(doc.data, dict):
        raise InputError(
            "should be a mapping of settings (currency, effort_days_per_finding, ...).",
            file=str(path),
            fix="Start from the shipped knowledge/risk_defaults.yaml.",
        )
    try:
        return RiskDefaults.model_validate(doc.data)
    except ValidationError as exc:
        problem = exc.errors()[0]
        loc = tuple(problem["loc"])
        line = doc.line(*loc)
        raise InputError(
            f"{'.'.join(str(part) for part in loc) or 'value'}: {problem['msg']}.",
            file=str(path),
            where=f"line {line}" if line else None,
            fix="Severities are critical, high, medium, low, info; categories security, "
            "reliability, maintainability, cost, compliance; amounts are numbers >= 0.",
        ) from None
