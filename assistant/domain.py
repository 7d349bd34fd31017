"""The domain model every loader produces and every computation consumes.

Loaders turn files of many formats into these models; the facts engine never sees a file.
"""

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.localized import Localized, fold_languages, localized


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(Frozen):
    """Where a value came from: a file and a row (1-based, header = row 1) or a key/field."""

    file: str
    row: int | None = None
    key: str | None = None
    field: str | None = None

    def label(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.key:
            parts.append(self.key)
        if self.field:
            parts.append(self.field)
        return ", ".join(parts)


class Team(Frozen):
    name: str
    people: float = Field(gt=0, le=1000)
    day_rate: float = Field(gt=0, le=20000, description="Fully loaded cost per person-day.")


class Budget(Frozen):
    """A budget line a status may report news about ("la facture AWS est en hausse de 35 %")."""

    name: str = Field(description="As the statuses name it, e.g. 'AWS' or 'cloud'.")
    monthly: float = Field(gt=0, le=1e10, description="The line's usual amount per month.")
    aliases: tuple[str, ...] = Field(default=(), description="Other words for it: 'cloud bill'.")


class Context(Frozen):
    """Company profile: the assumptions every figure is computed from."""

    company: str
    currency: str = "EUR"
    language: str = Field(
        default="fr", description="A code of the language registry: the loaders check it."
    )
    sprint_weeks: float = Field(default=2, gt=0, le=8)
    working_days_per_week: float = Field(default=5, gt=0, le=7)
    velocity_points_per_sprint: float | None = Field(default=None, gt=0, le=10000)
    teams: tuple[Team, ...] = ()
    prepared_by: str | None = Field(
        default=None, max_length=200, description="Author named on the roadmap deck."
    )
    brand_colour: str | None = Field(
        default=None, pattern=r"^#[0-9A-Fa-f]{6}$", description="Deck accent, e.g. #0B5CAD."
    )
    budgets: tuple[Budget, ...] = Field(
        default=(), description="Optional: budget lines, to price budget news in the brief."
    )
    incident_cost_per_hour: float | None = Field(
        default=None,
        ge=0,
        le=1e9,
        description="Optional: revenue lost or penalties owed per hour of outage.",
    )
    source: Source | None = None

    @field_validator("currency")
    @classmethod
    def _currency_code(cls, value: str) -> str:
        value = value.strip().upper()
        if not (len(value) == 3 and value.isalpha()):
            raise ValueError("currency must be a 3-letter ISO code such as EUR or USD")
        return value

    def team(self, name: str | None) -> Team | None:
        if not name:
            return None
        wanted = name.strip().casefold()
        return next((t for t in self.teams if t.name.casefold() == wanted), None)


class Goal(Frozen):
    """A business goal and what a week of delay costs it."""

    id: str
    title: str
    titles: Localized = Field(
        default_factory=dict, description="The title by language, when goals.yaml gives them."
    )
    owner: str | None = None
    deadline: dt.date | None = None
    cost_of_delay_per_week: float = Field(ge=0, le=1e9)
    depends_on: tuple[str, ...] = ()
    source: Source | None = None

    @model_validator(mode="before")
    @classmethod
    def _saved_titles(cls, data: object) -> object:
        """Goals saved with `title_fr`/`title_en` (snapshots, checkpoints) still load."""
        return fold_languages(data, titles="title")

    def title_in(self, language: str) -> str:
        return localized(self.titles, language, self.title)


class StatusCategory(StrEnum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class BacklogItem(Frozen):
    """One tracker item (epic, story, task, bug, issue), whatever tracker it came from."""

    key: str
    title: str
    type: str = "Story"
    status: str = ""
    category: StatusCategory = StatusCategory.TODO
    is_epic: bool = False
    points: float | None = Field(default=None, ge=0, le=10000)
    estimate_days: float | None = Field(default=None, ge=0, le=100000)
    sprint: str | None = None
    parent: str | None = None
    components: tuple[str, ...] = ()
    team: str | None = None
    blocked_by: tuple[str, ...] = Field(
        default=(), description="Keys of items that block this one."
    )
    blocks: tuple[str, ...] = Field(default=(), description="Keys of items this one blocks.")
    created: dt.date | None = None
    resolved: dt.date | None = None
    start: dt.date | None = None
    due: dt.date | None = None
    source: Source

    @property
    def done(self) -> bool:
        return self.category is StatusCategory.DONE


class Backlog(Frozen):
    """Every item from every export, keyed; links normalised in both directions."""

    items: dict[str, BacklogItem]
    formats: tuple[str, ...] = Field(default=(), description="Detected format of each export.")
    warnings: tuple[str, ...] = Field(default=(), description="Things the loaders tolerated.")

    def get(self, key: str) -> BacklogItem | None:
        return self.items.get(key)

    def children(self, key: str) -> list[BacklogItem]:
        return [item for item in self.items.values() if item.parent == key]
