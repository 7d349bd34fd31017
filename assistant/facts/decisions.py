"""Decisions a committee could take, derived by rules from the computed impact.

Each decision names the figures that justify it, so a narrator can only state computed numbers.
"""

import itertools

from pydantic import Field

from assistant.domain import Backlog, Frozen
from assistant.facts.impact import ImpactReport


class Decision(Frozen):
    kind: str = Field(description="'reinforce', 'confirm_date', 'decouple' or 'clarify'.")
    goal: str | None = None
    params: dict[str, str] = Field(default_factory=dict)
    figures: dict[str, str] = Field(default_factory=dict, description="Role -> figure id.")


def propose_decisions(report: ImpactReport, backlog: Backlog) -> list[Decision]:
    decisions: list[Decision] = []
    impacts = {impact.item: impact for impact in report.impacts}
    for goal in sorted(report.shifted_goals, key=lambda g: -g.cost_of_delay):
        cause = impacts.get(goal.path[0]) if goal.path else None
        burn_id = f"team.{cause.team}.weekly_burn" if cause and cause.team else None
        per_week_id = f"goal.{goal.goal}.cost_of_delay_per_week"
        if burn_id and burn_id in report.figures:
            burn = float(report.figures[burn_id].value)
            if goal.cost_of_delay_per_week > burn:
                decisions.append(
                    Decision(
                        kind="reinforce",
                        goal=goal.goal,
                        params={"team": cause.team, "item": cause.item, "title": cause.title},
                        figures={"cod_per_week": per_week_id, "burn": burn_id},
                    )
                )
        if goal.new_date:
            decisions.append(
                Decision(
                    kind="confirm_date",
                    goal=goal.goal,
                    params={"owner": goal.owner or ""},
                    figures={
                        "new_date": f"goal.{goal.goal}.new_date",
                        "deadline": f"goal.{goal.goal}.deadline",
                        "cost_of_delay": f"goal.{goal.goal}.cost_of_delay",
                    },
                )
            )
        link = _cross_epic_link(goal.path, backlog)
        if link:
            blocker, blocked = link
            decisions.append(
                Decision(
                    kind="decouple",
                    goal=goal.goal,
                    params={
                        "blocker": blocker,
                        "blocker_title": backlog.items[blocker].title,
                        "blocked": blocked,
                        "blocked_title": backlog.items[blocked].title,
                    },
                    figures={"shift": f"goal.{goal.goal}.shift_weeks"},
                )
            )
    for unresolved in report.unresolved:
        decisions.append(
            Decision(
                kind="clarify",
                params={
                    "mention": unresolved.mention,
                    "reason": unresolved.reason,
                    "candidates": ", ".join(unresolved.candidates),
                },
            )
        )
    return decisions


def _epic_of(key: str, backlog: Backlog) -> str:
    item = backlog.items[key]
    return key if item.is_epic or not item.parent else item.parent


def _cross_epic_link(path: tuple[str, ...], backlog: Backlog) -> tuple[str, str] | None:
    """The first blocks-link on the path that crosses from one epic into another."""
    for before, after in itertools.pairwise(path):
        if before in backlog.items[after].blocked_by and _epic_of(before, backlog) != _epic_of(
            after, backlog
        ):
            return before, after
    return None
