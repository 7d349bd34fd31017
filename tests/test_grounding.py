"""The grounding check: only computed numbers, no denied slip, nothing important left out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.facts.provenance import Figure
from assistant.narration.claims import find_claims
from assistant.narration.grounding import MAX_WORDS, check_narrative


def fig(figure_id: str, value: float | str, unit: str) -> Figure:
    return Figure(id=figure_id, label=figure_id, value=value, unit=unit, formula="test")


FIGURES = {
    f.id: f
    for f in (
        fig("goal.G1.shift_weeks", 6, "weeks"),
        fig("goal.G1.cost_of_delay", 150_000, "EUR"),
        fig("goal.G1.cost_of_delay_per_week", 25_000, "EUR"),
        fig("goal.G1.deadline", "2027-03-01", "date"),
        fig("goal.G1.new_date", "2027-04-12", "date"),
        fig("impact.MIG-100.delay_weeks", 1.5, "weeks"),
        fig("impact.MIG-100.stated_delay", 3, "sprints"),
        fig("impact.MIG-100.extra_cost", 120_000, "EUR"),
        fig("team.Platform.weekly_burn", 20_000, "EUR"),
        fig("risk.sec.effort_days", 12, "days"),
        fig("total.cost", 270_000, "EUR"),
    )
}
TITLE = {"fr": "Lancement du paiement instantané", "en": "Instant payment launch"}
OTHER = {"fr": "Certification ISO 27001", "en": "ISO 27001 certification"}
HEAD = {
    "fr": f"**{TITLE['fr']} : glissement ; surcoût total 270 000 EUR.** Pour la direction, ",
    "en": f"**{TITLE['en']} slips; total extra cost EUR 270,000.** For the board, ",
}


def check(text: str, language: str = "fr", **overrides):
    options = dict(
        figures=FIGURES,
        language=language,
        shifted_goal_titles=[TITLE[language]],
        untouched_goal_titles=[OTHER[language]],
        total_figure_id="total.cost",
        required_risks=[],
        allowed_names=["MIG-100", "Migration de la base vers PostgreSQL 16", "Platform"],
        audience="comex",
    )
    return check_narrative(text, **(options | overrides))


def kinds(report) -> set[str]:
    return {p.kind for p in report.problems}


@pytest.mark.parametrize(
    "phrase",
    [
        "le total est de 270 000 €",
        "le surcoût atteint 120 000 EUR",
        "soit €120k de livraison",
        "soit 120 k€",
        "soit EUR 120k",
        "au total 0,27 M€",
        "un retard de 1,5 semaine",
        "une équipe qui coûte 20 000 EUR par semaine",
        "un glissement de six semaines",
        "la migration a 3 sprints de retard",
        "nouvelle date le 12 avril 2027 au lieu du 1er mars 2027",
        "nouvelle date 2027-04-12, soit le 12/04/2027",
        "livraison en avril 2027, au T2 2027, en 2027",
        "entre 120 000 et 150 000 EUR",
        "de 1,5 à 6 semaines",
        "12 jours de correction",
        "« Migration de la base vers PostgreSQL 16 » (MIG-100, G1)",
        "la Certification ISO 27001 reste dans les temps",
        f"{TITLE['fr']} n'est plus dans les temps",
        "les règles de la CP 218 sont plus complexes que prévu",  # a reference, not a figure
    ],
)
def test_french_text_with_computed_figures_passes(phrase: str) -> None:
    report = check(HEAD["fr"] + phrase + ".")
    assert report.ok, report.problems


@pytest.mark.parametrize(
    "phrase",
    [
        "total extra cost EUR 270,000 and €120k of delivery",
        "a cost of delay of EUR 150,000 (EUR 25,000 per week)",
        "the launch moves six weeks, to April 12, 2027 instead of March 1st, 2027",
        "a 1.5 weeks slip on the migration, 3 sprints",
        "new date 12 April 2027",
        "EUR 120,000-150,000 at stake",
        f"1. Reinforce team Platform.\n2. The {OTHER['en']} is on track.",
    ],
)
def test_english_text_with_computed_figures_passes(phrase: str) -> None:
    report = check(HEAD["en"] + phrase + ".", "en")
    assert report.ok, report.problems


@pytest.mark.parametrize(
    ("phrase", "language"),
    [
        ("un surcoût de 125 000 EUR", "fr"),
        ("un surcoût de 120 000 USD", "fr"),
        ("un surcoût de 12 000 EUR", "fr"),
        ("un surcoût de EUR 12 000", "fr"),  # a currency code is no reference
        ("un surcoût de 1,2 M€", "fr"),
        ("un surcoût de 120 M€", "fr"),
        ("un glissement de 6 mois", "fr"),
        ("un glissement de 6 jours", "fr"),
        ("un glissement de 7 semaines", "fr"),
        ("un glissement de sept semaines", "fr"),
        ("40 % du budget", "fr"),
        ("nouvelle date le 13 avril 2027", "fr"),
        ("nouvelle date le 12 mai 2027", "fr"),
        ("nouvelle date au T3 2027", "fr"),
        ("le coût est de 0 EUR", "fr"),
        ("a cost of EUR 210,000", "en"),
        ("a cost of €1.2m", "en"),
        ("a slip of 1.6 weeks", "en"),
        ("new date 2028-04-12", "en"),
        ("new date April 21, 2027", "en"),
        ("a 2 years delay", "en"),
    ],
)
def test_number_that_matches_no_figure_is_ungrounded(phrase: str, language: str) -> None:
    report = check(HEAD[language] + phrase + ".", language)
    assert "ungrounded_number" in kinds(report), report.problems


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (f"{TITLE['fr']} est dans les temps.", "fr"),
        (f"{TITLE['fr']} : aucun retard à signaler.", "fr"),
        (f"{TITLE['fr']} se fera sans retard.", "fr"),
        (f"The {TITLE['en']} is on track.", "en"),
        (f"No delay for the {TITLE['en']}.", "en"),
        (f"The {TITLE['en']} will not slip.", "en"),
    ],
)
def test_shifted_goal_called_on_time_is_a_contradiction(text: str, language: str) -> None:
    report = check(HEAD[language] + text, language)
    assert "contradiction" in kinds(report), report.problems


def test_slip_on_one_goal_and_on_time_on_another_is_no_contradiction() -> None:
    text = HEAD["en"] + f"the {TITLE['en']} slips, while the {OTHER['en']} is on track."
    assert check(text, "en").ok


def test_left_out_goal_total_and_risk_are_reported() -> None:
    report = check(
        "**Un glissement de 6 semaines.**",
        required_risks=["12 failles de sécurité dans les paiements (3 critiques, 9 élevées)"],
    )
    assert {"missing_goal", "missing_total", "missing_risk"} <= kinds(report)


def test_risk_mentioned_in_other_words_counts() -> None:
    text = HEAD["fr"] + "les failles de sécurité des paiements demandent 12 jours."
    report = check(text, required_risks=["12 failles de sécurité dans les paiements"])
    assert report.ok, report.problems


def test_wrong_language_is_reported() -> None:
    text = HEAD["fr"] + "the team is late and the board has to decide what to do with the plan."
    assert "wrong_language" in kinds(check(text))


def test_too_long_for_the_audience_is_reported() -> None:
    text = HEAD["fr"] + "mot " * MAX_WORDS["comex"]
    assert "too_long" in kinds(check(text))
    assert check(text, audience="engineering").ok
    assert check(text, max_words=0).ok  # e.g. text the template narrator wrote


def test_placeholder_left_in_the_text_is_an_unknown_figure() -> None:
    assert "unknown_figure" in kinds(check(HEAD["fr"] + "le coût [[goal.G9.cost]]."))


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_number_reader_never_raises(text: str) -> None:
    find_claims(text, "fr", ["PAY-201"])
    find_claims(text, "en")
    check(text)


SOUP = "120 000|€|EUR|k|M€|1,5|1.5| |semaines|weeks|12|avril|2027|-|/|%|1er|Q2|PAY-|à|,|.|six"


@given(st.lists(st.sampled_from([*SOUP.split("|"), "\n", "\u202f"]), max_size=30))
@settings(max_examples=300, deadline=None)
def test_number_reader_never_raises_on_number_like_soup(parts: list[str]) -> None:
    text = "".join(parts)
    for claim in find_claims(text, "fr"):
        assert claim.text and claim.start >= 0
