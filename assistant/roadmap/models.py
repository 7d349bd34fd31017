"""The roadmap's models: the contract between the pure engine and its renderers (md, html,
pptx, json). Every number is also a `Figure` in `RoadmapPlan.figures` (same provenance style
as the brief)."""

import datetime as dt
import math
from typing import Any, Literal

from pydantic import Field, model_validator

from assistant.domain import Frozen
from assistant.facts.provenance import Assumption, Figure, Notice
from assistant.localized import Localized, fold_languages


def round_money(value: float) -> float:
    """The one rounding policy of every amount shown: whole currency units, half away from 0."""
    return float(math.floor(abs(value) + 0.5)) * (1 if value >= 0 else -1)


Method = Literal["cd3", "wsjf", "rice"]
Lane = Literal["now", "next", "later"]


class WorkPackage(Frozen):
    """A candidate: an epic with its open children, a standalone item, or an audit risk."""

    id: str  # backlog key, or risk id ("risk.security.platform")
    kind: Literal["epic", "item", "risk"]
    title: str
    team: str | None = None
    size_weeks: float = Field(ge=0, description="Duration for its team, in weeks.")
    size_source: str = Field(description="'estimate', 'points', 'effort', 'default' (flagged).")
    effort_person_days: float | None = None
    cost: float | None = Field(default=None, description="effort x day rate, in currency.")
    cost_of_delay_per_week: float = Field(ge=0)
    goals: tuple[str, ...] = Field(default=(), description="Goals it unblocks.")
    blocked_by: tuple[str, ...] = Field(default=(), description="Other package ids.")
    deadline: dt.date | None = Field(default=None, description="Earliest goal or item date.")
    fixed_deadline: dt.date | None = Field(
        default=None, description="Earliest due date of its items (contract, law): must be met."
    )
    items: tuple[str, ...] = Field(default=(), description="Backlog keys it covers.")
    titles: dict[str, str] = Field(
        default_factory=dict, description="Title by language, when it is not client text."
    )

    def title_in(self, language: str) -> str:
        return self.titles.get(language) or self.title


class Score(Frozen):
    package: str
    method: Method
    value: float
    formula: str
    rank: int


class ScheduledPackage(Frozen):
    package: str
    team: str | None
    start: dt.date
    finish: dt.date
    start_week: float
    finish_week: float
    lane: Lane
    quick_win: bool = False
    items: tuple[str, ...] = Field(
        default=(), description="Backlog keys it covers; the forecast counts the open ones."
    )


class Milestone(Frozen):
    goal: str
    title: str
    deadline: dt.date | None
    planned: dt.date | None = Field(description="Capacity plan: last package of the goal done.")
    p50: dt.date | None = None
    p85: dt.date | None = None
    p95: dt.date | None = None
    confidence: Literal["high", "low"] = "low"
    late_weeks: float = Field(default=0, description="planned - deadline, if positive.")
    items: tuple[str, ...] = Field(
        default=(), description="Backlog keys of the goal's packages (open ones are forecast)."
    )
    announced: dt.date | None = Field(
        default=None, description="The date the latest brief announced (goals it moved)."
    )
    capacity: dt.date | None = Field(
        default=None,
        description="Capacity alone: the last package's finish, before the plan is anchored on "
        "the announced date (shown when they differ).",
    )


class Forecast(Frozen):
    method: Literal["monte_carlo", "capacity_plan"]
    trials: int = 0
    seed: int = 0
    history_items: int = 0
    history_weeks: float = 0
    confidence: Literal["high", "low"]
    reason: str


class Option(Frozen):
    """A priced alternative the committee can choose."""

    id: str
    title: Localized = Field(description="The option's name by language.")
    cost: float = Field(description="Extra spend of the option (0 for a re-ordering).")
    cost_of_delay: float = Field(description="Total cost of delay of the resulting sequence.")
    total: float | None = Field(
        default=None, description="cost + cost_of_delay, each rounded to a unit first."
    )
    goal_dates: dict[str, dt.date | None]
    recommended: bool = False
    comparable: bool = Field(
        default=True, description="False: shown apart (unpriced value), never ranked."
    )
    equal_to: list[str] = Field(default_factory=list, description="Options of equal total.")
    reason: Localized = Field(
        default_factory=dict, description="Why it is (not) recommended, by language."
    )

    @model_validator(mode="before")
    @classmethod
    def _saved_languages(cls, data: Any) -> Any:
        """Roadmaps saved with `title_fr`/`title_en`, `reason_fr`/`reason_en` still load."""
        return fold_languages(data, title="title", reason="reason")

    @model_validator(mode="after")
    def _total(self) -> "Option":
        if self.total is None:
            whole = (round_money(self.cost), round_money(self.cost_of_delay))
            object.__setattr__(self, "total", whole[0] + whole[1])
        return self


