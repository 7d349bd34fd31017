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
from assistant.lang import lexicon
from assistant.localized import localized as text_in
from assistant.narration.formatting import format_number, readable_params
from assistant.prompts import phrase, phrases
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
    options_apart: list[dict[str, Any]] = field(default_factory=list)
    current: dict[str, Any] | None = None
    naive_total: str = ""
    naive_late: bool = False  # backlog order misses a fixed due date: not ranked
    gap: dict[str, Any] | None = None
    baseline: dict[str, Any] | None = None
    staffing: list[dict[str, Any]] = field(default_factory=list)
    staffing_total: dict[str, Any] | None = None
    scenarios: list[dict[str, Any]] = field(default_factory=list)

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
            "title": package.title_in(language).rstrip(". "),
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
    baseline_dates = next((o.goal_dates for o in plan.options if o.id == "current"), {})
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
        current = book.option("current", f"goal.{m.goal}")
        row["current"] = show(current) if current else ""
        before = baseline_dates.get(m.goal)
        days = (m.planned - before).days if m.planned and before else 0
        row["versus"] = _shift(days, language) if round(days / 7) else ""
        row["reason"] = ""
        milestones.append(row)
    baseline = {o.id: o for o in plan.options}.get("current")

    def option_row(o) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        dates = []
        for goal in o.goal_dates:
            figure = book.option(o.id, f"goal.{goal}")
            if not figure:
                continue
            shift = ""
            before = baseline.goal_dates.get(goal) if baseline and o.id != "current" else None
            if before and o.goal_dates[goal]:
                days = (o.goal_dates[goal] - before).days
                shift = _shift(days, language)
            dates.append((goal_titles.get(goal, goal), show(figure), shift))
        return {
            "id": o.id,
            "title": text_in(o.title, language),
            "cost": show(book.option(o.id, "cost")),  # type: ignore[arg-type]
            "cod": show(book.option(o.id, "cost_of_delay")),  # type: ignore[arg-type]
            "total": show(book.option(o.id, "total")),  # type: ignore[arg-type]
            "dates": dates,
            "recommended": o.recommended,
            "reason": text_in(o.reason, language),
        }

    options = [option_row(o) for o in plan.options if o.comparable]
    apart = [option_row(o) for o in plan.options if not o.comparable and o.id != "current"]
    current = option_row(baseline) if baseline else None
    saved = book.saved_cod()
    gap = None
    if plan.capacity_gap is not None:
        g = plan.capacity_gap
        pw = book.figure("roadmap.capacity_gap.people_weeks", g.people_weeks, "person_weeks",
                         "capacity gap", "capacity_gap.people_weeks",
                         formula=" + ".join(f"{t} {v:g}" for t, v in g.per_team.items())
                         + " person-weeks past the goals' targets")  # fmt: skip
        gap = {
            "people_weeks": show(pw),
            "goals": [goal_titles.get(x, x) for x in g.goals],
            "count": len(g.goals),
            "closing": next((o for o in options if o["id"] == "capacity"), None),
            "short": next((o for o in options if o["id"] == "capacity_short"), None),
        }

    def name(key: str) -> str:
        if key in packages:
            title = packages[key].title_in(language).rstrip(". ")
            return f"{title} ({key})" if audience == "engineering" else title
        return goal_titles.get(key, key)

    from assistant.roadmap.notes import word

    def worded(n):  # type: ignore[no-untyped-def]
        goal = n.params.get("goal")
        params = {**n.params, **({"goal": goal_titles.get(goal, goal)} if goal else {})}
        return word(n.model_copy(update={"params": params}), language, name)

    reasons = {n.params["goal"]: worded(n) for n in plan.notes if n.code in _REASONS}
    for row in milestones:
        row["reason"] = reasons.get(row["goal"]) or ""
    notes = [worded(n) for n in plan.notes if n.code not in _REASONS]
    staffing, staffing_total = _staffing(plan, book, show)
    scenarios = _scenarios(plan, book, show, name, goal_titles)
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
        options_apart=apart,
        current=current,
        naive_total=show(book.option("naive", "total") or book.naive_cod()),
        naive_late=any(o.id == "naive" and not o.comparable for o in plan.options),
        gap=gap,
        staffing=staffing,
        staffing_total=staffing_total,
        scenarios=scenarios,
        baseline={"run": plan.baseline.run_id, "date": _day(plan.baseline.created_at, language)}
        if plan.baseline
        else None,
        risks=[package_row(p.id) for p in plan.packages if p.kind == "risk"],
        assumptions=[
            {
                "text": assumption_text(language, a.id, a.params, plan.currency),
                "source": a.source.label() if a.source else "",
            }
            for a in plan.assumptions
        ],
        sensitivity=[
            {
                "assumption": phrases(language)["sensitivity"].get(r.assumption, r.assumption),
                "low": show(book.sensitivity(r.assumption, "low")),
                "high": show(book.sensitivity(r.assumption, "high")),
                "order_changes": r.order_changes,
            }
            for r in plan.sensitivity
        ],
        forecast={**plan.forecast.model_dump(), "high": plan.forecast.confidence == "high"
                  and plan.forecast.method == "monte_carlo",
                  "items_text": format_number(plan.forecast.history_items, language),
                  "weeks_text": format_number(plan.forecast.history_weeks, language)},
        warnings=[localized(language, "notices", n.code, n.params) for n in plan.notices]
        + [n for n in notes if n],
    )  # fmt: skip


