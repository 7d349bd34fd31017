"""Figures with their provenance, assumptions and notices.

Every number the brief shows is a `Figure`: its value, unit, the formula that produced it,
the inputs with their sources, and the assumptions it rests on. Narrators may only print
figures; the grounding check compares the text against them.
"""

from typing import Any

from pydantic import Field

from assistant.domain import Frozen, Source


class FigureInput(Frozen):
    name: str
    value: float | str
    unit: str | None = None
    source: Source | None = None


class Figure(Frozen):
    id: str = Field(description="Stable id, e.g. 'impact.MIG-100.delay_weeks', 'goal.G1.shift'.")
    label: str
    value: float | str = Field(description="Numbers as floats; dates as ISO strings.")
    unit: str = Field(description="'weeks', 'date', 'points', 'days' or a currency code.")
    formula: str
    inputs: tuple[FigureInput, ...] = ()
    sources: tuple[Source, ...] = ()
    assumptions: tuple[str, ...] = Field(default=(), description="Ids of assumptions used.")


class Assumption(Frozen):
    """A premise of the computation. `id` selects the localized sentence; `params` fill it."""

    id: str
    params: dict[str, Any] = Field(default_factory=dict)
    source: Source | None = None


class Notice(Frozen):
    """A warning for the reader, localized at render time from `code` and `params`."""

    code: str
    params: dict[str, Any] = Field(default_factory=dict)


class Ledger:
    """Collects figures and assumptions while the engine computes, each recorded once."""

    def __init__(self) -> None:
        self.figures: dict[str, Figure] = {}
        self.assumptions: dict[str, Assumption] = {}
        self.notices: list[Notice] = []

    def add(self, figure: Figure) -> Figure:
        self.figures[figure.id] = figure
        return figure

    def assume(self, assumption: Assumption) -> str:
        self.assumptions.setdefault(assumption.id, assumption)
        return assumption.id

    def notice(self, code: str, **params: Any) -> None:
        notice = Notice(code=code, params=params)
        if notice not in self.notices:
            self.notices.append(notice)


def fmt_number(value: float) -> str:
    """Compact, language-neutral number for formulas: 6, 1.5, 120000."""
    rounded = round(value, 2)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:g}"