class CapacityGap(Frozen):
    """Goal work the plan finishes after the goals' targets (deadline, else horizon end)."""

    goals: tuple[str, ...]
    people_weeks: float
    per_team: dict[str, float]
    window_weeks: float = Field(description="Weeks from the start to the earliest target.")


class Baseline(Frozen):
    """What the workspace's latest brief announced: the roadmap starts from it."""

    run_id: str
    created_at: str = ""
    delays: dict[str, float] = Field(default_factory=dict, description="Item -> weeks late.")
    goal_dates: dict[str, dt.date | None] = Field(
        default_factory=dict, description="Goal -> date the brief announced (moved goals)."
    )
    shifts: dict[str, float] = Field(default_factory=dict, description="Goal -> weeks moved.")
    claims: list[dict[str, Any]] = Field(
        default_factory=list,
        description="The brief's reading (confirmed by the CTO when reviewed): id, quote, kind, "
        "news, item, weeks, reader of each claim; staffing news and risks are read from it.",
    )


class StaffingChange(Frozen):
    """People leaving (negative) or joining a team from a date, as the reading reported."""

    claim: str = Field(description="The claim of the reading it comes from (c1, c2...).")
    quote: str
    team: str
    people: float = Field(description="People added (+) or gone (−) from `from_date` on.")
    from_date: dt.date
    until_date: dt.date | None = Field(
        default=None, description="End of a leave or of a contract; None: to the plan's end."
    )
    team_named: bool = Field(
        default=True, description="False: no team in the quote, the largest team assumed."
    )
    people_weeks: float = Field(default=0, description="people × weeks within the horizon.")


class Scenario(Frozen):
    """A conditional delay of the reading ("if the vendor is late, the migration slips a
    month"), priced as if it happened: shown apart, never in the plan's totals."""

    claim: str
    quote: str
    item: str | None = None
    package: str | None = None
    weeks: float | None = None
    extra_cost: float | None = Field(default=None, description="team burn × weeks, if priced.")
    cost_of_delay: float | None = Field(
        default=None, description="Added total cost of delay of the plan, if it happens."
    )
    cost_if: float | None = Field(default=None, description="extra_cost + cost_of_delay.")
    goal_dates: dict[str, dt.date | None] = Field(default_factory=dict)
    shifts: dict[str, float] = Field(default_factory=dict, description="Goal -> weeks later.")


class SensitivityRow(Frozen):
    assumption: str
    low: float = Field(description="Total cost of delay with the assumption at -30%.")
    high: float = Field(description="... at +30%.")
    order_changes: bool = Field(description="Does the recommended order change at ±30%?")


class RoadmapPlan(Frozen):
    schema_version: str = "2.0"  # 2.0: option title and reason are {lang: text}
    company: str
    prepared_by: str | None = None
    brand_colour: str | None = None
    currency: str
    start: dt.date
    horizon_weeks: float
    method: Method
    packages: list[WorkPackage]
    scores: list[Score] = Field(description="Every method's scores; `method` picks the order.")
    order: list[str] = Field(description="Package ids, recommended sequence.")
    schedule: list[ScheduledPackage]
    milestones: list[Milestone]
    forecast: Forecast
    options: list[Option]
    naive_cost_of_delay: float = Field(description="Total cost of delay in backlog order.")
    recommended_cost_of_delay: float
    recommended_option: str = Field(default="", description="Id of the recommended option.")
    capacity_gap: CapacityGap | None = None
    baseline: Baseline | None = None
    staffing: list[StaffingChange] = Field(
        default_factory=list, description="Capacity changes the reading reported, by date."
    )
    staffing_cost_of_delay: float | None = Field(
        default=None,
        description="Total cost of delay the staffing changes add to the recommended order.",
    )
    scenarios: list[Scenario] = Field(
        default_factory=list, description="Conditional risks, priced apart; not in the totals."
    )
    sensitivity: list[SensitivityRow]
    figures: dict[str, Figure]
    assumptions: list[Assumption]
    notices: list[Notice] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list, description="In English (logs, JSON).")
    notes: list[Notice] = Field(
        default_factory=list, description="The roadmap's warnings as codes, worded per language."
    )
    grounding: dict[str, Any] | None = Field(
        default=None, description="The grounding check of the Markdown: ok, problems."
    )
