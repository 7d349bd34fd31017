"""The brief as other tools receive it (`--format json`): a stable, documented schema.

`schemas/brief.schema.json` is generated from `Brief`; bump `schema_version` on breaking change.
"""

from typing import Any

from pydantic import BaseModel, Field

from assistant.audience import AudienceName
from assistant.domain import Source
from assistant.facts.decisions import Decision
from assistant.facts.impact import GoalImpact, Impact, RiskExposure
from assistant.facts.provenance import Figure
from assistant.facts.resolve import GoodNews, Unresolved
from assistant.facts.risks import Risk
from assistant.facts.status import Claim
from assistant.lang import language_type

SCHEMA_VERSION = "2.0"  # 2.0: a risk's title is {lang: text} (title_fr/title_en before)

Audience = AudienceName  # the profiles' names (assistant/audience.py)
Language = language_type()  # the registry's languages (assistant/lang)


class AssumptionOut(BaseModel):
    id: str
    text: str = Field(description="The assumption in the brief's language.")
    source: Source | None = None


class Narrator(BaseModel):
    name: str = Field(description="'template' offline, or the LLM model string.")
    version: str = Field(description="Prompt or template version, e.g. 'brief.v1'.")


class InputFile(BaseModel):
    file: str
    kind: str = Field(description="'context', 'goals', 'status' or the backlog format.")


class Brief(BaseModel):
    """An executive brief: narrative plus every figure it shows, with provenance."""

    schema_version: str = SCHEMA_VERSION
    language: Language
    audience: Audience
    company: str
    currency: str
    headline: str = Field(description="The sentence a CEO can repeat (plain text).")
    summary_markdown: str
    impacts: list[Impact] = Field(description="One per reported slip, with its effect alone.")
    goals: list[GoalImpact] = Field(description="Every goal once: overall shift (max), cost.")
    extra_cost_total: float
    cost_of_delay_total: float
    total_cost: float = Field(description="extra_cost_total + cost_of_delay_total.")
    good_news: list[GoodNews]
    unresolved: list[Unresolved] = Field(description="Mentions that could not be priced.")
    decisions: list[Decision]
    risks: list[Risk] = Field(
        default_factory=list, description="Audit risks linked to what slipped, worst first."
    )
    reading: list[Claim] = Field(
        default_factory=list,
        description="What the reader read: one claim per statement of the status about time, "
        "money, people or incidents, with its quote, kind, item and quantity. Only `slip` "
        "claims are priced; `risk` claims get an 'if it happens' exposure (`exposures`).",
    )
    exposures: list[RiskExposure] = Field(
        default_factory=list, description="Risks priced as if they happened; never in totals."
    )
    figures: list[Figure] = Field(description="Every number the summary shows, and more.")
    assumptions: list[AssumptionOut]
    warnings: list[str]
    narrator: Narrator
    inputs: list[InputFile]
    run: dict[str, Any] = Field(
        default_factory=dict,
        description="Workspace runs: run_id, LLM usage (calls, tokens, cost_usd) and the "
        "grounding verification of the final text.",
    )
