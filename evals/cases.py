"""Brief eval cases as data: which company, what the CTO wrote, what must come out.

Expected figures are written by hand from the inputs (never copied from the tool's output),
so a disagreement is a finding to investigate, not an expectation to update.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from assistant.audience import AudienceName
from assistant.lang import language_type
from assistant.yaml_safe import load_yaml

ROOT = Path(__file__).resolve().parents[1]  # the checkout: evals/ is not shipped
DEFAULT_CASES = ROOT / "evals" / "briefs" / "cases.v1.yaml"
Language = language_type()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Company(_Strict):
    """Input files of one company; paths are relative to the repository root."""

    context: str
    goals: str
    backlog: list[str]
    findings: list[str] = []

    def paths(self, root: Path = ROOT) -> list[Path]:
        return [root / p for p in (self.context, self.goals, *self.backlog, *self.findings)]


class ExpectedImpact(_Strict):
    delay_weeks: float | None = None
    extra_cost: float | None = None


class ExpectedGoal(_Strict):
    shift_weeks: float
    cost_of_delay: float | None = None
    new_date: dt.date | None = None


class Expect(_Strict):
    """What a faithful brief states. Omitted fields are not checked; `impacts: {}` means none."""

    impacts: dict[str, ExpectedImpact] | None = Field(
        default=None, description="Items matched (exactly this set) and each one's figures."
    )
    goals: dict[str, ExpectedGoal] = {}
    untouched: list[str] = Field(default=[], description="Goal ids that must not shift.")
    extra_cost_total: float | None = None
    cost_of_delay_total: float | None = None
    total_cost: float | None = None
    good_news: list[str] | None = Field(default=None, description="Items reported ahead.")
    unresolved: int | None = Field(default=None, description="Mentions left unresolved.")
    ambiguous: bool | None = Field(default=None, description="An unresolved one is ambiguous.")
    risks: int | None = Field(default=None, description="Audit risks linked to the slips.")
    mention: list[str] = Field(default=[], description="Phrases the brief must contain.")
    forbidden: list[str] = Field(default=[], description="Phrases the brief must not contain.")


class Case(_Strict):
    id: str
    company: str
    lang: Language  # the registry's languages (assistant/lang)
    audience: AudienceName = "comex"
    tags: list[str] = []
    status: str
    expect: Expect
    note: str = ""
    known_bug: str = Field(
        default="",
        description="A product bug this case exposes: scored apart, not gated, until fixed.",
    )


class CaseFile(_Strict):
    version: int
    as_of: dt.date = Field(description="The status date: fixes the year of dates without one.")
    companies: dict[str, Company]
    cases: list[Case]


def load_cases(path: Path = DEFAULT_CASES) -> CaseFile:
    """The case file, validated: every case names a declared company, ids are unique."""
    raw = load_yaml(path.read_text(encoding="utf-8"), file=str(path), fast=True)
    data = CaseFile.model_validate(raw)
    ids = [c.id for c in data.cases]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    unknown = sorted({c.company for c in data.cases} - set(data.companies))
    if dupes or unknown:
        raise ValueError(f"{path}: duplicate case ids {dupes}, unknown companies {unknown}")
    return data


def missing_inputs(company: Company, root: Path = ROOT) -> list[Path]:
    """Input files absent on this machine (real exports under ../shared/data are optional)."""
    return [p for p in company.paths(root) if not p.exists()]
