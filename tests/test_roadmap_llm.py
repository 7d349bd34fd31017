"""The roadmap's executive summary through the LLM seam (scripted model): grounded prose is
used with the computed numbers; invented numbers are re-asked, then the template is kept."""

from __future__ import annotations

import datetime as dt

from assistant.inputs import load_inputs
from assistant.roadmap.plan import build_plan
from assistant.roadmap.render import render_plan
from tests.conftest import TRANSVIA
from tests.llm_support import fake_client

GOOD = (
    "The recommended order costs [[roadmap.total_cost_of_delay.recommended]] of delay against "
    "[[roadmap.total_cost_of_delay.naive]] in backlog order. Carrier portal launch is planned "
    "for [[roadmap.goal.G1.planned]]."
)
INVENTED = "The recommended order saves EUR 1,000,000 and costs [[roadmap.total_cost_of_delay.recommended]]."


def plan_and_titles():
    inputs = load_inputs(
        TRANSVIA / "context.yaml", TRANSVIA / "goals.yaml", [TRANSVIA / "backlog.csv"],
        [TRANSVIA / "audit.csv"],
    )  # fmt: skip
    plan = build_plan(
        inputs.context, inputs.goals, inputs.backlog, inputs.findings, start=dt.date(2026, 11, 23)
    )
    return plan, {g.id: g.title_in("en") for g in inputs.goals}


def test_grounded_summary_replaces_the_template_summary_with_computed_numbers() -> None:
    plan, titles = plan_and_titles()
    text = render_plan(
        plan, "md", language="en", audience="comex", goal_titles=titles, client=fake_client(GOOD)
    )
    summary = text.split("## Executive summary")[1].split("## ")[0]
    assert "The recommended order costs EUR 91,062 of delay against EUR 110,996" in summary
    html = render_plan(
        plan, "html", language="en", audience="comex", goal_titles=titles, client=fake_client(GOOD)
    )
    assert 'data-figure="roadmap.total_cost_of_delay.recommended"' in html


def test_invented_numbers_are_reasked_then_the_template_summary_is_kept() -> None:
    plan, titles = plan_and_titles()
    offline = render_plan(plan, "md", language="en", audience="comex", goal_titles=titles)
    text = render_plan(
        plan, "md", language="en", audience="comex", goal_titles=titles,
        client=fake_client(INVENTED, INVENTED),
    )  # fmt: skip
    assert "1,000,000" not in text
    assert text.startswith(offline.rstrip())
    assert "standard text used" in text
