"""What every roadmap output shows, read once from the plan: rows whose numbers are figures.

`show` turns a figure into what the output prints: formatted text (Markdown, slides) or a
⟦fig:id⟧ marker (HTML, replaced by a hoverable span). The words live in the templates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jinja2

from assistant.facts.provenance import Figure
from assistant.narration.formatting import format_number
from assistant.prompts import phrase
from assistant.roadmap.models import RoadmapPlan
from assistant.roadmap.render.figures import FigureBook

Show = Callable[[Figure], str]


@dataclass
class RoadmapView:
    company: str
    language: str
    audience: str
    method: str
    start: str
    horizon: str
    recommended_cod: str
    naive_cod: str
    saved_cod: str
    saved: bool
    lanes: dict[str, list[dict[str, Any]]]
    milestones: list[dict[str, Any]]
    priorities: list[dict[str, Any]]
    options: list[dict[str, Any]]
    recommended: dict[str, Any] | None
    risks: list[dict[str, Any]]
    assumptions: list[dict[str, str]]
    sensitivity: list[dict[str, Any]]
    forecast: dict[str, Any]
    warnings: list[str] = field(default_factory=list)

    @property
    def show_keys(self) -> bool:
        """Package ids and teams, from the audience's profile."""
        from assistant.audience import profile

        return profile(self.audience).show_keys


def build_view(plan: RoadmapPlan, book: FigureBook, show: Show, audience: str) -> RoadmapView:
    language = book.language
    packages = {p.id: p for p in plan.packages}
    scheduled = {s.package: s for s in plan.schedule}
    goal_titles = book.goal_titles

    def package_row(package_id: str) -> dict[str, Any]:
        package = packages[package_id]
        entry = scheduled.get(package_id)
        cost = book.package(package_id, "cost")
        return {
            "id": package_id,
            "title": package.title.rstrip(". "),
            "kind": package.kind,
            "team": package.team or "",
            "goals": [goal_titles.get(g, g) for g in package.goals],
            "cod": show(book.package(package_id, "cost_of_delay_per_week")),  # type: ignore[arg-type]
            "size": show(book.package(package_id, "size_weeks")),  # type: ignore[arg-type]
            "size_source": package.size_source,
            "cost": show(cost) if cost else "",
            "start": show(book.schedule(package_id, "start")) if entry else "",
            "finish": show(book.schedule(package_id, "finish")) if entry else "",
            "quick_win": bool(entry and entry.quick_win),
            "lane": entry.lane if entry else "later",
        }

    lanes: dict[str, list[dict[str, Any]]] = {"now": [], "next": [], "later": []}
    for entry in sorted(plan.schedule, key=lambda s: (s.start, s.package)):
        lanes[entry.lane].append(package_row(entry.package))
    priorities = []
    for package_id in plan.order:
        row = package_row(package_id)
        score = book.score(package_id)
        priorities.append({**row, "score": show(score), "formula": score.formula})
    milestones = []
    for m in plan.milestones:
        row: dict[str, Any] = {
            "goal": m.goal,
            "title": goal_titles[m.goal],
            "confidence": m.confidence,
        }
        for name in ("deadline", "planned", "p50", "p85", "p95"):
            figure = book.milestone(m.goal, name)
            row[name] = show(figure) if figure else ""
        row["late"] = show(book.milestone(m.goal, "late_weeks")) if m.late_weeks > 0 else ""  # type: ignore[arg-type]
        milestones.append(row)
    options = [
        {
            "id": o.id,
            "title": o.title_fr if language == "fr" else o.title_en,
            "cost": show(book.option(o.id, "cost")),  # type: ignore[arg-type]
            "cod": show(book.option(o.id, "cost_of_delay")),  # type: ignore[arg-type]
            "dates": [
                (goal_titles.get(goal, goal), show(figure))
                for goal in o.goal_dates
                if (figure := book.option(o.id, f"goal.{goal}"))
            ],
            "recommended": o.recommended,
            "reason": o.reason_fr if language == "fr" else o.reason_en,
        }
        for o in plan.options
    ]
    saved = book.saved_cod()
    return RoadmapView(
        company=plan.company,
        language=language,
        audience=audience,
        method=plan.method,
        start=show(book.start()),
        horizon=show(book.horizon()),
        recommended_cod=show(book.recommended_cod()),
        naive_cod=show(book.naive_cod()),
        saved_cod=show(saved),
        saved=float(saved.value) > 0,
        lanes=lanes,
        milestones=milestones,
        priorities=priorities,
        options=options,
        recommended=next((o for o in options if o["recommended"]), None),
        risks=[package_row(p.id) for p in plan.packages if p.kind == "risk"],
        assumptions=[
            {
                "text": localized(language, "assumptions", a.id, a.params),
                "source": a.source.label() if a.source else "",
            }
            for a in plan.assumptions
        ],
        sensitivity=[
            {
                "assumption": SENSITIVITY[language].get(r.assumption, r.assumption),
                "low": show(book.sensitivity(r.assumption, "low")),
                "high": show(book.sensitivity(r.assumption, "high")),
                "order_changes": r.order_changes,
            }
            for r in plan.sensitivity
        ],
        forecast=plan.forecast.model_dump(),
        warnings=[localized(language, "notices", n.code, n.params) for n in plan.notices]
        + list(plan.warnings),
    )


SENSITIVITY = {
    "fr": {
        "goal_cod": "coût du retard des objectifs",
        "velocity": "vélocité",
        "sprint_weeks": "durée du sprint",
        "risk_loss": "pertes attendues des risques",
        "day_rate": "taux journaliers",
        "default_size": "taille par défaut des éléments",
    },
    "en": {
        "goal_cod": "goals' cost of delay",
        "velocity": "velocity",
        "sprint_weeks": "sprint length",
        "risk_loss": "risks' expected losses",
        "day_rate": "day rates",
        "default_size": "default item size",
    },
}


def localized(language: str, section: str, key: str, params: dict[str, Any]) -> str:
    """The phrase for `key`, or the key and its parameters when no phrase exists yet."""
    readable = {
        k: format_number(v, language)
        if isinstance(v, int | float) and not isinstance(v, bool)
        else v
        for k, v in params.items()
    }
    try:
        return phrase(language, section, key, **readable)
    except (KeyError, jinja2.UndefinedError):
        details = ", ".join(f"{k} = {v}" for k, v in readable.items())
        return f"{key} ({details})" if details else key
