"""One picture of the world (issue 13, item 1): a workspace's roadmap plans in the world its
latest reading reports. Staffing news change a team's capacity from their date (with the
quote, in people-weeks, in the headline), conditional risks are priced as scenarios that never
enter the totals, and the current plan lands the goals the brief moved on the dates it
announced, every option compared with it and any remaining difference given its reason."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from assistant.domain import Backlog, BacklogItem, Context, Goal, Source, Team
from assistant.narration.formatting import format_date, format_money
from assistant.roadmap.models import Baseline
from assistant.roadmap.plan import build_plan
from tests.conftest import SEED, TRANSVIA, ok
from tests.test_roadmap_trust import ENGLISH, FRENCH

DAY = "2026-11-20"
SEED_FILES = ("context.yaml", "goals.yaml", "backlog.csv")


def workspace(name: str, status: str, tmp: Path, *, lang: str = "fr", goals: Path | None = None,
              folder: Path = SEED, files: tuple[str, ...] = SEED_FILES, day: str = DAY) -> tuple[dict, str]:  # fmt: skip
    """A workspace briefed with `status`; its roadmap as JSON and as Markdown."""
    ok("init", name)
    inputs = [str(folder / f) for f in files if not (goals and f == "goals.yaml")]
    ok("ingest", name, "--no-embed", *inputs, *([str(goals)] if goals else []))
    path = tmp / f"{name}.txt"
    path.write_text(status, encoding="utf-8")
    ok("brief", name, "--status", str(path), "--as-of", day, "--format", "json")
    plan = json.loads(ok("roadmap", name, "--start", day, "--format", "json", "--lang", lang))
    return plan, ok("roadmap", name, "--start", day, "--lang", lang)


def seed_status(lang: str, *extra: str) -> str:
    return "\n".join([(SEED / f"status.{lang}.txt").read_text(encoding="utf-8").strip(), *extra])


def package_of(plan: dict, item: str) -> dict:
    return next(p for p in plan["packages"] if item == p["id"] or item in p["items"])


def entry(plan: dict, package: str) -> dict:
    return next(s for s in plan["schedule"] if s["package"] == package)


def test_staffing_news_change_capacity_from_their_date_with_the_quote(
    home: Path, tmp_path: Path
) -> None:
    leave = "Deux développeurs de l'équipe Platform partent le 1er décembre."
    maternity = "Marie en congé maternité à partir de mars."
    before, _ = workspace("ref", seed_status("fr"), tmp_path)
    plan, text = workspace("staff", seed_status("fr", leave, maternity), tmp_path)

    changes = {c["quote"]: c for c in plan["staffing"]}
    assert changes[leave] | {"claim": ""} == {
        "claim": "", "quote": leave, "team": "Platform", "people": -2.0,
        "from_date": "2026-12-01", "until_date": None, "team_named": True,
        "people_weeks": round(-2 * (26 - 11 / 7), 1),
    }  # fmt: skip
    # no team named: the largest team (Platform, 5 people), said in a warning
    assert changes[maternity]["team"] == "Platform" and not changes[maternity]["team_named"]
    assert changes[maternity]["from_date"] == "2027-03-01"
    assert changes[maternity]["people"] == -1.0

    # the backlog order, the plan the brief priced, now lands later than it announced
    naive = next(o for o in plan["options"] if o["id"] == "naive")
    current = next(o for o in plan["options"] if o["id"] == "current")
    assert current["goal_dates"]["G1"] == "2027-04-12"  # the brief's date
    assert naive["goal_dates"]["G1"] > current["goal_dates"]["G1"]
    assert next(o for o in before["options"] if o["id"] == "naive")["goal_dates"]["G1"] \
        == "2027-04-12"  # fmt: skip

    # the headline says it, with the figures; the body quotes the status
    headline = text.split("## Synthèse")[0]
    assert "**Effectifs annoncés : −2 personnes dans l'équipe Platform à partir du 1er décembre " \
           "2026 ; −1 personne dans l'équipe Platform à partir du 1er mars 2027" in headline  # fmt: skip
    added = plan["staffing_cost_of_delay"]
    assert added > 0
    assert f"{format_money(added, 'EUR', 'fr')} de coût du retard en plus" in headline
    assert f"« {leave} »" in text and f"« {maternity} »" in text
    world = headline + text.split("## Effectifs et scénarios")[1].split("## ")[0]
    assert [w for w in ENGLISH if w.lower() in world.lower()] == []  # one language
    assert "ne nomme pas d'équipe : le changement est appliqué à l'équipe Platform" in text
    chosen = plan["recommended_option"]
    totals = {o["id"]: o["total"] for o in plan["options"]}
    assert totals[chosen] > {o["id"]: o["total"] for o in before["options"]}[chosen]
    assert plan["grounding"]["ok"], plan["grounding"]


def test_a_team_works_at_the_pace_of_its_people_from_the_date_they_leave() -> None:
    """One team of 2, 100 person-days (10 weeks); one leaves after 4 weeks: the other 6 weeks
    of work take 12."""
    start = dt.date(2027, 1, 4)
    context = Context(company="Acme", teams=(Team(name="A", people=2, day_rate=500),))
    backlog = Backlog(items={"K-1": BacklogItem(key="K-1", title="work", team="A",
                                                estimate_days=100, source=Source(file="b.csv"))})  # fmt: skip
    goal = Goal(id="G1", title="goal", cost_of_delay_per_week=1000, depends_on=("K-1",))
    leave = {"id": "c1", "quote": "Un développeur de l'équipe A part le 1er février 2027.",
             "kind": "news", "news": "staffing", "reader": "rules"}  # fmt: skip
    baseline = Baseline(run_id="r1", claims=[leave])
    plan = build_plan(context, [goal], backlog, start=start, horizon_weeks=26, baseline=baseline)
    [change] = plan.staffing
    assert (change.team, change.people, change.from_date) == ("A", -1.0, dt.date(2027, 2, 1))
    assert change.people_weeks == -22.0
    [entry] = plan.schedule
    assert entry.finish_week == pytest.approx(4 + 6 * 2)
    alone = build_plan(context, [goal], backlog, start=start, horizon_weeks=26,
                       baseline=Baseline(run_id="r1"))  # fmt: skip
    assert alone.schedule[0].finish_week == pytest.approx(10)
    assert plan.staffing_cost_of_delay == pytest.approx(1000 * 6)


def test_a_leave_with_an_end_date_slows_the_team_only_meanwhile() -> None:
    """2 people, 10 weeks of work; one away from week 4 to week 8: 4 + 2 + 4 = week 12."""
    start = dt.date(2027, 1, 4)
    context = Context(company="Acme", teams=(Team(name="A", people=2, day_rate=500),))
    backlog = Backlog(items={"K-1": BacklogItem(key="K-1", title="work", team="A",
                                                estimate_days=100, source=Source(file="b.csv"))})  # fmt: skip
    leave = {"id": "c1", "kind": "not_a_slip", "reader": "rules",
             "quote": "Léa (équipe A) est en congé du 1er février au 1er mars 2027."}  # fmt: skip
    plan = build_plan(
        context, [], backlog, start=start, baseline=Baseline(run_id="r", claims=[leave])
    )
    [change] = plan.staffing
    assert (change.from_date, change.until_date) == (dt.date(2027, 2, 1), dt.date(2027, 3, 1))
    assert change.people_weeks == -4.0
    assert plan.schedule[0].finish_week == pytest.approx(12)


def test_a_contractor_joining_in_english_adds_capacity_from_the_first_of_the_month(
    home: Path, tmp_path: Path
) -> None:
    joins = "A contractor joins team Payments in February for 12 weeks."
    plan, text = workspace("en", seed_status("en", joins), tmp_path, lang="en")
    [change] = plan["staffing"]
    assert (change["team"], change["people"], change["from_date"], change["until_date"]) == (
        "Payments", 1.0, "2027-02-01", "2027-04-26")  # fmt: skip
    assert change["people_weeks"] == 12.0
    assert "**Staffing reported: +1 person in team Payments from 1 February 2027 until 26 " \
           "April 2027" in text  # fmt: skip
    assert f"1 person joining team Payments from 1 February 2027 until 26 April 2027 (“{joins}”)" \
        in text  # fmt: skip
    world = text.split("## Executive summary")[0] + text.split("## Staffing and scenarios")[1]
    world = world.split("## ")[0]
    assert [w for w in FRENCH if w.lower() in world.lower()] == []  # one language
    assert plan["grounding"]["ok"], plan["grounding"]


def test_a_conditional_risk_is_a_priced_scenario_never_in_the_totals(
    home: Path, tmp_path: Path
) -> None:
    risk = (
        "Si le prestataire ne livre pas l'API avant le 15 janvier, la migration glisse d'un mois."
    )
    before, _ = workspace("ref", seed_status("fr"), tmp_path)
    plan, text = workspace("risk", seed_status("fr", risk), tmp_path)

    totals = {o["id"]: (o["cost"], o["cost_of_delay"], o["total"]) for o in plan["options"]}
    assert totals == {o["id"]: (o["cost"], o["cost_of_delay"], o["total"])
                      for o in before["options"]}  # fmt: skip
    [scenario] = plan["scenarios"]
    assert scenario["item"] == "MIG-100" and scenario["weeks"] == pytest.approx(52 / 12)
    assert scenario["package"] == package_of(plan, "MIG-100")["id"]
    platform = 5 * 800 * 5  # people × day rate × days a week (context.yaml)
    assert scenario["extra_cost"] == round(platform * 52 / 12)
    assert scenario["cost_of_delay"] > 0
    assert scenario["cost_if"] == scenario["extra_cost"] + scenario["cost_of_delay"]
    planned = {m["goal"]: m["planned"] for m in plan["milestones"]}
    assert scenario["goal_dates"]["G1"] > planned["G1"]

    section = text.split("## Effectifs et scénarios")[1].split("## ")[0]
    assert "Scénario, hors totaux : « la migration glisse d'un mois »" in section
    assert f"s'il se produit, {format_money(scenario['cost_if'], 'EUR', 'fr')}" in section
    assert format_date(scenario["goal_dates"]["G1"], "fr") in section
    assert plan["grounding"]["ok"], plan["grounding"]


CASES = {
    "seed": (SEED, SEED_FILES, DAY),
    "transvia": (TRANSVIA, ("context.yaml", "goals.yaml", "backlog.csv", "audit.csv"),
                 "2026-11-23"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_plan_lands_moved_goals_on_the_announced_dates_and_says_why_capacity_differs(
    case: str, home: Path, tmp_path: Path
) -> None:
    folder, files, day = CASES[case]
    status = (folder / "status.fr.txt").read_text(encoding="utf-8")
    ok("init", "first")  # the brief's own announcement, to compare with
    ok("ingest", "first", "--no-embed", *(str(folder / f) for f in files))
    path = tmp_path / "status.txt"
    path.write_text(status, encoding="utf-8")
    brief = json.loads(ok("brief", "first", "--status", str(path), "--as-of", day,
                          "--format", "json"))  # fmt: skip
    moved = {g["goal"]: g["new_date"] for g in brief["goals"] if g["shift_weeks"] > 0}
    plan = json.loads(ok("roadmap", "first", "--start", day, "--format", "json"))
    text = ok("roadmap", "first", "--start", day)

    options = {o["id"]: o for o in plan["options"]}
    stones = {m["goal"]: m for m in plan["milestones"]}
    # backlog order is the plan the team follows: on the announced plan, it lands on the dates
    assert {g: options["naive"]["goal_dates"][g] for g in moved} == moved
    assert {g: options["current"]["goal_dates"][g] for g in moved} == moved
    chosen = options[plan["recommended_option"]]
    for goal, date in moved.items():
        assert stones[goal]["announced"] == date
        assert stones[goal]["planned"] == chosen["goal_dates"][goal]
        assert stones[goal]["capacity"] < date  # the backlog alone finishes earlier
        capacity = plan["figures"][f"roadmap.goal.{goal}.capacity"]["value"]
        assert f"la capacité seule finirait son travail le {format_date(capacity, 'fr')}" in text
        title = next(m["title"] for m in plan["milestones"] if m["goal"] == goal)
        assert f"« {title} » : la capacité seule" not in text.split("## Avertissements")[-1] \
            or "## Avertissements" not in text  # the reason is on the goal's line  # fmt: skip
    section = text.split("## Options pour le comité")[1].split("## ")[0]
    for line in section.splitlines():
        if line.startswith("- **") and "(référence)" not in line:
            assert "que le plan actuel" in line, line


def test_capacity_later_than_announced_is_said_on_the_goals_line(
    home: Path, tmp_path: Path
) -> None:
    goals = yaml.safe_load((SEED / "goals.yaml").read_text(encoding="utf-8"))
    goals[0]["deadline"] = "2026-12-04"  # announced: 4 December + 6 weeks = 15 January 2027
    path = tmp_path / "goals.yaml"
    path.write_text(yaml.safe_dump(goals, allow_unicode=True), encoding="utf-8")
    plan, text = workspace("late", seed_status("fr"), tmp_path, goals=path)

    stone = next(m for m in plan["milestones"] if m["goal"] == "G1")
    assert stone["announced"] == "2027-01-15"
    current = next(o for o in plan["options"] if o["id"] == "current")
    assert current["goal_dates"]["G1"] == "2027-01-15"  # what the committee was told
    capacity = plan["figures"]["roadmap.goal.G1.capacity"]["value"]
    naive = next(o for o in plan["options"] if o["id"] == "naive")
    assert capacity > "2027-01-15" and naive["goal_dates"]["G1"] == capacity  # not promised
    weeks = plan["figures"]["roadmap.goal.G1.announced_gap"]["value"]
    assert weeks >= 1
    line = next(x for x in text.splitlines() if "la capacité le met" in x)
    plural = "s" if weeks >= 2 else ""
    assert line == (f"  - « Lancement du paiement instantané » : la capacité le met {weeks:g} "
                    f"semaine{plural} plus tard que la date annoncée (15 janvier 2027).")  # fmt: skip
    assert plan["grounding"]["ok"], plan["grounding"]


def test_a_team_named_like_a_quarter_is_not_read_as_the_date() -> None:
    start = dt.date(2027, 1, 4)
    context = Context(company="Acme", teams=(Team(name="T1", people=4, day_rate=500),
                                             Team(name="T2", people=2, day_rate=500)))  # fmt: skip
    backlog = Backlog(items={"K-1": BacklogItem(key="K-1", title="work", team="T1",
                                                estimate_days=40, source=Source(file="b.csv"))})  # fmt: skip
    claim = {"id": "c1", "kind": "news", "news": "staffing", "reader": "rules",
             "quote": "Deux développeurs de l'équipe T1 partent fin février."}  # fmt: skip
    plan = build_plan(
        context, [], backlog, start=start, baseline=Baseline(run_id="r", claims=[claim])
    )
    assert [(c.team, c.people, c.from_date) for c in plan.staffing] == [
        ("T1", -2.0, dt.date(2027, 2, 28))
    ]


def test_the_reading_the_cto_confirmed_is_the_world_the_roadmap_plans_in(
    home: Path, tmp_path: Path
) -> None:
    """The bundled example's reader finds no item for "la migration glisse d'un mois"; the CTO
    ties it to the WMS API in the reading file and marks a departure the rules kept as news:
    the roadmap prices the scenario and applies the departure."""
    risk = "Si le fournisseur ne livre pas son format avant le 15 janvier, la migration glisse d'un mois."
    leave = "Deux développeurs de l'équipe Platform partent fin janvier."
    status = tmp_path / "status.txt"
    status.write_text("\n".join([(TRANSVIA / "status.fr.txt").read_text(encoding="utf-8"),
                                 risk, leave]), encoding="utf-8")  # fmt: skip
    ok("init", "tv")
    ok("ingest", "tv", "--no-embed", *(str(TRANSVIA / f) for f in CASES["transvia"][1]))
    reading = tmp_path / "reading.yaml"
    day = "2026-11-23"
    ok("read", "tv", "--status", str(status), "--as-of", day, "--out", str(reading))
    data = yaml.safe_load(reading.read_text(encoding="utf-8"))
    claims = {c["quote"]: c for c in data["claims"]}
    mine = claims["la migration glisse d'un mois"]
    assert mine["kind"] == "risk" and mine["item"] is None  # the rules found no item
    mine["item"] = "PLT-10"
    claims[leave]["kind"] = "not_a_slip"  # the CTO: not news for the roadmap
    reading.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    ok("brief", "tv", "--status", str(status), "--as-of", day, "--reading", str(reading))
    plan = json.loads(ok("roadmap", "tv", "--start", day, "--format", "json"))
    [scenario] = plan["scenarios"]
    assert scenario["item"] == "PLT-10" and scenario["cost_if"] > 0
    assert plan["staffing"] == []  # the CTO's not_a_slip is respected


def test_the_french_page_explains_staffing_and_scenarios_in_french(
    home: Path, tmp_path: Path
) -> None:
    import html
    import re

    extra = ("Deux développeurs de l'équipe Platform partent le 1er décembre.",
             "Si le prestataire ne livre pas l'API avant le 15 janvier, la migration glisse "
             "d'un mois.")  # fmt: skip
    workspace("page", seed_status("fr", *extra), tmp_path)
    out = tmp_path / "roadmap.html"
    ok("roadmap", "page", "--start", DAY, "--format", "html", "--out", str(out))
    page = out.read_text(encoding="utf-8")
    tips = [html.unescape(t) for t in re.findall(r'title="([^"]*)"', page)]
    assert any("tel que lu dans le point d'avancement" in t for t in tips)
    words = (*ENGLISH, "as read", "people", "with the", "horizon's", "more weeks", "team ")
    assert [t for t in tips if any(w.lower() in t.lower() for w in words)] == []
    assert "<h2>Effectifs et scénarios</h2>" in page


def test_the_deck_has_a_staffing_and_scenarios_slide_with_its_provenance(
    home: Path, tmp_path: Path
) -> None:
    from pptx import Presentation

    leave = "Deux développeurs de l'équipe Platform partent le 1er décembre."
    risk = (
        "Si le prestataire ne livre pas l'API avant le 15 janvier, la migration glisse d'un mois."
    )
    workspace("deck", seed_status("fr", leave, risk), tmp_path)
    out = tmp_path / "deck.pptx"
    ok("roadmap", "deck", "--start", DAY, "--format", "pptx", "--out", str(out))
    slides = Presentation(str(out)).slides
    titled = {
        next(s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text):
        slide for slide in slides
    }  # fmt: skip
    slide = titled["Effectifs et scénarios"]
    text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert f"« {leave} »" in text and "Scénario, hors totaux" in text
    notes = slide.notes_slide.notes_text_frame.text
    assert "[roadmap.staffing.c2.people_weeks]" in notes and "cost_if]" in notes
    summary = "\n".join(s.text_frame.text for s in titled["Synthèse"].shapes if s.has_text_frame)
    assert "Effectifs annoncés : −2 personnes dans l'équipe Platform" in summary


@pytest.mark.parametrize(
    ("quote", "begin"),
    [
        ("Two developers may leave the Platform team in June.", "2027-06-01"),  # a modal
        ("Two developers leave the Platform team in May.", "2027-05-01"),
        ("Two developers leave the Platform team May 2027.", "2027-05-01"),
        ("Two developers leave the Platform team from mid-May.", "2027-05-15"),
    ],
)
def test_the_english_may_is_a_month_only_after_a_lead_word_or_before_a_year(quote, begin):
    from assistant.roadmap.world import ClaimView, staffing_changes

    context = Context(
        company="X", language="en", teams=(Team(name="Platform", people=6, day_rate=800),)
    )
    claim = ClaimView(id="c1", quote=quote, kind="news", news="staffing")
    changes, _ = staffing_changes([claim], context, Backlog(items={}), start=dt.date(2027, 1, 4))
    assert [(c.people, str(c.from_date), c.until_date) for c in changes] == [(-2.0, begin, None)]