def _day(created_at: str, language: str) -> str:
    from assistant.narration.formatting import format_date

    try:
        return format_date(created_at[:10], language)
    except ValueError:
        return created_at


def _shift(days: int, language: str) -> str:
    """How an option moves a goal against the current plan, in whole weeks."""
    from assistant.roadmap.notes import sentence

    weeks = round(days / 7)
    if weeks == 0:
        return sentence(language, "shift_same")
    return sentence(language, "shift_earlier" if weeks < 0 else "shift_later", weeks=abs(weeks))


_REASONS = ("roadmap.announced_kept", "roadmap.capacity_later")  # shown on the goal's line


def _staffing(
    plan: RoadmapPlan, book: FigureBook, show: Show
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """The staffing changes the reading reported, each with its quote, and their total."""
    rows = []
    for c in plan.staffing:
        base = f"roadmap.staffing.{c.claim}"
        rows.append({
            "claim": c.claim, "quote": c.quote, "team": c.team, "joins": c.people > 0,
            "people": show(book.figure(f"{base}.people", abs(c.people), "headcount", "people",
                                       f"staffing[{c.claim}].people")),
            "many": lexicon(book.language).many(abs(c.people)),
            "date": show(book.figure(f"{base}.from", c.from_date, "date", "from",
                                     f"staffing[{c.claim}].from_date")),
            "until": show(book.figure(f"{base}.until", c.until_date, "date", "until",
                                      f"staffing[{c.claim}].until_date"))
            if c.until_date else "",
            "people_weeks": show(book.figure(f"{base}.people_weeks", abs(c.people_weeks),
                                             "person_weeks", "person-weeks",
                                             f"staffing[{c.claim}].people_weeks")),
            "team_named": c.team_named,
        })  # fmt: skip
    if not rows:
        return rows, None
    total = sum(c.people_weeks for c in plan.staffing)
    figure = plan.figures.get("roadmap.staffing.people_weeks")
    cod = plan.figures.get("roadmap.staffing.cost_of_delay")
    return rows, {
        "people_weeks": show(figure) if figure else "",
        "less": total < 0,
        "cod": show(cod) if cod is not None and float(cod.value) != 0 else "",
        "cod_more": (plan.staffing_cost_of_delay or 0) > 0,
        "leaving": [r for r in rows if not r["joins"]],
        "joining": [r for r in rows if r["joins"]],
    }


def _scenarios(plan: RoadmapPlan, book: FigureBook, show: Show, name, titles) -> list[dict]:  # type: ignore[no-untyped-def]
    """The conditional risks of the reading, priced as if they happened, apart."""
    rows = []
    for s in plan.scenarios:
        base = f"roadmap.scenario.{s.claim}"
        row: dict[str, Any] = {"claim": s.claim, "quote": s.quote, "priced": s.cost_if is not None,
                               "item": name(s.package) if s.package else (s.item or "")}  # fmt: skip
        if s.weeks is not None:
            row["weeks"] = show(book.figure(f"{base}.weeks", s.weeks, "weeks", "weeks",
                                            f"scenarios[{s.claim}].weeks"))  # fmt: skip
        if s.cost_if is not None:
            for key in ("extra_cost", "cost_of_delay", "cost_if"):
                row[key] = show(book.figure(f"{base}.{key}", getattr(s, key), plan.currency,
                                            key, f"scenarios[{s.claim}].{key}"))  # fmt: skip
            row["goals"] = [
                (titles.get(g, g), show(book.figure(f"{base}.goal.{g}", d, "date", g,
                                                    f"scenarios[{s.claim}].goal_dates")))
                for g, d in s.goal_dates.items() if d
            ]  # fmt: skip
        rows.append(row)
    return rows


_MONEY_PARAMS = {
    "team_rate": ("day_rate",),
    "mean_day_rate": ("day_rate",),
    "roadmap.default_risk_loss": ("critical", "high", "medium", "low"),
}


def assumption_text(language: str, key: str, params: dict[str, Any], currency: str) -> str:
    """The assumption's sentence, amounts with their currency, plurals agreed."""
    from assistant.narration.formatting import format_money

    params = dict(params)
    for name in _MONEY_PARAMS.get(key.split(".")[0] if key.startswith("team_rate.") else key, ()):
        if isinstance(params.get(name), int | float):
            params[name] = format_money(params[name], currency, language)
    return localized(language, "assumptions", key, params)


def localized(language: str, section: str, key: str, params: dict[str, Any]) -> str:
    """The phrase for `key`, or the key and its parameters when no phrase exists yet."""
    readable = readable_params(params, language)
    try:
        return phrase(language, section, key, **readable)
    except (KeyError, jinja2.UndefinedError):
        details = ", ".join(f"{k} = {v}" for k, v in readable.items() if not k.endswith("_many"))
        return f"{key} ({details})" if details else key
