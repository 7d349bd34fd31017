"""A roadmap a committee can trust: the recommendation is the cheapest of what is shown, the
figures add up on screen, forecasts claim only the confidence they have, one language and one
audience per output, and tables that render as tables."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from assistant.domain import Backlog, BacklogItem, Context, Goal, Source, Team
from assistant.narration.formatting import format_money
from assistant.roadmap.plan import build_plan
from assistant.roadmap.render import render_plan
from tests.conftest import TRANSVIA, run_cli

START = dt.date(2027, 1, 4)


def transvia(*extra: str) -> str:
    result = run_cli(
        "roadmap", "--context", str(TRANSVIA / "context.yaml"),
        "--goals", str(TRANSVIA / "goals.yaml"), "--backlog", str(TRANSVIA / "backlog.csv"),
        "--findings", str(TRANSVIA / "audit.csv"), "--start", "2026-11-23", *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stdout


@st.composite
def backlogs(draw):  # type: ignore[no-untyped-def]
    n = draw(st.integers(2, 7))
    items = {}
    for i in range(n):
        blockers = draw(st.lists(st.integers(0, max(i - 1, 0)), max_size=2)) if i else []
        due = draw(st.none() | st.integers(1, 12))
        items[f"K-{i}"] = BacklogItem(
            key=f"K-{i}", title=f"item {i}", team=draw(st.sampled_from(["A", "B"])),
            estimate_days=draw(st.integers(1, 40)), source=Source(file="b.csv"),
            blocked_by=tuple(sorted({f"K-{b}" for b in blockers})),
            due=START + dt.timedelta(weeks=due) if due else None,
        )  # fmt: skip
    goals = [
        Goal(id=f"G{g}", title=f"goal {g}", cost_of_delay_per_week=draw(st.integers(0, 20)) * 1000,
             deadline=START + dt.timedelta(weeks=draw(st.integers(1, 30))),
             depends_on=(f"K-{draw(st.integers(0, n - 1))}",))
        for g in range(draw(st.integers(1, 3)))
    ]  # fmt: skip
    people = draw(st.integers(1, 4))
    context = Context(company="Acme", teams=(Team(name="A", people=people, day_rate=600),
                                             Team(name="B", people=1, day_rate=400)))  # fmt: skip
    horizon = draw(st.integers(2, 30))
    return context, goals, Backlog(items=items), horizon


@settings(max_examples=40, deadline=None)
@given(backlogs())
def test_the_recommendation_never_costs_more_than_an_option_shown(case) -> None:
    context, goals, backlog, horizon = case
    plan = build_plan(context, goals, backlog, start=START, horizon_weeks=horizon)
    ranked = [o for o in plan.options if o.comparable]
    (best,) = [o for o in plan.options if o.recommended]
    assert best.comparable and plan.recommended_option == best.id
    assert all(best.total <= o.total for o in ranked)
    assert all(o.total == o.cost + o.cost_of_delay for o in plan.options)
    assert abs(plan.recommended_cost_of_delay - best.cost_of_delay) <= 0.5  # the plan is it
    headline = render_plan(plan, "md", language="fr", audience="comex").split("\n## ")[0]
    (line,) = [x for x in headline.splitlines() if x.startswith("**Recommandé")]
    shown = amounts(line)  # recommended[, backlog order[, saved]]
    assert shown and all(shown[0] <= o.total for o in ranked)
    if len(shown) >= 2 and shown[0] > shown[1]:  # cheaper backlog order: not comparable, said
        assert "qui manque une échéance fixe" in line
        assert not next(o for o in plan.options if o.id == "naive").comparable
    if len(shown) == 3:
        assert shown[2] == shown[1] - shown[0]
    for o in ranked:
        if o is not best and o.total == best.total:
            assert o.id in best.equal_to and "Equal to" in best.reason["en"]
    if plan.capacity_gap is not None:
        text = render_plan(plan, "md", language="en", audience="comex")
        assert text.splitlines()[2].startswith("**Capacity falls short")
        assert "person-weeks" in text.splitlines()[2]


def test_equal_options_are_said_equal_and_why() -> None:
    text = transvia()
    assert "contre 91 062 EUR pour la meilleure autre option" not in text
    assert "Équivalent à Ordre WSJF" in text and "la même séquence de travail" in text


def test_cutting_scope_is_shown_apart_never_ranked() -> None:
    text = transvia("--lang", "en")
    options, apart = text.split("## Options for the committee")[1].split("Not ranked (value")
    assert "Cut scope" not in options and "Cut scope" in apart.split("## Risks")[0]


def test_a_capacity_gap_is_in_the_headline_with_a_priced_option() -> None:
    backlog = Backlog(items={f"K-{i}": BacklogItem(key=f"K-{i}", title=f"work {i}", team="A",
                                                  estimate_days=50, source=Source(file="b"))
                             for i in range(4)})  # fmt: skip
    goals = [Goal(id="G", title="Launch", cost_of_delay_per_week=50000,
                  deadline=START + dt.timedelta(weeks=8), depends_on=("K-0", "K-3"))]  # fmt: skip
    context = Context(company="Acme", teams=(Team(name="A", people=2, day_rate=500),))
    plan = build_plan(context, goals, backlog, start=START, horizon_weeks=26)
    assert plan.capacity_gap is not None and plan.capacity_gap.people_weeks > 0
    text = render_plan(plan, "md", language="fr", audience="comex")
    headline = text.splitlines()[2]
    assert headline.startswith("**La capacité ne suffit pas") and "personnes-semaines" in headline
    capacity = next(o for o in plan.options if o.id == "capacity")
    assert capacity.cost > 0 and capacity.goal_dates["G"] <= goals[0].deadline


def amounts(text: str) -> list[int]:
    return [
        int(m.replace(" ", "").replace("\u202f", "")) for m in re.findall(r"(\d[\d ]*) EUR", text)
    ]


def test_the_saving_shown_is_the_difference_of_the_totals_shown() -> None:
    headline = transvia().splitlines()[2]
    recommended, naive, saved = amounts(headline)
    assert saved == naive - recommended
    english = transvia("--lang", "en").splitlines()[2]
    assert format_money(saved, "EUR", "en") in english


def test_too_little_history_gives_plan_dates_and_no_percentage() -> None:
    text = transvia()
    assert "85 %" not in text and "P85" not in text
    assert "historique insuffisant (1 élément terminé sur 1 semaine" in text
    assert "only 1 completed" not in text


def test_enough_history_gives_p50_p85_p95_and_what_they_rest_on() -> None:
    from tests.test_roadmap_outputs import make_plan

    text = render_plan(make_plan(), "md", language="fr", audience="comex")
    assert "P50 22 mars 2027, P85 5 avril 2027, P95 19 avril 2027" in text
    assert "d'après 80 éléments terminés sur 20 semaines" in text


ENGLISH = ("security vulnerability", "reliability defect", "maintainability issue", "severity",
           "no expected loss", "assumed", "unassigned", "capacity plan", "completed items",
           "per day", "weeks", "backlog order", "deadline", "planned", "Recommended",
           "cost of delay")  # fmt: skip
FRENCH = ("faille", "défaut de fiabilité", "semaines", "échéance", "prévu", "coût du retard",
          "ordre du backlog", "par jour", "Recommandé", "Hypothèses", "risque")  # fmt: skip


def test_each_output_speaks_one_language() -> None:
    french = transvia()
    found = [w for w in ENGLISH if w.lower() in french.lower()]
    assert found == [], found
    english = transvia("--lang", "en")
    found = [w for w in FRENCH if w.lower() in _without_client_text(english).lower()]
    assert found == [], found


def test_the_french_page_tooltips_and_charts_are_french(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "roadmap.html"
    transvia("--format", "html", "--out", str(out))
    page = out.read_text(encoding="utf-8")
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    page = re.sub(r'(data-figure|id|class|href|clip-path|style|transform|d)="[^"]*"', "", page)
    found = [w for w in ENGLISH if w.lower() in page.lower()]
    assert found == [], found
    assert "Σ coût du retard par semaine × semaine de fin" in page  # a tooltip, in French
    assert page.count("<table>") == len(tables(transvia()))  # every table renders as one
    assert "|---" not in page


def test_the_french_deck_is_french(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pptx import Presentation

    out = tmp_path / "deck.pptx"
    transvia("--format", "pptx", "--out", str(out))
    shown = []
    for slide in Presentation(str(out)).slides:
        shown.append(slide.notes_slide.notes_text_frame.text.split("\n")[0])
        for shape in slide.shapes:
            if shape.has_text_frame:
                shown.append(shape.text_frame.text)
            if shape.has_table:
                shown += [c.text for row in shape.table.rows for c in row.cells]
    text = "\n".join(shown).lower()
    assert [w for w in ENGLISH if w.lower() in text] == []


def _without_client_text(text: str) -> str:
    """English output minus the client's own French titles (backlog and audit)."""
    for line in (TRANSVIA / "backlog.csv").read_text(encoding="utf-8").splitlines()[1:]:
        text = text.replace(line.split(",")[1], "")
    for line in (TRANSVIA / "audit.csv").read_text(encoding="utf-8").splitlines()[1:]:
        text = text.replace(line.split(",")[1], "")
    return text


