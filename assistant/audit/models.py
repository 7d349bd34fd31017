"""What an audit says, once every tool's dialect is normalised.

A COMEX does not read SonarQube rules or CVSS vectors; it reads "12 known vulnerabilities in
payments, 3 critical". Every importer therefore lands on the same small vocabulary: five
categories a business understands and five severities, with the tool's own words kept only as
provenance (`rule`, `source`).
"""

from enum import StrEnum

from pydantic import Field, field_validator

from assistant.domain import Frozen, Source


class Category(StrEnum):
    SECURITY = "security"
    RELIABILITY = "reliability"
    MAINTAINABILITY = "maintainability"
    COST = "cost"
    COMPLIANCE = "compliance"


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"


SEVERITY_ORDER = tuple(Severity)  # most to least severe: the order risks are ranked and told
MANUAL_TOOL = "manual audit"  # the `tool` of a hand-written audit's findings (audit/generic.py)


class Finding(Frozen):
    """One problem an audit tool (or a CTO by hand) reported, in Steerco's vocabulary."""

    id: str = Field(min_length=1, description="Unique within a FindingSet, prefixed by the tool.")
    tool: str
    title: str = Field(min_length=1)
    category: Category
    severity: Severity
    severity_assumed: bool = Field(
        default=False, description="The tool gave no usable severity; `medium` was assumed."
    )
    component: str | None = Field(default=None, description="Service, module or path root.")
    package: str | None = Field(default=None, description="Dependency name@version, if any.")
    rule: str | None = Field(default=None, description="The tool's rule or advisory id.")
    effort_minutes: float | None = Field(default=None, ge=0, le=1e9, description="Tool's fix.")
    effort_days: float | None = Field(default=None, ge=0, le=1e6, description="Hand-written.")
    expected_loss_per_week: float | None = Field(default=None, ge=0, le=1e12)
    confidence: str | None = Field(default=None, description="Tool's confidence, as written.")
    cve: tuple[str, ...] = ()
    cwe: tuple[str, ...] = ()
    description: str = ""
    source: Source


class FindingSet(Frozen):
    """Every finding of every audit file given, with what each file was read as."""

    findings: tuple[Finding, ...] = ()
    formats: tuple[str, ...] = Field(default=(), description="'file: format' for each file.")
    warnings: tuple[str, ...] = Field(default=(), description="What the importers skipped.")

    def by_id(self, finding_id: str) -> Finding | None:
        return next((f for f in self.findings if f.id == finding_id), None)


class RiskDefaults(Frozen):
    """Conventions used where audits are silent; shipped in knowledge/risk_defaults.yaml.

    The built-in values equal the shipped file's, so pricing works even without it.
    """

    currency: str = Field(default="EUR", pattern="^[A-Z]{3}$")
    effort_hours_per_day: float = Field(default=8, gt=0, le=24)
    effort_days_per_finding: dict[Severity, float] = Field(
        default_factory=lambda: {
            Severity.CRITICAL: 3.0,
            Severity.HIGH: 2.0,
            Severity.MEDIUM: 1.0,
            Severity.LOW: 0.25,
            Severity.INFO: 0.0,
        }
    )
    expected_loss_per_week: dict[Category, dict[Severity, float | None]] = Field(
        default_factory=dict, description="By category then severity; absent or null: unknown."
    )
    source: str = "Steerco convention"

    @field_validator("effort_days_per_finding")
    @classmethod
    def _every_severity(cls, table: dict[Severity, float]) -> dict[Severity, float]:
        missing = [s.value for s in Severity if s not in table]
        if missing:
            raise ValueError(f"effort_days_per_finding lacks {', '.join(missing)}")
        if any(not 0 <= days <= 1000 for days in table.values()):
            raise ValueError("effort_days_per_finding values must be between 0 and 1000 days")
        return table

    @field_validator("expected_loss_per_week")
    @classmethod
    def _non_negative(
        cls, table: dict[Category, dict[Severity, float | None]]
    ) -> dict[Category, dict[Severity, float | None]]:
        for row in table.values():
            if any(v is not None and not 0 <= v <= 1e9 for v in row.values()):
                raise ValueError("expected_loss_per_week values must be between 0 and 1e9")
        return table
