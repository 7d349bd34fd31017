"""The figures a roadmap output shows, looked up by stable id in `RoadmapPlan.figures`.

Renderers never format a model field directly: they ask the book for the figure with the
conventional id below. When the engine did not record that figure, the book records one from
the model field (its formula names the field), so every number on a page, a slide or in the
JSON still has a provenance; `synthesized` lists those ids so a test can insist on none.

Ids (all under `roadmap.`): `total_cost_of_delay.recommended|naive|saved`, `start`,
`horizon_weeks`, `package.<id>.size_weeks|cost|cost_of_delay_per_week`,
`score.<method>.<id>`, `schedule.<id>.start|finish`,
`goal.<goal>.deadline|planned|p50|p85|p95|late_weeks`, `option.<id>.cost|cost_of_delay`,
`option.<id>.goal.<goal>`, `sensitivity.<assumption>.low|high`.
"""

from __future__ import annotations

import datetime as dt

from assistant.facts.provenance import Figure
from assistant.narration.formatting import format_value
from assistant.roadmap.models import RoadmapPlan


class FigureBook:
    def __init__(
        self, plan: RoadmapPlan, language: str, goal_titles: dict[str, str] | None = None
    ) -> None:
        self.plan = plan
        self.language = language
        self.goal_titles = {m.goal: m.title for m in plan.milestones} | (goal_titles or {})
        self.figures: dict[str, Figure] = dict(plan.figures)
        self.synthesized: list[str] = []

    def figure(
        self,
        figure_id: str,
        value: float | dt.date,
        unit: str,
        label: str,
        field: str,
        formula: str | None = None,
    ) -> Figure:
        """The engine's figure `figure_id`, or one recorded from the model field `field`."""
        found = self.figures.get(figure_id)
        if found is not None:
            return found
        stored: float | str = value.isoformat() if isinstance(value, dt.date) else float(value)
        made = Figure(
            id=figure_id,
            label=label,
            value=stored,
            unit=unit,
            formula=formula or f"RoadmapPlan.{field}",
        )
        self.figures[figure_id] = made
        self.synthesized.append(figure_id)
        return made

    def text(self, figure: Figure) -> str:
        return format_value(figure.value, figure.unit, self.language)

    # --- the conventional figures -------------------------------------------------------

    def money(self, figure_id: str, value: float, label: str, field: str) -> Figure:
        return self.figure(figure_id, value, self.plan.currency, label, field)

    def recommended_cod(self) -> Figure:
        return self.money(
            "roadmap.total_cost_of_delay.recommended",
            self.plan.recommended_cost_of_delay,
            "Total cost of delay, recommended sequence",
            "recommended_cost_of_delay",
        )

    def naive_cod(self) -> Figure:
        return self.money(
            "roadmap.total_cost_of_delay.naive",
            self.plan.naive_cost_of_delay,
            "Total cost of delay, backlog order",
            "naive_cost_of_delay",
        )

    def saved_cod(self) -> Figure:
        """Backlog order's total minus the recommended option's (spend plus cost of delay), each
        rounded as displayed before the subtraction, so the difference shown is the difference
        of the figures shown."""
        from assistant.roadmap.options import money_round

        naive = self.option("naive", "total") or self.naive_cod()
        chosen = self.plan.recommended_option or next(
            (o.id for o in self.plan.options if o.recommended), ""
        )
        recommended = self.option(chosen, "total") or self.recommended_cod()
        return self.figure(
            "roadmap.total_cost_of_delay.saved",
            money_round(float(naive.value)) - money_round(float(recommended.value)),
            self.plan.currency,
            "Cost of delay saved by the recommended order",
            "naive_cost_of_delay - recommended_cost_of_delay",
            formula=f"{self.text(naive)} - {self.text(recommended)} ({naive.id} - "
            f"{recommended.id}, both rounded to a unit)",
        )

    def start(self) -> Figure:
        return self.figure("roadmap.start", self.plan.start, "date", "Start", "start")

    def horizon(self) -> Figure:
        return self.figure(
            "roadmap.horizon_weeks", self.plan.horizon_weeks, "weeks", "Horizon", "horizon_weeks"
        )

    def package(self, package_id: str, name: str) -> Figure | None:
        package = next(p for p in self.plan.packages if p.id == package_id)
        field = f"packages[{package_id}].{name}"
        if name == "size_weeks":
            return self.figure(
                f"roadmap.package.{package_id}.size_weeks",
                package.size_weeks,
                "weeks",
                "Size",
                field,
            )
        if name == "cost":
            if package.cost is None:
                return None
            return self.money(f"roadmap.package.{package_id}.cost", package.cost, "Cost", field)
        return self.money(
            f"roadmap.package.{package_id}.cost_of_delay_per_week",
            package.cost_of_delay_per_week,
            "Cost of delay per week",
            field,
        )

    def score(self, package_id: str) -> Figure:
        method = self.plan.method
        score = next(s for s in self.plan.scores if s.package == package_id and s.method == method)
        return self.figure(
            f"roadmap.score.{method}.{package_id}",
            score.value,
            "score",
            f"{method.upper()} score",
            f"scores[{method},{package_id}].value",
            formula=score.formula,
        )

    def schedule(self, package_id: str, end: str) -> Figure:
        entry = next(s for s in self.plan.schedule if s.package == package_id)
        value = entry.start if end == "start" else entry.finish
        return self.figure(
            f"roadmap.schedule.{package_id}.{end}",
            value,
            "date",
            end,
            f"schedule[{package_id}].{end}",
        )

    def milestone(self, goal: str, name: str) -> Figure | None:
        milestone = next(m for m in self.plan.milestones if m.goal == goal)
        value = getattr(milestone, name)
        if value is None:
            return None
        unit = "weeks" if name == "late_weeks" else "date"
        return self.figure(
            f"roadmap.goal.{goal}.{name}", value, unit, name, f"milestones[{goal}].{name}"
        )

    def option(self, option_id: str, name: str) -> Figure | None:
        option = next((o for o in self.plan.options if o.id == option_id), None)
        if option is None:
            return None
        field = f"options[{option_id}]"
        if name.startswith("goal."):
            goal = name.split(".", 1)[1]
            value = option.goal_dates.get(goal)
            if value is None:
                return None
            return self.figure(
                f"roadmap.option.{option_id}.goal.{goal}",
                value,
                "date",
                goal,
                f"{field}.goal_dates",
            )
        label = {"cost": "Cost", "total": "Spend plus cost of delay"}.get(
            name, "Total cost of delay"
        )
        return self.money(
            f"roadmap.option.{option_id}.{name}", getattr(option, name), label, f"{field}.{name}"
        )

    def sensitivity(self, assumption: str, end: str) -> Figure:
        row = next(r for r in self.plan.sensitivity if r.assumption == assumption)
        return self.money(
            f"roadmap.sensitivity.{assumption}.{end}",
            getattr(row, end),
            f"Total cost of delay, {assumption} {'-30%' if end == 'low' else '+30%'}",
            f"sensitivity[{assumption}].{end}",
        )