def test_a_risk_names_its_main_finding_in_the_output_language() -> None:
    text = transvia()
    assert (
        "Faille de sécurité critique dans Platform : Bibliothèque d'API WMS non maintenue" in text
    )
    assert "Critical security vulnerability in Platform: " in transvia("--lang", "en")


def test_comex_shows_titles_not_keys_engineering_keeps_them() -> None:
    comex = transvia()
    assert not re.search(r"\b(POR|BIL|SEC|WMS|PLT)-\d+", comex), comex
    assert "risk." not in comex
    assert "POR-1" in transvia("--audience", "engineering")


def test_plurals_and_currencies_are_right() -> None:
    text = transvia()
    assert "(s)" not in text
    assert "850 EUR par jour" in text


def tables(text: str):  # type: ignore[no-untyped-def]
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    out, row, current = [], None, None
    for token in tokens:
        if token.type == "table_open":
            current = []
        elif token.type == "tr_open":
            row = 0
        elif token.type in ("th_open", "td_open"):
            row += 1
        elif token.type == "tr_close":
            current.append(row)
        elif token.type == "table_close":
            out.append(current)
    return out


def test_every_markdown_table_renders_as_a_table_and_no_section_is_empty() -> None:
    for extra in ((), ("--lang", "en"), ("--audience", "engineering")):
        text = transvia(*extra)
        pipes = [line for line in text.splitlines() if line.startswith("|")]
        found = tables(text)
        assert sum(len(t) for t in found) == len(pipes) - len(found)  # all but separators
        for table in found:
            assert len(set(table)) == 1, table
        for line in pipes:
            if set(line) <= set("|-"):
                header = pipes[pipes.index(line) - 1]
                assert line.count("|") == header.count("|")
        assert not re.search(r"^## .+\n+## ", text, re.M)
        assert "(rien)" not in text and "(nothing)" not in text


