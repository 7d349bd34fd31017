"""Roadmap outputs from a hand-made plan: every number shown is a formatted figure."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest

from assistant.facts.provenance import Assumption, Figure
from assistant.roadmap.models import (
    Forecast,
    Milestone,
    Option,
    RoadmapPlan,
    ScheduledPackage,
    Score,
    SensitivityRow,
    WorkPackage,
)
from assistant.roadmap.render import render_plan
from assistant.roadmap.render.figures import FigureBook
from assistant.roadmap.render.json import SCHEMA_PATH, roadmap_schema

START = dt.date(2027, 1, 4)


def make_plan() -> RoadmapPlan:
    """Two goals, a risk and a quick win; a Monte Carlo forecast; two priced options."""
    packages = [
        WorkPackage(id="PAY-1", kind="epic", title="Instant payments", team="Payments",
                    size_weeks=6, size_source="points", cost=90000,
                    cost_of_delay_per_week=25000, goals=("G1",), blocked_by=("MIG-1",)),
        WorkPackage(id="MIG-1", kind="epic", title="Database migration", team="Platform",
                    size_weeks=4, size_source="estimate", cost_of_delay_per_week=4000),
        WorkPackage(id="risk.security.platform", kind="risk", title="Critical vulnerabilities",
                    team="Platform", size_weeks=1, size_source="effort", cost=4000,
                    cost_of_delay_per_week=8000),
    ]  # fmt: skip
    order = ["risk.security.platform", "MIG-1", "PAY-1"]
    scores = [
        Score(package=p, method="cd3", value=v, formula=f, rank=i + 1)
        for i, (p, v, f) in enumerate([
            ("risk.security.platform", 8000, "CD3 = 8000 / 1"),
            ("MIG-1", 1000, "CD3 = 4000 / 4"),
            ("PAY-1", 4166.7, "CD3 = 25000 / 6"),
        ])
    ]  # fmt: skip

    def at(week: float) -> dt.date:
        return START + dt.timedelta(weeks=week)

    schedule = [
        ScheduledPackage(package="risk.security.platform", team="Platform", start=at(0),
                         finish=at(1), start_week=0, finish_week=1, lane="now", quick_win=True),
        ScheduledPackage(package="MIG-1", team="Platform", start=at(1), finish=at(5),
                         start_week=1, finish_week=5, lane="now"),
        ScheduledPackage(package="PAY-1", team="Payments", start=at(5), finish=at(11),
                         start_week=5, finish_week=11, lane="next"),
    ]  # fmt: skip
    milestones = [
        Milestone(goal="G1", title="Lancement du paiement instantané", deadline=at(9),
                  planned=at(11), p50=at(11), p85=at(13), p95=at(15), confidence="high",
                  late_weeks=2),
    ]  # fmt: skip
    options = [
        Option(id="recommended", title={"fr": "Ordre recommandé", "en": "Recommended order"},
               cost=0, cost_of_delay=327000, goal_dates={"G1": at(11)}, recommended=True,
               reason={"fr": "Le moins cher au total.", "en": "Cheapest in total."}),
        Option(id="contractor",
               title={"fr": "Un prestataire 3 mois", "en": "A contractor for 3 months"},
               cost=48000, cost_of_delay=302000, goal_dates={"G1": at(10)}),
    ]  # fmt: skip
    figures = {
        "roadmap.total_cost_of_delay.recommended": Figure(
            id="roadmap.total_cost_of_delay.recommended", label="total", value=327000,
            unit="EUR", formula="Σ CoD/week × finish week"),
        "roadmap.package.PAY-1.cost_of_delay_per_week": Figure(
            id="roadmap.package.PAY-1.cost_of_delay_per_week", label="CoD", value=25000,
            unit="EUR", formula="goal G1: 25000 EUR/week"),
    }  # fmt: skip
    return RoadmapPlan(
        company="Acme", currency="EUR", start=START, horizon_weeks=26, method="cd3",
        packages=packages, scores=scores, order=order, schedule=schedule,
        milestones=milestones,
        forecast=Forecast(method="monte_carlo", trials=10000, seed=1, history_items=80,
                          history_weeks=20, confidence="high", reason="80 items over 20 weeks"),
        options=options, naive_cost_of_delay=359000, recommended_cost_of_delay=327000,
        sensitivity=[SensitivityRow(assumption="goal_cod", low=228900, high=425100,
                                    order_changes=False)],
        figures=figures,
        assumptions=[Assumption(id="sprint_length", params={"weeks": 2})],
        warnings=["goal G1 is planned 2 weeks after its deadline."],
    )  # fmt: skip


def test_markdown_shows_every_section_with_formatted_figures() -> None:
    text = render_plan(make_plan(), "md", language="en", audience="comex")
    for heading in ("Executive summary", "Roadmap: now, next, later", "Milestones per goal",
                    "Priorities", "Options for the committee", "Risks", "Assumptions",
                    "Sensitivity", "Decisions asked"):  # fmt: skip
        assert f"## {heading}" in text
    assert "EUR 327,000 against EUR 359,000 in backlog order (EUR 32,000 saved)" in text
    assert "CD3 = cost of delay per week ÷ duration in weeks" in text
    assert "⚡ Critical vulnerabilities" in text
    assert (
        "| Lancement du paiement instantané | 8 March 2027 | 22 March 2027 | 22 March 2027 | 5 April 2027 | 19 April 2027 | 2 weeks |"
        in text
    )
    assert (
        "**A contractor for 3 months**: spend EUR 48,000; total cost of delay EUR 302,000" in text
    )
    assert "PAY-1" not in text  # comex: no keys


def test_french_engineering_markdown_prints_keys_and_each_formula() -> None:
    text = render_plan(make_plan(), "md", language="fr", audience="engineering")
    assert "327 000 EUR contre 359 000 EUR" in text
    assert (
        "| PAY-1 | Instant payments | 25 000 EUR | 6 semaines | 4 166,7 | CD3 = 25000 / 6 |" in text
    )
    assert "A sprint lasts" not in text and "Un sprint dure" in text


def test_html_is_self_contained_with_hoverable_figures_and_two_charts() -> None:
    page = render_plan(make_plan(), "html", language="en", audience="comex")
    assert isinstance(page, str)
    assert "⟦fig:" not in page
    assert 'data-figure="roadmap.total_cost_of_delay.recommended"' in page
    assert "Σ CoD/week × finish week" in page  # the engine's provenance, on hover
    assert page.count("<svg") == 2 and "<script" not in page
    assert not re.search(r"(src|href)=\"https?:", page)
    assert 'id="timeline-' in page and 'id="cod-' in page
    assert page == render_plan(make_plan(), "html", language="en", audience="comex")


def test_json_holds_every_figure_the_pages_show() -> None:
    plan = make_plan()
    data = json.loads(render_plan(plan, "json", language="en", audience="comex"))  # type: ignore[arg-type]
    assert RoadmapPlan.model_validate(data).order == plan.order
    assert data["figures"]["roadmap.total_cost_of_delay.recommended"]["formula"].startswith("Σ")
    assert data["figures"]["roadmap.option.contractor.cost"]["value"] == 48000
    assert data["figures"]["roadmap.goal.G1.p85"]["value"] == "2027-04-05"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_deck_opens_and_every_number_on_it_is_a_figure_of_the_json(language: str) -> None:
    from pptx import Presentation

    plan = make_plan()
    deck = Presentation(io.BytesIO(render_plan(plan, "pptx", language=language, audience="comex")))  # type: ignore[arg-type]
    texts = [
        shape.text_frame.text if shape.has_text_frame else cell.text
        for slide in deck.slides
        for shape in slide.shapes
        for cell in ([None] if shape.has_text_frame else
                     [c for row in shape.table.rows for c in row.cells] if shape.has_table else [])
    ]  # fmt: skip
    assert len(deck.slides) == 8
    data = json.loads(render_plan(plan, "json", language=language, audience="comex"))  # type: ignore[arg-type]
    book = FigureBook(RoadmapPlan.model_validate(data), language)
    from assistant.narration.formatting import format_number

    params = [  # assumptions quote their parameters, which the JSON holds too
        format_number(v, language)
        for a in data["assumptions"]
        for v in a["params"].values()
        if isinstance(v, int | float)
    ]
    shown = [book.text(f) for f in book.figures.values()] + params
    formatted = sorted(shown, key=len, reverse=True)
    for text in texts:
        if text.strip().isdigit():
            continue  # a page number or a rank: a position, not a figure
        for number in formatted:
            text = text.replace(number, "")
        words_with_digits = re.sub(r"CD3|P\d\d|G\d|[A-Z]+-\d+|3 (mois|months)|85 ?%", "", text)
        assert not re.search(r"\d", words_with_digits), text


def test_charts_are_reproducible() -> None:
    from assistant.roadmap.render import charts

    plan = make_plan()
    book = FigureBook(plan, "en")
    assert charts.timeline(plan, book) == charts.timeline(plan, book)
    assert charts.cost_of_delay(plan, book) == charts.cost_of_delay(plan, book)
    assert b"<dc:date>" not in charts.timeline(plan, book)


def test_committed_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == roadmap_schema(), (
        "run: .venv/bin/python -m assistant.roadmap.render.json"
    )