def test_the_roadmap_is_grounded_like_a_brief_and_a_changed_figure_is_caught() -> None:
    import json

    from assistant.inputs import load_inputs
    from assistant.roadmap.render.figures import FigureBook
    from assistant.roadmap.service import make_plan
    from assistant.roadmap.verify import check_roadmap_text

    for extra in ((), ("--lang", "en", "--audience", "engineering")):
        data = json.loads(transvia("--format", "json", *extra))
        assert data["grounding"] == {"ok": True, "problems": []}
    i = load_inputs(TRANSVIA / "context.yaml", TRANSVIA / "goals.yaml",
                    [TRANSVIA / "backlog.csv"], [TRANSVIA / "audit.csv"])  # fmt: skip
    plan = make_plan(i, start=dt.date(2026, 11, 23), horizon_weeks=26, method="cd3")
    book = FigureBook(plan, "fr", {g.id: g.title_in("fr") for g in i.goals})
    from assistant.roadmap.render.markdown import roadmap_markdown

    text = roadmap_markdown(plan, book, audience="comex")
    assert check_roadmap_text(text, plan, book, audience="comex")["ok"]
    total = format_money(plan.options[0].total, "EUR", "fr")
    wrong = text.replace(total, format_money(plan.options[0].total + 1, "EUR", "fr"))
    problems = check_roadmap_text(wrong, plan, book, audience="comex")["problems"]
    assert {p["kind"] for p in problems} >= {"ungrounded_number"}


def test_every_roadmap_sentence_comes_from_the_phrase_files() -> None:
    """The roadmap's warnings, notes and current-plan words are phrases of
    prompts/phrases.<lang>.v1.yaml (one block per language, the same keys), not code."""
    from assistant.prompts import phrases
    from tests.conftest import ROOT

    fr, en = phrases("fr")["roadmap"], phrases("en")["roadmap"]
    assert set(fr) == set(en)
    source = "\n".join(p.read_text(encoding="utf-8")
                       for p in (ROOT / "assistant" / "roadmap").rglob("*.py"))  # fmt: skip
    assert set(re.findall(r'note\(\s*"(\w+)"', source)) <= set(fr)  # every note has words
    assert [key for key in fr if f'"{key}"' not in source] == []  # every phrase is used
    worded = "\n".join(p.read_text(encoding="utf-8") for p in (
        ROOT / "assistant" / "roadmap" / "notes.py", ROOT / "assistant" / "roadmap" / "render" /
        "view.py"))  # fmt: skip
    for text, code in [*((t, source) for t in fr.values()), *((t, worded) for t in en.values())]:
        for words in re.split(r"\{\{.*?\}\}|\{%.*?%\}", text):
            assert len(words) < 20 or words not in code, words
